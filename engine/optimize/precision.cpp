#include "engine/optimize/precision.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/gemm.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace optibench::engine {

namespace {

// The first line of a LibTorch error, without its C++ backtrace.
std::string firstLine(const std::string &what)
{
    return what.substr(0, what.find('\n'));
}

// Runs an opaque model's forward in an autocast region (matmuls in the low dtype, layer norm
// and softmax in fp32) and returns fp32 outputs; everything else is the wrapped model's.
class AutocastModel : public Model {
public:
    AutocastModel(std::unique_ptr<Model> inner, at::DeviceType device, at::ScalarType dtype)
        : m_inner(std::move(inner)), m_device(device), m_dtype(dtype)
    {}
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const override
    {
        return forward(inputIds, attentionMask, at::Tensor());
    }
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                       const at::Tensor &tokenTypeIds) const override
    {
        const bool wasEnabled = compat::autocastEnabled(m_device);
        const auto wasDtype = compat::autocastDtype(m_device);
        compat::setAutocast(m_device, true, m_dtype);
        at::Tensor out;
        try {
            out = m_inner->forward(inputIds, attentionMask, tokenTypeIds);
        } catch (...) {
            restore(wasEnabled, wasDtype);
            throw;
        }
        restore(wasEnabled, wasDtype);
        return out.is_floating_point() && out.scalar_type() != at::kFloat ? out.to(at::kFloat) : out;
    }
    const TransformerConfig &config() const override { return m_inner->config(); }
    bool isLanguageModel() const override { return m_inner->isLanguageModel(); }
    std::int64_t parameterCount() const override { return m_inner->parameterCount(); }
    std::int64_t modelBytes() const override { return m_inner->modelBytes(); }
    std::int64_t savedBytes() const override { return m_inner->savedBytes(); }
    void to(const at::Device &device) override { m_inner->to(device); }
    std::vector<std::string> linearNames() const override { return m_inner->linearNames(); }
    void setLinearFactory(const LinearFactory &factory) override { m_inner->setLinearFactory(factory); }
    const ParameterMap &parameters() const override { return m_inner->parameters(); }

private:
    void restore(bool enabled, at::ScalarType dtype) const
    {
        compat::setAutocast(m_device, enabled, dtype);
        if (!enabled)
            at::autocast::clear_cache(); // the casts of weights cached inside the region
    }

    std::unique_ptr<Model> m_inner;
    at::DeviceType m_device;
    at::ScalarType m_dtype;
};

class AutocastLinear : public TensorLinear {
public:
    AutocastLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype)
        : TensorLinear(weight.detach().to(dtype).contiguous(),
                       bias.defined() ? bias.detach().to(dtype).contiguous() : bias)
    {}
    at::Tensor forward(const at::Tensor &x) const override
    {
        if (x.scalar_type() == m_weight.scalar_type())
            return gemm::linear(x, m_weight, m_bias);
        return gemm::linear(x.to(m_weight.scalar_type()), m_weight, m_bias).to(x.scalar_type());
    }
    std::string kind() const override { return "amp-" + dtypeName(m_weight.scalar_type()); }
};

} // namespace

bool cpuSupportsDtype(at::ScalarType dtype, std::string *why)
{
    static std::mutex mutex;
    static std::map<at::ScalarType, std::string> probed; // dtype -> "" or the reason
    std::lock_guard<std::mutex> lock(mutex);
    auto it = probed.find(dtype);
    if (it == probed.end()) {
        std::string reason;
        try {
            const auto options = at::TensorOptions().dtype(dtype);
            auto x = at::linspace(-1, 1, 8, options).view({2, 4});
            auto y = at::linear(x, at::ones({3, 4}, options), at::ones({3}, options));
            y = at::layer_norm(y, {3}, at::ones({3}, options), at::zeros({3}, options));
            y = at::softmax(y, -1);
            (void)y.sum().item<double>();
        } catch (const std::exception &e) {
            reason = firstLine(e.what());
        }
        it = probed.emplace(dtype, reason).first;
    }
    if (why)
        *why = it->second;
    return it->second.empty();
}

at::ScalarType modelDtype(options::Precision precision)
{
    if (precision == options::Precision::Bf16)
        return at::kBFloat16;
    if (precision == options::Precision::Fp16)
        return at::kHalf;
    return at::kFloat;
}

at::ScalarType autocastDtype(options::Precision precision)
{
    if (precision == options::Precision::AmpBf16)
        return at::kBFloat16;
    if (precision == options::Precision::AmpFp16)
        return at::kHalf;
    return at::ScalarType::Undefined;
}

std::unique_ptr<LinearOp> makeAutocastLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype)
{
    return std::make_unique<AutocastLinear>(weight, bias, dtype);
}

void applyPrecision(std::unique_ptr<Model> &model, options::Precision precision, const at::Device &device,
                    const std::string &source)
{
    // Process-wide: set on every CUDA run, so that a tf32 run does not leak into the next.
    if (device.is_cuda())
        compat::setAllowTf32(precision == options::Precision::Tf32);
    const auto cast = modelDtype(precision);
    const auto autocast = autocastDtype(precision);
    auto *native = dynamic_cast<NativeModel *>(model.get());
    if (cast != at::kFloat) {
        if (!native)
            throw EngineError(
                "optimizations.precision: " + options::name(precision) + " casts a native model's parameters; " + source
                + " is an opaque (TorchScript) model: use amp-" + dtypeName(cast) + ", which runs it under autocast");
        native->castTo(cast);
    } else if (autocast != at::ScalarType::Undefined) {
        if (native) {
            native->setLinearFactory([autocast](const std::string &, const at::Tensor &w, const at::Tensor &b) {
                return makeAutocastLinear(w, b, autocast);
            });
        } else {
            model = std::make_unique<AutocastModel>(std::move(model), device.type(), autocast);
        }
    }
}

} // namespace optibench::engine
