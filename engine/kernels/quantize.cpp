#include "engine/kernels/quantize.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/int8_kernels.h"
#include "options/values.h"

#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/record_function.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#if defined(OPTIBENCH_HAVE_DNNL)
#include <dnnl.h>
#endif

namespace optibench::engine {

namespace {

// Symmetric per-channel weight scales: max |w| of each output row maps to 127. The QAT
// conversion (engine/train/qat.cpp) computes the same scales.
at::Tensor weightScales(const at::Tensor &w)
{
    return (w.abs().amax({1}).to(at::kDouble) / 127.0).clamp_min(1e-12);
}

#if defined(OPTIBENCH_HAVE_DNNL)
// The engine's own dynamic int8 linear on oneDNN's integer GEMM. Per call: one pass quantizes
// each activation row to uint8 with its own scale and zero point (no aminmax + item() over the
// whole tensor), dnnl_gemm_u8s8s32 multiplies with the int8 weight quantized once, and one pass
// turns the int32 products into fp32 in place, subtracting each row's zero-point share exactly
// (zero point x the weight row's sum) and adding the bias. Per-row activation scales are at
// least as accurate as one scale for the whole tensor. The rows map onto [0, activationMax].
class OneDnnInt8Linear : public LinearOp {
public:
    OneDnnInt8Linear(const at::Tensor &weight, const at::Tensor &bias, Int8Scheme scheme)
        : m_in(weight.size(1)), m_out(weight.size(0)), m_qmax(activationMax(scheme))
    {
        auto w = weight.to(at::kFloat).contiguous();
        auto scales = weightScales(w);
        auto q = at::quantize_per_channel(w, scales, at::zeros({m_out}, at::kLong), 0, at::kQInt8);
        m_weight = q.int_repr().contiguous();                                    // int8 [N, K]
        m_colSum = m_weight.to(at::kInt).sum({1}, false, at::kInt).contiguous(); // int32 [N]
        m_colScale = scales.to(at::kFloat).contiguous();                         // float [N]
        if (bias.defined())
            m_bias = bias.to(at::kFloat).contiguous();
    }

    at::Tensor forward(const at::Tensor &x) const override
    {
        TORCH_CHECK(x.device().is_cpu() && x.scalar_type() == at::kFloat,
                    "dynamic int8 linear needs a float32 CPU input, has ", x.scalar_type(), " on ", x.device());
        TORCH_CHECK(x.size(-1) == m_in, "dynamic int8 linear: input has ", x.size(-1), " features, weight expects ",
                    m_in);
        RECORD_FUNCTION("onednn::linear_int8", std::vector<c10::IValue>({x}));
        const auto x2 = x.reshape({-1, m_in}).contiguous();
        const std::int64_t M = x2.size(0), K = m_in, N = m_out;
        std::vector<std::int64_t> outShape(x.sizes().begin(), x.sizes().end());
        outShape.back() = N;
        at::Tensor out = at::empty({M, N}, x.options());
        if (M == 0)
            return out.view(outShape);

        auto q = at::empty({M, K}, x.options().dtype(at::kByte));
        std::vector<qkernels::RowQuant> rows(static_cast<std::size_t>(M));
        const float *xp = x2.data_ptr<float>();
        std::uint8_t *qp = q.data_ptr<std::uint8_t>();
        at::parallel_for(0, M, grainRows(K), [&](std::int64_t begin, std::int64_t end) {
            qkernels::quantizeRows(xp, K, begin, end, m_qmax, qp, rows.data());
        });

        // The int32 products go straight into the output's memory (same size as float).
        float *op = out.data_ptr<float>();
        const std::int32_t noOffset = 0;
        const dnnl_status_t status =
            dnnl_gemm_u8s8s32('N', 'T', 'F', M, N, K, 1.0f, qp, K, 0, m_weight.data_ptr<std::int8_t>(), K, 0, 0.0f,
                              reinterpret_cast<std::int32_t *>(op), N, &noOffset);
        TORCH_CHECK(status == dnnl_success, "oneDNN gemm_u8s8s32 failed with status ", static_cast<int>(status));

        const float *bias = m_bias.defined() ? m_bias.data_ptr<float>() : nullptr;
        const float *colScale = m_colScale.data_ptr<float>();
        const std::int32_t *colSum = m_colSum.data_ptr<std::int32_t>();
        at::parallel_for(0, M, grainRows(N), [&](std::int64_t begin, std::int64_t end) {
            qkernels::dequantizeRows(op, N, begin, end, rows.data(), colScale, colSum, bias);
        });
        return out.view(outShape);
    }
    std::string kind() const override { return options::name(options::Quantization::DynamicInt8); }
    std::int64_t weightBytes() const override
    {
        return tensorBytes(m_weight) + tensorBytes(m_colScale) + tensorBytes(m_colSum) + tensorBytes(m_bias);
    }
    // The colum sums are derived: a saved model holds the int8 weight, its scales and the bias.
    std::int64_t savedBytes() const override
    {
        return tensorBytes(m_weight) + tensorBytes(m_colScale) + tensorBytes(m_bias);
    }
    std::int64_t inFeatures() const override { return m_in; }
    std::int64_t outFeatures() const override { return m_out; }

private:
    // Rows per parallel task: about 16k elements, so small matrices stay on one thread.
    static std::int64_t grainRows(std::int64_t width)
    {
        return std::max<std::int64_t>(1, 16384 / std::max<std::int64_t>(1, width));
    }

