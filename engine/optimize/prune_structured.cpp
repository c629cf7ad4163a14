// Structured pruning of BERT-family encoders: attention heads and FFN neurons are removed from
// the weights (rows of the producing Linears, columns of the consuming ones), so the layers
// shrink and their FLOPs with them. See engine/optimize/prune.h.
#include "engine/formats/errors.h"
#include "engine/models/bert.h"
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

BertClassifier &bertOrRefuse(Model &model, const std::string &what)
{
    auto *bert = dynamic_cast<BertClassifier *>(&model);
    if (!bert) {
        const auto &c = model.config();
        const std::string why = c.family == ArchitectureFamily::Gpt2
            ? " (GPT-2's query, key and value share one fused c_attn Linear, whose removal is not implemented)"
            : c.family == ArchitectureFamily::Llama ? " (for Llama-family decoders it is not implemented yet)"
                                                    : "";
        throw EngineError("optimizations.pruning.method: " + what
                          + " removal is implemented for BERT, RoBERTa and DistilBERT encoders, not for "
                          + c.architecture + why + "; magnitude and 2:4 pruning work on every native model");
    }
    return *bert;
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

} // namespace

void pruneHeads(Model &model, double amount, PruningResult &result)
{
    auto &bert = bertOrRefuse(model, "heads");
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

        // Hugging Face's pruned_heads counts original indices: map the current ones back.
        auto &pruned = config.prunedHeads[i];
        std::vector<int> original;
        for (int h = 0; h < config.numHeads; ++h)
            if (std::find(pruned.begin(), pruned.end(), h) == pruned.end())
                original.push_back(h);
        for (auto h : removed) {
            pruned.push_back(original.at(static_cast<std::size_t>(h)));
            result.removedHeads[i].push_back(original.at(static_cast<std::size_t>(h)));
        }
        std::sort(pruned.begin(), pruned.end());
        config.layerHeads[static_cast<std::size_t>(i)] = static_cast<int>(heads - remove);
        result.prunedHeads += remove;
    }
    bert.restructure(std::move(config), std::move(params));
}

void pruneNeurons(Model &model, double amount, PruningResult &result)
{
    auto &bert = bertOrRefuse(model, "neurons");
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

} // namespace optibench::engine::detail
