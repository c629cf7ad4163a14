#include "engine/models/bert.h"
#include "engine/kernels/autograd_ops.h"
#include "engine/kernels/checkpoint.h"
#include "engine/kernels/gemm.h"

#include <ATen/record_function.h>

#include <limits>
#include <stdexcept>

namespace optibench::engine {

BertClassifier::Names BertClassifier::namesFor(const TransformerConfig &c)
{
    Names n;
    if (c.family == ArchitectureFamily::DistilBert) {
        n.embeddings = "distilbert.embeddings.";
        n.layer = "distilbert.transformer.layer.";
        n.query = "attention.q_lin";
        n.key = "attention.k_lin";
        n.value = "attention.v_lin";
        n.attentionOut = "attention.out_lin";
        n.attentionNorm = "sa_layer_norm";
        n.intermediate = "ffn.lin1";
        n.output = "ffn.lin2";
        n.outputNorm = "output_layer_norm";
        if (c.hasPreClassifier)
            n.preClassifier = "pre_classifier";
        n.classifier = "classifier";
        return n;
    }
    // BERT and RoBERTa share the module tree under their own prefix; the demo model is BERT.
    const std::string p = c.family == ArchitectureFamily::Roberta ? "roberta" : "bert";
    n.embeddings = p + ".embeddings.";
    n.layer = p + ".encoder.layer.";
    n.query = "attention.self.query";
    n.key = "attention.self.key";
    n.value = "attention.self.value";
    n.attentionOut = "attention.output.dense";
    n.attentionNorm = "attention.output.LayerNorm";
    n.intermediate = "intermediate.dense";
    n.output = "output.dense";
    n.outputNorm = "output.LayerNorm";
    if (c.hasPooler)
        n.pooler = p + ".pooler.dense";
    if (c.family == ArchitectureFamily::Roberta && c.hasPreClassifier) {
        n.preClassifier = "classifier.dense";
        n.classifier = "classifier.out_proj";
    } else {
        n.classifier = "classifier";
    }
    return n;
}

std::vector<std::pair<std::string, std::vector<std::int64_t>>>
BertClassifier::parameterShapes(const TransformerConfig &c)
{
    const auto n = namesFor(c);
    const std::int64_t H = c.hiddenSize, D = headDim(c);
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
    auto linear = [&](const std::string &name, std::int64_t out, std::int64_t in) {
        shapes.push_back({name + ".weight", {out, in}});
        shapes.push_back({name + ".bias", {out}});
    };
    auto norm = [&](const std::string &name) {
        shapes.push_back({name + ".weight", {H}});
        shapes.push_back({name + ".bias", {H}});
    };
    shapes.push_back({n.embeddings + "word_embeddings.weight", {c.vocabSize, H}});
    shapes.push_back({n.embeddings + "position_embeddings.weight", {c.maxPositions, H}});
    if (c.typeVocabSize > 0)
        shapes.push_back({n.embeddings + "token_type_embeddings.weight", {c.typeVocabSize, H}});
    norm(n.embeddings + "LayerNorm");
    for (int i = 0; i < c.numLayers; ++i) {
        const auto l = n.layer + std::to_string(i) + ".";
        // Pruned layers hold fewer heads (each D wide) and a narrower FFN.
        const std::int64_t A = headsInLayer(c, i) * D, I = intermediateInLayer(c, i);
        linear(l + n.query, A, H);
        linear(l + n.key, A, H);
        linear(l + n.value, A, H);
        linear(l + n.attentionOut, H, A);
        norm(l + n.attentionNorm);
        linear(l + n.intermediate, I, H);
        linear(l + n.output, H, I);
        norm(l + n.outputNorm);
    }
    if (!n.pooler.empty())
        linear(n.pooler, H, H);
    if (c.numLabels > 0) {
        if (!n.preClassifier.empty())
            linear(n.preClassifier, H, H);
        linear(n.classifier, c.numLabels, H);
    }
    return shapes;
}

ParameterMap BertClassifier::randomParameters(const TransformerConfig &config, std::uint64_t seed)
{
    return initialParameters(parameterShapes(config), seed, [](const std::string &name) {
        return name.find("LayerNorm") != std::string::npos || name.find("layer_norm") != std::string::npos;
    });
}

BertClassifier::BertClassifier(TransformerConfig config, ParameterMap parameters)
    : NativeModel(std::move(config), std::move(parameters)), m_names(namesFor(m_config))
{
    if (m_config.family == ArchitectureFamily::Gpt2)
        throw std::invalid_argument("GPT-2 is a decoder; it is built by Gpt2Model");
    checkShapes(parameterShapes(m_config));
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

void BertClassifier::restructure(TransformerConfig config, ParameterMap parameters)
{
    if (config.family != m_config.family || config.hiddenSize != m_config.hiddenSize
        || config.numLayers != m_config.numLayers || config.numHeads != m_config.numHeads)
        throw std::invalid_argument("restructure changes only per-layer heads and FFN widths");
    m_config = std::move(config);
    m_parameters = std::move(parameters);
    checkShapes(parameterShapes(m_config));
    setLinearFactory(
        [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeFp32Linear(w, b); });
}

std::vector<std::string> BertClassifier::linearNames() const
{
    const auto &n = m_names;
    std::vector<std::string> names;
    for (int i = 0; i < m_config.numLayers; ++i) {
        const auto l = n.layer + std::to_string(i) + ".";
        for (const auto *m : {&n.query, &n.key, &n.value, &n.attentionOut, &n.intermediate, &n.output})
            names.push_back(l + *m);
    }
    if (!n.pooler.empty())
        names.push_back(n.pooler);
    if (m_config.numLabels > 0) {
        if (!n.preClassifier.empty())
            names.push_back(n.preClassifier);
        names.push_back(n.classifier);
    }
    return names;
}

at::Tensor BertClassifier::embed(const at::Tensor &inputIds, const at::Tensor &tokenTypeIds) const
{
    RECORD_USER_SCOPE("embeddings");
    const auto S = inputIds.size(1);
    const auto &e = m_names.embeddings;
    at::Tensor positions;
    if (m_config.family == ArchitectureFamily::Roberta) {
        // create_position_ids_from_input_ids: non-pad tokens count up from padding_idx + 1,
        // pad tokens sit at padding_idx.
        auto notPad = inputIds.ne(m_config.padTokenId).to(at::kLong);
        positions = at::cumsum(notPad, 1).mul_(notPad).add_(m_config.padTokenId);
    } else {
        positions = at::arange(m_config.positionOffset, m_config.positionOffset + S,
                               at::TensorOptions().dtype(at::kLong).device(inputIds.device()))
                        .unsqueeze(0);
    }
    auto h = embedding(e + "word_embeddings.weight", inputIds) + embedding(e + "position_embeddings.weight", positions);
    if (m_config.typeVocabSize > 0) {
        // Without token type ids every position is segment 0 (single-segment classification).
        const auto types = e + "token_type_embeddings.weight";
        h = h + embedding(types, tokenTypeIds.defined() ? tokenTypeIds : at::zeros({1, 1}, inputIds.options()));
    }
    return at::layer_norm(h, {m_config.hiddenSize}, param(e + "LayerNorm.weight"), param(e + "LayerNorm.bias"),
                          m_config.layerNormEps);
}

at::Tensor BertClassifier::layer(int index, const at::Tensor &hidden, const at::Tensor &maskBias) const
{
    const auto &n = m_names;
    // Scopes use BERT's module names for every family, so traces of the three compare.
    const auto l = "encoder.layer." + std::to_string(index);
    const auto pl = n.layer + std::to_string(index) + ".";
    RECORD_USER_SCOPE(l);
    at::Tensor attended;
    {
        RECORD_USER_SCOPE(l + ".attention.self");
        auto q = linear(pl + n.query).forward(hidden);
        auto k = linear(pl + n.key).forward(hidden);
        auto v = linear(pl + n.value).forward(hidden);
        attended = autograd::attention(q, k, v, headsInLayer(m_config, index), maskBias);
    }
    at::Tensor h1;
    {
        RECORD_USER_SCOPE(l + ".attention.output");
        auto o = linear(pl + n.attentionOut).forward(attended);
        h1 = at::layer_norm(o + hidden, {m_config.hiddenSize}, param(pl + n.attentionNorm + ".weight"),
                            param(pl + n.attentionNorm + ".bias"), m_config.layerNormEps);
    }
    at::Tensor inter;
    {
        RECORD_USER_SCOPE(l + ".intermediate");
        inter = activation(linear(pl + n.intermediate).forward(h1));
    }
    {
        RECORD_USER_SCOPE(l + ".output");
        auto o = linear(pl + n.output).forward(inter);
        return at::layer_norm(o + h1, {m_config.hiddenSize}, param(pl + n.outputNorm + ".weight"),
                              param(pl + n.outputNorm + ".bias"), m_config.layerNormEps);
    }
}

at::Tensor BertClassifier::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                                   const at::Tensor &tokenTypeIds) const
{
    TORCH_CHECK(inputIds.dim() == 2, "input ids must be [batch, sequence], are ", inputIds.sizes());
    TORCH_CHECK(inputIds.size(1) <= usablePositions(m_config), "sequence length ", inputIds.size(1),
                " exceeds the model's ", usablePositions(m_config), " positions");
    at::Tensor maskBias;
    if (attentionMask.defined()) {
        // Padding keys get the dtype's lowest value, as Hugging Face does, so they vanish in softmax.
        maskBias = (1.0 - attentionMask.to(at::kFloat)) * std::numeric_limits<float>::lowest();
    }
    auto h = embed(inputIds, tokenTypeIds);
    for (int i = 0; i < m_config.numLayers; ++i) {
        if (checkpointed(i)) {
            // The layer runs again in backward: capture by value.
            h = checkpoint([this, i, maskBias](const at::Tensor &x) { return layer(i, x, maskBias); }, h,
                           parametersUnder(m_names.layer + std::to_string(i) + "."));
        } else {
            h = layer(i, h, maskBias);
        }
    }
    auto first = h.select(1, 0);
    if (!m_names.pooler.empty()) {
        RECORD_USER_SCOPE("pooler");
        first = at::tanh(linear(m_names.pooler).forward(first));
    }
    if (m_config.numLabels <= 0)
        return first;
    RECORD_USER_SCOPE("classifier");
    if (!m_names.preClassifier.empty()) {
        // RoBERTa's head: dense + tanh; DistilBERT's: pre_classifier + ReLU.
        auto x = linear(m_names.preClassifier).forward(first);
        first = m_config.family == ArchitectureFamily::DistilBert ? at::relu(x) : at::tanh(x);
    }
    return linear(m_names.classifier).forward(first);
}

} // namespace optibench::engine
