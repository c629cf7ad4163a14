#include "engine/quantize.h"
#include "engine/compat.h"

#include <ATen/core/dispatch/Dispatcher.h>

#include <stdexcept>

namespace optibench::engine {

namespace {

// Looked up by name and called boxed: the packed-params class is not part of the public headers.
const c10::OperatorHandle &prepackOp()
{
    static const c10::OperatorHandle handle = c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_prepack", "");
    return handle;
}
const c10::OperatorHandle &dynamicOp()
{
    static const c10::OperatorHandle handle = c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_dynamic", "");
    return handle;
}

class DynamicInt8Linear : public LinearOp {
public:
    DynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
        : m_in(weight.size(1)), m_out(weight.size(0))
    {
        auto w = weight.to(at::kFloat).contiguous();
        // Symmetric per-channel scales: max |w| of each output row maps to 127.
        auto scales = (w.abs().amax({1}).to(at::kDouble) / 127.0).clamp_min(1e-12);
        auto zeroPoints = at::zeros({m_out}, at::kLong);
        auto q = at::quantize_per_channel(w, scales, zeroPoints, 0, at::kQInt8);
        c10::Stack stack{q, bias.defined() ? c10::IValue(bias.to(at::kFloat).contiguous()) : c10::IValue()};
        prepackOp().callBoxed(&stack);
        m_packed = std::move(stack.at(0));
        m_bytes = m_out * m_in /* int8 */ + m_out * (8 + 8) /* scale, zero point */
            + (bias.defined() ? m_out * 4 : 0);
    }
    at::Tensor forward(const at::Tensor &x) const override
    {
        c10::Stack stack{x.contiguous(), m_packed, false /* reduce_range: only fbgemm needs it */};
        dynamicOp().callBoxed(&stack);
        return stack.at(0).toTensor();
    }
    std::string kind() const override { return "dynamic-int8"; }
    std::int64_t weightBytes() const override { return m_bytes; }
    std::int64_t inFeatures() const override { return m_in; }
    std::int64_t outFeatures() const override { return m_out; }

private:
    std::int64_t m_in, m_out;
    std::int64_t m_bytes = 0;
    c10::IValue m_packed;
};

} // namespace

bool enableDynamicInt8()
{
    return compat::selectOneDnnQuantizedEngine();
}

std::unique_ptr<LinearOp> makeDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
{
    if (at::globalContext().qEngine() != at::QEngine::ONEDNN && !enableDynamicInt8())
        throw std::runtime_error("dynamic int8 needs LibTorch's ONEDNN quantized engine, which this build lacks");
    return std::make_unique<DynamicInt8Linear>(weight, bias);
}

} // namespace optibench::engine
