#pragma once
// Internal to the int8 row kernels (engine/int8_kernels*.cpp): the per-row parameters every
// path shares, the plain per-element rule the vector paths reproduce, and each path's entry.
#include "engine/kernels/int8_kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

// The vector paths exist where GCC or clang compile for x86-64 (function target attributes).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define OPTIBENCH_X86_KERNELS 1
#endif

namespace optibench::engine::qkernels::detail {

struct Params {
    RowQuant row;
    float inv = 1.0f; // 1 / scale, the multiplier the quantizing pass uses
};

// Asymmetric parameters for a row spanning [lo, hi] onto [0, qmax] (widened to include 0, so
// that 0 is exact and the zero point lies in [0, qmax], as PyTorch's dynamic quantization does).
inline Params paramsFor(float lo, float hi, int qmax)
{
    lo = std::min(lo, 0.0f);
    hi = std::max(hi, 0.0f);
    Params p;
    const float scale = (hi - lo) / static_cast<float>(qmax);
    if (!(scale >= std::numeric_limits<float>::min()) || !std::isfinite(scale))
        return p; // an all-zero (or denormal, or non-finite) row quantizes to the zero point 0
    p.row.scale = scale;
    p.inv = 1.0f / scale;
    p.row.zeroPoint = std::clamp(static_cast<std::int32_t>(std::nearbyint(-lo * p.inv)), 0, qmax);
    return p;
}

// One element: round to nearest even, shift by the zero point, clamp to [0, qmax]; NaN is 0.
inline std::uint8_t quantizeOne(float x, const Params &p, float qmax)
{
    const float v = std::nearbyint(x * p.inv) + static_cast<float>(p.row.zeroPoint);
    return v >= 0.0f ? static_cast<std::uint8_t>(std::min(v, qmax)) : std::uint8_t(0);
}

// One element of the dequantizing pass: the int32 product read from the float buffer's bits.
inline float dequantizeOne(const float *slot, std::int32_t zeroPoint, std::int32_t colSum, float rowScale,
                           float colScale, const float *bias)
{
    std::int32_t acc;
    std::memcpy(&acc, slot, sizeof acc);
    const float v = static_cast<float>(acc - zeroPoint * colSum) * (rowScale * colScale);
    return bias ? v + *bias : v;
}

#if defined(OPTIBENCH_X86_KERNELS)
void quantizeRowsAvx2(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax, std::uint8_t *q,
                      RowQuant *params);
void dequantizeRowsAvx2(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                        const float *colScale, const std::int32_t *colSum, const float *bias);
void quantizeRowsAvx512(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax, std::uint8_t *q,
                        RowQuant *params);
void dequantizeRowsAvx512(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                          const float *colScale, const std::int32_t *colSum, const float *bias);
#endif

} // namespace optibench::engine::qkernels::detail
