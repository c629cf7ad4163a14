// The AVX2 and AVX-512 paths of the row kernels of weight-int8 and bf16 weights
// (engine/kernels/weight_kernels.h): 16 (or 8) values widened to fp32 lanes and multiplied into
// per-row accumulators. The formats differ only in how a vector of values widens.
#include "engine/kernels/weight_kernels_x86.h"

#include <cstring>

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
namespace optibench::engine::weight_x86 {

namespace {

// How far ahead of use the row kernels prefetch the weight (the rows are read in order).
constexpr std::int64_t kPrefetchBytes = 2048;

struct Int8Values {
    using Value = std::int8_t;
    OPTIBENCH_AVX512 static __m512 widen16(const Value *v)
    {
        return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(v))));
    }
    OPTIBENCH_AVX2 static __m256 widen8(const Value *v)
    {
        return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(v))));
    }
    static float widen(Value v) { return static_cast<float>(v); }
};

// bf16 is the upper half of an fp32: widening is a 16-bit shift, exact.
struct Bf16Values {
    using Value = std::uint16_t;
    OPTIBENCH_AVX512 static __m512 widen16(const Value *v)
    {
        const __m512i wide = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(v)));
        return _mm512_castsi512_ps(_mm512_slli_epi32(wide, 16));
    }
    OPTIBENCH_AVX2 static __m256 widen8(const Value *v)
    {
        const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(v)));
        return _mm256_castsi256_ps(_mm256_slli_epi32(wide, 16));
    }
    static float widen(Value v)
    {
        const std::uint32_t bits = static_cast<std::uint32_t>(v) << 16;
        float f;
        std::memcpy(&f, &bits, sizeof f);
        return f;
    }
};

struct F32Values {
    using Value = float;
    OPTIBENCH_AVX512 static __m512 widen16(const Value *v) { return _mm512_loadu_ps(v); }
    OPTIBENCH_AVX2 static __m256 widen8(const Value *v) { return _mm256_loadu_ps(v); }
    static float widen(Value v) { return v; }
};

// One output's rows: values widened to fp32 lanes, multiplied into per-row accumulators; the
// tail of K in a plain loop; the scale once at the end.
template<class F, int M>
OPTIBENCH_AVX512 void rowAvx512(const float *x, std::int64_t N, std::int64_t K, const typename F::Value *row,
                                float scale, float bias, float *out)
{
    __m512 acc[M];
    for (int m = 0; m < M; ++m)
        acc[m] = _mm512_setzero_ps();
    std::int64_t k = 0;
    for (; k + 16 <= K; k += 16) {
        _mm_prefetch(reinterpret_cast<const char *>(row + k) + kPrefetchBytes, _MM_HINT_T0);
        const __m512 w = F::widen16(row + k);
        for (int m = 0; m < M; ++m)
            acc[m] = _mm512_fmadd_ps(_mm512_loadu_ps(x + m * K + k), w, acc[m]);
    }
    for (int m = 0; m < M; ++m) {
        float sum = _mm512_reduce_add_ps(acc[m]);
        for (std::int64_t t = k; t < K; ++t)
            sum += x[m * K + t] * F::widen(row[t]);
        out[m * N] = sum * scale + bias;
    }
}

template<class F, int M>
OPTIBENCH_AVX2 void rowAvx2(const float *x, std::int64_t N, std::int64_t K, const typename F::Value *row, float scale,
                            float bias, float *out)
{
    __m256 acc[M];
    for (int m = 0; m < M; ++m)
        acc[m] = _mm256_setzero_ps();
    std::int64_t k = 0;
    for (; k + 8 <= K; k += 8) {
        if (k % 64 == 0)
            _mm_prefetch(reinterpret_cast<const char *>(row + k) + kPrefetchBytes, _MM_HINT_T0);
        const __m256 w = F::widen8(row + k);
        for (int m = 0; m < M; ++m)
            acc[m] = _mm256_fmadd_ps(_mm256_loadu_ps(x + m * K + k), w, acc[m]);
    }
    for (int m = 0; m < M; ++m) {
        float sum = sum8(acc[m]);
        for (std::int64_t t = k; t < K; ++t)
            sum += x[m * K + t] * F::widen(row[t]);
        out[m * N] = sum * scale + bias;
    }
}

template<class F, int M>
struct Avx2Row {
    static void run(const float *x, std::int64_t N, std::int64_t K, const typename F::Value *row, float scale,
                    float bias, float *out)
    {
        rowAvx2<F, M>(x, N, K, row, scale, bias, out);
    }
};
template<class F, int M>
struct Avx512Row {
    static void run(const float *x, std::int64_t N, std::int64_t K, const typename F::Value *row, float scale,
                    float bias, float *out)
    {
        rowAvx512<F, M>(x, N, K, row, scale, bias, out);
    }
};

// Each output n through the row kernel for M rows; scales null: 1.
template<template<class, int> class Kernel, class F>
void eachOutput(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const typename F::Value *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    for (std::int64_t n = nBegin; n < nEnd; ++n) {
        const typename F::Value *row = values + n * K;
        const float b = bias ? bias[n] : 0.0f, s = scales ? scales[n] : 1.0f;
        switch (M) {
        case 1: Kernel<F, 1>::run(x, N, K, row, s, b, out + n); break;
        case 2: Kernel<F, 2>::run(x, N, K, row, s, b, out + n); break;
        case 3: Kernel<F, 3>::run(x, N, K, row, s, b, out + n); break;
        default: Kernel<F, 4>::run(x, N, K, row, s, b, out + n); break;
        }
    }
}

} // namespace
} // namespace optibench::engine::weight_x86

namespace optibench::engine::int8w::detail {

void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
              const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    using namespace weight_x86;
    eachOutput<Avx2Row, Int8Values>(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
}

void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    using namespace weight_x86;
    eachOutput<Avx512Row, Int8Values>(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
}

} // namespace optibench::engine::int8w::detail

namespace optibench::engine::bf16w::detail {

void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w, const float *bias,
              std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    using namespace weight_x86;
    eachOutput<Avx2Row, Bf16Values>(x, M, N, K, w, nullptr, bias, nBegin, nEnd, out);
}

void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w,
                const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    using namespace weight_x86;
    eachOutput<Avx512Row, Bf16Values>(x, M, N, K, w, nullptr, bias, nBegin, nEnd, out);
}

} // namespace optibench::engine::bf16w::detail
namespace optibench::engine::f32w::detail {

void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w, const float *bias,
              std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    using namespace weight_x86;
    eachOutput<Avx2Row, F32Values>(x, M, N, K, w, nullptr, bias, nBegin, nEnd, out);
}

void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w, const float *bias,
                std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    using namespace weight_x86;
    eachOutput<Avx512Row, F32Values>(x, M, N, K, w, nullptr, bias, nBegin, nEnd, out);
}

} // namespace optibench::engine::f32w::detail
#endif
