#pragma once
// A language model's quality on a text split: the mean negative log-likelihood of each real token
// given the tokens before it (position t predicts token t + 1 where both are real, as
// nextTokenLoss and lmLoss count them), and its exponential, the perplexity. For any decoder
// (the demo's, GPT-2, the Llama family), over batches or over token sequences that it batches
// itself. No LibTorch in this header.
#include <cmath>
#include <cstdint>
#include <vector>

namespace optibench::engine {

class Model;
struct Batch;

struct Perplexity {
    double meanNll = 0;      // nats per predicted token
    std::int64_t tokens = 0; // predicted tokens (a sequence of n real tokens predicts n - 1)
    double perplexity() const { return tokens > 0 ? std::exp(meanNll) : 0.0; }
};

// Over batches (engine/data/batching.h: right- or left-padded, the mask 1 for real tokens),
// without gradients. Throws std::invalid_argument when the model is no language model.
Perplexity perplexity(const Model &model, const std::vector<Batch> &batches);
// Over whole token sequences (each its specials included, e.g. BOS text EOS), batched
// batchSize at a time by length and padded with padId. Throws std::invalid_argument when a
// sequence is longer than the model's positions.
Perplexity perplexity(const Model &model, const std::vector<std::vector<std::int64_t>> &sequences, int batchSize = 32,
                      std::int64_t padId = 0);

} // namespace optibench::engine
