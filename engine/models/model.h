#pragma once
// The interface every runnable model implements (native encoders and decoders, TorchScript
// modules), and the shared part of the native ones: parameters in a name -> tensor map with
// Hugging Face's names, and every Linear behind a LinearOp that optimizations can replace.
#include "engine/formats/transformer_config.h"
#include "engine/kernels/linear.h"

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
// "bert.encoder.layer.0.attention.self.query") and its fp32 weight [out, in] and bias (may be
// undefined).
using LinearFactory =
    std::function<std::unique_ptr<LinearOp>(const std::string &name, const at::Tensor &weight, const at::Tensor &bias)>;

// The longest sequence a config's position embeddings hold (RoBERTa's start at padding_idx + 1).
inline int usablePositions(const TransformerConfig &config)
{
    return config.maxPositions - (config.family == ArchitectureFamily::Roberta ? config.padTokenId + 1 : 0);
}

class Model {
public:
    virtual ~Model() = default;
    // inputIds and attentionMask are int64 [B, S]; the mask is 1 for tokens, 0 for padding.
    // Classifiers return logits [B, numLabels]; language models logits [B, S, vocab]; bare
    // encoders the first position's hidden state [B, hidden].
    virtual at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const = 0;
    // With the segment ids of text pairs (int64 [B, S]: 0 for the first text, 1 for the second;
    // undefined: all 0). Models that embed segments (BERT) override it; the others have none and
    // ignore them.
    virtual at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                               const at::Tensor &tokenTypeIds) const
    {
        (void)tokenTypeIds;
        return forward(inputIds, attentionMask);
    }
    virtual const TransformerConfig &config() const = 0;
    virtual bool isLanguageModel() const { return false; }
    // Parameters, tensors shared between names (tied embeddings) counted once.
    virtual std::int64_t parameterCount() const = 0;
    // Bytes the model holds as it runs.
    virtual std::int64_t modelBytes() const = 0;
    // Bytes of its tensors as they would be written to safetensors (tied tensors once).
    virtual std::int64_t savedBytes() const { return modelBytes(); }
    virtual void to(const at::Device &device) = 0;
    // Native models only: the Linears an optimization can rebuild. Empty for opaque models.
    virtual std::vector<std::string> linearNames() const { return {}; }
    // Throws std::logic_error for models whose Linears cannot be replaced.
    virtual void setLinearFactory(const LinearFactory &factory);
    virtual const ParameterMap &parameters() const;
};

// Parameters and Linears of the native models. Subclasses check shapes, name their Linears
// and write the forward pass.
class NativeModel : public Model {
public:
    const TransformerConfig &config() const override { return m_config; }
    const ParameterMap &parameters() const override { return m_parameters; }
    std::int64_t parameterCount() const override;
    std::int64_t modelBytes() const override;
    void setLinearFactory(const LinearFactory &factory) override;
    void to(const at::Device &device) override;
    std::int64_t savedBytes() const override;
    // Whole-model cast (precision bf16/fp16): every floating parameter (tied ones stay tied) and
    // the plain Linears move to dtype, so activations flow in it; Linears that hold converted
    // weights (int8, half-precision storage) are kept and compute in their input's dtype.
    void castTo(at::ScalarType dtype);
    const LinearOp &linear(const std::string &name) const;
    // For optimizations that edit weights (pruning masks). A tensor edited in place reaches the
    // fp32 Linears, which hold the same tensors; other kinds of Linear need setLinearFactory again.
    ParameterMap &mutableParameters() { return m_parameters; }
    // Gradient checkpointing in training (engine/kernels/checkpoint.h): layer i's activations are dropped
    // in forward and recomputed in backward when every > 0 and i % every == 0, except the last
    // layer: its backward starts right after its forward, so dropping its activations would not
    // lower the peak and recomputing them would cost a layer's forward pass. 0: off.
    void setCheckpointEvery(int every) { m_checkpointEvery = every; }
    int checkpointEvery() const { return m_checkpointEvery; }
    // Structured edits (pruning): a new config (per-layer heads or FFN widths) with parameters of
    // the shapes it needs, checked by the subclass; every Linear is then rebuilt as fp32. Throws
    // std::logic_error for models that cannot change shape, std::invalid_argument for bad shapes.
    virtual void restructure(TransformerConfig config, ParameterMap parameters);
    // Points each (alias, source) pair's alias name at the source's tensor, so that from then on
    // the two names are one parameter (same storage, counted once), and rebuilds the Linears as
    // fp32. Applied before optimizations that replace Linears. Throws std::invalid_argument for
    // an unknown name or differing shapes.
    void shareParameters(const std::vector<std::pair<std::string, std::string>> &aliasToSource);
    // Embedding tables (word, position and token type embeddings; GPT-2's wte and wpe) stored as
    // int8 with one symmetric scale per row (max |row| -> 127, weight-int8's scheme), the looked-up
    // rows dequantized on each forward; the fp32 tables are dropped, so model bytes fall. A table
    // that a Linear also computes with (GPT-2's wte tied to lm_head) stays fp32: the head keeps
    // using it. Inference only; apply after the optimizations that edit parameters (pruning,
    // sharing). Returns the names of the tables quantized.
    std::vector<std::string> quantizeEmbeddingTables();
    const std::map<std::string, std::pair<at::Tensor, at::Tensor>> &int8Tables() const { return m_int8Tables; }

protected:
    NativeModel(TransformerConfig config, ParameterMap parameters);
    // Initial parameters of the given names and shapes as Hugging Face initialises them:
    // normal(0, 0.02) weights, with small random biases (normal(0, 0.01)) so that tests
    // exercise them, and layer norms (isNorm) at weight 1 and bias 0. Deterministic from seed.
    static ParameterMap initialParameters(const std::vector<std::pair<std::string, std::vector<std::int64_t>>> &shapes,
                                          std::uint64_t seed, const std::function<bool(const std::string &)> &isNorm);
    // Throws std::invalid_argument naming the first missing or mis-shaped parameter, and turns
    // every parameter into contiguous float32.
    void checkShapes(const std::vector<std::pair<std::string, std::vector<std::int64_t>>> &shapes);
    at::Tensor param(const std::string &name) const;
    // The rows of embedding table `name` for ids, from the fp32 table or its int8 form.
    at::Tensor embedding(const std::string &name, const at::Tensor &ids) const;
    at::Tensor activation(const at::Tensor &x) const;
    bool checkpointed(int layer) const
    {
        return m_checkpointEvery > 0 && layer % m_checkpointEvery == 0 && layer + 1 < m_config.numLayers;
    }
    // The parameters whose names start with `prefix` (one layer's), each tensor once.
    std::vector<at::Tensor> parametersUnder(const std::string &prefix) const;

    TransformerConfig m_config;
    ParameterMap m_parameters;
    std::map<std::string, std::unique_ptr<LinearOp>> m_linears;
    std::map<std::string, std::pair<at::Tensor, at::Tensor>> m_int8Tables; // name -> int8 [V, H], scales [V]
    int m_checkpointEvery = 0;

private:
    // modelBytes and savedBytes: parameters and int8 tables as held, each tensor once, and each
    // Linear by linearBytes (a Linear tied to a tensor already counted adds nothing).
    std::int64_t countBytes(std::int64_t (LinearOp::*linearBytes)() const) const;
};

} // namespace optibench::engine
