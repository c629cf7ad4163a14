// The 2:4 sparse kernel for Linears pruned to the 2:4 pattern: cuSPARSELt through LibTorch 2.1+
// (at::_cslt_compress / at::_cslt_sparse_mm) on CUDA. Nowhere else: Debian's LibTorch 1.13 and
// every CPU build keep 2:4 weights dense, which computes every zero (the run reports
// sparse_kernel = 0 and the latency shows no gain).
#include "engine/kernels/compat.h"
#include "engine/optimize/prune.h"

#include <exception>

namespace optibench::engine::detail {

#if defined(OPTIBENCH_HAVE_CUDA) && OPTIBENCH_TORCH_AT_LEAST(2, 1)

namespace {

// cuSPARSELt wants the dense operand's row count padded to a multiple of its tile (8 to 32
// depending on dtype); 32 suits every dtype.
constexpr std::int64_t kRowTile = 32;

class Sparse24Linear : public LinearOp {
public:
    Sparse24Linear(at::Tensor packed, at::Tensor bias, std::int64_t in, std::int64_t out, std::int64_t bytes)
        : m_packed(std::move(packed)), m_bias(std::move(bias)), m_in(in), m_out(out), m_bytes(bytes)
    {}
    at::Tensor forward(const at::Tensor &x) const override
    {
        auto x2 = x.reshape({-1, m_in});
        const auto rows = x2.size(0);
        const auto padded = (rows + kRowTile - 1) / kRowTile * kRowTile;
        if (padded != rows)
            x2 = at::constant_pad_nd(x2, {0, 0, 0, padded - rows});
        // W x^T = (x W^T)^T; the bias is added along W's rows.
        const c10::optional<at::Tensor> bias =
            m_bias.defined() ? c10::optional<at::Tensor>(m_bias) : c10::optional<at::Tensor>();
        auto y = at::_cslt_sparse_mm(m_packed, x2.t(), bias).t();
        std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
        shape.back() = m_out;
        return y.slice(0, 0, rows).contiguous().view(shape);
    }
    std::string kind() const override { return "sparse-2:4"; }
    std::int64_t weightBytes() const override { return m_bytes; }
    std::int64_t inFeatures() const override { return m_in; }
    std::int64_t outFeatures() const override { return m_out; }

private:
    at::Tensor m_packed;
    at::Tensor m_bias;
    std::int64_t m_in, m_out, m_bytes;
};

} // namespace

std::unique_ptr<LinearOp> makeSparse24Linear(const at::Tensor &weight, const at::Tensor &bias)
{
    if (!weight.is_cuda() || weight.dim() != 2)
        return nullptr;
    try {
        auto packed = at::_cslt_compress(weight.contiguous());
        const auto bytes = tensorBytes(packed) + tensorBytes(bias);
        auto op = std::make_unique<Sparse24Linear>(packed, bias.defined() ? bias.contiguous() : bias, weight.size(1),
                                                   weight.size(0), bytes);
        // The kernel must run for this dtype, shape and GPU, and agree with the dense product
        // (fp32 runs as TF32 there, hence the tolerance).
        auto x = at::randn({5, weight.size(1)}, weight.options());
        if (!at::allclose(op->forward(x), at::linear(x, weight, bias), 2e-2, 2e-2))
            return nullptr;
        return op;
    } catch (const std::exception &) {
        return nullptr; // no cuSPARSELt in this build, or not for this dtype or GPU
    }
}

#else

std::unique_ptr<LinearOp> makeSparse24Linear(const at::Tensor &, const at::Tensor &)
{
    return nullptr;
}

#endif

} // namespace optibench::engine::detail
