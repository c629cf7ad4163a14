#pragma once
// compare at sweep scale: runs (or groups of runs that share spec values, --group-by) as rows,
// the chosen metrics as columns with their intervals and verdicts against the baseline, sorted
// by the first metric, best first, and with --top N only the best and worst N: readable for
// hundreds of runs, where runs as columns are not.
#include "app/core/noise_floor.h"
#include "app/core/run_statistics.h"
#include "app/core/store.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace optibench::cli {

struct ComparedRuns {
    const std::vector<core::RunRecord> &runs;
    const std::vector<core::RunFigures> &figures;
    std::size_t base; // the baseline among them
    const core::Thresholds &thresholds;
};

struct RowOptions {
    std::vector<std::string> metrics; // the first sorts; empty: latency mean and the quality shown
    std::vector<std::string> groupBy; // spec keys; empty: a row per run
    int top = 0;                      // 0: every row
};

// The metrics shown when none are asked for: latency mean, throughput and the first quality
// metric any run has.
std::vector<std::string> defaultRowMetrics(const std::vector<core::RunFigures> &figures);

void printRows(const ComparedRuns &c, const RowOptions &o);
nlohmann::json rowsJson(const ComparedRuns &c, const RowOptions &o);

} // namespace optibench::cli
