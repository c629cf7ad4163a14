// The int8 scheme (engine/kernels/int8_scheme.h): the probe finds the saturation that full-range
// activations cause where the GEMM sums u8*s8 pairs in int16, the chosen scheme is exact on
// this CPU, and each scheme's error against fp32 on BERT-base-shaped layers stays within its
// stated bound. CTest runs this once per ISA level (label "isa").
#include "engine/kernels/gemm.h"
#include "engine/kernels/int8_scheme.h"
#include "engine/kernels/quantize.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <vector>

using namespace optibench::engine;

namespace {

double relativeError(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).abs().max() / w.abs().max()).item<double>();
}

// The schemes that are exact on this CPU: u7s8 everywhere, u8s8 where the GEMM does not saturate.
std::vector<Int8Scheme> exactSchemes()
{
    std::vector<Int8Scheme> schemes{Int8Scheme::U7S8};
    if (!int8GemmSaturates())
        schemes.insert(schemes.begin(), Int8Scheme::U8S8);
    return schemes;
}

// The worst relative error against fp32 a scheme may show on a BERT-base-shaped layer: 8-bit
// rows and weights give about 1/255 of a row's range per product, 7-bit rows twice that.
double errorBound(Int8Scheme scheme)
{
    return scheme == Int8Scheme::U8S8 ? 1.5e-2 : 2.5e-2;
}

} // namespace

TEST(Int8Scheme, NamesParseAndRanges)
{
    EXPECT_EQ(parseInt8Scheme("u8s8"), Int8Scheme::U8S8);
    EXPECT_EQ(parseInt8Scheme("u7s8"), Int8Scheme::U7S8);
    EXPECT_FALSE(parseInt8Scheme("s8s8").has_value());
    EXPECT_EQ(activationMax(Int8Scheme::U8S8), 255);
    EXPECT_EQ(activationMax(Int8Scheme::U7S8), 127);
    EXPECT_FALSE(int8SchemeReason().empty());
}

// The cause, shown: activations of 1.0 (quantized to 255) against weights of +-1.0 (+-127) make
// every pair of products +-64770. Under u8s8 a saturating GEMM returns about half of +-K; the
// probe says so, and the machine's scheme is then u7s8, which is exact on the same input.
TEST(Int8Scheme, ProbeSeesThePairSumSaturation)
{
    if (!enableDynamicInt8())
        GTEST_SKIP() << "no int8 kernel in this build";
    const int64_t K = 512, N = 32;
    auto w = at::ones({N, K});
    w.slice(0, 1, N, 2).neg_();
    const auto exact = w.sum(1).unsqueeze(0).expand({8, N});
    auto full = makeDynamicInt8Linear(w, at::Tensor(), Int8Scheme::U8S8)->forward(at::ones({8, K}));
    auto seven = makeDynamicInt8Linear(w, at::Tensor(), Int8Scheme::U7S8)->forward(at::ones({8, K}));
    const double fullError = relativeError(full, exact);
    std::printf("oneDNN ISA %s: u8s8 error %.4f, u7s8 error %.2e on saturating pairs; scheme %s\n",
                gemm::oneDnnCpuIsa().c_str(), fullError, relativeError(seven, exact), int8SchemeName(int8Scheme()));
    EXPECT_LT(relativeError(seven, exact), 1e-5) << "7-bit activations must never saturate";
    if (int8GemmSaturates()) {
        EXPECT_GT(fullError, 0.3) << "the probe saw saturation this input does not show";
        if (!std::getenv(kInt8SchemeVariable)) {
            EXPECT_EQ(int8Scheme(), Int8Scheme::U7S8);
        }
    } else {
        EXPECT_LT(fullError, 1e-5);
        if (!std::getenv(kInt8SchemeVariable)) {
            EXPECT_EQ(int8Scheme(), Int8Scheme::U8S8);
        }
    }
}

// Random activations over each scheme's whole range and int8 weights: the kernel's result is
// the exact integer product, scaled (the scheme written out in double).
TEST(Int8Scheme, ExactSchemesMatchTheirIntegerProduct)
{
    if (!enableDynamicInt8() || !gemm::haveOneDnn())
        GTEST_SKIP() << "needs the engine's int8 kernel";
    at::manual_seed(11);
    for (Int8Scheme scheme : exactSchemes()) {
        const double qmax = activationMax(scheme);
        for (auto [m, k, n] : {std::tuple<int64_t, int64_t, int64_t>{1, 300, 64}, {70, 768, 96}}) {
            // Rows spanning [0, qmax] exactly (scale 1, zero point 0) and weights max |w| = 127.
            auto xq = at::randint(0, static_cast<int64_t>(qmax) + 1, {m, k}).to(at::kFloat);
            xq.select(1, 0).fill_(qmax);
            auto wq = at::randint(-127, 128, {n, k}).to(at::kFloat);
            wq.select(1, 0).fill_(127.0f);
            auto got = makeDynamicInt8Linear(wq, at::Tensor(), scheme)->forward(xq);
            auto want = at::matmul(xq.to(at::kDouble), wq.to(at::kDouble).t());
            EXPECT_LT(relativeError(got, want), 1e-6) << int8SchemeName(scheme) << " " << m << "x" << k << "x" << n;
        }
    }
}

// BERT-base shapes with BERT-like values: LayerNorm outputs into the 768-wide layers, GELU
// outputs into the 3072-wide one, weights of initializer scale 0.02.
TEST(Int8Scheme, ErrorAgainstFp32OnBertBaseLayersStaysWithinEachSchemesBound)
{
    if (!enableDynamicInt8())
        GTEST_SKIP() << "no int8 kernel in this build";
    at::manual_seed(12);
    const int64_t rows = 256;
    auto hidden = at::layer_norm(at::randn({rows, 768}) * 3 + 0.5, {768});
    auto inner = at::gelu(at::randn({rows, 3072}) * 1.5);
    struct Layer {
        const char *name;
        at::Tensor x;
        int64_t out;
    };
    for (const Layer &layer :
         {Layer{"768->768", hidden, 768}, Layer{"768->3072", hidden, 3072}, Layer{"3072->768", inner, 768}}) {
        auto w = at::randn({layer.out, layer.x.size(1)}) * 0.02;
        auto b = at::randn({layer.out}) * 0.02;
        const auto want = at::linear(layer.x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble));
        if (int8GemmSaturates()) { // what full-range activations give here: wrong sums, shown only
            const double error = relativeError(makeDynamicInt8Linear(w, b, Int8Scheme::U8S8)->forward(layer.x), want);
            std::printf("u8s8 %s on this saturating GEMM: relative error %.3e (not used here)\n", layer.name, error);
        }
        for (Int8Scheme scheme : exactSchemes()) {
            const double error = relativeError(makeDynamicInt8Linear(w, b, scheme)->forward(layer.x), want);
            std::printf("%s %s: relative error %.3e (bound %.1e)\n", int8SchemeName(scheme), layer.name, error,
                        errorBound(scheme));
            EXPECT_LT(error, errorBound(scheme)) << int8SchemeName(scheme) << " " << layer.name;
        }
    }
}
