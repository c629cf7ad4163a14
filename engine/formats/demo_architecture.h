#pragma once
// The shapes of the built-in demo models (demo:tiny-bert and the decoder demo:tiny-llama), in one
// place: the engine builds their TransformerConfigs from these numbers (demo::tinyBertConfig,
// demo::tinyLlamaConfig) and the GUI, which links no LibTorch, shows them in the model panel.
// Plain constants, no includes.
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

// LlamaForCausalLM over the same word vocabulary: grouped-query attention (kvHeads key/value
// heads), a SwiGLU MLP (gate, up, down), RMSNorm, rotary positions, the head tied to the
// embeddings.
struct DecoderArchitecture {
    int layers;
    int hidden;
    int heads;
    int kvHeads;
    int intermediate;
    int maxPositions;
    int vocabSize;

    constexpr long long parameters() const
    {
        const long long h = hidden, i = intermediate, kv = static_cast<long long>(kvHeads) * (hidden / heads);
        const long long layer = 2 * h + 2 * h * h + 2 * h * kv + 3 * h * i;
        return static_cast<long long>(vocabSize) * h + layers * layer + h;
    }
};

inline constexpr DecoderArchitecture kTinyLlama{4, 128, 4, 2, 320, 256, 164};

} // namespace optibench::engine::demo
