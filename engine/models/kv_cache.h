#pragma once
// Decoding with a KV cache: the keys and values of the tokens seen so far, and the interface of
// the decoders that keep one (GPT-2, the Llama family), which generation (engine/run/generation.h)
// drives.
#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace optibench::engine {

// Per layer the rotated keys and the values, [B, kvHeads, T, headDim], with the attention mask
// of those T tokens [B, T]. Empty before the prompt.
// The keys and values are views into storage reserved for `reserve` tokens (or grown by
// doubling), so that a step writes its own token only instead of copying the cache.
struct KvCache {
    std::vector<at::Tensor> keys, values;
    at::Tensor mask;
    std::int64_t reserve = 0; // tokens to reserve storage for (generation: prompt + new tokens)
    std::int64_t length() const { return mask.defined() ? mask.size(1) : 0; }
    std::int64_t bytes() const; // what the keys and values hold (the tokens so far)
    // Appends this step's keys and values [B, kvHeads, S, headDim] to layer `layer`'s.
    void append(int layer, const at::Tensor &k, const at::Tensor &v);

private:
    std::vector<at::Tensor> m_keyStorage, m_valueStorage;
};

class CachedDecoder {
public:
    virtual ~CachedDecoder() = default;
    // The logits [B, S, vocab] of S new tokens after those in `cache`, which they join; `mask`
    // [B, S] is theirs (a prompt's left padding; undefined: all tokens). Positions come from the
    // whole mask (cumsum - 1), as Hugging Face's generate computes them. An empty cache makes
    // this the prompt's pass (prefill); S = 1 is one decoding step. Throws std::invalid_argument
    // when the tokens would exceed the model's positions.
    virtual at::Tensor forwardCached(const at::Tensor &inputIds, const at::Tensor &mask, KvCache &cache) const = 0;
};

// Position ids [B, L] from a 0/1 attention mask: cumsum - 1, padding at 1 (generate's rule), so
// a left-padded prompt has the positions it has alone.
at::Tensor maskPositions(const at::Tensor &attentionMask);

// Joins a step's mask to the cache's (sizing the per-layer lists on the first step) and returns
// the new tokens' positions [B, S]; throws std::invalid_argument past maxPositions.
at::Tensor beginStep(KvCache &cache, const at::Tensor &inputIds, const at::Tensor &mask, int numLayers,
                     int maxPositions);

// Attention of S new queries q [B, S, heads * D] over the cache's keys and values
// [B, kvHeads, L, D] (the new ones included, last): query i sits at L - S + i and sees keys up to
// there (within `window` when > 0) where `mask` [B, L] has a token. Each key/value head serves
// heads / kvHeads query heads in one product, so the cache is read once.
at::Tensor cachedAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const at::Tensor &mask,
                           int heads, int window = 0);

} // namespace optibench::engine
