#include "profiler/trace/trace.h"

#include <algorithm>
#include <numeric>

namespace optibench::profiler {

namespace {
constexpr const char *kKindNames[] = {"op", "kernel", "memcpy", "memset", "sync", "range"};
} // namespace

const char *kindName(EventKind kind)
{
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<EventKind> kindFromName(std::string_view name)
{
    for (std::size_t i = 0; i < std::size(kKindNames); ++i) {
        if (name == kKindNames[i])
            return static_cast<EventKind>(i);
    }
    return std::nullopt;
}

void Trace::sortByStart()
{
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    // At equal starts the longer event encloses the shorter one, and a range encloses an op.
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
        const TraceEvent &x = events[a];
        const TraceEvent &y = events[b];
        if (x.startNs != y.startNs)
            return x.startNs < y.startNs;
        if (x.durationNs != y.durationNs)
            return x.durationNs > y.durationNs;
        return (x.kind == EventKind::Range) && (y.kind != EventKind::Range);
    });
    std::vector<std::int64_t> newIndex(events.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        newIndex[order[i]] = static_cast<std::int64_t>(i);
    std::vector<TraceEvent> sorted;
    sorted.reserve(events.size());
    for (std::size_t i : order) {
        sorted.push_back(std::move(events[i]));
        TraceEvent &e = sorted.back();
        if (e.parent >= 0 && e.parent < static_cast<std::int64_t>(newIndex.size()))
            e.parent = newIndex[static_cast<std::size_t>(e.parent)];
        else
            e.parent = -1;
    }
    events = std::move(sorted);
}

void Trace::merge(Trace other)
{
    const auto offset = static_cast<std::int64_t>(events.size());
    events.reserve(events.size() + other.events.size());
    for (TraceEvent &e : other.events) {
        if (e.parent >= 0)
            e.parent += offset;
        events.push_back(std::move(e));
    }
    droppedRecords += other.droppedRecords;
    for (std::string &m : other.messages)
        messages.push_back(std::move(m));
    sortByStart();
}

} // namespace optibench::profiler
