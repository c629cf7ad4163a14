// The AVX2 and AVX-512 paths of the weight-only kernels (engine/kernels/weight_kernels.h). int4, per
// block of 32 inputs: 16 bytes widened to int32 lanes, the low and high nibbles split, each code turned into
// its weight (q * scale + min, one FMA) and multiplied into per-row accumulators.
#include "engine/kernels/weight_kernels_impl.h"

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
// GCC 12 warns about its own intrinsics headers (the `__m512 __Y = __Y;` idiom for undefined
// vectors, GCC bug 105593) at every inlined use; the warning is located in the header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>

#define OPTIBENCH_AVX2 __attribute__((target("avx2,fma")))
#define OPTIBENCH_AVX512 __attribute__((target("avx512f")))

namespace optibench::engine::int4::detail {

namespace {

struct Row {
    const std::uint8_t *codes; // the output row's packed codes
    const float *scales;       // its groups' scales and minimums
    const float *mins;
};

Row rowOf(const Shape &s, const std::uint8_t *packed, const float *scales, const float *mins, std::int64_t n)
{
    return {packed + n * (s.K / 2), scales + n * s.groups(), mins + n * s.groups()};
}

} // namespace

OPTIBENCH_AVX2 inline float sum8(__m256 v)
{
    const __m128 h = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 q = _mm_add_ps(h, _mm_movehl_ps(h, h));
    return _mm_cvtss_f32(_mm_add_ss(q, _mm_shuffle_ps(q, q, 1)));
}

namespace {

template<int M>
OPTIBENCH_AVX2 void rowAvx2(const float *x, const Shape &s, const Row &r, float *out, float bias)
{
    const __m256i low = _mm256_set1_epi32(0x0F);
    __m256 acc[M][2];
    for (int m = 0; m < M; ++m)
        acc[m][0] = acc[m][1] = _mm256_setzero_ps();
    for (std::int64_t g = 0; g < s.groups(); ++g) {
        const __m256 scale = _mm256_set1_ps(r.scales[g]), min = _mm256_set1_ps(r.mins[g]);
        for (std::int64_t k = g * s.groupSize; k < (g + 1) * s.groupSize; k += kBlock) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(r.codes + k / 2));
            const __m256i v0 = _mm256_cvtepu8_epi32(bytes);
            const __m256i v1 = _mm256_cvtepu8_epi32(_mm_srli_si128(bytes, 8));
            const __m256 w[4] = {_mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_and_si256(v0, low)), scale, min),
                                 _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_and_si256(v1, low)), scale, min),
                                 _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(v0, 4)), scale, min),
                                 _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(v1, 4)), scale, min)};
            for (int m = 0; m < M; ++m) {
                const float *xk = x + m * s.K + k;
                acc[m][0] = _mm256_fmadd_ps(_mm256_loadu_ps(xk), w[0], acc[m][0]);
                acc[m][1] = _mm256_fmadd_ps(_mm256_loadu_ps(xk + 8), w[1], acc[m][1]);
                acc[m][0] = _mm256_fmadd_ps(_mm256_loadu_ps(xk + 16), w[2], acc[m][0]);
                acc[m][1] = _mm256_fmadd_ps(_mm256_loadu_ps(xk + 24), w[3], acc[m][1]);
            }
        }
    }
    for (int m = 0; m < M; ++m)
        out[m * s.N] = sum8(_mm256_add_ps(acc[m][0], acc[m][1])) + bias;
}

