#pragma once
// Stored trace events (app/core) to the profiler's trace model, so the GUI summarises and diffs
// runs with the same code as the CLI. Qt-free.
#include "app/core/store.h"
#include "profiler/trace.h"

#include <vector>

namespace optibench::ui {

// events in the store's run order (Store::traceEvents), converted by session::toTrace
// (app/session/trace_records), then sorted by start for the views.
profiler::Trace toTrace(std::vector<core::TraceEventRecord> events);

// Reads a run's events through its own connection to the store file (for worker threads, which
// must not share the GUI thread's connection) and converts them.
profiler::Trace loadTrace(const std::string &storePath, std::int64_t runId);

} // namespace optibench::ui
