#include "engine/kernels/weight_kernels.h"
#include "engine/kernels/weight_kernels_impl.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace optibench::engine::int4 {

namespace {

// Code c of output row `row` (inputs k in [0, K)).
std::uint8_t codeAt(const std::uint8_t *row, std::int64_t k)
{
    const std::uint8_t byte = row[(k / kBlock) * kBlockBytes + (k % kBlockBytes)];
    return (k % kBlock) < kBlockBytes ? byte & 0x0F : byte >> 4;
}

void setCode(std::uint8_t *row, std::int64_t k, std::uint8_t code)
{
    std::uint8_t &byte = row[(k / kBlock) * kBlockBytes + (k % kBlockBytes)];
    byte = (k % kBlock) < kBlockBytes ? static_cast<std::uint8_t>((byte & 0xF0) | code)
                                      : static_cast<std::uint8_t>((byte & 0x0F) | (code << 4));
}

void packGroup(const float *w, std::int64_t count, std::int64_t first, std::uint8_t *row, float &scale, float &min)
{
    float lo = w[0], hi = w[0];
    for (std::int64_t i = 1; i < count; ++i) {
        lo = std::min(lo, w[i]);
        hi = std::max(hi, w[i]);
    }
    min = lo;
    scale = (hi - lo) / 15.0f;
    const float inv = scale > 0 ? 1.0f / scale : 0.0f;
    for (std::int64_t i = 0; i < count; ++i) {
        const float q = std::nearbyint((w[i] - lo) * inv);
        setCode(row, first + i, static_cast<std::uint8_t>(std::clamp(q, 0.0f, 15.0f)));
    }
}

// One block's scale and int8 values, out[i] for input i of the block.
void quantizeBlock(const float *x, std::int8_t *out, float &scale)
{
    float amax = 0.0f;
    for (std::int64_t i = 0; i < kBlock; ++i)
        amax = std::max(amax, std::fabs(x[i]));
    scale = amax / 127.0f;
    const float inv = amax > 0 ? 127.0f / amax : 0.0f;
    for (std::int64_t i = 0; i < kBlock; ++i)
        out[i] = static_cast<std::int8_t>(std::clamp(std::nearbyint(x[i] * inv), -127.0f, 127.0f));
}

// The plain path: each group's integer products of codes and int8 activations, block by block.
void gemvScalar(const float *x, std::int64_t M, const Shape &s, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    detail::Activations a;
    detail::quantizeActivations(x, M, s, 1, a);
    const std::int64_t groups = s.groups(), perGroup = s.groupSize / kBlock;
    for (std::int64_t n = nBegin; n < nEnd; ++n) {
        const std::uint8_t *row = packed + n * (s.K / 2);
        for (std::int64_t m = 0; m < M; ++m) {
            const std::int8_t *q = a.row(m, s);
            const float *sx = a.scalesOf(m, s);
            float acc = 0.0f;
            for (std::int64_t g = 0; g < groups; ++g) {
                float group = 0.0f;
                for (std::int64_t b = g * perGroup; b < (g + 1) * perGroup; ++b) {
                    std::int32_t dot = 0;
                    for (std::int64_t k = b * kBlock; k < (b + 1) * kBlock; ++k)
                        dot += static_cast<std::int32_t>(codeAt(row, k)) * q[k];
                    group += static_cast<float>(dot) * sx[b];
                }
                acc += group * scales[n * groups + g];
            }
            acc += detail::minimumsTerm(mins + n * groups, a.sumsOf(m, s), groups);
            out[m * s.N + n] = bias ? acc + bias[n] : acc;
        }
    }
}

} // namespace

namespace detail {

void quantizeActivations(const float *x, std::int64_t M, const Shape &s, int chunk, Activations &a)
{
    const std::int64_t blocks = s.K / kBlock, G = s.groupSize, groups = s.groups();
    a.M = M;
    a.q.resize(static_cast<std::size_t>(M * s.K));
    a.scales.resize(static_cast<std::size_t>(M * blocks));
    a.sums.resize(static_cast<std::size_t>(M * groups));
    std::int8_t block[kBlock];
    for (std::int64_t m = 0; m < M; ++m) {
        const float *xr = x + m * s.K;
        std::int8_t *q = a.q.data() + m * s.K;
        float *sx = a.scales.data() + m * blocks;
        float *sums = a.sums.data() + m * groups;
        std::fill(sums, sums + groups, 0.0f);
        const std::int64_t chunked = blocks / chunk * chunk;
        for (std::int64_t b = 0; b < blocks; ++b) {
            quantizeBlock(xr + b * kBlock, block, sx[b]);
            // The group's sum of the rounded values, so that a weight q * scale + min meets one x.
            sums[b * kBlock / G] += static_cast<float>(std::accumulate(block, block + kBlock, 0)) * sx[b];
            // Within a chunk, block j's low half goes to slot j and its high half to chunk + j.
            const std::int64_t c = b < chunked ? chunk : 1, first = b < chunked ? b - b % chunk : b, j = b - first;
            std::int8_t *dst = q + first * kBlock;
            std::copy(block, block + kBlockBytes, dst + j * kBlockBytes);
            std::copy(block + kBlockBytes, block + kBlock, dst + (c + j) * kBlockBytes);
        }
    }
}

float minimumsTerm(const float *mins, const float *sums, std::int64_t groups)
{
    float acc = 0.0f;
    for (std::int64_t g = 0; g < groups; ++g)
        acc += mins[g] * sums[g];
    return acc;
}

} // namespace detail

