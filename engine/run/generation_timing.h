#pragma once
// A decoder's generation timed token by token, for the generation benchmark (spec mode
// "generation", tests/bench/bench_generation): the prompt's pass to its first token (time to
// first token) and each later token's own time (inter-token latency), with the device
// synchronized at every token so that the times are the device's too. The profiler sees the
// prompt's pass as the range "prefill" and each step as "decode" (engine/run/generation.cpp).
#include "engine/models/model.h"
#include "engine/run/generation.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace optibench::engine {

struct GenerationTiming {
    double prefillMs = 0;        // the prompt's pass and the first token's choice
    std::vector<double> stepMs;  // every later token's, in order
    std::int64_t cacheBytes = 0; // the KV cache at the end
    at::Tensor tokens;           // [B, new tokens]
    double decodeMs() const;     // the sum of stepMs
};

// afterToken(step) is called after each token's time is taken (outside it): for progress, and
// for cancelling by throwing.
GenerationTiming timeGeneration(const Model &model, const at::Tensor &ids, const at::Tensor &mask,
                                const GenerationOptions &options, const at::Device &device,
                                const std::function<void(int step)> &afterToken = {});

// Bytes one decoding step reads from memory: every Linear's weights as held (the head's too:
// it reads its whole matrix for one token) and the KV cache, at its mean length over the
// steps. A model whose Linears the engine does not hold (TorchScript) counts its model bytes.
// bandwidth / this bounds the decoding tokens per second of a batch of one.
double decodeBytesPerToken(const Model &model, std::int64_t cacheBytesAtEnd, int promptLength, int newTokens);

// FLOPs of a decoder's pass over `tokens` new tokens after `past` cached ones, batch B: the
// Linears (2 per weight per token) and attention (scores and context, 4 * heads * headDim per
// pair of query and key).
double decoderFlops(const Model &model, std::int64_t batch, std::int64_t tokens, std::int64_t past);

} // namespace optibench::engine
