#include "app/core/trace_records.h"

namespace optibench::core {
namespace {

profiler::EventKind toProfilerKind(core::TraceKind kind)
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

core::TraceKind toStoreKind(profiler::EventKind kind)
{
    switch (kind) {
    case profiler::EventKind::Op: return core::TraceKind::Op;
    case profiler::EventKind::Kernel: return core::TraceKind::Kernel;
    case profiler::EventKind::Memcpy: return core::TraceKind::Memcpy;
    case profiler::EventKind::Memset: return core::TraceKind::Memset;
    case profiler::EventKind::Sync: return core::TraceKind::Sync;
    case profiler::EventKind::Range: return core::TraceKind::Range;
    }
    return core::TraceKind::Op;
}

} // namespace

std::vector<core::TraceEventRecord> toRecords(profiler::Trace trace)
{
    std::vector<core::TraceEventRecord> records;
    records.reserve(trace.events.size());
    for (auto &e : trace.events) {
        core::TraceEventRecord r;
        r.kind = toStoreKind(e.kind);
        r.name = std::move(e.name);
        r.device = std::move(e.device);
        r.lane = e.lane;
        r.startNs = e.startNs;
        r.durationNs = e.durationNs;
        r.correlation = e.correlation;
        r.parent = e.parent;
        r.shapes = std::move(e.shapes);
        records.push_back(std::move(r));
    }
    return records;
}

// The stored rows back as the profiler's trace; parent indices are the run's event order.
profiler::Trace toTrace(std::vector<core::TraceEventRecord> records)
{
    profiler::Trace trace;
    trace.events.reserve(records.size());
    const auto n = static_cast<std::int64_t>(records.size());
    for (auto &r : records) {
        profiler::TraceEvent e;
        e.kind = toProfilerKind(r.kind);
        e.name = std::move(r.name);
        e.device = std::move(r.device);
        e.lane = r.lane;
        e.startNs = r.startNs;
        e.durationNs = r.durationNs;
        e.correlation = r.correlation;
        e.parent = r.parent >= 0 && r.parent < n ? r.parent : -1; // a dangling parent (an imported file) is none
        e.shapes = std::move(r.shapes);
        trace.events.push_back(std::move(e));
    }
    return trace;
}

profiler::Trace toTraceByStart(std::vector<TraceEventRecord> records)
{
    profiler::Trace trace = toTrace(std::move(records));
    trace.sortByStart();
    return trace;
}

profiler::Trace loadTraceByStart(const std::string &storePath, std::int64_t runId)
{
    Store store(storePath);
    return toTraceByStart(store.traceEvents(runId));
}

} // namespace optibench::core
