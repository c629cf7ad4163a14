// Differentiable oneDNN GEMMs. See engine/kernels/autograd_ops.h.
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/gemm.h"

#include <ATen/Parallel.h>
#include <ATen/record_function.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cmath>
#include <stdexcept>
#include <string>

#if defined(OPTIBENCH_HAVE_DNNL)
#include <dnnl.h>
#endif

namespace optibench::engine::autograd {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

bool anyRequiresGrad(std::initializer_list<const at::Tensor *> tensors)
{
    if (!at::GradMode::is_enabled())
        return false;
    for (const auto *t : tensors)
        if (t->defined() && t->requires_grad())
            return true;
    return false;
}

// Autocast (mixed-precision training) is on for x's device: the lower-precision ATen ops take over.
bool autocastActive(const at::Tensor &x)
{
#if OPTIBENCH_TORCH_AT_LEAST(2, 4)
    return at::autocast::is_autocast_enabled(x.device().type());
#else
    return x.is_cuda() ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

at::ScalarType autocastDtype(const at::Tensor &x)
{
#if OPTIBENCH_TORCH_AT_LEAST(2, 4)
    return at::autocast::get_autocast_dtype(x.device().type());
#else
    return x.is_cuda() ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
#endif
}

#if defined(OPTIBENCH_HAVE_DNNL)
void check(dnnl_status_t status, const char *what)
{
    if (status != dnnl_success)
        throw std::runtime_error(std::string("oneDNN ") + what + " failed with status " + std::to_string(status));
}

bool fastPath(const at::Tensor &x, const at::Tensor &w)
{
    return x.device().is_cpu() && x.scalar_type() == at::kFloat && w.scalar_type() == at::kFloat;
}

struct LinearFunction : public torch::autograd::Function<LinearFunction> {
    static at::Tensor forward(AutogradContext *ctx, const at::Tensor &x, const at::Tensor &weight,
                              const c10::optional<at::Tensor> &bias)
    {
        auto x2 = x.reshape({-1, x.size(-1)}).contiguous();
        ctx->save_for_backward({x2, weight});
        ctx->saved_data["x_grad"] = x.requires_grad();
        ctx->saved_data["w_grad"] = weight.requires_grad();
        ctx->saved_data["b_grad"] = bias.has_value() && bias->defined() && bias->requires_grad();
        ctx->saved_data["has_bias"] = bias.has_value() && bias->defined();
        ctx->saved_data["x_shape"] = x.sizes().vec();
        return gemm::linear(x2, weight, bias.has_value() ? *bias : at::Tensor()).view([&] {
            auto s = x.sizes().vec();
            s.back() = weight.size(0);
            return s;
        }());
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        RECORD_FUNCTION("onednn::linear_backward", std::vector<c10::IValue>());
        const auto saved = ctx->get_saved_variables();
        const auto &x2 = saved[0];
        const auto w = saved[1].contiguous();
        const int64_t M = x2.size(0), K = x2.size(1), N = w.size(0);
        auto dy = grads[0].reshape({M, N}).contiguous();
        at::Tensor dx, dw, db;
        if (ctx->saved_data["x_grad"].toBool()) {
            dx = at::empty({M, K}, dy.options());
            if (M > 0)
                check(dnnl_sgemm('N', 'N', M, K, N, 1.0f, dy.data_ptr<float>(), N, w.data_ptr<float>(), K, 0.0f,
                                 dx.data_ptr<float>(), K),
                      "sgemm (linear grad input)");
            dx = dx.view(ctx->saved_data["x_shape"].toIntVector());
        }
        if (ctx->saved_data["w_grad"].toBool()) {
            dw = at::zeros({N, K}, dy.options());
            if (M > 0)
                check(dnnl_sgemm('T', 'N', N, K, M, 1.0f, dy.data_ptr<float>(), N, x2.data_ptr<float>(), K, 0.0f,
                                 dw.data_ptr<float>(), K),
                      "sgemm (linear grad weight)");
        }
        if (ctx->saved_data["b_grad"].toBool())
            db = dy.sum(0);
        return {dx, dw, db};
    }
};

// The forward is gemm::attention itself (oneDNN GEMMs per (batch, head)), keeping its softmax
// probabilities for backward as ATen's softmax would keep them.
struct AttentionFunction : public torch::autograd::Function<AttentionFunction> {
    static at::Tensor forward(AutogradContext *ctx, const at::Tensor &q, const at::Tensor &k, const at::Tensor &v,
                              int64_t heads, const at::Tensor &maskBias, bool causal)
    {
        auto qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
        at::Tensor probs;
        auto context = gemm::attention(qc, kc, vc, static_cast<int>(heads), maskBias, causal, &probs);
        ctx->save_for_backward({qc, kc, vc, probs});
        ctx->saved_data["heads"] = heads;
        return context;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        RECORD_FUNCTION("onednn::attention_backward", std::vector<c10::IValue>());
        const auto saved = ctx->get_saved_variables();
        const auto &qc = saved[0], &kc = saved[1], &vc = saved[2], &probs = saved[3];
        const int64_t heads = ctx->saved_data["heads"].toInt();
        const int64_t B = qc.size(0), S = qc.size(1), HD = qc.size(2), D = HD / heads;
        const float scale = 1.0f / std::sqrt(static_cast<float>(D));
        auto dc = grads[0].contiguous();
        auto dq = at::empty_like(qc), dk = at::empty_like(kc), dv = at::empty_like(vc);
        auto dp = at::empty({B, heads, S, S}, qc.options());
        const float *pp = probs.data_ptr<float>(), *dcp = dc.data_ptr<float>();
        const float *qp = qc.data_ptr<float>(), *kp = kc.data_ptr<float>(), *vp = vc.data_ptr<float>();
        float *dpp = dp.data_ptr<float>(), *dvp = dv.data_ptr<float>();
        // dV = P^T dC, dP = dC V^T per (batch, head).
        at::parallel_for(0, B * heads, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const int64_t b = i / heads, h = i % heads;
                const int64_t o = b * S * HD + h * D;
                check(dnnl_sgemm('T', 'N', S, D, S, 1.0f, pp + i * S * S, S, dcp + o, HD, 0.0f, dvp + o, HD),
                      "sgemm (attention grad v)");
                check(dnnl_sgemm('N', 'T', S, S, D, 1.0f, dcp + o, HD, vp + o, HD, 0.0f, dpp + i * S * S, S),
                      "sgemm (attention grad probs)");
            }
        });
        // Softmax backward: dS = P * (dP - sum(dP * P)); masked keys have P = 0, so dS = 0.
        auto ds = at::_softmax_backward_data(dp, probs, -1, at::kFloat);
        dp.reset();
        const float *dsp = ds.data_ptr<float>();
        float *dqp = dq.data_ptr<float>(), *dkp = dk.data_ptr<float>();
        // dQ = scale dS K, dK = scale dS^T Q.
        at::parallel_for(0, B * heads, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const int64_t b = i / heads, h = i % heads;
                const int64_t o = b * S * HD + h * D;
                check(dnnl_sgemm('N', 'N', S, D, S, scale, dsp + i * S * S, S, kp + o, HD, 0.0f, dqp + o, HD),
                      "sgemm (attention grad q)");
                check(dnnl_sgemm('T', 'N', S, D, S, scale, dsp + i * S * S, S, qp + o, HD, 0.0f, dkp + o, HD),
                      "sgemm (attention grad k)");
            }
        });
        return {dq, dk, dv, at::Tensor(), at::Tensor(), at::Tensor()};
    }
};
#endif

} // namespace

