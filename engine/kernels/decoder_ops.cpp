// A decoder layer's element-wise steps in one pass each. See engine/kernels/decoder_ops.h.
#include "engine/kernels/decoder_ops.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace optibench::engine::decoder_ops {

namespace {

// Rows of the last dimension a parallel task takes.
constexpr std::int64_t kGrainRows = 64;

bool applies(const at::Tensor &t)
{
    return t.is_cpu() && t.scalar_type() == at::kFloat && !(at::GradMode::is_enabled() && t.requires_grad());
}

} // namespace

std::optional<at::Tensor> rotate(const at::Tensor &x, int heads, const at::Tensor &cos, const at::Tensor &sin)
{
    if (!applies(x) || !applies(cos) || !applies(sin) || x.dim() != 3)
        return std::nullopt;
    const std::int64_t B = x.size(0), S = x.size(1), D = cos.size(-1), half = D / 2;
    const auto xc = x.contiguous(), c = cos.contiguous(), s = sin.contiguous();
    auto out = at::empty_like(xc);
    const float *in = xc.data_ptr<float>(), *cp = c.data_ptr<float>(), *sp = s.data_ptr<float>();
    float *o = out.data_ptr<float>();
    at::parallel_for(0, B * S, kGrainRows / heads + 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t row = begin; row < end; ++row) {
            const float *cr = cp + row * D, *sr = sp + row * D;
            for (int h = 0; h < heads; ++h) {
                const float *xi = in + (row * heads + h) * D;
                float *oi = o + (row * heads + h) * D;
                for (std::int64_t i = 0; i < half; ++i)
                    oi[i] = xi[i] * cr[i] + (-xi[i + half]) * sr[i];
                for (std::int64_t i = half; i < D; ++i)
                    oi[i] = xi[i] * cr[i] + xi[i - half] * sr[i];
            }
        }
    });
    return out;
}

std::optional<at::Tensor> rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps)
{
    if (!applies(x) || !applies(weight) || weight.dim() != 1 || x.size(-1) != weight.size(0))
        return std::nullopt;
    const std::int64_t H = x.size(-1), rows = x.numel() / H;
    const auto xc = x.contiguous(), wc = weight.contiguous();
    auto out = at::empty_like(xc);
    const float *in = xc.data_ptr<float>(), *w = wc.data_ptr<float>();
    float *o = out.data_ptr<float>();
    at::parallel_for(0, rows, kGrainRows, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t r = begin; r < end; ++r) {
            const float *xr = in + r * H;
            double squares = 0;
            for (std::int64_t i = 0; i < H; ++i)
                squares += static_cast<double>(xr[i]) * xr[i];
            const float variance = static_cast<float>(squares / static_cast<double>(H));
            const float scale = 1.0f / std::sqrt(variance + static_cast<float>(eps));
            for (std::int64_t i = 0; i < H; ++i)
                o[r * H + i] = w[i] * (xr[i] * scale);
        }
    });
    return out;
}

} // namespace optibench::engine::decoder_ops
