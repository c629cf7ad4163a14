#pragma once
// BERT's WordPiece: the BasicTokenizer (clean text, CJK characters apart, lowercase and strip
// accents, split on whitespace and punctuation) followed by greedy longest-match-first word
// pieces with the "##" continuation prefix, as transformers' BertTokenizer does.
#include "engine/text/tokenizer.h"

namespace optibench::engine {

struct WordPieceOptions {
    bool lowercase = true;
    std::optional<bool> stripAccents; // unset: follows lowercase (BERT's default)
    bool tokenizeChineseChars = true;
    bool cleanText = true;
    std::string continuationPrefix = "##";
    int maxInputCharsPerWord = 100;
    std::string unkToken = "[UNK]", clsToken = "[CLS]", sepToken = "[SEP]", padToken = "[PAD]";
    bool addSpecialTokens = true; // [CLS] ... [SEP]
};

class WordPieceTokenizer : public Tokenizer {
public:
    // `vocab`: tokens in id order; `source` names the file in error messages.
    WordPieceTokenizer(std::vector<std::string> vocab, WordPieceOptions options, const std::string &source);
    // Reads vocab.txt (one token per line, id = line number).
    static std::unique_ptr<WordPieceTokenizer> fromVocabFile(const std::string &path, WordPieceOptions options);

    TokenizerKind kind() const override { return TokenizerKind::WordPiece; }
    std::string decode(const std::vector<std::int64_t> &ids, bool skipSpecial = true) const override;

    // The words after BasicTokenizer, before word pieces (exposed for tests).
    std::vector<std::string> basicTokenize(std::string_view text) const;

protected:
    void tokenizeSegment(std::string_view text, std::vector<std::int64_t> &out) const override;

private:
    void wordPieces(const std::u32string &word, std::vector<std::int64_t> &out) const;

    WordPieceOptions m_options;
    std::int64_t m_unkId = 0;
};

} // namespace optibench::engine
