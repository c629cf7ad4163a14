#pragma once
// Runs grouped by spec fields, for comparisons at sweep scale: a group is the runs that share
// the values at the chosen paths (repeats of one configuration), shown as one row with each
// metric's figure over its runs and a verdict against the baseline's group. Neither Qt nor
// LibTorch.
#include "app/core/run_statistics.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace optibench::core {

// More runs than this compare as rows (one per run or group), not as columns: the CLI's
// `compare` and the GUI's comparison alike.
constexpr std::size_t kMostRunColumns = 6;

struct RunGroup {
    std::string label;                // "quantization=dynamic-int8 padding=bucketed"
    std::vector<std::size_t> members; // indexes into the grouped runs, in their order
};

// Groups the runs by their spec's values at `keys` (spec paths, short keys resolved as a sweep
// grid resolves them; a field a spec leaves out reads as its default), groups in the order their
// first run comes. Throws SpecError for an unknown or ambiguous key.
std::vector<RunGroup> groupRuns(const std::vector<RunFigures> &runs, const std::vector<std::string> &keys);

// A group's figure of `key`: one run's own figure; several runs' median, with the order
// statistics' interval of the median from 6 runs on, and below that their range (qualifier
// "range of N"). nullopt when no run has the metric.
std::optional<Figure> groupFigure(const std::string &key, const std::vector<const RunFigures *> &runs);

// `group`'s figure of `key` against `baseline`'s. Two single runs are judged as judgeMetric
// judges them (blocks resampled, round by round when interleaved); otherwise the ratio of the
// group figures with the interval their intervals bound. NotComparable when the groups' first
// runs are (environment_drift.h).
stats::Judgement judgeGroup(const std::string &key, const std::vector<const RunFigures *> &group,
                            const std::vector<const RunFigures *> &baseline, double threshold);

} // namespace optibench::core