template<int M>
OPTIBENCH_AVX512 void rowAvx512(const float *x, const Shape &s, const Row &r, float *out, float bias)
{
    const __m512i low = _mm512_set1_epi32(0x0F);
    __m512 acc[M][2];
    for (int m = 0; m < M; ++m)
        acc[m][0] = acc[m][1] = _mm512_setzero_ps();
    for (std::int64_t g = 0; g < s.groups(); ++g) {
        const __m512 scale = _mm512_set1_ps(r.scales[g]), min = _mm512_set1_ps(r.mins[g]);
        for (std::int64_t k = g * s.groupSize; k < (g + 1) * s.groupSize; k += kBlock) {
            const __m512i v = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(r.codes + k / 2)));
            const __m512 w0 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_and_si512(v, low)), scale, min);
            const __m512 w1 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_srli_epi32(v, 4)), scale, min);
            for (int m = 0; m < M; ++m) {
                const float *xk = x + m * s.K + k;
                acc[m][0] = _mm512_fmadd_ps(_mm512_loadu_ps(xk), w0, acc[m][0]);
                acc[m][1] = _mm512_fmadd_ps(_mm512_loadu_ps(xk + 16), w1, acc[m][1]);
            }
        }
    }
    for (int m = 0; m < M; ++m)
        out[m * s.N] = _mm512_reduce_add_ps(_mm512_add_ps(acc[m][0], acc[m][1])) + bias;
}

// How many rows ahead the R-output kernels prefetch codes (two of their passes).
constexpr std::int64_t kPrefetchRows = 8;

// One activation row against R outputs at once (decoding a token, the common case): R memory
// streams and R independent sums, the activations loaded once for all of them.
template<int R>
OPTIBENCH_AVX512 void outputsAvx512(const float *x, const Shape &s, const Row *r, float *out, const float *bias)
{
    const __m512i low = _mm512_set1_epi32(0x0F);
    __m512 acc[R][2];
    for (int j = 0; j < R; ++j)
        acc[j][0] = acc[j][1] = _mm512_setzero_ps();
    for (std::int64_t g = 0; g < s.groups(); ++g) {
        __m512 scale[R], min[R];
        for (int j = 0; j < R; ++j) {
            scale[j] = _mm512_set1_ps(r[j].scales[g]);
            min[j] = _mm512_set1_ps(r[j].mins[g]);
        }
        for (std::int64_t k = g * s.groupSize; k < (g + 1) * s.groupSize; k += kBlock) {
            const __m512 x0 = _mm512_loadu_ps(x + k), x1 = _mm512_loadu_ps(x + k + 16);
            for (int j = 0; j < R; ++j) {
                // The same block of the rows two passes on: the codes stream from memory ahead of use.
                _mm_prefetch(reinterpret_cast<const char *>(r[j].codes + k / 2 + kPrefetchRows * (s.K / 2)),
                             _MM_HINT_T0);
                const __m512i v =
                    _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(r[j].codes + k / 2)));
                const __m512 w0 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_and_si512(v, low)), scale[j], min[j]);
                const __m512 w1 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_srli_epi32(v, 4)), scale[j], min[j]);
                acc[j][0] = _mm512_fmadd_ps(x0, w0, acc[j][0]);
                acc[j][1] = _mm512_fmadd_ps(x1, w1, acc[j][1]);
            }
        }
    }
    for (int j = 0; j < R; ++j)
        out[j] = _mm512_reduce_add_ps(_mm512_add_ps(acc[j][0], acc[j][1])) + (bias ? bias[j] : 0.0f);
}

