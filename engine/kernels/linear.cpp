#include "engine/kernels/linear.h"
#include "engine/kernels/gemm.h"

namespace optibench::engine {

std::int64_t tensorBytes(const at::Tensor &t)
{
    return t.defined() ? t.numel() * static_cast<std::int64_t>(t.element_size()) : 0;
}

namespace {

class PlainLinear : public LinearOp {
public:
    PlainLinear(at::Tensor weight, at::Tensor bias, bool aten)
        : m_weight(weight.contiguous()), m_bias(bias.defined() ? bias.contiguous() : bias), m_aten(aten)
    {
        TORCH_CHECK(m_weight.dim() == 2, "linear weight must be 2-D, is ", m_weight.sizes());
        TORCH_CHECK(!m_bias.defined() || m_bias.numel() == m_weight.size(0), "linear bias has ", m_bias.numel(),
                    " values for ", m_weight.size(0), " outputs");
    }
    at::Tensor forward(const at::Tensor &x) const override
    {
        return m_aten ? at::linear(x, m_weight, m_bias) : gemm::linear(x, m_weight, m_bias);
    }
    std::string kind() const override
    {
        const auto dtype = dtypeName(m_weight.scalar_type());
        return m_aten ? dtype + "-aten" : dtype;
    }
    std::int64_t weightBytes() const override { return tensorBytes(m_weight) + tensorBytes(m_bias); }
    std::int64_t inFeatures() const override { return m_weight.size(1); }
    std::int64_t outFeatures() const override { return m_weight.size(0); }
    const void *sharedWeightData() const override { return m_weight.data_ptr(); }

private:
    at::Tensor m_weight;
    at::Tensor m_bias;
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
