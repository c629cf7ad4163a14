#include "engine/models/llama.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/checkpoint.h"
#include "engine/kernels/decoder_ops.h"

#include <ATen/record_function.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace optibench::engine {

namespace {

std::string layerPrefix(int i)
{
    return "model.layers." + std::to_string(i) + ".";
}

constexpr const char *kLinears[] = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                                    "mlp.gate_proj",    "mlp.up_proj",      "mlp.down_proj"};

// [B, S, heads * D] rotated per head: x * cos + rotate_half(x) * sin, cos and sin [B, S, D].
at::Tensor rotate(const at::Tensor &x, int heads, const at::Tensor &cos, const at::Tensor &sin)
{
    if (auto fused = decoder_ops::rotate(x, heads, cos, sin))
        return *fused;
    const auto B = x.size(0), S = x.size(1), D = cos.size(-1);
    auto h = x.view({B, S, heads, D});
    auto halves = h.chunk(2, -1);
    auto rotated = at::cat({-halves[1], halves[0]}, -1);
    auto c = cos.unsqueeze(2).to(x.scalar_type()), s = sin.unsqueeze(2).to(x.scalar_type());
    return (h * c + rotated * s).reshape({B, S, heads * D});
}

// Key/value heads [B, S, kv * D] repeated for the query heads they serve: [B, S, kv * rep * D].
at::Tensor repeatKv(const at::Tensor &x, int kv, int rep)
{
    if (rep == 1)
        return x;
    const auto B = x.size(0), S = x.size(1), D = x.size(2) / kv;
    return x.view({B, S, kv, 1, D}).expand({B, S, kv, rep, D}).reshape({B, S, kv * rep * D});
}

} // namespace

std::vector<std::pair<std::string, std::vector<std::int64_t>>> LlamaModel::parameterShapes(const TransformerConfig &c)
{
    const std::int64_t E = c.hiddenSize, D = headDim(c);
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
    shapes.push_back({"model.embed_tokens.weight", {c.vocabSize, E}});
    for (int i = 0; i < c.numLayers; ++i) {
        // Structured pruning narrows a layer: fewer grouped-query groups, a thinner MLP.
        const std::int64_t Q = headsInLayer(c, i) * D, KV = kvHeadsInLayer(c, i) * D, I = intermediateInLayer(c, i);
        const auto p = layerPrefix(i);
        shapes.push_back({p + "input_layernorm.weight", {E}});
        shapes.push_back({p + "self_attn.q_proj.weight", {Q, E}});
        shapes.push_back({p + "self_attn.k_proj.weight", {KV, E}});
        shapes.push_back({p + "self_attn.v_proj.weight", {KV, E}});
        if (c.attentionBias) {
            shapes.push_back({p + "self_attn.q_proj.bias", {Q}});
            shapes.push_back({p + "self_attn.k_proj.bias", {KV}});
            shapes.push_back({p + "self_attn.v_proj.bias", {KV}});
        }
        shapes.push_back({p + "self_attn.o_proj.weight", {E, Q}});
        if (c.outputBias)
            shapes.push_back({p + "self_attn.o_proj.bias", {E}});
        shapes.push_back({p + "post_attention_layernorm.weight", {E}});
        shapes.push_back({p + "mlp.gate_proj.weight", {I, E}});
        shapes.push_back({p + "mlp.up_proj.weight", {I, E}});
        shapes.push_back({p + "mlp.down_proj.weight", {E, I}});
    }
    shapes.push_back({"model.norm.weight", {E}});
    if (!c.tieWordEmbeddings)
        shapes.push_back({"lm_head.weight", {c.vocabSize, E}});
    return shapes;
}

ParameterMap LlamaModel::randomParameters(const TransformerConfig &config, std::uint64_t seed)
{
    return initialParameters(parameterShapes(config), seed, [](const std::string &name) {
        return name.find("layernorm") != std::string::npos || name == "model.norm.weight";
    });
}

