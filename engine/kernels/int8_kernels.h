#pragma once
// The row passes around the dynamic int8 GEMM, on raw buffers (no LibTorch): fp32 activation
// rows to uint8 with a scale and zero point per row, and the int32 products back to fp32 with
// the per-row and per-channel scales and the bias. One plain loop and AVX2 and AVX-512 paths,
// chosen by engine/kernels/cpu_isa.h (OPTIBENCH_MAX_ISA caps it); every path gives the plain loop's
// results bit for bit (rounding to nearest even, then separate multiply and add).
#include "engine/kernels/cpu_isa.h"

#include <cstdint>

namespace optibench::engine::qkernels {

// x ≈ scale * (q - zeroPoint); the range always includes 0, so zeroPoint is in [0, qmax].
struct RowQuant {
    float scale = 1.0f;
    std::int32_t zeroPoint = 0;
};

// Rows [begin, end) of x [*, K] into q [*, K] and params[row], each row's range mapped onto
// [0, qmax]: qmax 255 uses the full uint8 range, 127 leaves the top bit clear (the 7-bit
// activations of int8 GEMMs that sum u8*s8 pairs in saturating int16, engine/kernels/int8_scheme.h).
void quantizeRows(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax, std::uint8_t *q,
                  RowQuant *params);

// Rows [begin, end) of out [*, N] hold the int32 products acc = q · w^T (same memory, same
// layout) and become out = scale_m * colScale[n] * (acc - zeroPoint_m * colSum[n]) + bias[n],
// where colSum[n] is the sum of the int8 weight row n. bias may be null.
void dequantizeRows(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                    const float *colScale, const std::int32_t *colSum, const float *bias);

// The same on a chosen path (tests compare the paths); a level above isa::cpuLevel() runs at
// isa::cpuLevel().
void quantizeRowsAt(isa::Level level, const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax,
                    std::uint8_t *q, RowQuant *params);
void dequantizeRowsAt(isa::Level level, float *out, std::int64_t N, std::int64_t begin, std::int64_t end,
                      const RowQuant *params, const float *colScale, const std::int32_t *colSum, const float *bias);

} // namespace optibench::engine::qkernels
