#pragma once
// What a toggle changed: two traces' (or summaries') op and kernel tables joined by name.
#include "profiler/trace/summary.h"
#include "profiler/trace/trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::profiler {

enum class DiffStatus { Added, Removed, Changed, Same };
const char *diffStatusName(DiffStatus status); // "added", "removed", "changed", "same"

struct DiffRow {
    std::string name;
    DiffStatus status = DiffStatus::Same;
    std::int64_t countA = 0, countB = 0;
    std::int64_t totalNsA = 0, totalNsB = 0; // ops: total time; kernels: total GPU time
    std::int64_t selfNsA = 0, selfNsB = 0;   // ops only
    std::int64_t deltaNs() const { return totalNsB - totalNsA; }
};

struct TraceDiff {
    std::vector<DiffRow> ops;     // by absolute time difference, largest first
    std::vector<DiffRow> kernels; // likewise
};

// A row is Changed when its count differs, or its total time differs by more than
// minRelativeChange of the larger of the two (0: any difference).
TraceDiff diffSummaries(const TraceSummary &a, const TraceSummary &b, double minRelativeChange = 0.0);
TraceDiff diffTraces(const Trace &a, const Trace &b, double minRelativeChange = 0.0);

} // namespace optibench::profiler
