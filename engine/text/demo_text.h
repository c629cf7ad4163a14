#pragma once
// The built-in demo's text side: the dataset "demo:reviews", generated in code and
// deterministic, and the word tokenizer of the demo model (engine/models/demo.h). No LibTorch.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace optibench::engine::demo {

inline constexpr const char *kDatasetName = "demo:reviews";

// Lower-cased whitespace/punctuation word splitting over the demo vocabulary, with BERT's
// special tokens: [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3. The demo decoder (engine/models/demo_decoder.h)
// reads the same ids with [CLS] as its BOS and [SEP] as its EOS.
class WordTokenizer {
public:
    WordTokenizer();
    // [CLS] words [SEP], truncated to maxLength (the [SEP] kept); maxLength >= 2. Also the
    // decoder's training sequence: BOS text EOS.
    std::vector<std::int64_t> encode(const std::string &text, int maxLength) const;
    // A decoder's prompt: [CLS] words without [SEP], so that generation continues the text;
    // truncated to maxLength when maxLength > 0 (then >= 1).
    std::vector<std::int64_t> encodePrompt(const std::string &text, int maxLength) const;
    // The words of the text, no special tokens.
    std::vector<std::int64_t> words(const std::string &text) const;
    // Readable text: words joined by spaces, "." and "," after the word before them, [PAD],
    // [CLS] and [SEP] dropped. Appending ids only appends text, so a stream can show it growing.
    std::string decode(const std::vector<std::int64_t> &ids) const;
    int vocabSize() const { return static_cast<int>(m_words.size()); }
    const std::string &word(std::int64_t id) const { return m_words.at(static_cast<size_t>(id)); }
    static constexpr std::int64_t kPad = 0, kUnk = 1, kCls = 2, kSep = 3;

private:
    std::vector<std::string> m_words;
    std::unordered_map<std::string, std::int64_t> m_ids;
};

const WordTokenizer &tokenizer();

struct TextExample {
    std::string text;
    int label = 0; // 0 negative, 1 positive
};

// "train" (4000 examples) or "eval" (1000); throws std::invalid_argument for other names.
// Lengths are long-tailed: most reviews are short, a few run to about 250 tokens.
std::vector<TextExample> reviews(const std::string &split);

} // namespace optibench::engine::demo
