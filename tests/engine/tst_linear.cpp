// The engine's GEMM paths (oneDNN sgemm when built with it) against ATen's own ops.
#include "engine/kernels/gemm.h"
#include "engine/kernels/linear.h"
#include "engine/kernels/quantize.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <vector>

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

TEST(Linear, Fp32BiasReachesEveryRowOfALeadingDimensionInput)
{
    at::manual_seed(5);
    at::set_num_threads(2);
    auto x = at::randn({2, 333, 48});
    auto w = at::randn({129, 48});
    auto b = at::randn({129}) * 10;
    auto got = makeFp32Linear(w, b)->forward(x);
    auto want = at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble));
    EXPECT_EQ(got.sizes(), (std::vector<int64_t>{2, 333, 129}));
    EXPECT_LT(maxRelError(got, want), 1e-5);
}

namespace {

// The dynamic int8 scheme written out plainly in double: each activation row to [0, qmax] over
// its range widened to include 0 (scale (hi - lo) / qmax, zero point round(-lo / scale)), the
// weight to int8 per output row (scale max |w| / 127, rounded by at::quantize_per_channel),
// integer products, then scaled back. qmax is 255, or 127 under the 7-bit scheme.
at::Tensor int8Reference(const at::Tensor &x, const at::Tensor &w, const at::Tensor &b, int qmax)
{
    const float top = static_cast<float>(qmax);
    const int64_t M = x.size(0), K = x.size(1), N = w.size(0);
    const auto xc = x.contiguous();
    auto xa = xc.accessor<float, 2>();
    auto wScale = (w.abs().amax({1}).to(at::kDouble) / 127.0).clamp_min(1e-12);
    auto wq = at::quantize_per_channel(w, wScale, at::zeros({N}, at::kLong), 0, at::kQInt8).int_repr().to(at::kDouble);
    at::Tensor xq = at::empty({M, K}, at::kDouble), xScale = at::empty({M}, at::kDouble),
               xZero = at::empty({M}, at::kDouble);
    auto qa = xq.accessor<double, 2>();
    auto sa = xScale.accessor<double, 1>();
    auto za = xZero.accessor<double, 1>();
    for (int64_t m = 0; m < M; ++m) {
        float lo = 0, hi = 0;
        for (int64_t k = 0; k < K; ++k) {
            lo = std::min(lo, xa[m][k]);
            hi = std::max(hi, xa[m][k]);
        }
        const float scale = (hi - lo) / top;
        const bool zero = !(scale >= std::numeric_limits<float>::min());
        const float inv = zero ? 1.0f : 1.0f / scale;
        const double zp = zero ? 0.0 : std::clamp(std::nearbyint(-lo * inv), 0.0f, top);
        sa[m] = zero ? 1.0 : double(scale);
        za[m] = zp;
        for (int64_t k = 0; k < K; ++k)
            qa[m][k] = std::clamp(double(std::nearbyint(xa[m][k] * inv)) + zp, 0.0, double(top));
    }
    auto acc = at::matmul(xq - xZero.unsqueeze(1), wq.t()); // exact: integers below 2^53
    auto y = acc * xScale.unsqueeze(1) * wScale.unsqueeze(0);
    return b.defined() ? y + b.to(at::kDouble) : y;
}

} // namespace

TEST(Linear, DynamicInt8FollowsItsQuantizationScheme)
{
    if (!enableDynamicInt8())
        GTEST_SKIP() << "no int8 kernel in this build";
    if (!gemm::haveOneDnn())
        GTEST_SKIP() << "LibTorch's own int8 kernel quantizes per tensor; the scheme is the engine kernel's";
    at::manual_seed(6);
    at::set_num_threads(2);
    // Odd widths exercise the kernels' partial vectors; the rows' ranges differ a lot.
    for (auto [m, k, n] : {std::tuple<int64_t, int64_t, int64_t>{1, 7, 3}, {37, 100, 129}, {64, 768, 768}}) {
        auto x = at::randn({m, k}) * at::rand({m, 1}) * 8;
        auto w = at::randn({n, k}) * 0.05;
        auto b = at::randn({n});
        auto got = makeDynamicInt8Linear(w, b)->forward(x);
        EXPECT_LT(maxRelError(got, int8Reference(x, w, b, activationMax(int8Scheme()))), 1e-5)
            << int8SchemeName(int8Scheme()) << " " << m << "x" << k << "x" << n;
        EXPECT_LT(maxRelError(got, at::linear(x, w, b)), 3e-2) << m << "x" << k << "x" << n;
    }
}

