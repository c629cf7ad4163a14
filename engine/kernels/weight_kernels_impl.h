#pragma once
// Internal to the weight-only kernels (engine/kernels/weight_kernels*.cpp): each vector path's entry.
#include "engine/kernels/weight_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define OPTIBENCH_X86_WEIGHT_KERNELS 1
#endif

#include <vector>

namespace optibench::engine::int4::detail {

// Activation rows as the fused int4 kernels read them: each block of 32 inputs rounded to int8
// with its own scale (max |x| / 127), laid out in chunks of `chunk` blocks whose low halves
// (inputs 0-15 of each block) come first and high halves (16-31) after, so that one load of a
// chunk's codes, split into low and high nibbles, meets its activations lane for lane (chunk 1
// is the natural order; the last K/32 mod chunk blocks are chunks of 1). `sums` holds each
// group's sum of the rounded values, which the group's minimum multiplies (with the rounded
// values rather than x, the product's error is that of w times the rounding, not of the
// codes' part of w alone, which is larger: every code is at least 0).
struct Activations {
    std::int64_t M = 0;
    std::vector<std::int8_t> q; // [M, K]
    std::vector<float> scales;  // [M, K / 32]
    std::vector<float> sums;    // [M, groups]
    const std::int8_t *row(std::int64_t m, const Shape &s) const { return q.data() + m * s.K; }
    const float *scalesOf(std::int64_t m, const Shape &s) const { return scales.data() + m * (s.K / kBlock); }
    const float *sumsOf(std::int64_t m, const Shape &s) const { return sums.data() + m * s.groups(); }
};

// Fills `a` from x [M, K]; the same values on every path (only their order differs).
void quantizeActivations(const float *x, std::int64_t M, const Shape &s, int chunk, Activations &a);

// sum over the row's groups of min[g] * (the group's fp32 sum of x)
float minimumsTerm(const float *mins, const float *sums, std::int64_t groups);

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
// Whether a path's chunks of blocks fit the shape's groups (AVX2: 1 or an even number of blocks
// a group; AVX-512: 1, 2 or a multiple of 4); a shape neither takes runs the plain loop.
bool avx2Takes(const Shape &shape);
bool avx512Takes(const Shape &shape);
void gemvAvx2(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
              const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAvx512(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
#endif

} // namespace optibench::engine::int4::detail

namespace optibench::engine::int8w::detail {

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
              const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
#endif

} // namespace optibench::engine::int8w::detail

namespace optibench::engine::bf16w::detail {

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w, const float *bias,
              std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w,
                const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
#endif

} // namespace optibench::engine::bf16w::detail

namespace optibench::engine::f32w::detail {

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w, const float *bias,
              std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w, const float *bias,
                std::int64_t nBegin, std::int64_t nEnd, float *out);
#endif

} // namespace optibench::engine::f32w::detail
