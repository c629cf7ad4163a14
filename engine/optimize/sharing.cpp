#include "engine/optimize/sharing.h"
#include "engine/formats/errors.h"
#include "engine/models/bert.h"
#include "engine/models/model.h"

namespace optibench::engine {

std::string layerPrefix(const TransformerConfig &config, int layer)
{
    const std::string base = config.family == ArchitectureFamily::Gpt2 ? "transformer.h."
        : config.family == ArchitectureFamily::Llama                   ? "model.layers."
                                                                       : BertClassifier::namesFor(config).layer;
    return base + std::to_string(layer) + ".";
}

int sharedLayerSource(int layer, int groupSize)
{
    return groupSize <= 1 ? layer : layer / groupSize * groupSize;
}

std::vector<std::pair<std::string, std::string>> sharedParameterNames(const Model &model, int groupSize)
{
    const auto &config = model.config();
    const auto &params = model.parameters();
    std::vector<std::pair<std::string, std::string>> pairs;
    for (int layer = 0; layer < config.numLayers; ++layer) {
        const int source = sharedLayerSource(layer, groupSize);
        if (source == layer)
            continue;
        const auto from = layerPrefix(config, layer), to = layerPrefix(config, source);
        for (auto it = params.lower_bound(from); it != params.end() && it->first.compare(0, from.size(), from) == 0;
             ++it)
            pairs.emplace_back(it->first, to + it->first.substr(from.size()));
    }
    return pairs;
}

void shareLayers(Model &model, int groupSize)
{
    if (groupSize < 1)
        throw EngineError("optimizations.share_layers: layers per group must be at least 1, is "
                          + std::to_string(groupSize));
    auto *native = dynamic_cast<NativeModel *>(&model);
    if (!native)
        throw EngineError("optimizations.share_layers: sharing points layers at one set of weights, which needs a "
                          "native model (BERT, RoBERTa, DistilBERT, GPT-2); this model is opaque (TorchScript)");
    const auto pairs = sharedParameterNames(model, groupSize);
    if (pairs.empty())
        return;
    try {
        native->shareParameters(pairs);
    } catch (const std::invalid_argument &e) {
        throw EngineError(std::string("optimizations.share_layers: ") + e.what());
    }
}

} // namespace optibench::engine
