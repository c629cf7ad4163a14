#include "engine/data/batching.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

namespace optibench::engine {

namespace {

Batch assemble(const std::vector<std::vector<std::int64_t>> &sequences, const std::vector<int> &labels,
               const std::vector<std::size_t> &indices, int maxLength, bool padToMax, std::int64_t padId)
{
    std::int64_t longest = 0;
    for (auto i : indices)
        longest = std::max<std::int64_t>(longest, std::min<std::int64_t>(sequences[i].size(), maxLength));
    const std::int64_t S = padToMax ? maxLength : std::max<std::int64_t>(longest, 1);
    const auto B = static_cast<std::int64_t>(indices.size());
    Batch batch;
    batch.indices = indices;
    batch.inputIds = at::full({B, S}, padId, at::kLong);
    batch.attentionMask = at::zeros({B, S}, at::kLong);
    batch.labels = at::zeros({B}, at::kLong);
    auto ids = batch.inputIds.accessor<std::int64_t, 2>();
    auto mask = batch.attentionMask.accessor<std::int64_t, 2>();
    auto lab = batch.labels.accessor<std::int64_t, 1>();
    for (std::int64_t b = 0; b < B; ++b) {
        const auto &seq = sequences[indices[static_cast<size_t>(b)]];
        const auto n = std::min<std::int64_t>(static_cast<std::int64_t>(seq.size()), S);
        for (std::int64_t s = 0; s < n; ++s) {
            ids[b][s] = seq[static_cast<size_t>(s)];
            mask[b][s] = 1;
        }
        batch.realTokens += n;
        if (!labels.empty())
            lab[b] = labels[indices[static_cast<size_t>(b)]];
    }
    batch.paddedTokens = B * S;
    return batch;
}

} // namespace

std::vector<Batch> makeBatches(const std::vector<std::vector<std::int64_t>> &sequences, const std::vector<int> &labels,
                               int batchSize, int maxLength, Padding padding, std::uint64_t seed, std::int64_t padId,
                               int bucketChunk)
{
    if (batchSize < 1)
        throw std::invalid_argument("batch_size must be at least 1, is " + std::to_string(batchSize));
    if (maxLength < 1)
        throw std::invalid_argument("max_length must be at least 1, is " + std::to_string(maxLength));
    if (!labels.empty() && labels.size() != sequences.size())
        throw std::invalid_argument("makeBatches: " + std::to_string(labels.size()) + " labels for "
                                    + std::to_string(sequences.size()) + " sequences");
    std::vector<std::vector<std::size_t>> groups;
    std::vector<std::size_t> order(sequences.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto bs = static_cast<std::size_t>(batchSize);
    if (padding == Padding::Bucketed) {
        const std::size_t chunk =
            bucketChunk > 0 ? bs * static_cast<std::size_t>(bucketChunk) : std::max<std::size_t>(order.size(), 1);
        for (std::size_t start = 0; start < order.size(); start += chunk) {
            const auto end = std::min(order.size(), start + chunk);
            std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(start),
                             order.begin() + static_cast<std::ptrdiff_t>(end),
                             [&](std::size_t a, std::size_t b) { return sequences[a].size() < sequences[b].size(); });
            for (std::size_t b = start; b < end; b += bs)
                groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(b),
                                    order.begin() + static_cast<std::ptrdiff_t>(std::min(end, b + bs)));
        }
        std::mt19937_64 rng(seed);
        // Fisher-Yates by hand: std::shuffle's use of the generator is implementation-defined.
        for (std::size_t i = groups.size(); i > 1; --i)
            std::swap(groups[i - 1], groups[static_cast<std::size_t>(rng() % i)]);
    } else {
        for (std::size_t b = 0; b < order.size(); b += bs)
            groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(b),
                                order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), b + bs)));
    }
    std::vector<Batch> batches;
    batches.reserve(groups.size());
    for (const auto &g : groups)
        batches.push_back(assemble(sequences, labels, g, maxLength, padding == Padding::Fixed, padId));
    return batches;
}

void attachSegments(std::vector<Batch> &batches, const std::vector<std::int64_t> &secondSegmentStart)
{
    for (auto &batch : batches) {
        const auto B = batch.inputIds.size(0), S = batch.inputIds.size(1);
        batch.tokenTypeIds = at::zeros({B, S}, at::kLong);
        auto types = batch.tokenTypeIds.accessor<std::int64_t, 2>();
        auto mask = batch.attentionMask.accessor<std::int64_t, 2>();
        for (std::int64_t b = 0; b < B; ++b) {
            const auto example = batch.indices.at(static_cast<std::size_t>(b));
            if (example >= secondSegmentStart.size())
                throw std::invalid_argument("attachSegments: no segment start for example " + std::to_string(example));
            const auto start = secondSegmentStart[example];
            if (start < 0)
                continue;
            for (std::int64_t s = start; s < S && mask[b][s] != 0; ++s)
                types[b][s] = 1;
        }
    }
}

} // namespace optibench::engine
