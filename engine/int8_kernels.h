#pragma once
// The row passes around the dynamic int8 GEMM, on raw buffers (no LibTorch): fp32 activation
// rows to uint8 with a scale and zero point per row, and the int32 products back to fp32 with
// the per-row and per-channel scales and the bias. AVX-512 where the CPU has it, plain loops
// elsewhere; both round alike (to nearest, ties to even).
#include <cstdint>

namespace optibench::engine::qkernels {

// x ≈ scale * (q - zeroPoint); the range always includes 0, so zeroPoint is in [0, 255].
struct RowQuant {
    float scale = 1.0f;
    std::int32_t zeroPoint = 0;
};

// Rows [begin, end) of x [*, K] into q [*, K] and params[row].
void quantizeRows(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, std::uint8_t *q,
                  RowQuant *params);

// Rows [begin, end) of out [*, N] hold the int32 products acc = q · w^T (same memory, same
// layout) and become out = scale_m * colScale[n] * (acc - zeroPoint_m * colSum[n]) + bias[n],
// where colSum[n] is the sum of the int8 weight row n. bias may be null.
void dequantizeRows(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                    const float *colScale, const std::int32_t *colSum, const float *bias);

// True when the kernels take their AVX-512 path on this CPU.
bool vectorized();

} // namespace optibench::engine::qkernels
