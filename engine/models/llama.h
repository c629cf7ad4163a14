#pragma once
// The Llama family of decoders (LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM) with
// Hugging Face's parameter names: model.embed_tokens, model.layers.N.input_layernorm,
// self_attn.{q,k,v,o}_proj, post_attention_layernorm, mlp.{gate,up,down}_proj, model.norm and
// lm_head (tied to embed_tokens when the config says so or the checkpoint has none). RMSNorm in
// fp32, rotary positions in the rotate-half layout (rope_theta; linear and llama3 scaling),
// grouped-query attention (each key/value head serves numHeads / numKvHeads query heads), a
// SwiGLU MLP, q/k/v biases for Qwen2, and Mistral's sliding window.
#include "engine/models/kv_cache.h"
#include "engine/models/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

class LlamaModel : public NativeModel, public CachedDecoder {
public:
    // Throws std::invalid_argument naming the first missing or mis-shaped parameter.
    LlamaModel(TransformerConfig config, ParameterMap parameters);
    // Structured pruning's narrower layers (per-layer heads, whole key/value groups, FFN widths).
    void restructure(TransformerConfig config, ParameterMap parameters) override;

    // The checkpoint's parameter names and shapes, without lm_head when it is tied.
    static std::vector<std::pair<std::string, std::vector<std::int64_t>>>
    parameterShapes(const TransformerConfig &config);
    static ParameterMap randomParameters(const TransformerConfig &config, std::uint64_t seed);

    // Logits [B, S, vocab]. Positions come from the attention mask (maskPositions), so a
    // left-padded prompt sees the positions it has alone.
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const override;
    using Model::forward;
    bool isLanguageModel() const override { return true; }
    std::vector<std::string> linearNames() const override;

    at::Tensor forwardCached(const at::Tensor &inputIds, const at::Tensor &mask, KvCache &cache) const override;

    // The rotary frequencies [headDim / 2] for the config (rope_theta and its scaling).
    static at::Tensor inverseFrequencies(const TransformerConfig &config);

private:
    at::Tensor block(int index, const at::Tensor &hidden, const at::Tensor &cos, const at::Tensor &sin,
                     const at::Tensor &maskBias) const;
    at::Tensor attend(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const at::Tensor &maskBias,
                      int heads) const;
    at::Tensor cachedBlock(int index, const at::Tensor &hidden, const at::Tensor &cos, const at::Tensor &sin,
                           KvCache &cache) const;
    void rotaryTables(const at::Tensor &positions, at::Tensor *cos, at::Tensor *sin) const;
    // The MLP half of a layer: down(silu(gate(x)) * up(x)) of the normed input.
    at::Tensor mlp(const std::string &prefix, const at::Tensor &h) const;
    at::Tensor rmsNorm(const at::Tensor &x, const std::string &weight) const;
};

} // namespace optibench::engine
