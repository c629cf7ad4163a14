#pragma once
// The shape of the built-in demo model (demo:tiny-bert), in one place: the engine builds its
// TransformerConfig from these numbers (demo::tinyBertConfig) and the GUI, which links no
// LibTorch, shows them in the model panel. Plain constants, no includes.
namespace optibench::engine::demo {

struct Architecture {
    int layers;
    int hidden;
    int heads;
    int intermediate;
    int maxPositions;
    int typeVocabSize;
    int vocabSize; // the demo tokenizer's words (engine/text/demo_text.cpp checks it)
    int labels;

    // BertForSequenceClassification with a pooler: embeddings and their norm, per layer q/k/v,
    // attention output, two norms and the feed-forward pair, then pooler and classifier.
    constexpr long long parameters() const
    {
        const long long h = hidden, i = intermediate;
        const long long embeddings = (static_cast<long long>(vocabSize) + maxPositions + typeVocabSize) * h + 2 * h;
        const long long layer = 4 * (h * h + h) + (h * i + i) + (i * h + h) + 4 * h;
        return embeddings + layers * layer + (h * h + h) + (h * labels + labels);
    }
};

inline constexpr Architecture kTinyBert{4, 128, 4, 512, 256, 2, 164, 2};

} // namespace optibench::engine::demo
