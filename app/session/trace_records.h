#pragma once
// Trace events between the profiler's model and the store's rows, both ways, in one place:
// the traced pass stores them, exports and diffs read them back.
#include <vector>

#include "app/core/store.h"
#include "profiler/trace.h"

namespace optibench::session {

// Parent indices stay the run's event order in both directions; a parent index outside the
// records becomes no parent.
std::vector<core::TraceEventRecord> toRecords(profiler::Trace trace);
profiler::Trace toTrace(std::vector<core::TraceEventRecord> records);

} // namespace optibench::session
