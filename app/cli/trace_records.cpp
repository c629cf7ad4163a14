#include "app/cli/trace_records.h"

namespace optibench::cli {
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

} // namespace

// The stored rows back as the profiler's trace; parent indices are the run's event order.
profiler::Trace toTrace(std::vector<core::TraceEventRecord> records)
{
    profiler::Trace trace;
    trace.events.reserve(records.size());
    for (auto &r : records) {
        profiler::TraceEvent e;
        e.kind = toProfilerKind(r.kind);
        e.name = std::move(r.name);
        e.device = std::move(r.device);
        e.lane = r.lane;
        e.startNs = r.startNs;
        e.durationNs = r.durationNs;
        e.correlation = r.correlation;
        e.parent = r.parent;
        e.shapes = std::move(r.shapes);
        trace.events.push_back(std::move(e));
    }
    return trace;
}

} // namespace optibench::cli
