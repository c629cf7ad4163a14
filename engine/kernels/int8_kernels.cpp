#include "engine/kernels/int8_kernels.h"
#include "engine/kernels/int8_kernels_impl.h"

namespace optibench::engine::qkernels {

namespace {

using detail::Params;

void quantizeRowsScalar(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax, std::uint8_t *q,
                        RowQuant *params)
{
    const float top = static_cast<float>(qmax);
    for (std::int64_t m = begin; m < end; ++m) {
        const float *r = x + m * K;
        float lo = 0.0f, hi = 0.0f;
        for (std::int64_t k = 0; k < K; ++k) { // NaN compares false and leaves the range alone
            lo = std::min(lo, r[k]);
            hi = std::max(hi, r[k]);
        }
        const Params p = detail::paramsFor(lo, hi, qmax);
        params[m] = p.row;
        std::uint8_t *out = q + m * K;
        for (std::int64_t k = 0; k < K; ++k)
            out[k] = detail::quantizeOne(r[k], p, top);
    }
}

void dequantizeRowsScalar(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                          const float *colScale, const std::int32_t *colSum, const float *bias)
{
    for (std::int64_t m = begin; m < end; ++m) {
        float *row = out + m * N;
        for (std::int64_t n = 0; n < N; ++n)
            row[n] = detail::dequantizeOne(row + n, params[m].zeroPoint, colSum[n], params[m].scale, colScale[n],
                                           bias ? bias + n : nullptr);
    }
}

// Levels above what the CPU has fall back to what it has.
isa::Level runnable(isa::Level level)
{
    return std::min(level, isa::cpuLevel());
}

} // namespace

void quantizeRowsAt(isa::Level level, const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax,
                    std::uint8_t *q, RowQuant *params)
{
    switch (runnable(level)) {
#if defined(OPTIBENCH_X86_KERNELS)
    case isa::Level::Avx512: return detail::quantizeRowsAvx512(x, K, begin, end, qmax, q, params);
    case isa::Level::Avx2: return detail::quantizeRowsAvx2(x, K, begin, end, qmax, q, params);
#endif
    default: break;
    }
    quantizeRowsScalar(x, K, begin, end, qmax, q, params);
}

void dequantizeRowsAt(isa::Level level, float *out, std::int64_t N, std::int64_t begin, std::int64_t end,
                      const RowQuant *params, const float *colScale, const std::int32_t *colSum, const float *bias)
{
    switch (runnable(level)) {
#if defined(OPTIBENCH_X86_KERNELS)
    case isa::Level::Avx512: return detail::dequantizeRowsAvx512(out, N, begin, end, params, colScale, colSum, bias);
    case isa::Level::Avx2: return detail::dequantizeRowsAvx2(out, N, begin, end, params, colScale, colSum, bias);
#endif
    default: break;
    }
    dequantizeRowsScalar(out, N, begin, end, params, colScale, colSum, bias);
}

void quantizeRows(const float *x, std::int64_t K, std::int64_t begin, std::int64_t end, int qmax, std::uint8_t *q,
                  RowQuant *params)
{
    quantizeRowsAt(isa::kernelLevel(), x, K, begin, end, qmax, q, params);
}

void dequantizeRows(float *out, std::int64_t N, std::int64_t begin, std::int64_t end, const RowQuant *params,
                    const float *colScale, const std::int32_t *colSum, const float *bias)
{
    dequantizeRowsAt(isa::kernelLevel(), out, N, begin, end, params, colScale, colSum, bias);
}

} // namespace optibench::engine::qkernels
