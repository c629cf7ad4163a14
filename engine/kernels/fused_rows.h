#pragma once
// Products of a few rows (a decoding step) with a weight held small, by the row kernels of
// engine/kernels/weight_kernels.h: the outputs split over the threads, the rows in passes of a
// kernel's row count. Shared by the weight-only Linears (weight_quant.cpp) and bf16 weights
// (gemm.cpp).
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdint>

namespace optibench::engine::fused {

// Up to this many rows a product runs fused (in passes of the kernels' row count), reading the
// small weight once per pass; beyond, widening the weight slice by slice and a GEMM cost less.
inline constexpr std::int64_t kFusedRows = 16;
// Outputs per task of the parallel loops.
inline constexpr std::int64_t kGrain = 64;

// x2d [M, K] fp32 contiguous times a weight of N outputs held small: rows(nBegin, nEnd, x, M,
// out) computes outputs [nBegin, nEnd) of up to maxRows rows of x into out [M, N].
template<class Rows>
at::Tensor fusedProduct(const at::Tensor &x2d, std::int64_t N, std::int64_t maxRows, const Rows &rows)
{
    const std::int64_t M = x2d.size(0), K = x2d.size(1);
    auto out = at::empty({M, N}, x2d.options());
    const float *x = x2d.data_ptr<float>();
    float *y = out.data_ptr<float>();
    at::parallel_for(0, N, kGrain, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t m = 0; m < M; m += maxRows)
            rows(begin, end, x + m * K, std::min(maxRows, M - m), y + m * N);
    });
    return out;
}

} // namespace optibench::engine::fused