LlamaModel::LlamaModel(TransformerConfig config, ParameterMap parameters)
    : NativeModel(std::move(config), std::move(parameters))
{
    if (m_config.family != ArchitectureFamily::Llama)
        throw std::invalid_argument("LlamaModel needs a Llama-family config, not " + m_config.architecture);
    if (headDim(m_config) % 2 != 0)
        throw std::invalid_argument("head dimension " + std::to_string(headDim(m_config))
                                    + " is odd: rotary embeddings need pairs");
    // Older checkpoints carry the rotary frequencies as buffers; they are computed here.
    for (auto it = m_parameters.begin(); it != m_parameters.end();)
        it = it->first.find("rotary_emb.inv_freq") != std::string::npos ? m_parameters.erase(it) : std::next(it);
    // A checkpoint without lm_head ties it to the embeddings, as transformers loads it.
    if (!m_config.tieWordEmbeddings && !m_parameters.count("lm_head.weight"))
        m_config.tieWordEmbeddings = true;
    checkShapes(parameterShapes(m_config));
    if (m_config.tieWordEmbeddings)
        m_parameters["lm_head.weight"] = m_parameters.at("model.embed_tokens.weight"); // one tensor
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

void LlamaModel::restructure(TransformerConfig config, ParameterMap parameters)
{
    if (config.family != m_config.family || config.hiddenSize != m_config.hiddenSize
        || config.numLayers != m_config.numLayers || config.numHeads != m_config.numHeads
        || kvHeads(config) != kvHeads(m_config))
        throw std::invalid_argument("restructure changes only per-layer heads and FFN widths");
    m_config = std::move(config);
    m_parameters = std::move(parameters);
    checkShapes(parameterShapes(m_config));
    if (m_config.tieWordEmbeddings)
        m_parameters["lm_head.weight"] = m_parameters.at("model.embed_tokens.weight");
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

std::vector<std::string> LlamaModel::linearNames() const
{
    std::vector<std::string> names;
    for (int i = 0; i < m_config.numLayers; ++i)
        for (const char *l : kLinears)
            names.push_back(layerPrefix(i) + l);
    names.push_back("lm_head");
    return names;
}

at::Tensor LlamaModel::inverseFrequencies(const TransformerConfig &c)
{
    const std::int64_t D = headDim(c);
    auto exponent = at::arange(0, D, 2, at::TensorOptions().dtype(at::kLong)).to(at::kFloat) / double(D);
    auto inv = 1.0 / at::pow(at::scalar_tensor(c.rope.theta, at::kFloat), exponent);
    const auto &r = c.rope;
    if (r.scaling == "linear")
        return inv / r.factor;
    if (r.scaling != "llama3")
        return inv;
    // Wavelengths longer than the original context at low_freq_factor are stretched by the
    // factor, shorter ones than at high_freq_factor kept, the band between blended.
    const double old = r.originalMaxPositions;
    const double lowWavelen = old / r.lowFreqFactor, highWavelen = old / r.highFreqFactor;
    auto wavelen = 2 * M_PI / inv;
    auto scaled = at::where(wavelen > lowWavelen, inv / r.factor, inv);
    auto smooth = (old / wavelen - r.lowFreqFactor) / (r.highFreqFactor - r.lowFreqFactor);
    auto smoothed = (1 - smooth) * scaled / r.factor + smooth * scaled;
    auto medium = at::logical_not(wavelen < highWavelen) & at::logical_not(wavelen > lowWavelen);
    return at::where(medium, smoothed, scaled);
}

at::Tensor LlamaModel::rmsNorm(const at::Tensor &x, const std::string &weight) const
{
    if (auto fused = decoder_ops::rmsNorm(x, param(weight), m_config.layerNormEps))
        return *fused;
    auto h = x.to(at::kFloat);
    auto variance = h.pow(2).mean(-1, true);
    h = h * at::rsqrt(variance + m_config.layerNormEps);
    return param(weight) * h.to(x.scalar_type());
}

// Causal attention over [B, S, H * D] with the padding bias; Mistral's window, when shorter
// than the sequence, through the cache's attention (the fused kernel knows causal masks only).
at::Tensor LlamaModel::attend(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const at::Tensor &maskBias,
                              int H) const
{
    const auto B = q.size(0), S = q.size(1);
    if (m_config.slidingWindow <= 0 || S <= m_config.slidingWindow)
        return autograd::attention(q.contiguous(), k.contiguous(), v.contiguous(), H, maskBias, true);
    // A window shorter than the sequence: the cache's attention over the whole sequence, which
    // takes the window and the padding mask (0 where the bias hides a key).
    const auto D = q.size(2) / H;
    auto heads = [&](const at::Tensor &x) { return x.view({B, S, H, D}).transpose(1, 2); };
    return cachedAttention(q, heads(k), heads(v), maskBias.eq(0), H, m_config.slidingWindow);
}

at::Tensor LlamaModel::block(int index, const at::Tensor &hidden, const at::Tensor &cos, const at::Tensor &sin,
                             const at::Tensor &maskBias) const
{
    const auto l = "layers." + std::to_string(index);
    const auto p = layerPrefix(index);
    const int heads = headsInLayer(m_config, index), kv = kvHeadsInLayer(m_config, index), rep = heads / kv;
    RECORD_USER_SCOPE(l);
    at::Tensor h;
    {
        RECORD_USER_SCOPE(l + ".self_attn");
        auto a = rmsNorm(hidden, p + "input_layernorm.weight");
        auto q = rotate(linear(p + "self_attn.q_proj").forward(a), heads, cos, sin);
        auto k = rotate(linear(p + "self_attn.k_proj").forward(a), kv, cos, sin);
        auto v = linear(p + "self_attn.v_proj").forward(a);
        auto context = attend(q, repeatKv(k, kv, rep), repeatKv(v, kv, rep), maskBias, heads);
        h = hidden + linear(p + "self_attn.o_proj").forward(context);
    }
    {
        RECORD_USER_SCOPE(l + ".mlp");
        return h + mlp(p, h);
    }
}

at::Tensor LlamaModel::mlp(const std::string &prefix, const at::Tensor &h) const
{
    auto m = rmsNorm(h, prefix + "post_attention_layernorm.weight");
    auto gated = at::silu(linear(prefix + "mlp.gate_proj").forward(m)) * linear(prefix + "mlp.up_proj").forward(m);
    return linear(prefix + "mlp.down_proj").forward(gated);
}

void LlamaModel::rotaryTables(const at::Tensor &positions, at::Tensor *cos, at::Tensor *sin) const
{
    RECORD_USER_SCOPE("rotary");
    // In fp32, as transformers computes them whatever the model's dtype.
    auto inv = inverseFrequencies(m_config).to(positions.device());
    auto freqs = positions.to(at::kFloat).unsqueeze(-1) * inv.view({1, 1, -1});
    auto angles = at::cat({freqs, freqs}, -1);
    *cos = angles.cos();
    *sin = angles.sin();
}

at::Tensor LlamaModel::cachedBlock(int index, const at::Tensor &hidden, const at::Tensor &cos, const at::Tensor &sin,
                                   KvCache &cache) const
{
    const auto p = layerPrefix(index);
    const int heads = headsInLayer(m_config, index), kv = kvHeadsInLayer(m_config, index);
    const std::int64_t B = hidden.size(0), S = hidden.size(1), D = headDim(m_config);
    RECORD_USER_SCOPE("layers." + std::to_string(index));
    auto a = rmsNorm(hidden, p + "input_layernorm.weight");
    auto q = rotate(linear(p + "self_attn.q_proj").forward(a), heads, cos, sin);
    auto k = rotate(linear(p + "self_attn.k_proj").forward(a), kv, cos, sin).view({B, S, kv, D}).transpose(1, 2);
    auto v = linear(p + "self_attn.v_proj").forward(a).view({B, S, kv, D}).transpose(1, 2);
    cache.append(index, k, v);
    auto context = cachedAttention(q, cache.keys[std::size_t(index)], cache.values[std::size_t(index)], cache.mask,
                                   heads, m_config.slidingWindow);
    auto h = hidden + linear(p + "self_attn.o_proj").forward(context);
    return h + mlp(p, h);
}

at::Tensor LlamaModel::forwardCached(const at::Tensor &inputIds, const at::Tensor &mask, KvCache &cache) const
{
    const auto positions = beginStep(cache, inputIds, mask, m_config.numLayers, m_config.maxPositions);
    at::Tensor cos, sin;
    rotaryTables(positions, &cos, &sin);
    at::Tensor h;
    {
        RECORD_USER_SCOPE("embeddings");
        h = embedding("model.embed_tokens.weight", inputIds);
    }
    for (int i = 0; i < m_config.numLayers; ++i)
        h = cachedBlock(i, h, cos, sin, cache);
    {
        RECORD_USER_SCOPE("norm");
        h = rmsNorm(h, "model.norm.weight");
    }
    RECORD_USER_SCOPE("lm_head");
    return linear("lm_head").forward(h);
}

at::Tensor LlamaModel::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const
{
    TORCH_CHECK(inputIds.dim() == 2, "input ids must be [batch, sequence], are ", inputIds.sizes());
    const auto B = inputIds.size(0), S = inputIds.size(1);
    TORCH_CHECK(S <= m_config.maxPositions, "sequence length ", S, " exceeds the model's ", m_config.maxPositions,
                " positions");
    const auto mask = attentionMask.defined() ? attentionMask : at::ones({B, S}, inputIds.options());
    const auto maskBias = (1.0 - mask.to(at::kFloat)) * std::numeric_limits<float>::lowest();
    at::Tensor cos, sin;
    rotaryTables(maskPositions(mask), &cos, &sin);
    at::Tensor h;
    {
        RECORD_USER_SCOPE("embeddings");
        h = embedding("model.embed_tokens.weight", inputIds);
    }
    for (int i = 0; i < m_config.numLayers; ++i) {
        if (checkpointed(i)) {
            h = checkpoint([this, i, cos, sin,
                            maskBias](const at::Tensor &x) { return block(i, x, cos, sin, maskBias); },
                           h, parametersUnder(layerPrefix(i)));
        } else {
            h = block(i, h, cos, sin, maskBias);
        }
    }
    {
        RECORD_USER_SCOPE("norm");
        h = rmsNorm(h, "model.norm.weight");
    }
    RECORD_USER_SCOPE("lm_head");
    return linear("lm_head").forward(h);
}

} // namespace optibench::engine
