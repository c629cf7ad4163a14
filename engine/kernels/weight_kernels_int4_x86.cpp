// The AVX2 and AVX-512 paths of the fused int4 kernel (engine/kernels/weight_kernels.h). One load
// takes the codes of a chunk of blocks (2 blocks, 32 bytes, on AVX2; 4 blocks, 64 bytes, on
// AVX-512); masking and shifting it gives the chunk's low and high nibbles, which meet the int8
// activations laid out to match (detail::Activations). vpmaddubsw multiplies the unsigned codes
// by the signed activations (pairs of products stay within int16: at most 2 * 15 * 127), vpmaddwd
// sums each block's quarter into an int32 lane, and each lane is scaled in fp32 by its block's
// activation scale times its group's weight scale.
#include "engine/kernels/weight_kernels_x86.h"

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
namespace optibench::engine::int4::detail {

namespace {

// How many output rows ahead the kernels prefetch codes (two passes of 4 outputs).
constexpr std::int64_t kPrefetchRows = 8;

struct Row {
    const std::uint8_t *codes; // the output row's packed codes
    const float *scales;       // its groups' scales and minimums
    const float *mins;
};

Row rowOf(const Shape &s, const std::uint8_t *packed, const float *scales, const float *mins, std::int64_t n)
{
    return {packed + n * (s.K / 2), scales + n * s.groups(), mins + n * s.groups()};
}

// One block (natural order) of R outputs: codes split into a 32-byte vector, the int32 products
// of each quarter, scaled.
template<int R>
OPTIBENCH_AVX2 void oneBlock(const std::int8_t *q, float sx, const Row *r, std::int64_t b, std::int64_t perGroup,
                             __m256 *acc)
{
    const __m128i low = _mm_set1_epi8(0x0F);
    const __m256i ones = _mm256_set1_epi16(1), x = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q));
    for (int j = 0; j < R; ++j) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(r[j].codes + b * kBlockBytes));
        const __m256i codes = _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(bytes, 4), low), _mm_and_si128(bytes, low));
        const __m256i dot = _mm256_madd_epi16(_mm256_maddubs_epi16(codes, x), ones);
        const __m256 scale = _mm256_set1_ps(sx * r[j].scales[b / perGroup]);
        acc[j] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(dot), scale, acc[j]);
    }
}

// [a x 4, b x 4]
OPTIBENCH_AVX2 inline __m256 pairOf(float a, float b)
{
    return _mm256_setr_m128(_mm_set1_ps(a), _mm_set1_ps(b));
}

// One activation row (its chunks of 2 blocks) against R outputs; perGroup is 1 or even.
template<int R>
OPTIBENCH_AVX2 void outputsAvx2(const std::int8_t *q, const float *sx, const float *sums, const Shape &s, const Row *r,
                                float *out, const float *bias)
{
    const __m256i low = _mm256_set1_epi8(0x0F), ones = _mm256_set1_epi16(1);
    const std::int64_t blocks = s.K / kBlock, perGroup = s.groupSize / kBlock;
    __m256 acc[R];
    for (int j = 0; j < R; ++j)
        acc[j] = _mm256_setzero_ps();
    std::int64_t b = 0;
    for (; b + 2 <= blocks; b += 2) {
        const __m256i xlo = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q + b * kBlock));
        const __m256i xhi = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(q + b * kBlock + 32));
        const __m256 sxPair = pairOf(sx[b], sx[b + 1]);
        for (int j = 0; j < R; ++j) {
            const std::uint8_t *codes = r[j].codes + b * kBlockBytes;
            if (b % 4 == 0)
                _mm_prefetch(reinterpret_cast<const char *>(codes + kPrefetchRows * (s.K / 2)), _MM_HINT_T0);
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(codes));
            const __m256i lo = _mm256_and_si256(v, low), hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
            const __m256i dot =
                _mm256_madd_epi16(_mm256_add_epi16(_mm256_maddubs_epi16(lo, xlo), _mm256_maddubs_epi16(hi, xhi)), ones);
            const __m256 ws =
                perGroup == 1 ? pairOf(r[j].scales[b], r[j].scales[b + 1]) : _mm256_set1_ps(r[j].scales[b / perGroup]);
            acc[j] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(dot), _mm256_mul_ps(ws, sxPair), acc[j]);
        }
    }
    if (b < blocks)
        oneBlock<R>(q + b * kBlock, sx[b], r, b, perGroup, acc);
    for (int j = 0; j < R; ++j)
        out[j] = weight_x86::sum8(acc[j]) + minimumsTerm(r[j].mins, sums, s.groups()) + (bias ? bias[j] : 0.0f);
}

// 4 values, each in 4 lanes: [v0 x 4, v1 x 4, v2 x 4, v3 x 4]; `count` of them read (1, 2 or 4).
OPTIBENCH_AVX512 inline __m512 quadOf(const float *v, int count)
{
    const __m512i spread = _mm512_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
    if (count == 1)
        return _mm512_set1_ps(v[0]);
    if (count == 2)
        return _mm512_permutexvar_ps(_mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1),
                                     _mm512_castps128_ps512(
                                         _mm_castpd_ps(_mm_load_sd(reinterpret_cast<const double *>(v)))));
    return _mm512_permutexvar_ps(spread, _mm512_castps128_ps512(_mm_loadu_ps(v)));
}

