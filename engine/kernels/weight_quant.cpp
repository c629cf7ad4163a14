#include "engine/kernels/weight_quant.h"
#include "engine/kernels/fused_rows.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/weight_kernels.h"
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

// Rows of the weight widened to fp32 at a time for a GEMM: the fp32 copy never holds more.
constexpr std::int64_t kWidenedSlice = 1024;

// The same product with the weight widened to fp32 kWidenedSlice outputs at a time (unpack(
// nBegin, nEnd, w) writes rows [nBegin, nEnd) as [nEnd - nBegin, K]) and the engine's GEMM.
template<class Unpack>
at::Tensor widenedProduct(const at::Tensor &x2d, std::int64_t N, const Unpack &unpack)
{
    const std::int64_t M = x2d.size(0), K = x2d.size(1);
    auto out = at::empty({M, N}, x2d.options());
    auto slice = at::empty({std::min(kWidenedSlice, N), K}, x2d.options());
    for (std::int64_t n0 = 0; n0 < N; n0 += kWidenedSlice) {
        const std::int64_t len = std::min(kWidenedSlice, N - n0);
        float *w = slice.data_ptr<float>();
        at::parallel_for(0, len, fused::kGrain / 4,
                         [&](std::int64_t begin, std::int64_t end) { unpack(n0 + begin, n0 + end, w + begin * K); });
        out.narrow(1, n0, len).copy_(gemm::linear(x2d, slice.narrow(0, 0, len), at::Tensor()));
    }
    return out;
}

// x [..., in] as [rows, K] fp32 (zeros added up to K), and the output [rows, N] back in x's shape.
at::Tensor asRows(const at::Tensor &x, std::int64_t in, std::int64_t K)
{
    auto rows = x.reshape({-1, in}).contiguous();
    return K == in ? rows : at::constant_pad_nd(rows, {0, K - in});
}

at::Tensor shapedLike(const at::Tensor &out, const at::Tensor &x, const at::Tensor &bias)
{
    auto sizes = x.sizes().vec();
    sizes.back() = out.size(1);
    auto y = out.view(sizes);
    return bias.defined() ? y.add_(bias) : y;
}

class WeightInt8Linear : public LinearOp {
public:
    WeightInt8Linear(const at::Tensor &weight, const at::Tensor &bias)
        : m_weight(quantizeWeightInt8(weight)), m_bias(bias.defined() ? bias.to(at::kFloat).contiguous() : bias)
    {
        // The scales as a column, for the widening multiply on other devices and dtypes.
        m_scaleColumn = m_weight.scales.unsqueeze(1);
    }
    at::Tensor forward(const at::Tensor &x) const override
    {
        if (x.is_cpu() && x.scalar_type() == at::kFloat)
            return cpuForward(x);
        const auto scale = x.scalar_type() == at::kFloat ? m_scaleColumn : m_scaleColumn.to(x.scalar_type());
        return gemm::linear(x, at::mul(m_weight.values, scale), biasAs(m_bias, x));
    }
    std::string kind() const override { return options::name(options::Quantization::WeightInt8); }
    std::int64_t weightBytes() const override
    {
        return tensorBytes(m_weight.values) + tensorBytes(m_weight.scales) + tensorBytes(m_bias);
    }
    std::int64_t inFeatures() const override { return m_weight.values.size(1); }
    std::int64_t outFeatures() const override { return m_weight.values.size(0); }

private:
    at::Tensor cpuForward(const at::Tensor &x) const
    {
        const std::int64_t N = outFeatures(), K = inFeatures();
        const auto rows = asRows(x, K, K);
        const auto *values = m_weight.values.data_ptr<std::int8_t>();
        const float *scales = m_weight.scales.data_ptr<float>();
        if (rows.size(0) > fused::kFusedRows)
            return shapedLike(widenedProduct(rows, N,
                                             [&](std::int64_t b, std::int64_t e, float *w) {
                                                 int8w::unpack(K, values, scales, b, e, w);
                                             }),
                              x, m_bias);
        const float *bias = m_bias.defined() ? m_bias.data_ptr<float>() : nullptr;
        auto out = fused::fusedProduct(rows, N, int8w::kMaxRows,
                                       [&](std::int64_t b, std::int64_t e, const float *xr, std::int64_t M, float *y) {
                                           int8w::gemv(xr, M, N, K, values, scales, bias, b, e, y);
                                       });
        return shapedLike(out, x, at::Tensor());
    }

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
        if (x.is_cpu() && x.scalar_type() == at::kFloat)
            return cpuForward(x);
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
    at::Tensor cpuForward(const at::Tensor &x) const
    {
        const int4::Shape shape{outFeatures(), m_weight.codes.size(1) * 2, m_weight.groupSize};
        const auto rows = asRows(x, m_weight.inFeatures, shape.K);
        const auto *codes = m_weight.codes.data_ptr<std::uint8_t>();
        const float *scales = m_weight.scales.data_ptr<float>(), *mins = m_weight.mins.data_ptr<float>();
        if (rows.size(0) > fused::kFusedRows)
            return shapedLike(widenedProduct(rows, shape.N,
                                             [&](std::int64_t b, std::int64_t e, float *w) {
                                                 int4::unpack(shape, codes, scales, mins, b, e, w);
                                             }),
                              x, m_bias);
        const float *bias = m_bias.defined() ? m_bias.data_ptr<float>() : nullptr;
        auto out = fused::fusedProduct(rows, shape.N, int4::kMaxRows,
                                       [&](std::int64_t b, std::int64_t e, const float *xr, std::int64_t M, float *y) {
                                           int4::gemv(xr, M, shape, codes, scales, mins, bias, b, e, y);
                                       });
        return shapedLike(out, x, at::Tensor());
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
