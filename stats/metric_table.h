#pragma once
// What each metric key the engine stores is: its label (in English; the GUI translates it), its
// unit and which direction is better. The CLI's verdicts and the GUI's tables read this one
// table. Neither Qt nor LibTorch.
#include "stats/verdict.h"

#include <string_view>
#include <vector>

namespace optibench::stats {

// Where a metric's uncertainty comes from (app/core/run_statistics.h computes it).
enum class Spread {
    Exact,        // counted or computed, the same every time: sizes, FLOPs, tokens
    LatencyMean,  // the timed blocks' latencies, resampled by block
    SequenceRate, // the timed blocks' sequences per second, resampled by block
    TokenRate,    // the timed blocks' real tokens per second, resampled by block
    PerSecond,    // a fixed amount of work over the timed time: FLOP/s, share of peak
    Percentile50, // order statistics of every timed latency
    Percentile90,
    Percentile99,
    // Generation (task.mode generation): each timed generation is a block.
    TtftMean,         // the blocks' times to first token, resampled by block
    TtftPercentile50, // order statistics of the blocks' times to first token
    TtftPercentile90,
    E2eMean,          // the blocks' whole generations, resampled by block
    PrefillRate,      // the blocks' prompt tokens over their times to first token
    PrefillPerSecond, // a fixed amount of prefill work over the time to first token: FLOP/s, share of peak
    Proportion,       // a share of the evaluated examples (Wilson)
    Unknown,          // no interval: not judged
};

struct MetricDescription {
    const char *key;
    const char *label;
    const char *unit; // ms, seq/s, bytes, % (a ratio shown as a percentage), ...
    Better better;
    Spread spread = Spread::Exact;
};

// In display order: latency first, quality last.
const std::vector<MetricDescription> &metricTable();
const MetricDescription *describeMetric(std::string_view key); // nullptr: not a known key
Better betterOf(std::string_view key);                         // Neither for unknown keys
// Whether the spread comes from the timed blocks: the figures that depend on the machine.
bool isTimed(Spread s);

} // namespace optibench::stats
