// The weight-only kernels: int4 with group-wise scales (the codes' rounding, every kernel path
// against the same sums in double, the fused and the widening forward, the bytes it holds) and
// weight-int8's row kernels against its dequantized weight.
#include "engine/kernels/cpu_isa.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/weight_kernels.h"
#include "engine/kernels/weight_quant.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <tuple>
#include <utility>
#include <vector>

using namespace optibench::engine;

namespace {

double maxRelError(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).abs().max() / w.abs().max()).item<double>();
}

std::vector<isa::Level> runnableLevels()
{
    std::vector<isa::Level> levels;
    for (isa::Level l : {isa::Level::Scalar, isa::Level::Avx2, isa::Level::Avx512})
        if (l <= isa::cpuLevel())
            levels.push_back(l);
    return levels;
}

// What the fused int4 kernels compute, in double: the dequantized weight against x [M, K]
// rounded to int8 per block of 32 (scale max |x| / 127, rounded as the kernels do in fp32).
at::Tensor int4Reference(const at::Tensor &x, const Int4Weight &q, const at::Tensor &bias)
{
    const std::int64_t M = x.size(0), K = x.size(1);
    const auto blocks = x.reshape({M, K / 32, 32});
    const auto amax = blocks.abs().amax(-1, true);
    const auto inv = at::where(amax > 0, 127.0f / amax, at::zeros_like(amax));
    const auto rounded = ((blocks * inv).round().clamp(-127, 127).to(at::kDouble) * (amax / 127.0f).to(at::kDouble));
    const auto dense = dequantizeInt4(q, at::kDouble);
    const auto xr = rounded.reshape({M, K}).narrow(1, 0, dense.size(1));
    return at::linear(xr, dense, bias.defined() ? bias.to(at::kDouble) : at::Tensor());
}

double relativeRms(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).norm() / w.norm()).item<double>();
}

} // namespace

TEST(Int4, EveryWeightIsWithinHalfAStepOfItsGroupsGrid)
{
    at::manual_seed(1);
    for (std::int64_t G : {32, 128}) {
        const auto w = at::randn({24, 200}); // 200 inputs: the last group is partial
        const auto q = quantizeWeightInt4(w, G);
        EXPECT_EQ(q.codes.size(1), int4::paddedInputs(200, G) / 2);
        const auto back = dequantizeInt4(q, at::kFloat);
        ASSERT_EQ(back.sizes(), w.sizes());
        const auto step = q.scales.repeat_interleave(G, 1).narrow(1, 0, 200);
        EXPECT_TRUE(((back - w).abs() <= step * 0.5001 + 1e-7).all().item<bool>()) << "group size " << G;
        // Each group's range ends on codes 0 and 15: its minimum and maximum are exact.
        EXPECT_NEAR(back[0].narrow(0, 0, G).min().item<float>(), w[0].narrow(0, 0, G).min().item<float>(), 1e-6);
    }
}

TEST(Int4, AConstantOrZeroGroupIsExact)
{
    auto w = at::zeros({4, 64});
    w[1].fill_(0.25);
    const auto back = dequantizeInt4(quantizeWeightInt4(w, 32), at::kFloat);
    EXPECT_TRUE(back.equal(w));
}

// Every path computes the same sums (int8 activations against the codes) in its own order;
// the rounding of the activations costs far less than the int4 weight's own error.
TEST(Int4, EveryPathMatchesTheInt8RoundedActivationsProduct)
{
    at::manual_seed(2);
    // 576 and 1536 inputs: whole chunks of 2 and 4 blocks; 800: 25 blocks, a block left over;
    // 96 inputs a group: no chunk fits, the plain loop serves every level.
    for (auto [N, inputs, G] : {std::tuple<std::int64_t, std::int64_t, std::int64_t>{48, 576, 32},
                                {40, 576, 128},
                                {17, 96, 32},
                                {13, 800, 32},
                                {9, 320, 64},
                                {7, 288, 96},
                                {11, 1536, 128}}) {
        const auto w = at::randn({N, inputs});
        const auto q = quantizeWeightInt4(w, G);
        const std::int64_t K = q.codes.size(1) * 2;
        const int4::Shape shape{N, K, G};
        const auto bias = at::randn({N});
        for (std::int64_t M = 1; M <= int4::kMaxRows; ++M) {
            const auto x = at::randn({M, inputs});
            const auto xPadded = at::constant_pad_nd(x, {0, K - inputs}).contiguous();
            const auto want = int4Reference(xPadded, q, bias);
            for (isa::Level level : runnableLevels()) {
                auto out = at::full({M, N}, 7.0f);
                // Two ranges of outputs, as the parallel loop splits them.
                for (auto [b, e] : {std::pair<std::int64_t, std::int64_t>{0, N / 2}, {N / 2, N}})
                    int4::gemvAt(level, xPadded.data_ptr<float>(), M, shape, q.codes.data_ptr<std::uint8_t>(),
                                 q.scales.data_ptr<float>(), q.mins.data_ptr<float>(), bias.data_ptr<float>(), b, e,
                                 out.data_ptr<float>());
                EXPECT_LT(maxRelError(out, want), 1e-5) << isa::name(level) << " M " << M << " N " << N << " G " << G;
                // Against the fp32 activations: well under int4's own error against w.
                const auto exact = at::linear(x.to(at::kDouble), dequantizeInt4(q, at::kDouble), bias.to(at::kDouble));
                const auto fp32 = at::linear(x.to(at::kDouble), w.to(at::kDouble), bias.to(at::kDouble));
                EXPECT_LT(relativeRms(out, exact), 0.2 * relativeRms(exact, fp32)) << isa::name(level) << " G " << G;
            }
        }
    }
}

