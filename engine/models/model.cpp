#include "engine/models/model.h"
#include "engine/formats/strings.h"

#include <set>
#include <stdexcept>

namespace optibench::engine {

namespace {

// Whether a Linear computes with the model's own parameter tensor (rather than a converted copy).
bool holdsParameter(const LinearOp &op, const at::Tensor &weight)
{
    return op.sharedWeightData() == weight.data_ptr() || op.kind().rfind("fp32", 0) == 0;
}

} // namespace

void Model::setLinearFactory(const LinearFactory &)
{
    throw std::logic_error("this model's linears cannot be replaced (it is not a native model)");
}

const ParameterMap &Model::parameters() const
{
    static const ParameterMap empty;
    return empty;
}

NativeModel::NativeModel(TransformerConfig config, ParameterMap parameters)
    : m_config(std::move(config)), m_parameters(std::move(parameters))
{
    if (m_config.numHeads <= 0 || m_config.hiddenSize % m_config.numHeads != 0)
        throw std::invalid_argument("hidden size " + std::to_string(m_config.hiddenSize) + " is not divisible by "
                                    + std::to_string(m_config.numHeads) + " attention heads");
}

void NativeModel::checkShapes(const std::vector<std::pair<std::string, std::vector<std::int64_t>>> &shapes)
{
    for (const auto &[name, shape] : shapes) {
        auto it = m_parameters.find(name);
        if (it == m_parameters.end())
            throw std::invalid_argument("missing parameter " + name);
        if (it->second.sizes() != at::IntArrayRef(shape))
            throw std::invalid_argument("parameter " + name + " has shape " + c10::str(it->second.sizes())
                                        + ", the config needs " + c10::str(at::IntArrayRef(shape)));
        it->second = it->second.to(at::kFloat).contiguous();
    }
}

void NativeModel::setLinearFactory(const LinearFactory &factory)
{
    m_linears.clear();
    for (const auto &name : linearNames()) {
        auto bias = m_parameters.find(name + ".bias");
        m_linears[name] =
            factory(name, param(name + ".weight"), bias == m_parameters.end() ? at::Tensor() : bias->second);
    }
}

void NativeModel::to(const at::Device &device)
{
    // Tied tensors stay tied: each storage is moved once.
    std::map<const void *, at::Tensor> moved;
    for (auto &[name, t] : m_parameters) {
        auto it = moved.find(t.data_ptr());
        if (it != moved.end()) {
            t = it->second;
        } else {
            auto m = t.to(device);
            moved.emplace(t.data_ptr(), m);
            t = m;
        }
    }
    for (auto &[name, table] : m_int8Tables)
        table = {table.first.to(device), table.second.to(device)};
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

void NativeModel::shareParameters(const std::vector<std::pair<std::string, std::string>> &aliasToSource)
{
    for (const auto &[alias, source] : aliasToSource) {
        auto a = m_parameters.find(alias);
        if (a == m_parameters.end())
            throw std::invalid_argument("cannot share parameter " + alias + ": no such parameter");
        const auto s = param(source);
        if (a->second.sizes() != s.sizes())
            throw std::invalid_argument("cannot share parameter " + alias + " " + c10::str(a->second.sizes()) + " with "
                                        + source + " " + c10::str(s.sizes()));
        a->second = s;
    }
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

void NativeModel::restructure(TransformerConfig, ParameterMap)
{
    throw std::logic_error(m_config.architecture + " cannot change its layers' shapes");
}

const LinearOp &NativeModel::linear(const std::string &name) const
{
    auto it = m_linears.find(name);
    if (it == m_linears.end())
        throw std::invalid_argument("no linear named " + name);
    return *it->second;
}

at::Tensor NativeModel::param(const std::string &name) const
{
    auto it = m_parameters.find(name);
    if (it == m_parameters.end())
        throw std::invalid_argument("missing parameter " + name);
    return it->second;
}

std::int64_t NativeModel::parameterCount() const
{
    std::set<const void *> seen;
    std::int64_t n = 0;
    for (const auto &[name, t] : m_parameters)
        if (seen.insert(t.data_ptr()).second)
            n += t.numel();
    for (const auto &[name, table] : m_int8Tables)
        n += table.first.numel();
    return n;
}

at::Tensor NativeModel::embedding(const std::string &name, const at::Tensor &ids) const
{
    auto it = m_int8Tables.find(name);
    if (it == m_int8Tables.end())
        return at::embedding(param(name), ids);
    const auto &[values, scales] = it->second;
    return at::embedding(values, ids).to(at::kFloat).mul_(at::embedding(scales.unsqueeze(1), ids));
}

std::vector<std::string> NativeModel::quantizeEmbeddingTables()
{
    std::set<const void *> linearWeights;
    for (const auto &name : linearNames()) {
        auto w = m_parameters.find(name + ".weight");
        if (w != m_parameters.end())
            linearWeights.insert(w->second.data_ptr());
    }
    auto isTable = [](const std::string &n) {
        auto ends = [&](const std::string &suffix) {
            return n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        return ends("embeddings.weight") || n == "transformer.wte.weight" || n == "transformer.wpe.weight";
    };
    std::vector<std::string> done;
    for (auto it = m_parameters.begin(); it != m_parameters.end();) {
        const auto &t = it->second;
        if (!isTable(it->first) || t.dim() != 2 || !t.is_floating_point() || linearWeights.count(t.data_ptr())) {
            ++it;
            continue;
        }
        const auto w = t.to(at::kFloat);
        const auto scales = w.abs().amax({1}).clamp_min(1e-12).div(127.0);
        const auto values = w.div(scales.unsqueeze(1)).round().clamp(-127, 127).to(at::kChar).contiguous();
        m_int8Tables[it->first] = {values, scales.contiguous()};
        done.push_back(it->first);
        it = m_parameters.erase(it);
    }
    return done;
}

ParameterMap
NativeModel::initialParameters(const std::vector<std::pair<std::string, std::vector<std::int64_t>>> &shapes,
                               std::uint64_t seed, const std::function<bool(const std::string &)> &isNorm)
{
    auto gen = at::detail::createCPUGenerator(seed);
    ParameterMap params;
    for (const auto &[name, shape] : shapes) {
        const bool isBias = endsWith(name, ".bias");
        at::Tensor t;
        if (isNorm(name))
            t = isBias ? at::zeros(shape, at::kFloat) : at::ones(shape, at::kFloat);
        else
            t = at::normal(0.0, isBias ? 0.01 : 0.02, shape, gen, at::TensorOptions().dtype(at::kFloat));
        params.emplace(name, t);
    }
    return params;
}

std::int64_t NativeModel::countBytes(std::int64_t (LinearOp::*linearBytes)() const) const
{
    std::set<const void *> seen;
    std::int64_t bytes = 0;
    for (const auto &[name, t] : m_parameters) {
        // Linear weights and biases are counted as their LinearOp holds them.
        auto dot = name.rfind('.');
        if (dot != std::string::npos && m_linears.count(name.substr(0, dot)))
            continue;
        if (seen.insert(t.data_ptr()).second)
            bytes += tensorBytes(t);
    }
    for (const auto &[name, table] : m_int8Tables)
        bytes += tensorBytes(table.first) + tensorBytes(table.second);
    for (const auto &[name, op] : m_linears) {
        // A Linear tied to a tensor already counted (GPT-2's lm_head and wte) adds nothing.
        auto w = m_parameters.find(name + ".weight");
        if (w != m_parameters.end() && holdsParameter(*op, w->second) && seen.count(w->second.data_ptr()))
            continue;
        bytes += ((*op).*linearBytes)();
    }
    return bytes;
}

std::int64_t NativeModel::modelBytes() const
{
    return countBytes(&LinearOp::weightBytes);
}

std::int64_t NativeModel::savedBytes() const
{
    // Each Linear counted as it would be written (int8 + scales, ...).
    return countBytes(&LinearOp::savedBytes);
}

void NativeModel::castTo(at::ScalarType dtype)
{
    std::map<const void *, at::Tensor> cast; // tied tensors stay tied
    std::set<std::string> plain;
    for (const auto &[name, op] : m_linears) {
        auto w = m_parameters.find(name + ".weight");
        if (w != m_parameters.end() && holdsParameter(*op, w->second))
            plain.insert(name);
    }
    for (auto &[name, t] : m_parameters) {
        if (!t.is_floating_point() || t.scalar_type() == dtype)
            continue;
        auto it = cast.find(t.data_ptr());
        if (it == cast.end())
            it = cast.emplace(t.data_ptr(), t.to(dtype).contiguous()).first;
        t = it->second;
    }
    for (const auto &name : plain) {
        auto bias = m_parameters.find(name + ".bias");
        m_linears[name] =
            makeFp32Linear(param(name + ".weight"), bias == m_parameters.end() ? at::Tensor() : bias->second);
    }
}

std::vector<at::Tensor> NativeModel::parametersUnder(const std::string &prefix) const
{
    std::set<const void *> seen;
    std::vector<at::Tensor> out;
    for (auto it = m_parameters.lower_bound(prefix); it != m_parameters.end() && it->first.rfind(prefix, 0) == 0; ++it)
        if (seen.insert(it->second.unsafeGetTensorImpl()).second)
            out.push_back(it->second);
    return out;
}

at::Tensor NativeModel::activation(const at::Tensor &x) const
{
    if (m_config.activation == "relu")
        return at::relu(x);
    if (m_config.activation == "gelu_new" || m_config.activation == "gelu_pytorch_tanh")
        return at::gelu(x, "tanh");
    return at::gelu(x);
}

} // namespace optibench::engine
