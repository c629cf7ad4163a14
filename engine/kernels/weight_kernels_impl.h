#pragma once
// Internal to the weight-only kernels (engine/kernels/weight_kernels*.cpp): each vector path's entry.
#include "engine/kernels/weight_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define OPTIBENCH_X86_WEIGHT_KERNELS 1
#endif

namespace optibench::engine::int4::detail {

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
void gemvAvx2(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
              const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAvx512(const float *x, std::int64_t M, const Shape &shape, const std::uint8_t *packed, const float *scales,
                const float *mins, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
#endif

} // namespace optibench::engine::int4::detail

namespace optibench::engine::int8w::detail {

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
void gemvAvx2(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
              const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
void gemvAvx512(const float *x, std::int64_t M, std::int64_t N, std::int64_t K, const std::int8_t *values,
                const float *scales, const float *bias, std::int64_t nBegin, std::int64_t nEnd, float *out);
#endif

} // namespace optibench::engine::int8w::detail
