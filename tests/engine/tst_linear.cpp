// The engine's GEMM paths (oneDNN sgemm when built with it) against ATen's own ops.
#include "engine/gemm.h"
#include "engine/linear.h"
#include "engine/quantize.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

using namespace optibench::engine;

namespace {

double maxRelError(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).abs().max() / w.abs().max()).item<double>();
}

} // namespace

TEST(Linear, Fp32MatchesAtenLinear)
{
    at::manual_seed(1);
    at::set_num_threads(2);
    for (auto [m, k, n] : {std::tuple<int64_t, int64_t, int64_t>{1, 7, 3}, {37, 128, 512}, {256, 768, 768}}) {
        auto x = at::randn({m, k});
        auto w = at::randn({n, k});
        auto b = at::randn({n});
        auto got = makeFp32Linear(w, b)->forward(x);
        auto want = at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble));
        EXPECT_LT(maxRelError(got, want), 1e-5) << m << "x" << k << "x" << n;
        EXPECT_EQ(got.sizes(), (std::vector<int64_t>{m, n}));
    }
}

TEST(Linear, KeepsLeadingDimensionsAndWorksWithoutBias)
{
    at::manual_seed(2);
    auto x = at::randn({3, 5, 64});
    auto w = at::randn({32, 64});
    auto got = gemm::linear(x, w, at::Tensor());
    auto want = at::linear(x, w);
    EXPECT_EQ(got.sizes(), want.sizes());
    EXPECT_LT(maxRelError(got, want), 1e-5);
    // A strided (non-contiguous) input takes the same path after a copy.
    auto xt = at::randn({64, 6}).t();
    EXPECT_LT(maxRelError(gemm::linear(xt, w, at::Tensor()), at::linear(xt, w)), 1e-5);
}

TEST(Linear, AttentionMatchesNaiveReference)
{
    at::manual_seed(3);
    const int64_t B = 3, S = 11, H = 4, D = 16;
    auto q = at::randn({B, S, H * D}), k = at::randn({B, S, H * D}), v = at::randn({B, S, H * D});
    auto mask = at::ones({B, S});
    mask[1].slice(0, 7).zero_();
    auto maskBias = (1 - mask) * -1e9;
    auto got = gemm::attention(q, k, v, static_cast<int>(H), maskBias);

    auto split = [&](const at::Tensor &t) { return t.to(at::kDouble).view({B, S, H, D}).permute({0, 2, 1, 3}); };
    auto scores = at::matmul(split(q), split(k).transpose(-1, -2)) / std::sqrt(double(D));
    scores = scores + maskBias.to(at::kDouble).view({B, 1, 1, S});
    auto want = at::matmul(at::softmax(scores, -1), split(v)).permute({0, 2, 1, 3}).reshape({B, S, H * D});
    EXPECT_LT(maxRelError(got, want), 1e-5);
}

TEST(Linear, ReportsShapesAndBytes)
{
    auto op = makeFp32Linear(at::zeros({10, 4}), at::zeros({10}));
    EXPECT_EQ(op->inFeatures(), 4);
    EXPECT_EQ(op->outFeatures(), 10);
    EXPECT_EQ(op->weightBytes(), (40 + 10) * 4);
    EXPECT_EQ(op->kind(), "fp32");
    EXPECT_EQ(gemm::haveOneDnn(), !gemm::oneDnnVersion().empty());
}

TEST(Linear, DynamicInt8IsCloseToFp32)
{
    if (!enableDynamicInt8())
        GTEST_SKIP() << "no ONEDNN quantized engine in this LibTorch";
    at::manual_seed(4);
    auto x = at::randn({16, 256});
    auto w = at::randn({128, 256}) * 0.05;
    auto b = at::randn({128});
    auto op = makeDynamicInt8Linear(w, b);
    auto got = op->forward(x);
    auto want = at::linear(x, w, b);
    EXPECT_EQ(op->kind(), "dynamic-int8");
    // 8-bit weights and activations: about 1% of the output range.
    EXPECT_LT(maxRelError(got, want), 3e-2);
    EXPECT_GT(maxRelError(got, want), 0.0);
    EXPECT_LT(op->weightBytes(), makeFp32Linear(w, b)->weightBytes() / 2);
}
