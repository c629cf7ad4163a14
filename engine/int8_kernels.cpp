#include "engine/int8_kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define OPTIBENCH_QKERNELS_AVX512 1
// GCC 12 warns about its own intrinsics headers (the `__m512 __Y = __Y;` idiom for undefined
// vectors, GCC bug 105593) at every inlined use; the warning is located in the header, so it
// is switched off for the include and this file.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#endif

namespace optibench::engine::qkernels {

namespace {

struct Params {
    RowQuant row;
    float inv = 1.0f; // 1 / scale, the multiplier the quantizing pass uses
};

// Asymmetric uint8 parameters for a row spanning [lo, hi] (widened to include 0, so that 0 is
// exact and the zero point lies in [0, 255], as PyTorch's dynamic quantization does).
Params paramsFor(float lo, float hi)
{
    lo = std::min(lo, 0.0f);
    hi = std::max(hi, 0.0f);
    Params p;
    const float scale = (hi - lo) / 255.0f;
    if (!(scale >= std::numeric_limits<float>::min()) || !std::isfinite(scale))
        return p; // an all-zero (or denormal, or non-finite) row quantizes to the zero point 0
    p.row.scale = scale;
    p.inv = 1.0f / scale;
    p.row.zeroPoint = std::clamp(static_cast<std::int32_t>(std::nearbyint(-lo * p.inv)), 0, 255);
    return p;
}

void quantizeRowsScalar(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, std::uint8_t *q,
                        RowQuant *params)
{
    for (std::int64_t m = begin; m < end; ++m) {
        const float *r = x + m * K;
        float lo = 0.0f, hi = 0.0f;
        for (std::int64_t k = 0; k < K; ++k) {
            lo = std::min(lo, r[k]);
            hi = std::max(hi, r[k]);
        }
        const Params p = paramsFor(lo, hi);
        params[m] = p.row;
        std::uint8_t *out = q + m * K;
        for (std::int64_t k = 0; k < K; ++k) {
            const float v = std::nearbyint(r[k] * p.inv) + static_cast<float>(p.row.zeroPoint);
            out[k] = v >= 0.0f ? static_cast<std::uint8_t>(std::min(v, 255.0f)) : 0; // NaN becomes 0

        }
    }
}

void dequantizeRowsScalar(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                          const float *colScale, const std::int32_t *colSum, const float *bias)
{
    for (std::int64_t m = begin; m < end; ++m) {
        float *row = out + m * N;
        const float s = params[m].scale;
        const std::int32_t zp = params[m].zeroPoint;
        for (std::int64_t n = 0; n < N; ++n) {
            std::int32_t acc; // the int32 product lives in the float buffer: read its bits
            std::memcpy(&acc, row + n, sizeof acc);
            const float v = static_cast<float>(acc - zp * colSum[n]) * (s * colScale[n]);
            row[n] = bias ? v + bias[n] : v;
        }
    }
}

#if defined(OPTIBENCH_QKERNELS_AVX512)
__attribute__((target("avx512f"))) void quantizeRowsAvx512(const float *x, std::int64_t K, std::int64_t begin,
                                                           std::int64_t end, std::uint8_t *q, RowQuant *params)
{
    const std::int64_t full = K & ~std::int64_t(15);
    const __mmask16 tail = static_cast<__mmask16>((1u << (K - full)) - 1u);
    for (std::int64_t m = begin; m < end; ++m) {
        const float *r = x + m * K;
        __m512 lo = _mm512_setzero_ps(), hi = _mm512_setzero_ps();
        for (std::int64_t k = 0; k < full; k += 16) {
            const __m512 v = _mm512_loadu_ps(r + k);
            lo = _mm512_min_ps(lo, v);
            hi = _mm512_max_ps(hi, v);
        }
        if (tail) { // masked-off lanes read as 0, which the range includes anyway
            const __m512 v = _mm512_maskz_loadu_ps(tail, r + full);
            lo = _mm512_min_ps(lo, v);
            hi = _mm512_max_ps(hi, v);
        }
        const Params p = paramsFor(_mm512_reduce_min_ps(lo), _mm512_reduce_max_ps(hi));
        params[m] = p.row;
        const __m512 inv = _mm512_set1_ps(p.inv);
        const __m512i zp = _mm512_set1_epi32(p.row.zeroPoint);
        const __m512i zero = _mm512_setzero_si512();
        std::uint8_t *out = q + m * K;
        // cvtps rounds with the current mode (to nearest even), like nearbyint; the unsigned
        // saturating narrow clamps above 255 once negatives are clamped to 0.
        for (std::int64_t k = 0; k < full; k += 16) {
            __m512i i = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_loadu_ps(r + k), inv));
            i = _mm512_max_epi32(_mm512_add_epi32(i, zp), zero);
            _mm_storeu_si128(reinterpret_cast<__m128i *>(out + k), _mm512_cvtusepi32_epi8(i));
        }
        if (tail) {
            __m512i i = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_maskz_loadu_ps(tail, r + full), inv));
            i = _mm512_max_epi32(_mm512_add_epi32(i, zp), zero);
            _mm512_mask_cvtusepi32_storeu_epi8(out + full, tail, i);
        }
    }
}

