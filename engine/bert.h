#pragma once
// A native BERT-style encoder with a sequence-classification head, written with ATen functional
// ops on plain tensors. Parameters live in a name -> tensor map with Hugging Face's names
// (bert.embeddings.word_embeddings.weight, bert.encoder.layer.N.attention.self.query.weight,
// ..., bert.pooler.dense.weight, classifier.weight), so loading a checkpoint is a map fill.
// Every Linear sits behind LinearOp and can be replaced by an optimized one.
#include "engine/linear.h"
#include "engine/transformer_config.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace optibench::engine {

using ParameterMap = std::map<std::string, at::Tensor>;

// Makes the LinearOp for one Linear, given its name without ".weight" (for example
// "bert.encoder.layer.0.attention.self.query") and its fp32 weight and bias.
using LinearFactory = std::function<std::unique_ptr<LinearOp>(const std::string &name, const at::Tensor &weight,
                                                              const at::Tensor &bias)>;

class BertClassifier {
public:
    // Throws std::invalid_argument naming the first missing or mis-shaped parameter.
    BertClassifier(TransformerConfig config, ParameterMap parameters);

    // The parameter names and shapes a config needs, in a stable order.
    static std::vector<std::pair<std::string, std::vector<std::int64_t>>> parameterShapes(const TransformerConfig &config);
    // Random initialisation as Hugging Face does it (normal(0, 0.02), LayerNorm 1/0), with small
    // random biases so tests exercise them; deterministic from the seed.
    static ParameterMap randomParameters(const TransformerConfig &config, std::uint64_t seed);

    // inputIds and attentionMask are int64 [B, S]; the mask is 1 for tokens and 0 for padding.
    // tokenTypeIds (int64 [B, S]) may be undefined: all zero (single-segment classification).
    // Returns logits [B, numLabels] (float32).
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                       const at::Tensor &tokenTypeIds = at::Tensor()) const;

    // Rebuilds every Linear through the factory (optimizations); the fp32 map is kept.
    void setLinearFactory(const LinearFactory &factory);
    void to(const at::Device &device);

    const TransformerConfig &config() const { return m_config; }
    const ParameterMap &parameters() const { return m_parameters; }
    std::int64_t parameterCount() const;
    // Bytes the model holds as it runs (linears as packed by their LinearOp, the rest as tensors).
    std::int64_t modelBytes() const;
    // Names of the Linears (without ".weight"), encoder first, then pooler and classifier.
    std::vector<std::string> linearNames() const;
    const LinearOp &linear(const std::string &name) const;

private:
    at::Tensor param(const std::string &name) const;
    at::Tensor embed(const at::Tensor &inputIds, const at::Tensor &tokenTypeIds) const;
    at::Tensor layer(int index, const at::Tensor &hidden, const at::Tensor &maskBias) const;
    at::Tensor activation(const at::Tensor &x) const;

    TransformerConfig m_config;
    ParameterMap m_parameters;
    std::map<std::string, std::unique_ptr<LinearOp>> m_linears;
    std::string m_prefix; // "bert"
};

} // namespace optibench::engine