    std::int64_t m_in, m_out;
    int m_qmax;
    at::Tensor m_weight, m_colSum, m_colScale, m_bias;
};
#endif

// Looked up by name and called boxed: the packed-params class is not part of the public headers.
const c10::OperatorHandle &prepackOp()
{
    static const c10::OperatorHandle handle =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_prepack", "");
    return handle;
}
const c10::OperatorHandle &dynamicOp()
{
    static const c10::OperatorHandle handle =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_dynamic", "");
    return handle;
}

// LibTorch's quantized::linear_dynamic (one activation scale per tensor, found by the kernel on
// every call): the path without oneDNN's own library, and the reference the benches compare to.
class DispatcherInt8Linear : public LinearOp {
public:
    DispatcherInt8Linear(const at::Tensor &weight, const at::Tensor &bias, Int8Scheme scheme)
        : m_in(weight.size(1)), m_out(weight.size(0)), m_reduceRange(scheme == Int8Scheme::U7S8)
    {
        auto w = weight.to(at::kFloat).contiguous();
        auto q = at::quantize_per_channel(w, weightScales(w), at::zeros({m_out}, at::kLong), 0, at::kQInt8);
        c10::Stack stack{q, bias.defined() ? c10::IValue(bias.to(at::kFloat).contiguous()) : c10::IValue()};
        prepackOp().callBoxed(&stack);
        m_packed = std::move(stack.at(0));
        m_bytes = m_out * m_in /* int8 */ + m_out * (8 + 8) /* scale, zero point */
            + (bias.defined() ? m_out * 4 : 0);
    }
    at::Tensor forward(const at::Tensor &x) const override
    {
        c10::Stack stack{x.contiguous(), m_packed, m_reduceRange};
        dynamicOp().callBoxed(&stack);
        return stack.at(0).toTensor();
    }
    std::string kind() const override { return options::name(options::Quantization::DynamicInt8); }
    std::int64_t weightBytes() const override { return m_bytes; }
    std::int64_t inFeatures() const override { return m_in; }
    std::int64_t outFeatures() const override { return m_out; }

private:
    std::int64_t m_in, m_out;
    bool m_reduceRange; // 7-bit activations, where the int8 GEMM saturates (u7s8)
    std::int64_t m_bytes = 0;
    c10::IValue m_packed;
};

} // namespace

bool enableDynamicInt8()
{
#if defined(OPTIBENCH_HAVE_DNNL)
    return true; // the engine's own kernel needs no quantized engine
#else
    return compat::selectOneDnnQuantizedEngine();
#endif
}

std::unique_ptr<LinearOp> makeDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
{
    return makeDynamicInt8Linear(weight, bias, int8Scheme());
}

std::unique_ptr<LinearOp> makeDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias, Int8Scheme scheme)
{
    TORCH_CHECK(weight.dim() == 2, "linear weight must be 2-D, is ", weight.sizes());
#if defined(OPTIBENCH_HAVE_DNNL)
    return std::make_unique<OneDnnInt8Linear>(weight, bias, scheme);
#else
    return makeTorchDynamicInt8Linear(weight, bias, scheme);
#endif
}

std::unique_ptr<LinearOp> makeTorchDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
{
    return makeTorchDynamicInt8Linear(weight, bias, int8Scheme());
}

std::unique_ptr<LinearOp> makeTorchDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias,
                                                     Int8Scheme scheme)
{
    TORCH_CHECK(weight.dim() == 2, "linear weight must be 2-D, is ", weight.sizes());
    if (at::globalContext().qEngine() != at::QEngine::ONEDNN && !compat::selectOneDnnQuantizedEngine())
        throw std::runtime_error("dynamic int8 needs LibTorch's ONEDNN quantized engine, which this build lacks");
    return std::make_unique<DispatcherInt8Linear>(weight, bias, scheme);
}

} // namespace optibench::engine
