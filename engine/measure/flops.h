#pragma once
// FLOPs of a forward pass counted from the architecture and the real shapes: a matmul of
// [M, K] x [K, N] costs 2*M*N*K; attention adds QK^T and PV per head. Elementwise ops,
// softmax and LayerNorm are left out (they are memory-bound and small next to the matmuls).
#include "engine/formats/transformer_config.h"

#include <cstdint>

namespace optibench::engine {

// One forward pass of an encoder classifier over a [batch, seqLen] padded batch.
double encoderForwardFlops(const TransformerConfig &config, std::int64_t batch, std::int64_t seqLen);

} // namespace optibench::engine