template<int R>
OPTIBENCH_AVX2 void outputsAvx2(const float *x, const Shape &s, const Row *r, float *out, const float *bias)
{
    const __m256i low = _mm256_set1_epi32(0x0F);
    __m256 acc[R][2];
    for (int j = 0; j < R; ++j)
        acc[j][0] = acc[j][1] = _mm256_setzero_ps();
    for (std::int64_t g = 0; g < s.groups(); ++g) {
        for (std::int64_t k = g * s.groupSize; k < (g + 1) * s.groupSize; k += kBlock) {
            for (int j = 0; j < R; ++j) {
                _mm_prefetch(reinterpret_cast<const char *>(r[j].codes + k / 2 + kPrefetchRows * (s.K / 2)),
                             _MM_HINT_T0);
                const __m256 scale = _mm256_broadcast_ss(r[j].scales + g), min = _mm256_broadcast_ss(r[j].mins + g);
                const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(r[j].codes + k / 2));
                const __m256i v0 = _mm256_cvtepu8_epi32(bytes);
                const __m256i v1 = _mm256_cvtepu8_epi32(_mm_srli_si128(bytes, 8));
                const __m256 q0 = _mm256_cvtepi32_ps(_mm256_and_si256(v0, low));
                const __m256 q1 = _mm256_cvtepi32_ps(_mm256_and_si256(v1, low));
                const __m256 q2 = _mm256_cvtepi32_ps(_mm256_srli_epi32(v0, 4));
                const __m256 q3 = _mm256_cvtepi32_ps(_mm256_srli_epi32(v1, 4));
                acc[j][0] = _mm256_fmadd_ps(_mm256_loadu_ps(x + k), _mm256_fmadd_ps(q0, scale, min), acc[j][0]);
                acc[j][1] = _mm256_fmadd_ps(_mm256_loadu_ps(x + k + 8), _mm256_fmadd_ps(q1, scale, min), acc[j][1]);
                acc[j][0] = _mm256_fmadd_ps(_mm256_loadu_ps(x + k + 16), _mm256_fmadd_ps(q2, scale, min), acc[j][0]);
                acc[j][1] = _mm256_fmadd_ps(_mm256_loadu_ps(x + k + 24), _mm256_fmadd_ps(q3, scale, min), acc[j][1]);
            }
        }
    }
    for (int j = 0; j < R; ++j)
        out[j] = sum8(_mm256_add_ps(acc[j][0], acc[j][1])) + (bias ? bias[j] : 0.0f);
}

// Each output n through the row kernel for M rows; one row takes Kernel::kOutputs outputs a pass.
template<template<int> class Kernel>
void eachOutput(const float *x, std::int64_t M, const Shape &s, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    constexpr int R = Kernel<1>::kOutputs;
    std::int64_t n = nBegin;
    for (; M == 1 && n + R <= nEnd; n += R) {
        Row rows[R];
        for (int j = 0; j < R; ++j)
            rows[j] = rowOf(s, packed, scales, mins, n + j);
        Kernel<1>::outputs(x, s, rows, out + n, bias ? bias + n : nullptr);
    }
    for (; n < nEnd; ++n) {
        const Row r = rowOf(s, packed, scales, mins, n);
        const float b = bias ? bias[n] : 0.0f;
        switch (M) {
        case 1: Kernel<1>::run(x, s, r, out + n, b); break;
        case 2: Kernel<2>::run(x, s, r, out + n, b); break;
        case 3: Kernel<3>::run(x, s, r, out + n, b); break;
        default: Kernel<4>::run(x, s, r, out + n, b); break;
        }
    }
}

template<int M>
struct Avx2Row {
    static constexpr int kOutputs = 2;
    static void run(const float *x, const Shape &s, const Row &r, float *out, float b) { rowAvx2<M>(x, s, r, out, b); }
    static void outputs(const float *x, const Shape &s, const Row *r, float *out, const float *bias)
    {
        outputsAvx2<kOutputs>(x, s, r, out, bias);
    }
};
template<int M>
struct Avx512Row {
    static constexpr int kOutputs = 4;
    static void run(const float *x, const Shape &s, const Row &r, float *out, float b)
    {
        rowAvx512<M>(x, s, r, out, b);
    }
    static void outputs(const float *x, const Shape &s, const Row *r, float *out, const float *bias)
    {
        outputsAvx512<kOutputs>(x, s, r, out, bias);
    }
};

} // namespace

void gemvAvx2(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
              const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    eachOutput<Avx2Row>(x, M, shape, packed, scales, mins, bias, nBegin, nEnd, out);
}

void gemvAvx512(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    eachOutput<Avx512Row>(x, M, shape, packed, scales, mins, bias, nBegin, nEnd, out);
}

} // namespace optibench::engine::int4::detail

