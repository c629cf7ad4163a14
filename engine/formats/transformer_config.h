#pragma once
// The architecture description every native model is built from: parsed from a Hugging Face
// config.json (engine/formats/hf_config.h) or made by the built-in demo. No LibTorch here.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace optibench::engine {

// Llama covers the decoders built like it (LlamaForCausalLM, MistralForCausalLM,
// Qwen2ForCausalLM): RMSNorm, rotary positions, grouped-query attention, a SwiGLU MLP; the
// model type tells them apart.
enum class ArchitectureFamily { Bert, Roberta, DistilBert, Gpt2, Llama };

// Rotary position embeddings as Hugging Face computes them (rotate-half layout).
struct RopeConfig {
    double theta = 10000.0;
    std::string scaling; // "" (none) | "linear" | "llama3"
    double factor = 1.0;
    // llama3: frequencies between the low and high wavelength bounds are blended.
    double lowFreqFactor = 1.0;
    double highFreqFactor = 4.0;
    int originalMaxPositions = 8192;
};

struct TransformerConfig {
    ArchitectureFamily family = ArchitectureFamily::Bert;
    std::string architecture = "BertForSequenceClassification"; // config.json "architectures"[0]
    std::string modelType = "bert";                             // config.json "model_type"
    int vocabSize = 30522;
    int hiddenSize = 768;
    int numLayers = 12;
    int numHeads = 12;
    int intermediateSize = 3072;
    int maxPositions = 512;
    int typeVocabSize = 2;           // 0: no token type embeddings (DistilBERT, GPT-2)
    std::string activation = "gelu"; // gelu | gelu_new | relu
    double layerNormEps = 1e-12;
    int padTokenId = 0;
    int numLabels = 2; // classification heads; 0: no head (bare encoder or LM)
    std::map<int, std::string> id2label;
    bool hasPooler = true;         // BERT-style pooler before the classifier
    bool tieWordEmbeddings = true; // GPT-2 lm_head shares wte
    int positionOffset = 0;        // RoBERTa positions start at padding_idx + 1
    // Added by the config parser (engine/formats/hf_config.h):
    bool hasPreClassifier = false; // DistilBERT pre_classifier, RoBERTa classifier.dense before the output
    int bosTokenId = -1;           // -1: none
    int eosTokenId = -1;
    std::string sourcePath; // the config.json it was read from; empty for built-in models
    // Structured pruning (engine/optimize/prune.h): the attention heads and FFN width of each layer.
    // Empty: every layer has numHeads and intermediateSize. A head stays headDim wide however
    // many remain; a Llama-family layer loses whole grouped-query groups (kvHeadsInLayer).
    std::vector<int> layerHeads;
    std::vector<int> layerIntermediate;
    // Hugging Face's "pruned_heads": per layer, the original indices of the removed heads.
    std::map<int, std::vector<int>> prunedHeads;
    // Decoders of the Llama family:
    int numKvHeads = 0;      // grouped-query attention: key/value heads (0: numHeads)
    int headDimOverride = 0; // "head_dim" when the config gives it (0: hiddenSize / numHeads)
    RopeConfig rope;
    int slidingWindow = 0;      // Mistral: a token sees at most this many keys back (0: all)
    bool attentionBias = false; // biases on q, k, v (Qwen2; Llama's attention_bias)
    bool outputBias = false;    // a bias on o_proj (Llama's attention_bias; not Qwen2)
};

inline int headDim(const TransformerConfig &c)
{
    if (c.headDimOverride > 0)
        return c.headDimOverride;
    return c.numHeads > 0 ? c.hiddenSize / c.numHeads : 0;
}

inline int kvHeads(const TransformerConfig &c)
{
    return c.numKvHeads > 0 ? c.numKvHeads : c.numHeads;
}

// Decoders: causal language models (GPT-2, the Llama family).
inline bool isDecoder(const TransformerConfig &c)
{
    return c.family == ArchitectureFamily::Gpt2 || c.family == ArchitectureFamily::Llama;
}

inline int headsInLayer(const TransformerConfig &c, int layer)
{
    return layer >= 0 && static_cast<std::size_t>(layer) < c.layerHeads.size()
        ? c.layerHeads[static_cast<std::size_t>(layer)]
        : c.numHeads;
}

inline int intermediateInLayer(const TransformerConfig &c, int layer)
{
    return layer >= 0 && static_cast<std::size_t>(layer) < c.layerIntermediate.size()
        ? c.layerIntermediate[static_cast<std::size_t>(layer)]
        : c.intermediateSize;
}

// Grouped-query attention keeps its ratio through head pruning (whole groups go): a layer with
// h query heads has h / (numHeads / kvHeads) key/value heads.
inline int kvHeadsInLayer(const TransformerConfig &c, int layer)
{
    const int perGroup = c.numHeads / kvHeads(c);
    return perGroup > 0 ? headsInLayer(c, layer) / perGroup : kvHeads(c);
}

// The summed attention width (heads x headDim) of every layer.
inline double attentionWidthOfLayers(const TransformerConfig &c)
{
    double width = 0;
    for (int layer = 0; layer < c.numLayers; ++layer)
        width += static_cast<double>(headsInLayer(c, layer)) * headDim(c);
    return width;
}

} // namespace optibench::engine