at::Tensor linear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    if (autocastActive(x))
        return at::linear(x, weight, bias);
    if (!anyRequiresGrad({&x, &weight, &bias}))
        return gemm::linear(x, weight, bias);
#if defined(OPTIBENCH_HAVE_DNNL)
    if (fastPath(x, weight) && (!bias.defined() || bias.scalar_type() == at::kFloat)) {
        TORCH_CHECK(weight.dim() == 2 && weight.size(1) == x.size(-1), "autograd::linear: input has ", x.size(-1),
                    " features, weight is ", weight.sizes());
        return LinearFunction::apply(x, weight, bias.defined() ? c10::optional<at::Tensor>(bias) : c10::nullopt);
    }
#endif
    return at::linear(x, weight, bias);
}

at::Tensor attention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, int heads,
                     const at::Tensor &maskBias, bool causal)
{
    if (autocastActive(q)) {
        // ATen's matmuls in the autocast dtype (gemm::attention's fallback), softmax included.
        const auto dt = autocastDtype(q);
        return gemm::attention(q.to(dt), k.to(dt), v.to(dt), heads, maskBias, causal);
    }
    if (!anyRequiresGrad({&q, &k, &v}))
        return gemm::attention(q, k, v, heads, maskBias, causal);
    TORCH_CHECK(q.dim() == 3 && k.sizes() == q.sizes() && v.sizes() == q.sizes(),
                "autograd::attention: q, k, v must be [B, S, H*D] of one shape");
    TORCH_CHECK(q.size(2) % heads == 0, "autograd::attention: hidden ", q.size(2), " not divisible by ", heads,
                " heads");
#if defined(OPTIBENCH_HAVE_DNNL)
    if (fastPath(q, q) && k.scalar_type() == at::kFloat && v.scalar_type() == at::kFloat)
        return AttentionFunction::apply(q, k, v, static_cast<int64_t>(heads),
                                        maskBias.defined() ? maskBias.detach() : maskBias, causal);
#endif
    // ATen's matmul, softmax and masking are differentiable as gemm::attention composes them.
    return gemm::attention(q, k, v, heads, maskBias, causal);
}

} // namespace optibench::engine::autograd

namespace optibench::engine {

namespace {

class TrainableLinear : public TensorLinear {
public:
    TrainableLinear(at::Tensor weight, at::Tensor bias) : TensorLinear(std::move(weight), std::move(bias)) {}
    at::Tensor forward(const at::Tensor &x) const override { return autograd::linear(x, m_weight, m_bias); }
    std::string kind() const override { return "fp32-autograd"; }
};

} // namespace

std::unique_ptr<LinearOp> makeTrainableLinear(at::Tensor weight, at::Tensor bias)
{
    return std::make_unique<TrainableLinear>(std::move(weight), std::move(bias));
}

} // namespace optibench::engine
