#pragma once
// The built-in demo: model "demo:tiny-bert" and dataset "demo:reviews". The dataset is generated
// in code and deterministic. The model's architecture is fixed here; its weights were trained on
// the train split of demo:reviews (tools/make_demo_weights.cpp) and are built into the engine
// library from data/demo/tiny-bert.safetensors (engine/demo_weights.h), so its accuracy on the
// eval split is meaningful. "demo:tiny-bert-untrained" is the same architecture with random
// weights from a fixed seed (what the trained model started from).
#include "engine/bert.h"
#include "engine/transformer_config.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace optibench::engine::demo {

inline constexpr const char *kModelName = "demo:tiny-bert";
inline constexpr const char *kUntrainedModelName = "demo:tiny-bert-untrained";
inline constexpr const char *kDatasetName = "demo:reviews";
inline constexpr std::uint64_t kModelSeed = 20240501;

// Lower-cased whitespace/punctuation word splitting over the demo vocabulary, with BERT's
// special tokens: [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3.
class WordTokenizer {
public:
    WordTokenizer();
    // [CLS] words [SEP], truncated to maxLength (the [SEP] kept); maxLength >= 2.
    std::vector<std::int64_t> encode(const std::string &text, int maxLength) const;
    int vocabSize() const { return static_cast<int>(m_words.size()); }
    const std::string &word(std::int64_t id) const { return m_words.at(static_cast<size_t>(id)); }
    static constexpr std::int64_t kPad = 0, kUnk = 1, kCls = 2, kSep = 3;

private:
    std::vector<std::string> m_words;
    std::unordered_map<std::string, std::int64_t> m_ids;
};

const WordTokenizer &tokenizer();

TransformerConfig tinyBertConfig();
// The trained weights (float32 copies of the embedded file). A build configured without
// data/demo/tiny-bert.safetensors has none: then the untrained ones (the model summary says so).
ParameterMap tinyBertParameters();
bool haveTrainedWeights();
// Random weights from kModelSeed (BertClassifier::randomParameters).
ParameterMap untrainedTinyBertParameters();

struct TextExample {
    std::string text;
    int label = 0; // 0 negative, 1 positive
};

// "train" (4000 examples) or "eval" (1000); throws std::invalid_argument for other names.
// Lengths are long-tailed: most reviews are short, a few run to about 250 tokens.
std::vector<TextExample> reviews(const std::string &split);

} // namespace optibench::engine::demo