std::int64_t paddedInputs(std::int64_t inputs, std::int64_t groupSize)
{
    if (groupSize <= 0 || groupSize % kBlock != 0)
        throw std::invalid_argument("int4 group size must be a positive multiple of 32, is "
                                    + std::to_string(groupSize));
    return (inputs + groupSize - 1) / groupSize * groupSize;
}

void pack(const float *w, std::int64_t inputs, const Shape &s, std::uint8_t *packed, float *scales, float *mins)
{
    const std::int64_t G = s.groupSize, groups = s.groups();
    std::fill(packed, packed + s.packedBytes(), std::uint8_t(0));
    for (std::int64_t n = 0; n < s.N; ++n) {
        std::uint8_t *row = packed + n * (s.K / 2);
        for (std::int64_t g = 0; g < groups; ++g) {
            const std::int64_t first = g * G, count = std::min(G, inputs - first);
            float &scale = scales[n * groups + g], &min = mins[n * groups + g];
            if (count <= 0) {
                scale = min = 0.0f;
                continue;
            }
            packGroup(w + n * inputs + first, count, first, row, scale, min);
        }
    }
}

void unpack(const Shape &s, const std::uint8_t *packed, const float *scales, const float *mins, std::int64_t nBegin,
            std::int64_t nEnd, float *w)
{
    const std::int64_t groups = s.groups();
    for (std::int64_t n = nBegin; n < nEnd; ++n) {
        const std::uint8_t *row = packed + n * (s.K / 2);
        float *out = w + (n - nBegin) * s.K;
        for (std::int64_t b = 0; b < s.K / kBlock; ++b) {
            const std::int64_t g = n * groups + b * kBlock / s.groupSize;
            const float scale = scales[g], min = mins[g];
            const std::uint8_t *bytes = row + b * kBlockBytes;
            float *dst = out + b * kBlock;
            for (std::int64_t j = 0; j < kBlockBytes; ++j) {
                dst[j] = static_cast<float>(bytes[j] & 0x0F) * scale + min;
                dst[j + kBlockBytes] = static_cast<float>(bytes[j] >> 4) * scale + min;
            }
        }
    }
}

void gemvAt(isa::Level level, const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed,
            const float *scales, const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd,
            float *out)
{
    if (M < 1 || M > kMaxRows)
        throw std::invalid_argument("int4 gemv takes 1 to 4 rows, not " + std::to_string(M));
#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
    const isa::Level at = std::min(level, isa::cpuLevel());
    if (at >= isa::Level::Avx512 && detail::avx512Takes(shape))
        return detail::gemvAvx512(x, M, shape, packed, scales, mins, bias, nBegin, nEnd, out);
    if (at >= isa::Level::Avx2 && detail::avx2Takes(shape))
        return detail::gemvAvx2(x, M, shape, packed, scales, mins, bias, nBegin, nEnd, out);
#else
    (void)level;
#endif
    gemvScalar(x, M, shape, packed, scales, mins, bias, nBegin, nEnd, out);
}

void gemv(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
          const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    gemvAt(isa::kernelLevel(), x, M, shape, packed, scales, mins, bias, nBegin, nEnd, out);
}

} // namespace optibench::engine::int4

