// The AVX-512 path of the int8 row kernels (engine/kernels/int8_kernels.h): 16 floats a vector, the
// tail under a mask; per element the plain loop's rule (engine/kernels/int8_kernels_impl.h).
#include "engine/kernels/int8_kernels_impl.h"

#if defined(OPTIBENCH_X86_KERNELS)
// GCC 12 warns about its own intrinsics headers (the `__m512 __Y = __Y;` idiom for undefined
// vectors, GCC bug 105593) at every inlined use; the warning is located in the header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#define OPTIBENCH_AVX512 __attribute__((target("avx512f")))

namespace optibench::engine::qkernels::detail {

namespace {

OPTIBENCH_AVX512 inline __mmask16 tailMask(std::int64_t count)
{
    return static_cast<__mmask16>((1u << count) - 1u);
}

// Masked-off lanes read as 0, which the range includes anyway; the vector is the first
// operand, so a NaN element leaves the running value alone, as in the plain loop.
OPTIBENCH_AVX512 void rowRange(const float *r, std::int64_t K, float &lo, float &hi)
{
    __m512 vlo = _mm512_setzero_ps(), vhi = _mm512_setzero_ps();
    for (std::int64_t k = 0; k < K; k += 16) {
        const __m512 v = _mm512_maskz_loadu_ps(tailMask(std::min<std::int64_t>(16, K - k)), r + k);
        vlo = _mm512_min_ps(v, vlo);
        vhi = _mm512_max_ps(v, vhi);
    }
    lo = _mm512_reduce_min_ps(vlo);
    hi = _mm512_reduce_max_ps(vhi);
}

// detail::quantizeOne on 16 lanes: round in the current mode, add the zero point, clamp with
// max first (NaN becomes 0), truncate the integral value and narrow.
OPTIBENCH_AVX512 void quantizeRow(const float *r, std::int64_t K, const Params &p, float qmax, std::uint8_t *out)
{
    const __m512 inv = _mm512_set1_ps(p.inv), zp = _mm512_set1_ps(static_cast<float>(p.row.zeroPoint)),
                 top = _mm512_set1_ps(qmax), zero = _mm512_setzero_ps();
    for (std::int64_t k = 0; k < K; k += 16) {
        const __mmask16 mask = tailMask(std::min<std::int64_t>(16, K - k));
        __m512 v = _mm512_roundscale_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(mask, r + k), inv),
                                        _MM_FROUND_CUR_DIRECTION | _MM_FROUND_NO_EXC);
        v = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(v, zp), zero), top);
        _mm512_mask_cvtusepi32_storeu_epi8(out + k, mask, _mm512_cvttps_epi32(v));
    }
}

// detail::dequantizeOne on 16 lanes under mask: the zero point's share subtracted exactly in
// int32, then one multiply and one add.
OPTIBENCH_AVX512 inline void dequantize16(float *row, const std::int32_t *colSum, const float *colScale,
                                          const float *bias, __m512 s, __m512i zp, __mmask16 mask)
{
    const __m512i acc = _mm512_maskz_loadu_epi32(mask, row);
    const __m512i sum = _mm512_maskz_loadu_epi32(mask, colSum);
    const __m512 v = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc, _mm512_mullo_epi32(zp, sum)));
    __m512 y = _mm512_mul_ps(v, _mm512_mul_ps(s, _mm512_maskz_loadu_ps(mask, colScale)));
    if (bias)
        y = _mm512_add_ps(y, _mm512_maskz_loadu_ps(mask, bias));
    _mm512_mask_storeu_ps(row, mask, y);
}

} // namespace

OPTIBENCH_AVX512 void quantizeRowsAvx512(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax,
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

OPTIBENCH_AVX512 void dequantizeRowsAvx512(float *out, std::int64_t N, std::int64_t begin, std::int64_t end,
                                           const RowQuant *params, const float *colScale, const std::int32_t *colSum,
                                           const float *bias)
{
    for (std::int64_t m = begin; m < end; ++m) {
        float *row = out + m * N;
        const __m512 s = _mm512_set1_ps(params[m].scale);
        const __m512i zp = _mm512_set1_epi32(params[m].zeroPoint);
        for (std::int64_t n = 0; n < N; n += 16)
            dequantize16(row + n, colSum + n, colScale + n, bias ? bias + n : nullptr, s, zp,
                         tailMask(std::min<std::int64_t>(16, N - n)));
    }
}

} // namespace optibench::engine::qkernels::detail
#endif
