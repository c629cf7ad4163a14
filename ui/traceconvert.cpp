#include "ui/traceconvert.h"

namespace optibench::ui {

namespace {
profiler::EventKind toKind(core::TraceKind kind)
{
    switch (kind) {
    case core::TraceKind::Op: return profiler::EventKind::Op;
    case core::TraceKind::Kernel: return profiler::EventKind::Kernel;
    case core::TraceKind::Memcpy: return profiler::EventKind::Memcpy;
    case core::TraceKind::Memset: return profiler::EventKind::Memset;
    case core::TraceKind::Sync: return profiler::EventKind::Sync;
    case core::TraceKind::Range: return profiler::EventKind::Range;
    }
    return profiler::EventKind::Op;
}
} // namespace

profiler::Trace toTrace(std::vector<core::TraceEventRecord> events)
{
    profiler::Trace trace;
    trace.events.reserve(events.size());
    const auto n = static_cast<std::int64_t>(events.size());
    for (auto &e : events) {
        profiler::TraceEvent t;
        t.kind = toKind(e.kind);
        t.name = std::move(e.name);
        t.device = std::move(e.device);
        t.lane = e.lane;
        t.startNs = e.startNs;
        t.durationNs = e.durationNs;
        t.correlation = e.correlation;
        t.parent = e.parent >= 0 && e.parent < n ? e.parent : -1; // a dangling parent is no parent
        t.shapes = std::move(e.shapes);
        trace.events.push_back(std::move(t));
    }
    trace.sortByStart();
    return trace;
}

profiler::Trace loadTrace(const std::string &storePath, std::int64_t runId)
{
    core::Store store(storePath);
    return toTrace(store.traceEvents(runId));
}

} // namespace optibench::ui
