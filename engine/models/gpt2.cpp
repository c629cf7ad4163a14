#include "engine/models/gpt2.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/checkpoint.h"
#include "engine/kernels/gemm.h"

#include <ATen/record_function.h>

#include <limits>
#include <stdexcept>

namespace optibench::engine {

namespace {

std::string blockPrefix(int i)
{
    return "transformer.h." + std::to_string(i) + ".";
}

// The Conv1D modules of one block, whose checkpoint weights are [in, out].
constexpr const char *kConv1d[] = {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};

} // namespace

std::vector<std::pair<std::string, std::vector<std::int64_t>>> Gpt2Model::parameterShapes(const TransformerConfig &c)
{
    const std::int64_t E = c.hiddenSize, I = c.intermediateSize;
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
    auto conv = [&](const std::string &name, std::int64_t in, std::int64_t out) {
        shapes.push_back({name + ".weight", {in, out}});
        shapes.push_back({name + ".bias", {out}});
    };
    auto norm = [&](const std::string &name) {
        shapes.push_back({name + ".weight", {E}});
        shapes.push_back({name + ".bias", {E}});
    };
    shapes.push_back({"transformer.wte.weight", {c.vocabSize, E}});
    shapes.push_back({"transformer.wpe.weight", {c.maxPositions, E}});
    for (int i = 0; i < c.numLayers; ++i) {
        const auto p = blockPrefix(i);
        norm(p + "ln_1");
        conv(p + "attn.c_attn", E, 3 * E);
        conv(p + "attn.c_proj", E, E);
        norm(p + "ln_2");
        conv(p + "mlp.c_fc", E, I);
        conv(p + "mlp.c_proj", I, E);
    }
    norm("transformer.ln_f");
    return shapes;
}

ParameterMap Gpt2Model::randomParameters(const TransformerConfig &config, std::uint64_t seed)
{
    return initialParameters(parameterShapes(config), seed,
                             [](const std::string &name) { return name.find(".ln_") != std::string::npos; });
}

Gpt2Model::Gpt2Model(TransformerConfig config, ParameterMap parameters)
    : NativeModel(std::move(config), std::move(parameters))
{
    if (m_config.family != ArchitectureFamily::Gpt2)
        throw std::invalid_argument("Gpt2Model needs a GPT-2 config, not " + m_config.architecture);
    m_lmHead = m_config.architecture != "GPT2Model";
    // Checkpoints carry buffers (attn.bias, attn.masked_bias) that the native model computes.
    for (auto it = m_parameters.begin(); it != m_parameters.end();) {
        const auto &n = it->first;
        const bool buffer = n.size() > 10
            && (n.compare(n.size() - 10, 10, ".attn.bias") == 0 || n.find(".attn.masked_bias") != std::string::npos);
        it = buffer ? m_parameters.erase(it) : std::next(it);
    }
    // Some exports name the base model's tensors without "transformer.".
    if (!m_parameters.count("transformer.wte.weight") && m_parameters.count("wte.weight")) {
        ParameterMap renamed;
        for (auto &[name, t] : m_parameters)
            renamed.emplace(name.rfind("lm_head.", 0) == 0 ? name : "transformer." + name, t);
        m_parameters = std::move(renamed);
    }
    checkShapes(parameterShapes(m_config));
    for (int i = 0; i < m_config.numLayers; ++i)
        for (const char *conv : kConv1d) {
            auto &w = m_parameters.at(blockPrefix(i) + conv + ".weight");
            w = w.t().contiguous(); // once, here: [in, out] -> Linear's [out, in]
        }
    if (m_lmHead) {
        auto head = m_parameters.find("lm_head.weight");
        if (head == m_parameters.end() || m_config.tieWordEmbeddings) {
            m_parameters["lm_head.weight"] = m_parameters.at("transformer.wte.weight"); // tied: one tensor
        } else if (head->second.sizes() != m_parameters.at("transformer.wte.weight").sizes()) {
            throw std::invalid_argument("parameter lm_head.weight has shape " + c10::str(head->second.sizes())
                                        + ", the config needs "
                                        + c10::str(m_parameters.at("transformer.wte.weight").sizes()));
        } else {
            head->second = head->second.to(at::kFloat).contiguous();
        }
    } else {
        m_parameters.erase("lm_head.weight");
    }
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

std::vector<std::string> Gpt2Model::linearNames() const
{
    std::vector<std::string> names;
    for (int i = 0; i < m_config.numLayers; ++i)
        for (const char *conv : kConv1d)
            names.push_back(blockPrefix(i) + conv);
    if (m_lmHead)
        names.push_back("lm_head");
    return names;
}

at::Tensor Gpt2Model::block(int index, const at::Tensor &hidden, const at::Tensor &maskBias) const
{
    const auto l = "h." + std::to_string(index);
    const auto p = blockPrefix(index);
    const auto E = m_config.hiddenSize;
    RECORD_USER_SCOPE(l);
    at::Tensor h;
    {
        RECORD_USER_SCOPE(l + ".attn");
        auto a = at::layer_norm(hidden, {E}, param(p + "ln_1.weight"), param(p + "ln_1.bias"), m_config.layerNormEps);
        auto qkv = linear(p + "attn.c_attn").forward(a);
        // Views of one buffer; gemm::attention reads them with their row stride.
        auto parts = qkv.split(E, -1);
        auto context = autograd::attention(parts[0].contiguous(), parts[1].contiguous(), parts[2].contiguous(),
                                           m_config.numHeads, maskBias, true);
        h = hidden + linear(p + "attn.c_proj").forward(context);
    }
    {
        RECORD_USER_SCOPE(l + ".mlp");
        return h + mlp(p, h);
    }
}

at::Tensor Gpt2Model::mlp(const std::string &prefix, const at::Tensor &h) const
{
    const auto E = m_config.hiddenSize;
    auto m = at::layer_norm(h, {E}, param(prefix + "ln_2.weight"), param(prefix + "ln_2.bias"), m_config.layerNormEps);
    return linear(prefix + "mlp.c_proj").forward(activation(linear(prefix + "mlp.c_fc").forward(m)));
}

at::Tensor Gpt2Model::cachedBlock(int index, const at::Tensor &hidden, KvCache &cache) const
{
    const auto p = blockPrefix(index);
    const std::int64_t E = m_config.hiddenSize, H = m_config.numHeads, B = hidden.size(0), S = hidden.size(1);
    RECORD_USER_SCOPE("h." + std::to_string(index));
    auto a = at::layer_norm(hidden, {E}, param(p + "ln_1.weight"), param(p + "ln_1.bias"), m_config.layerNormEps);
    auto parts = linear(p + "attn.c_attn").forward(a).split(E, -1);
    auto heads = [&](const at::Tensor &x) { return x.reshape({B, S, H, E / H}).transpose(1, 2); };
    cache.append(index, heads(parts[1]), heads(parts[2]));
    auto context = cachedAttention(parts[0].contiguous(), cache.keys[std::size_t(index)],
                                   cache.values[std::size_t(index)], cache.mask, int(H));
    auto h = hidden + linear(p + "attn.c_proj").forward(context);
    return h + mlp(p, h);
}

at::Tensor Gpt2Model::forwardCached(const at::Tensor &inputIds, const at::Tensor &mask, KvCache &cache) const
{
    if (!m_lmHead)
        throw std::invalid_argument("a bare GPT2Model has no lm_head to generate with");
    const auto positions = beginStep(cache, inputIds, mask, m_config.numLayers, m_config.maxPositions);
    at::Tensor h;
    {
        RECORD_USER_SCOPE("embeddings");
        h = embedding("transformer.wte.weight", inputIds) + embedding("transformer.wpe.weight", positions);
    }
    for (int i = 0; i < m_config.numLayers; ++i)
        h = cachedBlock(i, h, cache);
    {
        RECORD_USER_SCOPE("ln_f");
        h = at::layer_norm(h, {m_config.hiddenSize}, param("transformer.ln_f.weight"), param("transformer.ln_f.bias"),
                           m_config.layerNormEps);
    }
    RECORD_USER_SCOPE("lm_head");
    return linear("lm_head").forward(h);
}

at::Tensor Gpt2Model::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const
{
    TORCH_CHECK(inputIds.dim() == 2, "input ids must be [batch, sequence], are ", inputIds.sizes());
    const auto S = inputIds.size(1);
    TORCH_CHECK(S <= m_config.maxPositions, "sequence length ", S, " exceeds the model's ", m_config.maxPositions,
                " positions");
    at::Tensor maskBias;
    if (attentionMask.defined())
        maskBias = (1.0 - attentionMask.to(at::kFloat)) * std::numeric_limits<float>::lowest();
    at::Tensor h;
    {
        RECORD_USER_SCOPE("embeddings");
        auto positions = at::arange(S, at::TensorOptions().dtype(at::kLong).device(inputIds.device()));
        h = embedding("transformer.wte.weight", inputIds) + embedding("transformer.wpe.weight", positions).unsqueeze(0);
    }
    for (int i = 0; i < m_config.numLayers; ++i) {
        if (checkpointed(i)) {
            // The block runs again in backward: capture by value.
            h = checkpoint([this, i, maskBias](const at::Tensor &x) { return block(i, x, maskBias); }, h,
                           parametersUnder(blockPrefix(i)));
        } else {
            h = block(i, h, maskBias);
        }
    }
    {
        RECORD_USER_SCOPE("ln_f");
        h = at::layer_norm(h, {m_config.hiddenSize}, param("transformer.ln_f.weight"), param("transformer.ln_f.bias"),
                           m_config.layerNormEps);
    }
    if (!m_lmHead)
        return h;
    RECORD_USER_SCOPE("lm_head");
    return linear("lm_head").forward(h);
}

} // namespace optibench::engine
