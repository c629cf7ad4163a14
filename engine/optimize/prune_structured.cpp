// Structured pruning of BERT-family encoders and Llama-family decoders: attention heads (in a
// decoder, whole grouped-query groups) and FFN neurons are removed from the weights (rows of the
// producing Linears, columns of the consuming ones), so the layers shrink and their FLOPs, and a
// decoder's KV cache, with them. See engine/optimize/prune.h.
#include "engine/formats/errors.h"
#include "engine/models/bert.h"
#include "engine/models/llama.h"
#include "engine/optimize/prune.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace optibench::engine::detail {

namespace {

std::string number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

// GPT-2 is refused: its query, key and value share one fused c_attn Linear.
[[noreturn]] void refuse(const Model &model, const std::string &what)
{
    const auto &c = model.config();
    const std::string why = c.family == ArchitectureFamily::Gpt2
        ? " (GPT-2's query, key and value share one fused c_attn Linear, whose removal is not implemented)"
        : "";
    throw EngineError("optimizations.pruning.method: " + what
                      + " removal is implemented for BERT, RoBERTa and DistilBERT encoders and Llama, Mistral and "
                        "Qwen2 decoders, not for "
                      + c.architecture + why + "; magnitude and 2:4 pruning work on every native model");
}

// How many of n units (heads or neurons) one layer loses; refuses an amount that would leave
// none, naming the layer.
std::int64_t removalCount(double amount, std::int64_t n, int layer, const char *unit)
{
    const auto remove = std::llround(amount * static_cast<double>(n));
    if (remove >= n)
        throw EngineError("optimizations.pruning.amount: " + number(amount) + " would remove all " + std::to_string(n)
                          + " " + unit + " of layer " + std::to_string(layer) + " (round(" + number(amount) + " x "
                          + std::to_string(n) + ") = " + std::to_string(remove) + "); at least one must stay");
    return remove;
}

// Indices of the `remove` lowest scores (ties: lower index first), and of the rest in order.
std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> splitByScore(const at::Tensor &scores,
                                                                             std::int64_t remove)
{
    auto order = std::get<1>(at::sort(scores.to(at::kDouble).cpu(), /*stable=*/true, 0, /*descending=*/false));
    auto acc = order.accessor<std::int64_t, 1>();
    std::vector<std::int64_t> removed, kept;
    for (std::int64_t i = 0; i < order.size(0); ++i)
        (i < remove ? removed : kept).push_back(acc[i]);
    std::sort(removed.begin(), removed.end());
    std::sort(kept.begin(), kept.end());
    return {removed, kept};
}

at::Tensor indexTensor(const std::vector<std::int64_t> &indices, const at::Device &device)
{
    return at::tensor(indices, at::TensorOptions().dtype(at::kLong)).to(device);
}

// Hugging Face's pruned_heads counts original indices: the original index of each head the
// layer has now.
std::vector<int> remainingHeads(const TransformerConfig &config, int layer)
{
    std::vector<int> original;
    const auto it = config.prunedHeads.find(layer);
    for (int h = 0; h < config.numHeads; ++h)
        if (it == config.prunedHeads.end() || std::find(it->second.begin(), it->second.end(), h) == it->second.end())
            original.push_back(h);
    return original;
}

// Records the removal of current heads `removed` of a layer under their original indices.
void recordRemovedHeads(TransformerConfig &config, int layer, const std::vector<std::int64_t> &removed,
                        PruningResult &result)
{
    const auto original = remainingHeads(config, layer);
    auto &pruned = config.prunedHeads[layer];
    for (auto h : removed) {
        pruned.push_back(original.at(static_cast<std::size_t>(h)));
        result.removedHeads[layer].push_back(original.at(static_cast<std::size_t>(h)));
    }
    std::sort(pruned.begin(), pruned.end());
    result.prunedHeads += static_cast<std::int64_t>(removed.size());
}

void pruneBertHeads(BertClassifier &bert, double amount, PruningResult &result)
{
    auto config = bert.config();
    auto params = bert.parameters();
    const auto n = BertClassifier::namesFor(config);
    const std::int64_t D = headDim(config), H = config.hiddenSize;
    for (int i = 0; i < config.numLayers; ++i)
        removalCount(amount, headsInLayer(config, i), i, "heads");
    config.layerHeads.resize(static_cast<std::size_t>(config.numLayers));
    for (int i = 0; i < config.numLayers; ++i) {
        const std::int64_t heads = headsInLayer(bert.config(), i);
        config.layerHeads[static_cast<std::size_t>(i)] = static_cast<int>(heads);
        const auto remove = removalCount(amount, heads, i, "heads");
        if (remove == 0)
            continue;
        const auto l = n.layer + std::to_string(i) + ".";
        // Importance of a head: the L2 norm of its query, key and value rows and its columns of
        // the attention output projection.
        at::Tensor squares =
            params.at(l + n.attentionOut + ".weight").view({H, heads, D}).pow(2).sum(at::IntArrayRef{0, 2});
        for (const auto *m : {&n.query, &n.key, &n.value})
            squares = squares + params.at(l + *m + ".weight").view({heads, D, H}).pow(2).sum(at::IntArrayRef{1, 2});
        const auto [removed, kept] = splitByScore(squares.sqrt(), remove);

        const auto device = params.at(l + n.query + ".weight").device();
        auto heads_ = indexTensor(kept, device);
        auto rows = (heads_.unsqueeze(1) * D + at::arange(D, heads_.options())).flatten();
        for (const auto *m : {&n.query, &n.key, &n.value}) {
            params[l + *m + ".weight"] = params.at(l + *m + ".weight").index_select(0, rows);
            params[l + *m + ".bias"] = params.at(l + *m + ".bias").index_select(0, rows);
        }
        params[l + n.attentionOut + ".weight"] = params.at(l + n.attentionOut + ".weight").index_select(1, rows);

        recordRemovedHeads(config, i, removed, result);
        config.layerHeads[static_cast<std::size_t>(i)] = static_cast<int>(heads - remove);
    }
    bert.restructure(std::move(config), std::move(params));
}

void pruneBertNeurons(BertClassifier &bert, double amount, PruningResult &result)
{
    auto config = bert.config();
    auto params = bert.parameters();
    const auto n = BertClassifier::namesFor(config);
    for (int i = 0; i < config.numLayers; ++i)
        removalCount(amount, intermediateInLayer(config, i), i, "FFN neurons");
    config.layerIntermediate.resize(static_cast<std::size_t>(config.numLayers));
    for (int i = 0; i < config.numLayers; ++i) {
        const std::int64_t width = intermediateInLayer(bert.config(), i);
        config.layerIntermediate[static_cast<std::size_t>(i)] = static_cast<int>(width);
        const auto remove = removalCount(amount, width, i, "FFN neurons");
        if (remove == 0)
            continue;
        const auto l = n.layer + std::to_string(i) + ".";
        const auto in = params.at(l + n.intermediate + ".weight"); // [I, H]
        const auto out = params.at(l + n.output + ".weight");      // [H, I]
        // Importance of a neuron: |its intermediate row| x |its output column|.
        const auto [removed, kept] =
            splitByScore(in.norm(2, at::IntArrayRef{1}) * out.norm(2, at::IntArrayRef{0}), remove);
        auto index = indexTensor(kept, in.device());
        params[l + n.intermediate + ".weight"] = in.index_select(0, index);
        params[l + n.intermediate + ".bias"] = params.at(l + n.intermediate + ".bias").index_select(0, index);
        params[l + n.output + ".weight"] = out.index_select(1, index);
        for (auto r : removed)
            result.removedNeurons[i].push_back(static_cast<int>(r));
        config.layerIntermediate[static_cast<std::size_t>(i)] = static_cast<int>(width - remove);
        result.prunedNeurons += remove;
    }
    bert.restructure(std::move(config), std::move(params));
}

// A Llama-family layer loses whole groups: a key/value head with the query heads it serves, so
// the grouped-query ratio holds and the KV cache shrinks with the layer.
void pruneLlamaGroups(LlamaModel &llama, double amount, PruningResult &result)
{
    auto config = llama.config();
    auto params = llama.parameters();
    const std::int64_t D = headDim(config), E = config.hiddenSize, perGroup = config.numHeads / kvHeads(config);
    const std::int64_t groupRows = perGroup * D;
    for (int i = 0; i < config.numLayers; ++i)
        removalCount(amount, kvHeadsInLayer(config, i), i, "key/value head groups");
    config.layerHeads.resize(static_cast<std::size_t>(config.numLayers));
    for (int i = 0; i < config.numLayers; ++i) {
        const std::int64_t groups = kvHeadsInLayer(llama.config(), i);
        config.layerHeads[static_cast<std::size_t>(i)] = static_cast<int>(groups * perGroup);
        const auto remove = removalCount(amount, groups, i, "key/value head groups");
        if (remove == 0)
            continue;
        const auto p = "model.layers." + std::to_string(i) + ".self_attn.";
        // Importance of a group: the L2 norm of its query, key and value rows and its columns of
        // o_proj.
        at::Tensor squares =
            params.at(p + "o_proj.weight").view({E, groups, groupRows}).pow(2).sum(at::IntArrayRef{0, 2});
        squares =
            squares + params.at(p + "q_proj.weight").view({groups, groupRows, E}).pow(2).sum(at::IntArrayRef{1, 2});
        for (const char *m : {"k_proj.weight", "v_proj.weight"})
            squares = squares + params.at(p + m).view({groups, D, E}).pow(2).sum(at::IntArrayRef{1, 2});
        const auto [removed, kept] = splitByScore(squares.sqrt(), remove);

        auto keptGroups = indexTensor(kept, params.at(p + "q_proj.weight").device());
        auto rowsOf = [&](std::int64_t width) {
            return (keptGroups.unsqueeze(1) * width + at::arange(width, keptGroups.options())).flatten();
        };
        const auto queryRows = rowsOf(groupRows), kvRows = rowsOf(D);
        const std::pair<const char *, at::Tensor> producers[] = {{"q_proj", queryRows},
                                                                 {"k_proj", kvRows},
                                                                 {"v_proj", kvRows}};
        for (const auto &[m, rows] : producers) {
            params[p + m + ".weight"] = params.at(p + m + ".weight").index_select(0, rows);
            if (config.attentionBias)
                params[p + m + ".bias"] = params.at(p + m + ".bias").index_select(0, rows);
        }
        params[p + "o_proj.weight"] = params.at(p + "o_proj.weight").index_select(1, queryRows);

        std::vector<std::int64_t> removedHeads;
        for (auto g : removed)
            for (std::int64_t h = 0; h < perGroup; ++h)
                removedHeads.push_back(g * perGroup + h);
        recordRemovedHeads(config, i, removedHeads, result);
        config.layerHeads[static_cast<std::size_t>(i)] = static_cast<int>((groups - remove) * perGroup);
    }
    llama.restructure(std::move(config), std::move(params));
}

void pruneLlamaNeurons(LlamaModel &llama, double amount, PruningResult &result)
{
    auto config = llama.config();
    auto params = llama.parameters();
    for (int i = 0; i < config.numLayers; ++i)
        removalCount(amount, intermediateInLayer(config, i), i, "FFN neurons");
    config.layerIntermediate.resize(static_cast<std::size_t>(config.numLayers));
    for (int i = 0; i < config.numLayers; ++i) {
        const std::int64_t width = intermediateInLayer(llama.config(), i);
        config.layerIntermediate[static_cast<std::size_t>(i)] = static_cast<int>(width);
        const auto remove = removalCount(amount, width, i, "FFN neurons");
        if (remove == 0)
            continue;
        const auto p = "model.layers." + std::to_string(i) + ".mlp.";
        const auto gate = params.at(p + "gate_proj.weight"), up = params.at(p + "up_proj.weight"); // [I, E]
        const auto down = params.at(p + "down_proj.weight");                                       // [E, I]
        // Importance of a neuron: |gate row| x |up row| x |down column|.
        const auto scores =
            gate.norm(2, at::IntArrayRef{1}) * up.norm(2, at::IntArrayRef{1}) * down.norm(2, at::IntArrayRef{0});
        const auto [removed, kept] = splitByScore(scores, remove);
        auto index = indexTensor(kept, gate.device());
        params[p + "gate_proj.weight"] = gate.index_select(0, index);
        params[p + "up_proj.weight"] = up.index_select(0, index);
        params[p + "down_proj.weight"] = down.index_select(1, index);
        for (auto r : removed)
            result.removedNeurons[i].push_back(static_cast<int>(r));
        config.layerIntermediate[static_cast<std::size_t>(i)] = static_cast<int>(width - remove);
        result.prunedNeurons += remove;
    }
    llama.restructure(std::move(config), std::move(params));
}

} // namespace

void pruneHeads(Model &model, double amount, PruningResult &result)
{
    if (auto *bert = dynamic_cast<BertClassifier *>(&model))
        return pruneBertHeads(*bert, amount, result);
    if (auto *llama = dynamic_cast<LlamaModel *>(&model))
        return pruneLlamaGroups(*llama, amount, result);
    refuse(model, "heads");
}

void pruneNeurons(Model &model, double amount, PruningResult &result)
{
    if (auto *bert = dynamic_cast<BertClassifier *>(&model))
        return pruneBertNeurons(*bert, amount, result);
    if (auto *llama = dynamic_cast<LlamaModel *>(&model))
        return pruneLlamaNeurons(*llama, amount, result);
    refuse(model, "neurons");
}

} // namespace optibench::engine::detail
