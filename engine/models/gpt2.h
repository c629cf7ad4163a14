#pragma once
// A native GPT-2 decoder (GPT2Model, GPT2LMHeadModel) with Hugging Face's parameter names:
// transformer.wte/wpe, transformer.h.N.ln_1, attn.c_attn, attn.c_proj, ln_2, mlp.c_fc,
// mlp.c_proj, transformer.ln_f, and lm_head tied to wte. GPT-2's Conv1D stores weights as
// [in, out]; they are transposed once at construction and held as Linear weights [out, in]
// (the map keeps the Hugging Face names), so every projection runs through LinearOp and no
// forward pass copies a weight.
#include "engine/models/kv_cache.h"
#include "engine/models/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

class Gpt2Model : public NativeModel, public CachedDecoder {
public:
    // `parameters` in the checkpoint's layout (Conv1D weights [in, out]); lm_head.weight may be
    // absent (tied to transformer.wte.weight, as transformers saves it). Throws
    // std::invalid_argument naming the first missing or mis-shaped parameter.
    Gpt2Model(TransformerConfig config, ParameterMap parameters);

    // The checkpoint's parameter names and shapes (Conv1D weights [in, out]), without lm_head.
    static std::vector<std::pair<std::string, std::vector<std::int64_t>>>
    parameterShapes(const TransformerConfig &config);
    // Random parameters in the checkpoint's layout; deterministic from the seed.
    static ParameterMap randomParameters(const TransformerConfig &config, std::uint64_t seed);

    // Causal self-attention plus the padding mask; positions 0..S-1 (right padding).
    // GPT2LMHeadModel: logits [B, S, vocab]; GPT2Model: the last hidden state [B, S, hidden].
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const override;
    using Model::forward; // GPT-2 has no segment embedding: segment ids are ignored
    bool isLanguageModel() const override { return m_lmHead; }
    std::vector<std::string> linearNames() const override;
    // Generation's steps (kv_cache.h), with positions from the mask; GPT2LMHeadModel only.
    at::Tensor forwardCached(const at::Tensor &inputIds, const at::Tensor &mask, KvCache &cache) const override;

private:
    at::Tensor block(int index, const at::Tensor &hidden, const at::Tensor &maskBias) const;
    at::Tensor cachedBlock(int index, const at::Tensor &hidden, KvCache &cache) const;
    at::Tensor mlp(const std::string &prefix, const at::Tensor &h) const;

    bool m_lmHead = true;
};

} // namespace optibench::engine
