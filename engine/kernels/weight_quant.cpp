#include "engine/kernels/weight_quant.h"
#include "engine/kernels/gemm.h"
#include "options/values.h"

#include <stdexcept>

namespace optibench::engine {

namespace {

// The bias in the output's dtype (undefined stays undefined).
at::Tensor biasAs(const at::Tensor &bias, const at::Tensor &x)
{
    return bias.defined() && bias.scalar_type() != x.scalar_type() ? bias.to(x.scalar_type()) : bias;
}

class WeightInt8Linear : public LinearOp {
public:
    WeightInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
        : m_weight(quantizeWeightInt8(weight)), m_bias(bias.defined() ? bias.to(at::kFloat).contiguous() : bias)
    {
        // The scales as a column, for the fused widening multiply.
        m_scaleColumn = m_weight.scales.unsqueeze(1);
    }
    at::Tensor forward(const at::Tensor &x) const override
    {
        // int8 * scale promotes to the scale's type in one pass over the weight.
        const auto scale = x.scalar_type() == at::kFloat ? m_scaleColumn : m_scaleColumn.to(x.scalar_type());
        auto w = at::mul(m_weight.values, scale);
        return gemm::linear(x, w, biasAs(m_bias, x));
    }
    std::string kind() const override { return options::name(options::Quantization::WeightInt8); }
    std::int64_t weightBytes() const override
    {
        return tensorBytes(m_weight.values) + tensorBytes(m_weight.scales) + tensorBytes(m_bias);
    }
    std::int64_t inFeatures() const override { return m_weight.values.size(1); }
    std::int64_t outFeatures() const override { return m_weight.values.size(0); }

private:
    Int8Weight m_weight;
    at::Tensor m_scaleColumn;
    at::Tensor m_bias;
};

class HalfWeightLinear : public TensorLinear {
public:
    HalfWeightLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype)
        : TensorLinear(weight.to(dtype).contiguous(), bias.defined() ? bias.to(dtype).contiguous() : bias)
    {}
    at::Tensor forward(const at::Tensor &x) const override
    {
        if (x.scalar_type() == m_weight.scalar_type())
            return gemm::linear(x, m_weight, m_bias);
        return gemm::linear(x, m_weight.to(x.scalar_type()), biasAs(m_bias, x));
    }
    std::string kind() const override { return dtypeName(m_weight.scalar_type()) + "-weights"; }
};

} // namespace

Int8Weight quantizeWeightInt8(const at::Tensor &weight)
{
    TORCH_CHECK(weight.dim() == 2, "linear weight must be 2-D, is ", weight.sizes());
    auto w = weight.detach().to(at::kFloat);
    // An all-zero row (pruned) gets scale 1 rather than a division by zero; its values stay 0.
    auto scales = w.abs().amax({1}).div_(127.0f);
    scales.masked_fill_(scales.eq(0), 1.0f);
    auto values = at::round(w / scales.unsqueeze(1)).clamp_(-127, 127).to(at::kChar).contiguous();
    return {values, scales.contiguous()};
}

std::unique_ptr<LinearOp> makeWeightInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
{
    return std::make_unique<WeightInt8Linear>(weight, bias);
}

std::unique_ptr<LinearOp> makeHalfWeightLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype)
{
    if (dtype != at::kHalf && dtype != at::kBFloat16)
        throw std::invalid_argument("half-precision weights are fp16 or bf16, not " + dtypeName(dtype));
    return std::make_unique<HalfWeightLinear>(weight, bias, dtype);
}

} // namespace optibench::engine
