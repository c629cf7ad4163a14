// The weight-only kernels: int4 with group-wise scales (the codes' rounding, every kernel path
// against the dequantized weight, the fused and the widening forward, the bytes it holds) and
// weight-int8's row kernels against its dequantized weight.
#include "engine/kernels/cpu_isa.h"
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

TEST(Int4, EveryPathMatchesTheDequantizedWeight)
{
    at::manual_seed(2);
    for (auto [N, inputs, G] :
         {std::tuple<std::int64_t, std::int64_t, std::int64_t>{48, 576, 32}, {40, 576, 128}, {17, 96, 32}}) {
        const auto q = quantizeWeightInt4(at::randn({N, inputs}), G);
        const std::int64_t K = q.codes.size(1) * 2;
        const int4::Shape shape{N, K, G};
        const auto bias = at::randn({N});
        const auto dense = dequantizeInt4(q, at::kDouble);
        for (std::int64_t M = 1; M <= int4::kMaxRows; ++M) {
            const auto x = at::randn({M, inputs});
            const auto xPadded = at::constant_pad_nd(x, {0, K - inputs}).contiguous();
            const auto want = at::linear(x.to(at::kDouble), dense, bias.to(at::kDouble));
            for (isa::Level level : runnableLevels()) {
                auto out = at::full({M, N}, 7.0f);
                // Two ranges of outputs, as the parallel loop splits them.
                for (auto [b, e] : {std::pair<std::int64_t, std::int64_t>{0, N / 2}, {N / 2, N}})
                    int4::gemvAt(level, xPadded.data_ptr<float>(), M, shape, q.codes.data_ptr<std::uint8_t>(),
                                 q.scales.data_ptr<float>(), q.mins.data_ptr<float>(), bias.data_ptr<float>(), b, e,
                                 out.data_ptr<float>());
                EXPECT_LT(maxRelError(out, want), 1e-5) << isa::name(level) << " M " << M << " N " << N << " G " << G;
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
    const auto dense = dequantizeInt4(quantizeWeightInt4(w, 128), at::kDouble);
    // 1 to 16 rows run fused (in passes of 4), 40 rows widen the weight; a 3-D input keeps its shape.
    for (std::int64_t rows : {1, 3, 5, 16, 40}) {
        const auto x = at::randn({1, rows, 576});
        const auto got = linear->forward(x);
        EXPECT_EQ(got.sizes(), (std::vector<std::int64_t>{1, rows, 1100}));
        EXPECT_LT(maxRelError(got, at::linear(x.to(at::kDouble), dense, b.to(at::kDouble))), 1e-5) << rows;
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