namespace optibench::engine::int8w {

namespace {

void gemvScalar(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    for (std::int64_t n = nBegin; n < nEnd; ++n) {
        const std::int8_t *row = values + n * K;
        for (std::int64_t m = 0; m < M; ++m) {
            const float *xr = x + m * K;
            float acc = 0.0f;
            for (std::int64_t k = 0; k < K; ++k)
                acc += xr[k] * static_cast<float>(row[k]);
            out[m * N + n] = acc * scales[n] + (bias ? bias[n] : 0.0f);
        }
    }
}

} // namespace

void gemvAt(isa::Level level, const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
            const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    if (M < 1 || M > kMaxRows)
        throw std::invalid_argument("int8 gemv takes 1 to 4 rows, not " + std::to_string(M));
    switch (std::min(level, isa::cpuLevel())) {
#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
    case isa::Level::Avx512: return detail::gemvAvx512(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
    case isa::Level::Avx2: return detail::gemvAvx2(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
#endif
    default: break;
    }
    gemvScalar(x, M, N, K, values, scales, bias, nBegin, nEnd, out);
}

void gemv(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
          const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    gemvAt(isa::kernelLevel(), x, M, N, K, values, scales, bias, nBegin, nEnd, out);
}

void unpack(std::int64_t K, const std::int8_t *values, const float *scales, std::int64_t nBegin, std::int64_t nEnd,
            float *w)
{
    for (std::int64_t n = nBegin; n < nEnd; ++n) {
        const std::int8_t *row = values + n * K;
        float *dst = w + (n - nBegin) * K;
        for (std::int64_t k = 0; k < K; ++k)
            dst[k] = static_cast<float>(row[k]) * scales[n];
    }
}

} // namespace optibench::engine::int8w

namespace optibench::engine {

namespace {

float widenBf16(std::uint16_t bits)
{
    const std::uint32_t wide = static_cast<std::uint32_t>(bits) << 16;
    float f;
    std::memcpy(&f, &wide, sizeof f);
    return f;
}
float widenF32(float v)
{
    return v;
}

// The plain loop of a row kernel over values that widen to fp32 (bf16, fp32).
template<class Value, float (*Widen)(Value)>
void rowsScalar(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const Value *w, const float *bias,
                std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    for (std::int64_t n = nBegin; n < nEnd; ++n)
        for (std::int64_t m = 0; m < M; ++m) {
            float acc = 0.0f;
            for (std::int64_t k = 0; k < K; ++k)
                acc += x[m * K + k] * Widen(w[n * K + k]);
            out[m * N + n] = acc + (bias ? bias[n] : 0.0f);
        }
}

template<class Value>
using RowsFn = void (*)(const float *, std::int64_t, std::int64_t, std::int64_t, const Value *, const float *,
                        std::int64_t, std::int64_t, float *);

// The row kernel for `level` (capped at the CPU's): AVX-512, AVX2 (null where not built) or the
// plain loop.
template<class Value, float (*Widen)(Value)>
RowsFn<Value> rowsPath(isa::Level level, RowsFn<Value> avx512, RowsFn<Value> avx2)
{
    const isa::Level at = std::min(level, isa::cpuLevel());
    if (at >= isa::Level::Avx512 && avx512)
        return avx512;
    if (at >= isa::Level::Avx2 && avx2)
        return avx2;
    return rowsScalar<Value, Widen>;
}

// A format's AVX-512 and AVX2 row kernels (its namespace's detail::), or none where not built.
#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
#define OPTIBENCH_ROW_PATHS detail::gemvAvx512, detail::gemvAvx2
#else
#define OPTIBENCH_ROW_PATHS nullptr, nullptr
#endif

void checkRows(std::int64_t M, std::int64_t maxRows, const char *kind)
{
    if (M < 1 || M > maxRows)
        throw std::invalid_argument(std::string(kind) + " gemv takes 1 to " + std::to_string(maxRows) + " rows, not "
                                    + std::to_string(M));
}

} // namespace

namespace bf16w {

void gemvAt(isa::Level level, const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w,
            const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    checkRows(M, kMaxRows, "bf16");
    rowsPath<std::uint16_t, widenBf16>(level, OPTIBENCH_ROW_PATHS)(x, M, N, K, w, bias, nBegin, nEnd, out);
}

void gemv(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::uint16_t *w, const float *bias,
          std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    gemvAt(isa::kernelLevel(), x, M, N, K, w, bias, nBegin, nEnd, out);
}

} // namespace bf16w

namespace f32w {

void gemvAt(isa::Level level, const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w,
            const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    checkRows(M, kMaxRows, "fp32");
    rowsPath<float, widenF32>(level, OPTIBENCH_ROW_PATHS)(x, M, N, K, w, bias, nBegin, nEnd, out);
}

void gemv(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const float *w, const float *bias,
          std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    gemvAt(isa::kernelLevel(), x, M, N, K, w, bias, nBegin, nEnd, out);
}

} // namespace f32w

} // namespace optibench::engine
