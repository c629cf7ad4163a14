#include "engine/train/qat.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/checkpoint.h"
#include "engine/kernels/quantize.h"
#include "engine/models/model.h"

#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace optibench::engine {

namespace {

// uint8 activations over the range of this machine's int8 scheme (7 bits where its GEMM
// saturates, engine/kernels/int8_scheme.h), so training sees what the converted model computes; int8
// weights.
constexpr std::int64_t kActMin = 0;
constexpr std::int64_t kWeightMin = -128, kWeightMax = 127;

std::int64_t actMax()
{
    return activationMax(int8Scheme());
}

} // namespace

FakeQuantLinear::FakeQuantLinear(at::Tensor weight, at::Tensor bias, QatOptions options)
    : m_weight(std::move(weight)), m_bias(std::move(bias)), m_options(options)
{
    TORCH_CHECK(m_weight.dim() == 2, "linear weight must be 2-D, is ", m_weight.sizes());
    TORCH_CHECK(m_weight.scalar_type() == at::kFloat, "fake-quant linear needs float32 weights, has ",
                m_weight.scalar_type());
    TORCH_CHECK(!m_bias.defined() || m_bias.numel() == m_weight.size(0), "linear bias has ", m_bias.numel(),
                " values for ", m_weight.size(0), " outputs");
}

void FakeQuantLinear::observe(const at::Tensor &x) const
{
    at::NoGradGuard noGrad;
    auto range = at::aminmax(x.detach());
    const double lo = std::min(0.0, std::get<0>(range).item<double>());
    const double hi = std::max(0.0, std::get<1>(range).item<double>());
    if (m_batches == 0) {
        m_min = lo;
        m_max = hi;
    } else {
        const double c = m_options.averagingConstant;
        m_min += c * (lo - m_min);
        m_max += c * (hi - m_max);
    }
    ++m_batches;
}

double FakeQuantLinear::activationScale() const
{
    const double scale = (m_max - m_min) / static_cast<double>(actMax() - kActMin);
    return scale > 0 ? scale : 1.0;
}

std::int64_t FakeQuantLinear::activationZeroPoint() const
{
    const auto zp = static_cast<std::int64_t>(std::nearbyint(kActMin - m_min / activationScale()));
    return std::clamp(zp, kActMin, actMax());
}

at::Tensor FakeQuantLinear::weightScales() const
{
    at::NoGradGuard noGrad;
    // The dynamic int8 Linear's scales (engine/kernels/quantize.cpp), so conversion rounds alike.
    return (m_weight.detach().abs().amax({1}) / 127.0f).clamp_min(1e-12f).contiguous();
}

std::int64_t FakeQuantLinear::weightBytes() const
{
    return tensorBytes(m_weight) + tensorBytes(m_bias);
}

at::Tensor FakeQuantLinear::forward(const at::Tensor &x) const
{
    TORCH_CHECK(x.scalar_type() == at::kFloat, "fake-quant linear needs float32 input, has ", x.scalar_type());
    // A checkpointed layer recomputed in backward was observed in its forward already.
    if (m_observing && !recomputingCheckpoint())
        observe(x);
    if (!m_enabled)
        return autograd::linear(x, m_weight, m_bias);
    at::Tensor xq = x;
    if (m_batches > 0)
        xq = at::fake_quantize_per_tensor_affine(x, activationScale(), activationZeroPoint(), kActMin, actMax());
    const auto zeroPoints =
        at::zeros({m_weight.size(0)}, at::TensorOptions().dtype(at::kInt).device(m_weight.device()));
    auto wq = at::fake_quantize_per_channel_affine(m_weight, weightScales(), zeroPoints, 0, kWeightMin, kWeightMax);
    return autograd::linear(xq, wq, m_bias);
}

std::vector<FakeQuantLinear *> insertFakeQuant(NativeModel &model, const QatOptions &options)
{
    std::vector<FakeQuantLinear *> ops;
    model.setLinearFactory([&](const std::string &, const at::Tensor &w, const at::Tensor &b) {
        auto op = std::make_unique<FakeQuantLinear>(w, b, options);
        ops.push_back(op.get());
        return op;
    });
    return ops;
}

std::vector<FakeQuantLinear *> fakeQuantLinears(NativeModel &model)
{
    std::vector<FakeQuantLinear *> ops;
    for (const auto &name : model.linearNames()) {
        // The model hands out its Linears as const; the ops themselves were created non-const
        // (insertFakeQuant), and the model is non-const here, so switching them is sound.
        if (auto *op = dynamic_cast<const FakeQuantLinear *>(&model.linear(name)))
            ops.push_back(const_cast<FakeQuantLinear *>(op));
    }
    return ops;
}

void setFakeQuantObserving(NativeModel &model, bool on)
{
    for (auto *op : fakeQuantLinears(model))
        op->setObserving(on);
}

void convertQat(NativeModel &model)
{
    bool any = false;
    for (const auto &name : model.linearNames())
        any = any || model.linear(name).kind() == "qat-fake-quant";
    if (!any)
        throw std::logic_error("convertQat: the model has no fake-quant linears (call insertFakeQuant first)");
    at::NoGradGuard noGrad;
    model.setLinearFactory([](const std::string &, const at::Tensor &w, const at::Tensor &b) {
        return makeDynamicInt8Linear(w.detach(), b.defined() ? b.detach() : b);
    });
}

} // namespace optibench::engine
