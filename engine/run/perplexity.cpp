#include "engine/run/perplexity.h"
#include "engine/data/batching.h"
#include "engine/measure/metrics.h"
#include "engine/models/model.h"

#include <c10/core/InferenceMode.h>

#include <stdexcept>
#include <string>

namespace optibench::engine {

Perplexity perplexity(const Model &model, const std::vector<Batch> &batches)
{
    if (!model.isLanguageModel())
        throw std::invalid_argument(model.config().architecture + " is no language model: it has no perplexity");
    c10::InferenceMode inference;
    double nll = 0;
    Perplexity out;
    for (const auto &b : batches) {
        const auto loss = lmLoss(model.forward(b.inputIds, b.attentionMask), b.inputIds, b.attentionMask);
        nll += loss.nll;
        out.tokens += loss.tokens;
    }
    out.meanNll = out.tokens > 0 ? nll / static_cast<double>(out.tokens) : 0.0;
    return out;
}

Perplexity perplexity(const Model &model, const std::vector<std::vector<std::int64_t>> &sequences, int batchSize,
                      std::int64_t padId)
{
    if (batchSize < 1)
        throw std::invalid_argument("perplexity: the batch size must be at least 1, is " + std::to_string(batchSize));
    std::size_t longest = 1;
    for (const auto &s : sequences)
        longest = std::max(longest, s.size());
    const int positions = usablePositions(model.config());
    if (longest > static_cast<std::size_t>(positions))
        throw std::invalid_argument("perplexity: a sequence of " + std::to_string(longest)
                                    + " tokens exceeds the model's " + std::to_string(positions) + " positions");
    // Sorted by length into batches: little padding, and the sums do not depend on the order.
    const auto batches = makeBatches(sequences, {}, batchSize, static_cast<int>(longest), Padding::Bucketed, 0, padId);
    return perplexity(model, batches);
}

} // namespace optibench::engine