TEST(Linear, DynamicInt8RowsOfOneSignZerosAndShapes)
{
    if (!enableDynamicInt8())
        GTEST_SKIP() << "no int8 kernel in this build";
    at::manual_seed(7);
    const int64_t K = 40, N = 24;
    auto w = at::randn({N, K});
    auto b = at::randn({N});
    auto op = makeDynamicInt8Linear(w, b);
    auto x = at::randn({4, K});
    x[0].abs_();        // all positive: zero point 0
    x[1] = -x[1].abs(); // all negative: zero point 255
    x[2].zero_();       // nothing to scale: exactly the bias
    x[3].fill_(0.75f);  // one value
    auto got = op->forward(x);
    EXPECT_TRUE(at::equal(got[2], b));
    EXPECT_LT(maxRelError(got, at::linear(x, w, b)), 3e-2);
    // Leading dimensions are kept; an empty batch gives an empty result; no bias works.
    auto x3 = at::randn({2, 3, K});
    EXPECT_EQ(op->forward(x3).sizes(), (std::vector<int64_t>{2, 3, N}));
    EXPECT_EQ(op->forward(at::randn({0, K})).sizes(), (std::vector<int64_t>{0, N}));
    auto noBias = makeDynamicInt8Linear(w, at::Tensor());
    EXPECT_LT(maxRelError(noBias->forward(x), at::linear(x, w)), 3e-2);
}

// The engine's kernel quantizes each row on its own; LibTorch's uses one range per tensor, so
// a batch whose rows differ in scale loses precision there and not here.
TEST(Linear, DynamicInt8PerRowRangesBeatOneRangePerTensor)
{
    if (!gemm::haveOneDnn() || !enableDynamicInt8())
        GTEST_SKIP() << "needs the engine's int8 kernel";
    at::manual_seed(8);
    auto x = at::randn({32, 256}) * at::logspace(-2, 1, 32).unsqueeze(1);
    auto w = at::randn({128, 256}) * 0.05;
    auto b = at::randn({128}) * 0.1;
    auto want = at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble));
    // Per-row error relative to each row's own magnitude: the small rows decide.
    auto rowError = [&](const at::Tensor &got) {
        auto g = got.to(at::kDouble);
        return ((g - want).abs().amax({1}) / want.abs().amax({1})).max().item<double>();
    };
    const double engine = rowError(makeDynamicInt8Linear(w, b)->forward(x));
    EXPECT_LT(engine, 3e-2);
    try {
        const double torch = rowError(makeTorchDynamicInt8Linear(w, b)->forward(x));
        EXPECT_LT(engine, torch);
    } catch (const std::runtime_error &) {
        // no ONEDNN quantized engine in this LibTorch: nothing to compare with
    }
}

// at::parallel_for is a header template: it runs in parallel only in code compiled with the
// parallel backend's flags (OpenMP here). The engine's own loops (attention heads, int8
// epilogues) and this test get them from the same optibench::torch target; without them every
// such loop ran on one thread and BERT-base attention took 4x longer.
TEST(Linear, ProjectParallelLoopsUseEveryIntraOpThread)
{
    const int before = at::get_num_threads();
    at::set_num_threads(2);
    std::vector<int> ranBy(64, -1);
    at::parallel_for(0, 64, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            ranBy[static_cast<std::size_t>(i)] = at::get_thread_num();
    });
    at::set_num_threads(before);
    std::sort(ranBy.begin(), ranBy.end());
    EXPECT_EQ(ranBy.front(), 0);
    EXPECT_EQ(ranBy.back(), 1) << "at::parallel_for ran on one thread: the project is compiled without OpenMP";
}
