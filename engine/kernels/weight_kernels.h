#pragma once
// The weight-only formats' kernels, on raw buffers (no LibTorch): products of a few fp32 rows
// (decoding a token) with a weight kept small in memory, widened in registers only, and the
// widening of rows of the weight to fp32 for products of many rows (a prompt's pass).
//
// int4, with group-wise scales: a weight [N, K] is
// cut into groups of G consecutive inputs per output row (G a multiple of 32), each group
// stored as 4-bit codes q in [0, 15] with its own scale and minimum, w ≈ q * scale + min
// (the asymmetric form, so a group's range is used whole). The fused kernel multiplies a few
// fp32 rows by the packed weight without widening it in memory, in integers: each block of 32
// activations is rounded to int8 with its own scale (as llama.cpp's CPU kernels pair 4-bit
// weights with 8-bit activations), the codes times those int8 values sum exactly in int32, and
// each block's sum is scaled by its activation scale and its group's weight scale; the groups'
// minimums multiply the sums of the rounded values. The product is the dequantized weight times
// the rounded activations: their rounding adds about 0.5% (RMS) to a product whose int4 weight
// is already about 9% off, and makes the kernel about three times faster than widening the
// codes to fp32. One plain loop and AVX2 and AVX-512 paths, chosen by
// engine/kernels/cpu_isa.h (OPTIBENCH_MAX_ISA caps it); the paths round the activations alike
// and differ only in the order of the fp32 sums (tests compare them within rounding).
//
// int8 (weight-int8): int8 values [N, K] with one scale per output row, w = q * scale; the
// same row kernel shape, the scale applied once per output. bf16 weights: the same shape, each
// value widened to fp32 by a shift.
#include "engine/kernels/cpu_isa.h"

#include <cstdint>

namespace optibench::engine::int4 {

// Codes come in blocks of 32 inputs, 16 bytes: byte j holds input j in its low nibble and
// input j + 16 in its high nibble, so that one 16-lane widening yields both halves.
inline constexpr std::int64_t kBlock = 32;
inline constexpr std::int64_t kBlockBytes = kBlock / 2;

struct Shape {
    std::int64_t N = 0;         // outputs
    std::int64_t K = 0;         // inputs as stored: the weight's, rounded up to a multiple of G
    std::int64_t groupSize = 0; // G, a multiple of kBlock
    std::int64_t groups() const { return K / groupSize; }
    std::int64_t packedBytes() const { return N * K / 2; }
};

// The stored K for `inputs` real inputs: the next multiple of the group size.
std::int64_t paddedInputs(std::int64_t inputs, std::int64_t groupSize);

// Quantizes w [N, inputs] (row-major fp32) into packed [N, K/2], scales and mins [N, groups].
// Each group's range is its real inputs' [min, max]; inputs past `inputs` are code 0 (the
// caller pads activations with zeros there, so they add nothing). A constant group has scale 0.
void pack(const float *w, std::int64_t inputs, const Shape &shape, std::uint8_t *packed, float *scales, float *mins);

// out[m, n] = x[m, :] · w[n, :] + bias[n] (x rounded as above) for rows m < M and outputs n in [nBegin, nEnd); x is
// [M, K] with zeros past the real inputs, out is [M, N]; bias may be null. M from 1 to kMaxRows.
inline constexpr std::int64_t kMaxRows = 4;
void gemv(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
          const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);

// The same on a chosen path (tests compare the paths); a level above isa::cpuLevel() runs at
// isa::cpuLevel().
void gemvAt(isa::Level level, const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed,
            const float *scales, const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd,
            float *out);

// Rows [nBegin, nEnd) of the weight as fp32, [nEnd - nBegin, K] at w (padded inputs give their
// group's minimum; the zero activations there make them count nothing).
void unpack(const Shape &shape, const std::uint8_t *packed, const float *scales, const float *mins, std::int64_t nBegin,
            std::int64_t nEnd, float *w);

} // namespace optibench::engine::int4

namespace optibench::engine::int8w {

inline constexpr std::int64_t kMaxRows = 4;

// out[m, n] = scales[n] * (x[m, :] · values[n, :]) + bias[n] for rows m < M (1 to kMaxRows) and
// outputs n in [nBegin, nEnd); x [M, K], values [N, K], out [M, N]; bias may be null.
void gemv(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
          const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAt(isa::Level level, const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
            const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);

// Rows [nBegin, nEnd) of the weight as fp32, [nEnd - nBegin, K] at w.
void unpack(std::int64_t K, const std::int8_t *values, const float *scales, std::int64_t nBegin, std::int64_t nEnd,
            float *w);

} // namespace optibench::engine::int8w

namespace optibench::engine::bf16w {

inline constexpr std::int64_t kMaxRows = 4;

// out[m, n] = x[m, :] · w[n, :] + bias[n] for rows m < M (1 to kMaxRows) and outputs n in
// [nBegin, nEnd): x [M, K] fp32, w [N, K] bf16 (its bits: the upper half of an fp32), widened
// exactly in registers and summed in fp32; bias fp32 or null.
void gemv(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w, const float *bias,
          std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAt(isa::Level level, const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w,
            const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);

} // namespace optibench::engine::bf16w

namespace optibench::engine::f32w {

inline constexpr std::int64_t kMaxRows = 4;

// The same for an fp32 weight [N, K]: one pass over the weight for up to 4 rows (a decoding
// step), where a GEMM library's general product reads it at a fraction of the memory's speed.
void gemv(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w, const float *bias,
          std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAt(isa::Level level, const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w,
            const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);

} // namespace optibench::engine::f32w