namespace optibench::engine::int8w::detail {

namespace {

// How far ahead of use the int8 kernels prefetch the weight (the rows are read in order).
constexpr std::int64_t kPrefetchBytes = 2048;

// One output's rows: 16 (or 8) int8 values widened to fp32 lanes, multiplied into per-row
// accumulators; the tail of K in a plain loop; the scale once at the end.
template<int M>
OPTIBENCH_AVX512 void rowAvx512(const float *x, std::int64_t N, std::int64_t K, const std::int8_t *row, float scale,
                                float bias, float *out)
{
    __m512 acc[M];
    for (int m = 0; m < M; ++m)
        acc[m] = _mm512_setzero_ps();
    std::int64_t k = 0;
    for (; k + 16 <= K; k += 16) {
        _mm_prefetch(reinterpret_cast<const char *>(row + k + kPrefetchBytes), _MM_HINT_T0);
        const __m512 w =
            _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(row + k))));
        for (int m = 0; m < M; ++m)
            acc[m] = _mm512_fmadd_ps(_mm512_loadu_ps(x + m * K + k), w, acc[m]);
    }
    for (int m = 0; m < M; ++m) {
        float sum = _mm512_reduce_add_ps(acc[m]);
        for (std::int64_t t = k; t < K; ++t)
            sum += x[m * K + t] * static_cast<float>(row[t]);
        out[m * N] = sum * scale + bias;
    }
}

template<int M>
OPTIBENCH_AVX2 void rowAvx2(const float *x, std::int64_t N, std::int64_t K, const std::int8_t *row, float scale,
                            float bias, float *out)
{
    __m256 acc[M];
    for (int m = 0; m < M; ++m)
        acc[m] = _mm256_setzero_ps();
    std::int64_t k = 0;
    for (; k + 8 <= K; k += 8) {
        if (k % 64 == 0)
            _mm_prefetch(reinterpret_cast<const char *>(row + k + kPrefetchBytes), _MM_HINT_T0);
        const __m256 w =
            _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(row + k))));
        for (int m = 0; m < M; ++m)
            acc[m] = _mm256_fmadd_ps(_mm256_loadu_ps(x + m * K + k), w, acc[m]);
    }
    for (int m = 0; m < M; ++m) {
        float sum = int4::detail::sum8(acc[m]);
        for (std::int64_t t = k; t < K; ++t)
            sum += x[m * K + t] * static_cast<float>(row[t]);
        out[m * N] = sum * scale + bias;
    }
}

template<template<int> class Kernel>
void eachOutput(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    for (std::int64_t n = nBegin; n < nEnd; ++n) {
        const std::int8_t *row = values + n * K;
        const float b = bias ? bias[n] : 0.0f;
        switch (M) {
        case 1: Kernel<1>::run(x, N, K, row, scales[n], b, out + n); break;
        case 2: Kernel<2>::run(x, N, K, row, scales[n], b, out + n); break;
        case 3: Kernel<3>::run(x, N, K, row, scales[n], b, out + n); break;
        default: Kernel<4>::run(x, N, K, row, scales[n], b, out + n); break;
        }
    }
}

template<int M>
struct Avx2Row {
    static void run(const float *x, std::int64_t N, std::int64_t K, const std::int8_t *row, float scale, float bias,
                    float *out)
    {
        rowAvx2<M>(x, N, K, row, scale, bias, out);
    }
};
template<int M>
struct Avx512Row {
    static void run(const float *x, std::int64_t N, std::int64_t K, const std::int8_t *row, float scale, float bias,
                    float *out)
    {
        rowAvx512<M>(x, N, K, row, scale, bias, out);
    }
};

} // namespace

void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
              const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    eachOutput<Avx2Row>(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
}

void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    eachOutput<Avx512Row>(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
}

} // namespace optibench::engine::int8w::detail
#endif
