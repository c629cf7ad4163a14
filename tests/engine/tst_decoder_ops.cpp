// The decoder's one-pass element-wise steps against the ops they stand for, and where they
// step aside (a gradient wanted, another dtype).
#include "engine/kernels/decoder_ops.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

using namespace optibench::engine;

namespace {

at::Tensor composedRotate(const at::Tensor &x, int heads, const at::Tensor &cos, const at::Tensor &sin)
{
    const auto B = x.size(0), S = x.size(1), D = cos.size(-1);
    auto h = x.view({B, S, heads, D});
    auto halves = h.chunk(2, -1);
    auto rotated = at::cat({-halves[1], halves[0]}, -1);
    return (h * cos.unsqueeze(2) + rotated * sin.unsqueeze(2)).reshape({B, S, heads * D});
}

at::Tensor composedRmsNorm(const at::Tensor &x, const at::Tensor &w, double eps)
{
    return w * (x * at::rsqrt(x.pow(2).mean(-1, true) + eps));
}

} // namespace

TEST(DecoderOps, RotateIsTheRotateHalfFormula)
{
    at::NoGradGuard noGrad;
    at::manual_seed(0);
    const int heads = 3;
    const auto x = at::randn({2, 5, heads * 8});
    const auto angles = at::randn({2, 5, 8});
    const auto cos = angles.cos(), sin = angles.sin();
    const auto fused = decoder_ops::rotate(x, heads, cos, sin);
    ASSERT_TRUE(fused.has_value());
    EXPECT_TRUE(fused->equal(composedRotate(x, heads, cos, sin))); // the same fp32 operations
}

TEST(DecoderOps, RmsNormMatchesTheComposedOps)
{
    at::NoGradGuard noGrad;
    at::manual_seed(1);
    const auto x = at::randn({3, 4, 96}) * 3, w = at::randn({96});
    const auto fused = decoder_ops::rmsNorm(x, w, 1e-5);
    ASSERT_TRUE(fused.has_value());
    EXPECT_TRUE(at::allclose(*fused, composedRmsNorm(x, w, 1e-5), 1e-6, 1e-6));
}

TEST(DecoderOps, StepAsideForGradientsAndOtherDtypes)
{
    const auto x = at::randn({1, 2, 16}).requires_grad_(), w = at::ones({16});
    EXPECT_FALSE(decoder_ops::rmsNorm(x, w, 1e-6).has_value()); // autograd composes the ops
    at::NoGradGuard noGrad;
    EXPECT_TRUE(decoder_ops::rmsNorm(x, w, 1e-6).has_value());
    EXPECT_FALSE(decoder_ops::rmsNorm(x.to(at::kBFloat16), w, 1e-6).has_value());
    const auto c = at::ones({1, 2, 8});
    EXPECT_FALSE(decoder_ops::rotate(x.detach().to(at::kBFloat16), 2, c, c).has_value());
}
