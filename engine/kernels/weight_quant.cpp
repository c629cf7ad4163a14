#include "engine/kernels/weight_quant.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/int4_kernels.h"
#include "options/values.h"

#include <ATen/Parallel.h>

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

class WeightInt4Linear : public LinearOp {
public:
    WeightInt4Linear(const at::Tensor &weight, const at::Tensor &bias, std::int64_t groupSize)
        : m_weight(quantizeWeightInt4(weight, groupSize))
        , m_bias(bias.defined() ? bias.to(at::kFloat).contiguous() : bias)
    {}
    at::Tensor forward(const at::Tensor &x) const override
    {
        const std::int64_t rows = x.numel() / std::max<std::int64_t>(1, x.size(-1));
        if (x.is_cpu() && x.scalar_type() == at::kFloat && rows <= kFusedRows)
            return fused(x, rows);
        return at::linear(x, dequantizeInt4(m_weight, x.scalar_type()), biasAs(m_bias, x));
    }
    std::string kind() const override
    {
        return m_weight.groupSize == 32 ? options::name(options::Quantization::WeightInt4G32)
                                        : options::name(options::Quantization::WeightInt4G128);
    }
    std::int64_t weightBytes() const override
    {
        return tensorBytes(m_weight.codes) + tensorBytes(m_weight.scales) + tensorBytes(m_weight.mins)
            + tensorBytes(m_bias);
    }
    std::int64_t inFeatures() const override { return m_weight.inFeatures; }
    std::int64_t outFeatures() const override { return m_weight.codes.size(0); }

private:
    // Up to this many rows the fused kernel runs (in passes of int4::kMaxRows); beyond, one
    // widening of the weight and a GEMM cost less.
    static constexpr std::int64_t kFusedRows = 16;
    // Outputs per task of the parallel loop.
    static constexpr std::int64_t kGrain = 64;

    at::Tensor fused(const at::Tensor &x, std::int64_t rows) const
    {
        const std::int64_t K = m_weight.codes.size(1) * 2, N = outFeatures();
        auto in = x.reshape({rows, m_weight.inFeatures}).contiguous();
        if (K != m_weight.inFeatures)
            in = at::constant_pad_nd(in, {0, K - m_weight.inFeatures});
        auto out = at::empty({rows, N}, x.options());
        const int4::Shape shape{N, K, m_weight.groupSize};
        const float *bias = m_bias.defined() ? m_bias.data_ptr<float>() : nullptr;
        const auto *codes = m_weight.codes.data_ptr<std::uint8_t>();
        const float *scales = m_weight.scales.data_ptr<float>(), *mins = m_weight.mins.data_ptr<float>();
        at::parallel_for(0, N, kGrain, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t m = 0; m < rows; m += int4::kMaxRows)
                int4::gemv(in.data_ptr<float>() + m * K, std::min(int4::kMaxRows, rows - m), shape, codes, scales, mins,
                           bias, begin, end, out.data_ptr<float>() + m * N);
        });
        auto sizes = x.sizes().vec();
        sizes.back() = N;
        return out.view(sizes);
    }

    Int4Weight m_weight;
    at::Tensor m_bias;
};

} // namespace

Int4Weight quantizeWeightInt4(const at::Tensor &weight, std::int64_t groupSize)
{
    TORCH_CHECK(weight.dim() == 2, "linear weight must be 2-D, is ", weight.sizes());
    const auto w = weight.detach().to(at::kCPU, at::kFloat).contiguous();
    const std::int64_t N = w.size(0), inputs = w.size(1);
    const int4::Shape shape{N, int4::paddedInputs(inputs, groupSize), groupSize};
    Int4Weight out{at::empty({N, shape.K / 2}, w.options().dtype(at::kByte)),
                   at::empty({N, shape.groups()}, w.options()), at::empty({N, shape.groups()}, w.options()), inputs,
                   groupSize};
    int4::pack(w.data_ptr<float>(), inputs, shape, out.codes.data_ptr<std::uint8_t>(), out.scales.data_ptr<float>(),
               out.mins.data_ptr<float>());
    const auto device = weight.device();
    return {out.codes.to(device), out.scales.to(device), out.mins.to(device), inputs, groupSize};
}

at::Tensor dequantizeInt4(const Int4Weight &weight, at::ScalarType dtype)
{
    // Each 16-byte block: the low nibbles are inputs 0..15, the high ones 16..31.
    const std::int64_t N = weight.codes.size(0), K = weight.codes.size(1) * 2;
    const auto blocks = weight.codes.view({N, K / int4::kBlock, int4::kBlockBytes});
    const auto codes = at::cat({at::bitwise_and(blocks, 0x0F), at::bitwise_right_shift(blocks, 4)}, 2);
    const auto grouped = codes.view({N, weight.scales.size(1), weight.groupSize}).to(at::kFloat);
    const auto w = at::addcmul(weight.mins.unsqueeze(2), grouped, weight.scales.unsqueeze(2)).view({N, K});
    return w.narrow(1, 0, weight.inFeatures).to(dtype).contiguous();
}

std::unique_ptr<LinearOp> makeWeightInt4Linear(const at::Tensor &weight, const at::Tensor &bias, std::int64_t groupSize)
{
    return std::make_unique<WeightInt4Linear>(weight, bias, groupSize);
}

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
