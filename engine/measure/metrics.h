#pragma once
// Statistics and probes the benchmark reports: latency percentiles, process memory, and the
// quality of an optimized model's outputs against the fp32 baseline.
#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace optibench::engine {

struct LatencyStats {
    double p50 = 0, p90 = 0, p99 = 0, mean = 0, stdev = 0;
};

// Percentiles by linear interpolation between order statistics (numpy's default);
// stdev is the sample standard deviation (0 for fewer than two values).
LatencyStats latencyStats(std::vector<double> values);

// Peak resident set size of this process (VmHWM), in bytes; 0 where /proc is missing.
std::int64_t peakRssBytes();
// Resident memory of this process now (VmRSS), in bytes; 0 where /proc is missing.
std::int64_t currentRssBytes();
// Returns freed heap memory to the kernel, then resets the peak resident set size (VmHWM) to
// the current one, where the kernel allows it (/proc/self/clear_refs); returns false otherwise.
bool resetPeakRss();

struct Agreement {
    double agreement = 0;    // share of examples whose argmax matches the baseline's
    double klDivergence = 0; // mean KL(baseline || model) over examples, in nats
    std::int64_t examples = 0;
};

// Logits [N, C] of the model and the baseline on the same examples.
Agreement compareLogits(const at::Tensor &logits, const at::Tensor &baseline);

// Next-token loss of a language model on the real tokens: position t predicts token t+1 where
// both are real (mask 1). logits [B, S, V], ids and mask [B, S].
struct LmLoss {
    double nll = 0;          // summed negative log-likelihood, nats
    std::int64_t tokens = 0; // predicted tokens
    double perplexity() const;
};
LmLoss lmLoss(const at::Tensor &logits, const at::Tensor &ids, const at::Tensor &mask);

// The next-token logits of up to `perSequence` real positions per sequence (evenly spaced, the
// last real position always among them), as [N, V] for compareLogits: a language model's
// distributions without keeping every position of every batch.
at::Tensor nextTokenSamples(const at::Tensor &logits, const at::Tensor &mask, int perSequence);

} // namespace optibench::engine
