#pragma once
// Internal to the x86 paths of the weight-only kernels (engine/kernels/weight_kernels_*x86.cpp):
// the intrinsics, the target attributes and a horizontal sum.
#include "engine/kernels/weight_kernels_impl.h"

#if defined(OPTIBENCH_X86_WEIGHT_KERNELS)
// GCC 12 warns about its own intrinsics headers (the `__m512 __Y = __Y;` idiom for undefined
// vectors, GCC bug 105593) at every inlined use; the warning is located in the header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>

#define OPTIBENCH_AVX2 __attribute__((target("avx2,fma")))
#define OPTIBENCH_AVX512 __attribute__((target("avx512f,avx512bw,avx2,fma")))

namespace optibench::engine::weight_x86 {

OPTIBENCH_AVX2 inline float sum8(__m256 v)
{
    const __m128 h = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 q = _mm_add_ps(h, _mm_movehl_ps(h, h));
    return _mm_cvtss_f32(_mm_add_ss(q, _mm_shuffle_ps(q, q, 1)));
}

} // namespace optibench::engine::weight_x86
#endif
