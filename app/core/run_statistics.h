#pragma once
// Every stored figure with its uncertainty, and one run's metric against the baseline's as a
// verdict. Computed from what the store keeps (the metrics and the per-iteration and per-block
// series), in one place, for the CLI and the GUI alike; stats/ holds the statistics and
// stats/metric_table.h which interval each metric takes. Neither Qt nor LibTorch.
#include "app/core/store.h"
#include "stats/intervals.h"
#include "stats/metric_table.h"
#include "stats/verdict.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace optibench::core {

// One stored run's timed blocks, read back from its series.
struct RunBlocks {
    std::vector<stats::BlockValue> latency;   // the block's latencies (ms) over its iterations
    std::vector<stats::BlockValue> sequences; // the block's sequences over its seconds
    std::vector<stats::BlockValue> tokens;    // the block's real tokens over its seconds
    std::vector<double> latencies;            // every timed iteration's (generation: every decoding step's)
    // Generation runs (each timed generation a block): the time to first token (ms) over one,
    // the whole generation (ms) over one, the prompt tokens over the time to first token (s).
    std::vector<stats::BlockValue> ttft, e2e, prefill;
    std::vector<double> ttftSamples; // every block's time to first token
    std::vector<std::string> noise;  // per block: why it is noisy, empty when quiet
    int noisyCount() const;
    std::string firstNoise() const; // the first noisy block's reason, empty when none was noisy
    // "3 of 5 blocks ran beside other work (other processes used 0.98 cores)", empty when none did.
    std::string noiseSummary() const;
    std::size_t count() const { return latency.size(); }
};
// Runs stored before blocks existed have no latency_block series: each iteration is then a block.
RunBlocks runBlocks(const std::vector<SeriesPoint> &series);
// The series runBlocks reads (the rest need not be loaded for it).
const std::vector<std::string> &blockSeriesNames();

// What one run measured, as the statistics read it.
struct RunFigures {
    std::int64_t runId = 0;
    std::map<std::string, double> metrics;
    RunBlocks blocks;
    std::string environmentJson, specJson;     // for the drift between runs (environment_drift.h)
    std::vector<std::int64_t> interleavedWith; // the runs whose blocks alternated with this run's, itself included
    // Whether this run's blocks and `other`'s ran in the same rounds (interleaved, as many
    // blocks each), so that their comparison resamples rounds as pairs.
    bool pairedWith(const RunFigures &other) const;
};
RunFigures runFigures(const Store &store, std::int64_t runId);
// The runs an environment says its run was interleaved with (its "interleave" field); empty
// for a run of its own.
std::vector<std::int64_t> interleavedRuns(const std::string &environmentJson);

struct Figure {
    double value = 0;
    std::optional<stats::Interval> interval; // 95%; zero width for an exact figure
    std::string qualifier;                   // "max of 20": a percentile the count does not support
};
// The figure of `key` with its interval; nullopt when the run has no such metric.
std::optional<Figure> figureOf(const std::string &key, const RunFigures &run);

// `run`'s `key` against `baseline`'s, with `threshold` (0.02: within 2% is no change).
// NotJudged when either lacks the metric or the metric has no better direction; NotComparable
// for a timed metric of runs whose machine or settings differ (environment_drift.h).
stats::Judgement judgeMetric(const std::string &key, const RunFigures &run, const RunFigures &baseline,
                             double threshold);

} // namespace optibench::core
