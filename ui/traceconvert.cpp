#include "ui/traceconvert.h"

#include "app/session/trace_records.h"

namespace optibench::ui {

profiler::Trace toTrace(std::vector<core::TraceEventRecord> events)
{
    profiler::Trace trace = session::toTrace(std::move(events));
    trace.sortByStart();
    return trace;
}

profiler::Trace loadTrace(const std::string &storePath, std::int64_t runId)
{
    core::Store store(storePath);
    return toTrace(store.traceEvents(runId));
}

} // namespace optibench::ui