// One activation row (its chunks of 4 blocks) against R outputs; perGroup is 1, 2 or a multiple
// of 4. The last blocks that fill no chunk go one at a time.
template<int R>
OPTIBENCH_AVX512 void outputsAvx512(const std::int8_t *q, const float *sx, const float *sums, const Shape &s,
                                    const Row *r, float *out, const float *bias)
{
    const __m512i low = _mm512_set1_epi8(0x0F), ones = _mm512_set1_epi16(1);
    const std::int64_t blocks = s.K / kBlock, perGroup = s.groupSize / kBlock;
    const int scalesPerChunk = perGroup >= 4 ? 1 : static_cast<int>(4 / perGroup);
    __m512 acc[R];
    for (int j = 0; j < R; ++j)
        acc[j] = _mm512_setzero_ps();
    std::int64_t b = 0;
    for (; b + 4 <= blocks; b += 4) {
        const __m512i xlo = _mm512_loadu_si512(q + b * kBlock), xhi = _mm512_loadu_si512(q + b * kBlock + 64);
        const __m512 sxQuad = quadOf(sx + b, 4);
        for (int j = 0; j < R; ++j) {
            const std::uint8_t *codes = r[j].codes + b * kBlockBytes;
            _mm_prefetch(reinterpret_cast<const char *>(codes + kPrefetchRows * (s.K / 2)), _MM_HINT_T0);
            const __m512i v = _mm512_loadu_si512(codes);
            const __m512i lo = _mm512_and_si512(v, low), hi = _mm512_and_si512(_mm512_srli_epi16(v, 4), low);
            const __m512i dot =
                _mm512_madd_epi16(_mm512_add_epi16(_mm512_maddubs_epi16(lo, xlo), _mm512_maddubs_epi16(hi, xhi)), ones);
            const __m512 ws = quadOf(r[j].scales + b / perGroup, scalesPerChunk);
            acc[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(dot), _mm512_mul_ps(ws, sxQuad), acc[j]);
        }
    }
    __m256 tail[R];
    for (int j = 0; j < R; ++j)
        tail[j] = _mm256_setzero_ps();
    for (; b < blocks; ++b)
        oneBlock<R>(q + b * kBlock, sx[b], r, b, perGroup, tail);
    for (int j = 0; j < R; ++j)
        out[j] = _mm512_reduce_add_ps(acc[j]) + weight_x86::sum8(tail[j]) + minimumsTerm(r[j].mins, sums, s.groups())
            + (bias ? bias[j] : 0.0f);
}

// Every row of `a` against outputs [nBegin, nEnd), R outputs a pass (the codes of a pass stay in
// L1 while the rows go by).
template<int R, class Kernel>
void eachOutput(const Activations &a, const Shape &s, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out, Kernel kernel)
{
    std::int64_t n = nBegin;
    auto pass = [&](auto outputs, std::int64_t first) {
        constexpr int count = decltype(outputs)::value;
        Row rows[count];
        for (int j = 0; j < count; ++j)
            rows[j] = rowOf(s, packed, scales, mins, first + j);
        for (std::int64_t m = 0; m < a.M; ++m)
            kernel(outputs, a.row(m, s), a.scalesOf(m, s), a.sumsOf(m, s), s, static_cast<const Row *>(rows),
                   out + m * s.N + first, bias ? bias + first : nullptr);
    };
    for (; n + R <= nEnd; n += R)
        pass(std::integral_constant<int, R>{}, n);
    for (; n < nEnd; ++n)
        pass(std::integral_constant<int, 1>{}, n);
}

} // namespace

bool avx2Takes(const Shape &shape)
{
    const std::int64_t perGroup = shape.groupSize / kBlock;
    return perGroup == 1 || perGroup % 2 == 0;
}

bool avx512Takes(const Shape &shape)
{
    const std::int64_t perGroup = shape.groupSize / kBlock;
    return perGroup == 1 || perGroup == 2 || perGroup % 4 == 0;
}

void gemvAvx2(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
              const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    thread_local Activations a;
    quantizeActivations(x, M, shape, 2, a);
    eachOutput<2>(a, shape, packed, scales, mins, bias, nBegin, nEnd, out,
                  [&](auto outputs, auto... args) { outputsAvx2<decltype(outputs)::value>(args...); });
}

void gemvAvx512(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out)
{
    thread_local Activations a;
    quantizeActivations(x, M, shape, 4, a);
    eachOutput<4>(a, shape, packed, scales, mins, bias, nBegin, nEnd, out,
                  [&](auto outputs, auto... args) { outputsAvx512<decltype(outputs)::value>(args...); });
}

} // namespace optibench::engine::int4::detail
#endif
