#pragma once
// Which stored configuration to use: the cheapest run, by a cost the user picks, whose quality
// meets a budget judged on its interval's pessimistic end (for accuracy against the baseline's,
// also bounded by the agreement: accuracy changes only where predictions do), with the reason in one sentence
// ("#7 dynamic-int8 + bucketed: 2.10x [1.90x, 2.30x] faster, agreement 99.6% [99.2, 99.8]").
// The Pareto front of cost against quality is drawn from the intervals too: a run leaves the
// front only when another is cheaper beyond doubt and at least as good. The CLI's `recommend`
// and the GUI's Recommend panel both call this. Neither Qt nor LibTorch.
#include "app/core/noise_floor.h"
#include "app/core/run_statistics.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace optibench::core {

enum class Cost { Latency, Throughput, PeakMemory, ModelSize };

struct CostDescription {
    Cost cost;
    const char *name;   // as the CLI spells it: latency, throughput, memory, size
    const char *metric; // the metric key it reads
};
const std::vector<CostDescription> &costTable();
const CostDescription &describeCost(Cost cost);
std::optional<Cost> parseCost(const std::string &name);

// The metrics a quality budget may bound, higher or lower better as stats/metric_table.h says.
const std::vector<std::string> &qualityMetrics();

// A floor (or, for a metric where lower is better, a ceiling) on one quality metric, absolute
// or relative to the baseline's value.
struct QualityBudget {
    std::string metric = "agreement";
    bool relative = false; // bound is how much worse than the baseline the run may be
    double bound = 0.99;
    // "agreement >= 99.0%", "accuracy >= baseline - 1.0%"
    std::string describe() const;
};
// "agreement>=99%", "agreement>=0.99", "accuracy>=baseline-1%", "perplexity<=baseline+0.5".
// Throws std::invalid_argument with what is wrong.
QualityBudget parseBudget(const std::string &text);

// A point of the cost-against-quality plane with the intervals it is known within.
struct TradeoffPoint {
    double cost = 0, costLo = 0, costHi = 0;          // lower is better
    double quality = 0, qualityLo = 0, qualityHi = 0; // higher is better
};
// Indices of the points on the front, by cost: no other point is cheaper beyond both cost
// intervals and at least as good in quality (or no dearer and better in quality).
std::vector<std::size_t> paretoFront(const std::vector<TradeoffPoint> &points);

struct Candidate {
    std::int64_t runId = 0;
    std::string label; // what differs from the baseline: "dynamic-int8 + bucketed"
    std::optional<Figure> cost, quality;
    stats::Judgement costJudgement; // the cost against the baseline's
    bool meetsBudget = false;
    std::string budgetNote; // why it does not: "agreement's lower bound 97.7% is under 99.0%"
    bool onFront = false;
};

struct Recommendation {
    std::vector<Candidate> candidates; // the runs in the order given, the baseline first
    std::optional<std::size_t> chosen; // none: no run, not even the baseline, meets the budget
    std::vector<std::size_t> ties;     // other runs as cheap within their intervals
    std::string reason;                // one sentence
};

// runs[0] is the baseline; labels are the runs' configurations (configurationLabel); the cost's
// verdicts take thresholds.of(the cost's metric).
Recommendation recommend(const std::vector<RunFigures> &runs, const std::vector<std::string> &labels, Cost cost,
                         const QualityBudget &budget, const Thresholds &thresholds);

// What a run's spec changes from the baseline's, as a short label: string values by value,
// numbers with their field's name ("dynamic-int8 + bucketed + neurons + amount 0.3");
// "baseline" when nothing differs but the name.
std::string configurationLabel(const std::string &specJson, const std::string &baselineSpecJson);

} // namespace optibench::core
