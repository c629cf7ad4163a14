#include "engine/bert.h"
#include "engine/gemm.h"

#include <ATen/record_function.h>

#include <limits>
#include <stdexcept>

namespace optibench::engine {

namespace {

std::string layerPrefix(const std::string &prefix, int i)
{
    return prefix + ".encoder.layer." + std::to_string(i) + ".";
}

} // namespace

std::vector<std::pair<std::string, std::vector<std::int64_t>>> BertClassifier::parameterShapes(const TransformerConfig &c)
{
    const std::string p = c.modelType.empty() ? "bert" : c.modelType;
    const std::int64_t H = c.hiddenSize, I = c.intermediateSize;
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
    auto linear = [&](const std::string &name, std::int64_t out, std::int64_t in) {
        shapes.push_back({name + ".weight", {out, in}});
        shapes.push_back({name + ".bias", {out}});
    };
    auto norm = [&](const std::string &name) {
        shapes.push_back({name + ".weight", {H}});
        shapes.push_back({name + ".bias", {H}});
    };
    shapes.push_back({p + ".embeddings.word_embeddings.weight", {c.vocabSize, H}});
    shapes.push_back({p + ".embeddings.position_embeddings.weight", {c.maxPositions, H}});
    if (c.typeVocabSize > 0)
        shapes.push_back({p + ".embeddings.token_type_embeddings.weight", {c.typeVocabSize, H}});
    norm(p + ".embeddings.LayerNorm");
    for (int i = 0; i < c.numLayers; ++i) {
        const auto l = layerPrefix(p, i);
        linear(l + "attention.self.query", H, H);
        linear(l + "attention.self.key", H, H);
        linear(l + "attention.self.value", H, H);
        linear(l + "attention.output.dense", H, H);
        norm(l + "attention.output.LayerNorm");
        linear(l + "intermediate.dense", I, H);
        linear(l + "output.dense", H, I);
        norm(l + "output.LayerNorm");
    }
    if (c.hasPooler)
        linear(p + ".pooler.dense", H, H);
    if (c.numLabels > 0)
        linear("classifier", c.numLabels, H);
    return shapes;
}

ParameterMap BertClassifier::randomParameters(const TransformerConfig &config, std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    ParameterMap params;
    for (const auto &[name, shape] : parameterShapes(config)) {
        const bool isNorm = name.find("LayerNorm") != std::string::npos;
        const bool isBias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
        at::Tensor t;
        if (isNorm)
            t = isBias ? at::zeros(shape, at::kFloat) : at::ones(shape, at::kFloat);
        else
            t = at::normal(0.0, isBias ? 0.01 : 0.02, shape, gen, at::TensorOptions().dtype(at::kFloat));
        params.emplace(name, t);
    }
    return params;
}

BertClassifier::BertClassifier(TransformerConfig config, ParameterMap parameters)
    : m_config(std::move(config)), m_parameters(std::move(parameters))
{
    m_prefix = m_config.modelType.empty() ? "bert" : m_config.modelType;
    if (m_config.numHeads <= 0 || m_config.hiddenSize % m_config.numHeads != 0)
        throw std::invalid_argument("hidden size " + std::to_string(m_config.hiddenSize) + " is not divisible by "
                                    + std::to_string(m_config.numHeads) + " attention heads");
    for (const auto &[name, shape] : parameterShapes(m_config)) {
        auto it = m_parameters.find(name);
        if (it == m_parameters.end())
            throw std::invalid_argument("missing parameter " + name);
        if (it->second.sizes() != at::IntArrayRef(shape))
            throw std::invalid_argument("parameter " + name + " has shape " + c10::str(it->second.sizes())
                                        + ", the config needs " + c10::str(at::IntArrayRef(shape)));
        it->second = it->second.to(at::kFloat).contiguous();
    }
    setLinearFactory([](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

std::vector<std::string> BertClassifier::linearNames() const
{
    std::vector<std::string> names;
    for (int i = 0; i < m_config.numLayers; ++i) {
        const auto l = layerPrefix(m_prefix, i);
        for (const char *n : {"attention.self.query", "attention.self.key", "attention.self.value",
                              "attention.output.dense", "intermediate.dense", "output.dense"})
            names.push_back(l + n);
    }
    if (m_config.hasPooler)
        names.push_back(m_prefix + ".pooler.dense");
    if (m_config.numLabels > 0)
        names.push_back("classifier");
    return names;
}

void BertClassifier::setLinearFactory(const LinearFactory &factory)
{
    m_linears.clear();
    for (const auto &name : linearNames())
        m_linears[name] = factory(name, param(name + ".weight"), param(name + ".bias"));
}

void BertClassifier::to(const at::Device &device)
{
    for (auto &[name, t] : m_parameters)
        t = t.to(device);
    setLinearFactory([](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

const LinearOp &BertClassifier::linear(const std::string &name) const
{
    auto it = m_linears.find(name);
    if (it == m_linears.end())
        throw std::invalid_argument("no linear named " + name);
    return *it->second;
}

at::Tensor BertClassifier::param(const std::string &name) const
{
    auto it = m_parameters.find(name);
    if (it == m_parameters.end())
        throw std::invalid_argument("missing parameter " + name);
    return it->second;
}

std::int64_t BertClassifier::parameterCount() const
{
    std::int64_t n = 0;
    for (const auto &[name, t] : m_parameters)
        n += t.numel();
    return n;
}

std::int64_t BertClassifier::modelBytes() const
{
    std::int64_t bytes = 0;
    for (const auto &[name, t] : m_parameters) {
        // Linear weights and biases are counted as their LinearOp holds them.
        auto dot = name.rfind('.');
        if (dot != std::string::npos && m_linears.count(name.substr(0, dot)))
            continue;
        bytes += t.numel() * static_cast<std::int64_t>(t.element_size());
    }
    for (const auto &[name, op] : m_linears)
        bytes += op->weightBytes();
    return bytes;
}

at::Tensor BertClassifier::activation(const at::Tensor &x) const
{
    if (m_config.activation == "relu")
        return at::relu(x);
    if (m_config.activation == "gelu_new" || m_config.activation == "gelu_pytorch_tanh")
        return at::gelu(x, "tanh");
    return at::gelu(x);
}

at::Tensor BertClassifier::embed(const at::Tensor &inputIds, const at::Tensor &tokenTypeIds) const
{
    RECORD_USER_SCOPE("embeddings");
    const auto S = inputIds.size(1);
    const auto &p = m_prefix;
    auto positions = at::arange(m_config.positionOffset, m_config.positionOffset + S,
                                at::TensorOptions().dtype(at::kLong).device(inputIds.device()));
    auto h = at::embedding(param(p + ".embeddings.word_embeddings.weight"), inputIds)
        + at::embedding(param(p + ".embeddings.position_embeddings.weight"), positions).unsqueeze(0);
    if (m_config.typeVocabSize > 0) {
        const auto &types = param(p + ".embeddings.token_type_embeddings.weight");
        // Without token type ids every position is segment 0 (single-segment classification).
        h = tokenTypeIds.defined() ? h + at::embedding(types, tokenTypeIds) : h + types[0];
    }
    return at::layer_norm(h, {m_config.hiddenSize}, param(p + ".embeddings.LayerNorm.weight"),
                          param(p + ".embeddings.LayerNorm.bias"), m_config.layerNormEps);
}

at::Tensor BertClassifier::layer(int index, const at::Tensor &hidden, const at::Tensor &maskBias) const
{
    const auto l = "encoder.layer." + std::to_string(index);
    const auto pl = m_prefix + "." + l + ".";
    RECORD_USER_SCOPE(l);
    at::Tensor attended;
    {
        RECORD_USER_SCOPE(l + ".attention.self");
        auto q = linear(pl + "attention.self.query").forward(hidden);
        auto k = linear(pl + "attention.self.key").forward(hidden);
        auto v = linear(pl + "attention.self.value").forward(hidden);
        attended = gemm::attention(q, k, v, m_config.numHeads, maskBias);
    }
    at::Tensor h1;
    {
        RECORD_USER_SCOPE(l + ".attention.output");
        auto o = linear(pl + "attention.output.dense").forward(attended);
        h1 = at::layer_norm(o + hidden, {m_config.hiddenSize}, param(pl + "attention.output.LayerNorm.weight"),
                            param(pl + "attention.output.LayerNorm.bias"), m_config.layerNormEps);
    }
    at::Tensor inter;
    {
        RECORD_USER_SCOPE(l + ".intermediate");
        inter = activation(linear(pl + "intermediate.dense").forward(h1));
    }
    {
        RECORD_USER_SCOPE(l + ".output");
        auto o = linear(pl + "output.dense").forward(inter);
        return at::layer_norm(o + h1, {m_config.hiddenSize}, param(pl + "output.LayerNorm.weight"),
                              param(pl + "output.LayerNorm.bias"), m_config.layerNormEps);
    }
}

at::Tensor BertClassifier::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                                   const at::Tensor &tokenTypeIds) const
{
    TORCH_CHECK(inputIds.dim() == 2, "input ids must be [batch, sequence], are ", inputIds.sizes());
    TORCH_CHECK(inputIds.size(1) <= m_config.maxPositions, "sequence length ", inputIds.size(1),
                " exceeds the model's ", m_config.maxPositions, " positions");
    at::Tensor maskBias;
    if (attentionMask.defined()) {
        // Padding keys get the dtype's lowest value, as Hugging Face does, so they vanish in softmax.
        maskBias = (1.0 - attentionMask.to(at::kFloat)) * std::numeric_limits<float>::lowest();
    }
    auto h = embed(inputIds, tokenTypeIds);
    for (int i = 0; i < m_config.numLayers; ++i)
        h = layer(i, h, maskBias);
    auto first = h.select(1, 0);
    if (m_config.hasPooler) {
        RECORD_USER_SCOPE("pooler");
        first = at::tanh(linear(m_prefix + ".pooler.dense").forward(first));
    }
    if (m_config.numLabels <= 0)
        return first;
    RECORD_USER_SCOPE("classifier");
    return linear("classifier").forward(first);
}

} // namespace optibench::engine
