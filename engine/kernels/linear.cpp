#include "engine/kernels/linear.h"
#include "engine/kernels/gemm.h"

namespace optibench::engine {

std::int64_t tensorBytes(const at::Tensor &t)
{
    return t.defined() ? t.numel() * static_cast<std::int64_t>(t.element_size()) : 0;
}

TensorLinear::TensorLinear(at::Tensor weight, at::Tensor bias) : m_weight(std::move(weight)), m_bias(std::move(bias))
{
    TORCH_CHECK(m_weight.dim() == 2, "linear weight must be 2-D, is ", m_weight.sizes());
    TORCH_CHECK(!m_bias.defined() || m_bias.numel() == m_weight.size(0), "linear bias has ", m_bias.numel(),
                " values for ", m_weight.size(0), " outputs");
}

namespace {

class PlainLinear : public TensorLinear {
public:
    PlainLinear(at::Tensor weight, at::Tensor bias, bool aten)
        : TensorLinear(weight.contiguous(), bias.defined() ? bias.contiguous() : bias), m_aten(aten)
    {}
    at::Tensor forward(const at::Tensor &x) const override
    {
        return m_aten ? at::linear(x, m_weight, m_bias) : gemm::linear(x, m_weight, m_bias);
    }
    std::string kind() const override
    {
        const auto dtype = dtypeName(m_weight.scalar_type());
        return m_aten ? dtype + "-aten" : dtype;
    }
    const void *sharedWeightData() const override { return m_weight.data_ptr(); }

private:
    bool m_aten;
};

} // namespace

std::string dtypeName(at::ScalarType dtype)
{
    switch (dtype) {
    case at::kFloat: return "fp32";
    case at::kHalf: return "fp16";
    case at::kBFloat16: return "bf16";
    case at::kDouble: return "fp64";
    default: return c10::toString(dtype);
    }
}

std::unique_ptr<LinearOp> makeFp32Linear(at::Tensor weight, at::Tensor bias)
{
    return std::make_unique<PlainLinear>(std::move(weight), std::move(bias), false);
}

std::unique_ptr<LinearOp> makeAtenLinear(at::Tensor weight, at::Tensor bias)
{
    return std::make_unique<PlainLinear>(std::move(weight), std::move(bias), true);
}

} // namespace optibench::engine