TEST(Int4, FusedAndWideningForwardsAgree)
{
    at::manual_seed(3);
    at::set_num_threads(2);
    const auto w = at::randn({1100, 576}); // more outputs than one widened slice
    const auto b = at::randn({1100});
    const auto linear = makeWeightInt4Linear(w, b, 128);
    const auto q = quantizeWeightInt4(w, 128);
    const auto dense = dequantizeInt4(q, at::kDouble);
    // 1 to 16 rows run fused (in passes of 4, the activations rounded to int8), 40 rows widen the
    // weight (fp32 activations); a 3-D input keeps its shape.
    for (std::int64_t rows : {1, 3, 5, 16, 40}) {
        const auto x = at::randn({1, rows, 576});
        const auto got = linear->forward(x);
        EXPECT_EQ(got.sizes(), (std::vector<std::int64_t>{1, rows, 1100}));
        const auto want =
            rows <= 16 ? int4Reference(x[0], q, b) : at::linear(x.to(at::kDouble), dense, b.to(at::kDouble))[0];
        EXPECT_LT(maxRelError(got[0], want), 1e-5) << rows;
    }
    // bf16 activations widen the weight to bf16.
    const auto xb = at::randn({2, 576}).to(at::kBFloat16);
    EXPECT_EQ(linear->forward(xb).scalar_type(), at::kBFloat16);
}

TEST(Int4, HoldsHalfAByteAWeightPlusItsGroupsScales)
{
    const auto linear = makeWeightInt4Linear(at::randn({64, 256}), at::Tensor(), 32);
    EXPECT_EQ(linear->weightBytes(), 64 * 256 / 2 + 2 * 64 * (256 / 32) * 4);
    EXPECT_EQ(linear->kind(), "weight-int4-g32");
    EXPECT_EQ(makeWeightInt4Linear(at::randn({8, 64}), at::Tensor(), 128)->kind(), "weight-int4-g128");
    EXPECT_THROW(makeWeightInt4Linear(at::randn({8, 64}), at::Tensor(), 48), std::invalid_argument);
}

TEST(WeightInt8, EveryPathMatchesTheDequantizedWeight)
{
    at::manual_seed(4);
    for (auto [N, K] : {std::pair<std::int64_t, std::int64_t>{40, 576}, {17, 100}, {9, 7}}) {
        const auto q = quantizeWeightInt8(at::randn({N, K}));
        const auto dense = q.values.to(at::kDouble) * q.scales.to(at::kDouble).unsqueeze(1);
        const auto bias = at::randn({N});
        for (std::int64_t M = 1; M <= int8w::kMaxRows; ++M) {
            const auto x = at::randn({M, K});
            const auto want = at::linear(x.to(at::kDouble), dense, bias.to(at::kDouble));
            for (isa::Level level : runnableLevels()) {
                auto out = at::full({M, N}, 7.0f);
                for (auto [b, e] : {std::pair<std::int64_t, std::int64_t>{0, N / 2}, {N / 2, N}})
                    int8w::gemvAt(level, x.data_ptr<float>(), M, N, K, q.values.data_ptr<std::int8_t>(),
                                  q.scales.data_ptr<float>(), bias.data_ptr<float>(), b, e, out.data_ptr<float>());
                EXPECT_LT(maxRelError(out, want), 1e-5) << isa::name(level) << " M " << M << " N " << N << " K " << K;
            }
        }
    }
}

TEST(WeightInt8, FusedAndWideningForwardsAgree)
{
    at::manual_seed(5);
    at::set_num_threads(2);
    const auto w = at::randn({1100, 96}); // more outputs than one widened slice
    const auto b = at::randn({1100});
    const auto q = quantizeWeightInt8(w);
    const auto dense = q.values.to(at::kDouble) * q.scales.to(at::kDouble).unsqueeze(1);
    const auto linear = makeWeightInt8Linear(w, b);
    for (std::int64_t rows : {1, 4, 7, 16, 33}) {
        const auto x = at::randn({rows, 96});
        EXPECT_LT(maxRelError(linear->forward(x), at::linear(x.to(at::kDouble), dense, b.to(at::kDouble))), 1e-5)
            << rows;
    }
}

