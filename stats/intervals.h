#pragma once
// 95% confidence intervals for what a run measures: a proportion (Wilson), a percentile (order
// statistics, distribution-free, with the count that supports it), and a ratio of sums over
// timed blocks (an expanded-percentile bootstrap that resamples blocks, the independent units of
// a run). Deterministic: the bootstrap's generator is seeded, so a comparison reads the same
// every time. Neither Qt nor LibTorch.
#include <cstddef>
#include <optional>
#include <vector>

namespace optibench::stats {

struct Interval {
    double lo = 0, hi = 0;
    bool contains(double x) const { return lo <= x && x <= hi; }
    double halfWidth() const { return (hi - lo) / 2; }
};

// The Wilson score interval of `successes` out of `n` (n > 0).
Interval wilson(double successes, double n);

// The fewest values for which the q-quantile's distribution-free interval lies inside the sample:
// 6 for the median, 36 for p90, 368 for p99.
std::size_t minimumCount(double q);

struct Percentile {
    double value = 0;                 // interpolated between order statistics (numpy's default)
    std::optional<Interval> interval; // from order statistics; absent when not supported
    bool supported = false;           // false: too few values, `value` is then the maximum
    std::size_t count = 0;
};
Percentile percentile(std::vector<double> values, double q);

// One block's share of a statistic that is a ratio of sums: a mean latency is the sum of the
// latencies over the iterations, a throughput the sequences over the seconds.
struct BlockValue {
    double numerator = 0, denominator = 1;
};
double ratioOfSums(const std::vector<BlockValue> &blocks);

// The interval of ratioOfSums over the blocks; absent for fewer than two blocks.
std::optional<Interval> bootstrapInterval(const std::vector<BlockValue> &blocks);
// The interval of ratioOfSums(a) / ratioOfSums(b), each run's blocks resampled on their own;
// absent when either run has fewer than two blocks.
std::optional<Interval> bootstrapRatioInterval(const std::vector<BlockValue> &a, const std::vector<BlockValue> &b);
// The same for runs whose blocks were interleaved: block k of `a` and block k of `b` ran in the
// same round, so a round is resampled as a pair and the drift the two shared cancels; absent
// unless both have the same count of at least two blocks.
std::optional<Interval> bootstrapPairedRatioInterval(const std::vector<BlockValue> &a,
                                                     const std::vector<BlockValue> &b);

// Student's t quantile for a two-sided 95% interval with `df` degrees of freedom (df >= 1).
double studentT975(int df);

} // namespace optibench::stats
