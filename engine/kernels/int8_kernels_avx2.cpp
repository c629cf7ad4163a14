// The AVX2 path of the int8 row kernels (engine/kernels/int8_kernels.h): 8 floats a vector, the plain
// loop's rule per element (detail::quantizeOne, detail::dequantizeOne) for the tail.
#include "engine/kernels/int8_kernels_impl.h"

#if defined(OPTIBENCH_X86_KERNELS)
// GCC 12 warns about its own intrinsics headers (the `__m256 __Y = __Y;` idiom for undefined
// vectors, GCC bug 105593) at every inlined use; the warning is located in the header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#define OPTIBENCH_AVX2 __attribute__((target("avx2,fma")))

namespace optibench::engine::qkernels::detail {

namespace {

OPTIBENCH_AVX2 inline float lowest(__m256 v)
{
    __m128 m = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_min_ps(m, _mm_movehl_ps(m, m));
    return _mm_cvtss_f32(_mm_min_ss(m, _mm_shuffle_ps(m, m, 1)));
}

OPTIBENCH_AVX2 inline float highest(__m256 v)
{
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    return _mm_cvtss_f32(_mm_max_ss(m, _mm_shuffle_ps(m, m, 1)));
}

// The row's range: min/max with the vector as first operand, so a NaN element leaves the
// running value alone, as std::min/std::max do in the plain loop.
OPTIBENCH_AVX2 void rowRange(const float *r, std::int64_t K, float &lo, float &hi)
{
    __m256 vlo = _mm256_setzero_ps(), vhi = _mm256_setzero_ps();
    std::int64_t k = 0;
    for (; k + 8 <= K; k += 8) {
        const __m256 v = _mm256_loadu_ps(r + k);
        vlo = _mm256_min_ps(v, vlo);
        vhi = _mm256_max_ps(v, vhi);
    }
    lo = lowest(vlo);
    hi = highest(vhi);
    for (; k < K; ++k) {
        lo = std::min(lo, r[k]);
        hi = std::max(hi, r[k]);
    }
}

// quantizeOne on 8 lanes: round (current mode, nearest even), add the zero point, clamp with
// max first (a NaN lane becomes its second operand, 0), then truncate the integral value.
OPTIBENCH_AVX2 inline __m256i quantize8(const float *x, __m256 inv, __m256 zp, __m256 top)
{
    __m256 v = _mm256_round_ps(_mm256_mul_ps(_mm256_loadu_ps(x), inv), _MM_FROUND_NEARBYINT);
    v = _mm256_max_ps(_mm256_add_ps(v, zp), _mm256_setzero_ps());
    return _mm256_cvttps_epi32(_mm256_min_ps(v, top));
}

OPTIBENCH_AVX2 void quantizeRow(const float *r, std::int64_t K, const Params &p, float qmax, std::uint8_t *out)
{
    const __m256 inv = _mm256_set1_ps(p.inv), zp = _mm256_set1_ps(static_cast<float>(p.row.zeroPoint)),
                 top = _mm256_set1_ps(qmax);
    // packus interleaves the 128-bit lanes; this puts the four 8-element groups back in order.
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    std::int64_t k = 0;
    for (; k + 32 <= K; k += 32) {
        const __m256i a = _mm256_packus_epi32(quantize8(r + k, inv, zp, top), quantize8(r + k + 8, inv, zp, top));
        const __m256i b = _mm256_packus_epi32(quantize8(r + k + 16, inv, zp, top), quantize8(r + k + 24, inv, zp, top));
        const __m256i bytes = _mm256_permutevar8x32_epi32(_mm256_packus_epi16(a, b), order);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + k), bytes);
    }
    for (; k + 8 <= K; k += 8) {
        const __m256i i = quantize8(r + k, inv, zp, top);
        const __m128i words = _mm_packus_epi32(_mm256_castsi256_si128(i), _mm256_extracti128_si256(i, 1));
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out + k), _mm_packus_epi16(words, words));
    }
    for (; k < K; ++k)
        out[k] = quantizeOne(r[k], p, qmax);
}

// dequantizeOne on 8 lanes: the zero point's share subtracted exactly in int32, then one
// multiply and one add, as the plain loop rounds.
OPTIBENCH_AVX2 inline void dequantize8(float *row, const std::int32_t *colSum, const float *colScale, const float *bias,
                                       __m256 s, __m256i zp)
{
    const __m256i acc = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(row));
    const __m256i sum = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(colSum));
    const __m256 v = _mm256_cvtepi32_ps(_mm256_sub_epi32(acc, _mm256_mullo_epi32(zp, sum)));
    __m256 y = _mm256_mul_ps(v, _mm256_mul_ps(s, _mm256_loadu_ps(colScale)));
    if (bias)
        y = _mm256_add_ps(y, _mm256_loadu_ps(bias));
    _mm256_storeu_ps(row, y);
}

} // namespace

OPTIBENCH_AVX2 void quantizeRowsAvx2(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax,
                                     std::uint8_t *q, RowQuant *params)
{
    for (std::int64_t m = begin; m < end; ++m) {
        float lo = 0.0f, hi = 0.0f;
        rowRange(x + m * K, K, lo, hi);
        const Params p = paramsFor(lo, hi, qmax);
        params[m] = p.row;
        quantizeRow(x + m * K, K, p, static_cast<float>(qmax), q + m * K);
    }
}

OPTIBENCH_AVX2 void dequantizeRowsAvx2(float *out, std::int64_t N, std::int64_t begin, std::int64_t end,
                                       const RowQuant *params, const float *colScale, const std::int32_t *colSum,
                                       const float *bias)
{
    for (std::int64_t m = begin; m < end; ++m) {
        float *row = out + m * N;
        const __m256 s = _mm256_set1_ps(params[m].scale);
        const __m256i zp = _mm256_set1_epi32(params[m].zeroPoint);
        std::int64_t n = 0;
        for (; n + 8 <= N; n += 8)
            dequantize8(row + n, colSum + n, colScale + n, bias ? bias + n : nullptr, s, zp);
        for (; n < N; ++n)
            row[n] = dequantizeOne(row + n, params[m].zeroPoint, colSum[n], params[m].scale, colScale[n],
                                   bias ? bias + n : nullptr);
    }
}

} // namespace optibench::engine::qkernels::detail
#endif