// bf16 weights widen exactly: every path is the fp32 product with the bf16 weight's values.
TEST(Bf16Weight, EveryPathMatchesTheWidenedWeight)
{
    at::manual_seed(5);
    for (auto [N, K] : {std::pair<std::int64_t, std::int64_t>{40, 576}, {17, 100}, {9, 7}}) {
        const auto w = at::randn({N, K}).to(at::kBFloat16).contiguous();
        const auto bias = at::randn({N});
        const auto *bits = reinterpret_cast<const std::uint16_t *>(w.data_ptr<at::BFloat16>());
        for (std::int64_t M = 1; M <= bf16w::kMaxRows; ++M) {
            const auto x = at::randn({M, K});
            const auto want = at::linear(x.to(at::kDouble), w.to(at::kDouble), bias.to(at::kDouble));
            for (isa::Level level : runnableLevels()) {
                auto out = at::full({M, N}, 7.0f);
                for (auto [b, e] : {std::pair<std::int64_t, std::int64_t>{0, N / 2}, {N / 2, N}})
                    bf16w::gemvAt(level, x.data_ptr<float>(), M, N, K, bits, bias.data_ptr<float>(), b, e,
                                  out.data_ptr<float>());
                EXPECT_LT(maxRelError(out, want), 1e-5) << isa::name(level) << " M " << M << " N " << N << " K " << K;
            }
        }
    }
}

// A decoding step's product with bf16 weights runs the row kernels (up to 16 rows): summed and
// biased in fp32, rounded once to bf16. More rows, or a gradient, go to LibTorch (whose matmul
// rounds before its bias is added).
TEST(Bf16Weight, TheLinearOfAFewRowsRoundsOnceToBf16)
{
    const auto x16 = [] { return at::randn({2, 576}).to(at::kBFloat16); };
    at::manual_seed(6);
    at::set_num_threads(2);
    const auto w = at::randn({300, 576}).to(at::kBFloat16), b = at::randn({300}).to(at::kBFloat16);
    for (std::int64_t rows : {1, 5, 16, 40}) {
        const auto x = at::randn({1, rows, 576}).to(at::kBFloat16);
        const auto got = gemm::linear(x, w, b);
        EXPECT_EQ(got.scalar_type(), at::kBFloat16);
        EXPECT_EQ(got.sizes(), (std::vector<std::int64_t>{1, rows, 300}));
        const auto exact = at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble));
        if (rows > 16)
            continue; // LibTorch's product
        // One rounding to bf16: within half a unit in the last place of its 8 bits.
        const auto excess = ((got.to(at::kDouble) - exact).abs() - exact.abs() * (1.0 / 256)).max().item<double>();
        EXPECT_LE(excess, 1e-6) << rows << " rows";
    }
    const auto xf = at::randn({2, 576});
    EXPECT_EQ(gemm::linear(xf, w, b).scalar_type(), at::kFloat); // fp32 activations stay fp32
    const auto trained = w.clone().requires_grad_();
    EXPECT_TRUE(gemm::linear(x16(), trained, at::Tensor()).requires_grad()); // LibTorch's, for autograd
}

// fp32 weights for a decoding step: every path against the product in double, and
// gemm::linear's 1 to 4 rows (the row kernels) against its 5 (oneDNN's GEMM).
TEST(F32Weight, TheRowKernelsMatchTheGemm)
{
    at::manual_seed(7);
    const std::int64_t N = 37, K = 300;
    const auto w = at::randn({N, K}), bias = at::randn({N});
    for (std::int64_t M = 1; M <= f32w::kMaxRows; ++M) {
        const auto x = at::randn({M, K});
        const auto want = at::linear(x.to(at::kDouble), w.to(at::kDouble), bias.to(at::kDouble));
        for (isa::Level level : runnableLevels()) {
            auto out = at::full({M, N}, 7.0f);
            f32w::gemvAt(level, x.data_ptr<float>(), M, N, K, w.data_ptr<float>(), bias.data_ptr<float>(), 0, N,
                         out.data_ptr<float>());
            EXPECT_LT(maxRelError(out, want), 1e-5) << isa::name(level) << " M " << M;
        }
    }
    const auto x = at::randn({5, K});
    const auto five = gemm::linear(x, w, bias);
    for (std::int64_t m = 0; m < 5; ++m)
        EXPECT_LT(maxRelError(gemm::linear(x.narrow(0, m, 1), w, bias), five.narrow(0, m, 1)), 1e-5) << m;
}