// out[n..n+16) under mask: the zero point's share subtracted exactly in int32, then scaled.
__attribute__((target("avx512f"))) inline void dequantizeBlock(float *row, const std::int32_t *colSum,
                                                               const float *colScale, const float *bias,
                                                               __m512 s, __m512i zp, __mmask16 mask)
{
    const __m512i acc = _mm512_maskz_loadu_epi32(mask, row);
    const __m512i sum = _mm512_maskz_loadu_epi32(mask, colSum);
    const __m512 v = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc, _mm512_mullo_epi32(zp, sum)));
    const __m512 scale = _mm512_mul_ps(s, _mm512_maskz_loadu_ps(mask, colScale));
    const __m512 b = bias ? _mm512_maskz_loadu_ps(mask, bias) : _mm512_setzero_ps();
    _mm512_mask_storeu_ps(row, mask, _mm512_fmadd_ps(v, scale, b));
}

__attribute__((target("avx512f"))) void dequantizeRowsAvx512(float *out, std::int64_t N, std::int64_t begin,
                                                             std::int64_t end, const RowQuant *params,
                                                             const float *colScale, const std::int32_t *colSum,
                                                             const float *bias)
{
    const std::int64_t full = N & ~std::int64_t(15);
    const __mmask16 tail = static_cast<__mmask16>((1u << (N - full)) - 1u);
    for (std::int64_t m = begin; m < end; ++m) {
        float *row = out + m * N;
        const __m512 s = _mm512_set1_ps(params[m].scale);
        const __m512i zp = _mm512_set1_epi32(params[m].zeroPoint);
        for (std::int64_t n = 0; n < full; n += 16)
            dequantizeBlock(row + n, colSum + n, colScale + n, bias ? bias + n : nullptr, s, zp,
                            static_cast<__mmask16>(0xFFFF));
        if (tail)
            dequantizeBlock(row + full, colSum + full, colScale + full, bias ? bias + full : nullptr, s, zp, tail);
    }
}
#endif

} // namespace

bool vectorized()
{
#if defined(OPTIBENCH_QKERNELS_AVX512)
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    return avx512;
#else
    return false;
#endif
}

void quantizeRows(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, std::uint8_t *q,
                  RowQuant *params)
{
#if defined(OPTIBENCH_QKERNELS_AVX512)
    if (vectorized())
        return quantizeRowsAvx512(x, K, begin, end, q, params);
#endif
    quantizeRowsScalar(x, K, begin, end, q, params);
}

void dequantizeRows(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                    const float *colScale, const std::int32_t *colSum, const float *bias)
{
#if defined(OPTIBENCH_QKERNELS_AVX512)
    if (vectorized())
        return dequantizeRowsAvx512(out, N, begin, end, params, colScale, colSum, bias);
#endif
    dequantizeRowsScalar(out, N, begin, end, params, colScale, colSum, bias);
}

} // namespace optibench::engine::qkernels
