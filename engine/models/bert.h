#pragma once
// A native BERT-family encoder (BERT, RoBERTa, DistilBERT) with its sequence-classification
// head, written with ATen functional ops on plain tensors. The family in the config picks the
// parameter names (bert.encoder.layer.N.attention.self.query, roberta.*,
// distilbert.transformer.layer.N.attention.q_lin, ...), the position ids (RoBERTa counts them
// over non-pad tokens from padding_idx + 1) and the head (pooler + classifier; RoBERTa's
// classifier.dense + classifier.out_proj; DistilBERT's pre_classifier + classifier); the
// computation is one. Loading a checkpoint is a map fill.
#include "engine/models/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

class BertClassifier : public NativeModel {
public:
    // Throws std::invalid_argument naming the first missing or mis-shaped parameter.
    BertClassifier(TransformerConfig config, ParameterMap parameters);

    // The parameter names and shapes a config needs, in a stable order.
    static std::vector<std::pair<std::string, std::vector<std::int64_t>>>
    parameterShapes(const TransformerConfig &config);
    // Random initialisation as Hugging Face does it (normal(0, 0.02), LayerNorm 1/0), with small
    // random biases so tests exercise them; deterministic from the seed.
    static ParameterMap randomParameters(const TransformerConfig &config, std::uint64_t seed);

    // tokenTypeIds (int64 [B, S]) may be undefined: all zero (single-segment classification).
    // Returns logits [B, numLabels] (float32), or the first position's hidden state (after the
    // pooler when there is one) for a bare encoder.
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const override
    {
        return forward(inputIds, attentionMask, at::Tensor());
    }
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                       const at::Tensor &tokenTypeIds) const override;

    // Names of the Linears (without ".weight"), encoder first, then pooler and head.
    std::vector<std::string> linearNames() const override;
    // Per-layer heads and FFN widths (pruning); the parameters must match the new config.
    void restructure(TransformerConfig config, ParameterMap parameters) override;

    // The Hugging Face names of one family's modules.
    struct Names {
        std::string embeddings; // "bert.embeddings."
        std::string layer;      // "bert.encoder.layer." (index and "." follow)
        std::string query, key, value, attentionOut, attentionNorm, intermediate, output, outputNorm;
        std::string pooler;                    // empty: none
        std::string preClassifier, classifier; // preClassifier empty: none
    };
    static Names namesFor(const TransformerConfig &config);

private:
    at::Tensor embed(const at::Tensor &inputIds, const at::Tensor &tokenTypeIds) const;
    at::Tensor layer(int index, const at::Tensor &hidden, const at::Tensor &maskBias) const;

    Names m_names;
};

} // namespace optibench::engine
