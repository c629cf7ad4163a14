// The AVX2 and AVX-512 paths of weight-int8's row kernels (engine/kernels/weight_kernels.h): 16
// (or 8) int8 values widened to fp32 lanes and multiplied into per-row accumulators.
#include "engine/kernels/weight_kernels_x86.h"

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
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
        float sum = weight_x86::sum8(acc[m]);
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
