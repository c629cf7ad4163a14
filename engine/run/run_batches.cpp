#include "engine/run/run_batches.h"

#include <algorithm>

namespace optibench::engine {

EncodedExamples encodeExamples(const LoadedModel &loaded, const TextDataset &dataset, const RunConfig &config,
                               int numLabels, std::size_t limit)
{
    const std::size_t count = limit > 0 ? std::min(limit, dataset.examples.size()) : dataset.examples.size();
    EncodedExamples out;
    out.sequences.reserve(count);
    const auto where = [&](const DatasetExample &ex) {
        return ex.line > 0 ? config.dataset + ":" + std::to_string(ex.line) : config.dataset;
    };
    for (std::size_t i = 0; i < count; ++i) {
        const auto &ex = dataset.examples[i];
        try {
            out.secondStarts.push_back(-1);
            out.sequences.push_back(
                ex.pair.empty() ? loaded.encode(ex.text, config.maxLength)
                                : loaded.encodePair(ex.text, ex.pair, config.maxLength, &out.secondStarts.back()));
        } catch (const std::exception &e) {
            throw EngineError(where(ex) + ": cannot be tokenized: " + e.what());
        }
        if (numLabels > 0 && ex.label >= numLabels)
            throw EngineError(where(ex) + ": label " + dataset.labelNames.at(static_cast<std::size_t>(ex.label))
                              + " (id " + std::to_string(ex.label) + ") is outside the model's "
                              + std::to_string(numLabels) + " labels");
        out.labels.push_back(std::max(ex.label, 0));
    }
    return out;
}

std::vector<Batch> batchExamples(const LoadedModel &loaded, const EncodedExamples &examples, const RunConfig &config,
                                 const at::Device &device)
{
    auto out = makeBatches(examples.sequences, examples.labels, config.batchSize, config.maxLength, config.padding,
                           config.seed, loaded.padId());
    const bool anyPair =
        std::any_of(examples.secondStarts.begin(), examples.secondStarts.end(), [](auto s) { return s >= 0; });
    if (anyPair && loaded.model->config().typeVocabSize >= 2)
        attachSegments(out, examples.secondStarts);
    if (device != at::Device(at::kCPU)) {
        for (auto &b : out) {
            b.inputIds = b.inputIds.to(device);
            b.attentionMask = b.attentionMask.to(device);
            if (b.tokenTypeIds.defined())
                b.tokenTypeIds = b.tokenTypeIds.to(device);
        }
    }
    return out;
}

} // namespace optibench::engine
