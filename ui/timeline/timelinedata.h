#pragma once
// What the timeline draws: the events of one time window sorted into rows, one per
// (device, thread or stream, nesting depth). Spans within a row do not overlap, so both their
// starts and their ends are sorted and a visible range is two binary searches. Built on a worker
// thread from the store's records; Qt-free.
#include "app/core/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace optibench::ui {

struct TimelineSpan {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::uint32_t name = 0;   // index into TimelineData::strings
    std::uint32_t shapes = 0; // likewise; 0 is ""
    core::TraceKind kind = core::TraceKind::Op;
};

struct TimelineRow {
    std::string device; // "cpu", "cuda:0"
    std::int64_t lane = 0;
    int depth = 0;
    bool gpu = false;
    std::vector<TimelineSpan> spans;
};

struct TimelineData {
    std::int64_t runId = 0;
    std::int64_t windowStartNs = 0; // the window that was loaded
    std::int64_t windowEndNs = 0;
    std::size_t eventCount = 0;
    std::vector<TimelineRow> rows; // CPU threads first, then GPU streams; depth ascending
    std::vector<std::string> strings{std::string()};

    // The span of row r under time t (with slack ns either side), or nullptr.
    const TimelineSpan *spanAt(std::size_t row, std::int64_t t, std::int64_t slackNs) const;
};

// events ordered by start, as Store::traceWindow returns them.
TimelineData buildTimeline(std::vector<core::TraceEventRecord> events, std::int64_t windowStartNs,
                           std::int64_t windowEndNs);

// First span in spans that ends after t (spans of one row).
std::size_t firstEndingAfter(const std::vector<TimelineSpan> &spans, std::int64_t t);

} // namespace optibench::ui
