#pragma once
// Trace events between the profiler's model and the store's rows, both ways, in one place:
// the traced pass stores them; the CLI's export and diff and the GUI's views read them back.
// Neither LibTorch nor Qt (optibench_trace_records links app/core and profiler/trace only).
#include <cstdint>
#include <string>
#include <vector>

#include "app/core/store.h"
#include "profiler/trace/trace.h"

namespace optibench::core {

// Parent indices stay the run's event order in both directions; a parent index outside the
// records becomes no parent.
std::vector<TraceEventRecord> toRecords(profiler::Trace trace);
profiler::Trace toTrace(std::vector<TraceEventRecord> records);

// toTrace, then sorted by start: the order the GUI's timeline and tables read.
profiler::Trace toTraceByStart(std::vector<TraceEventRecord> records);

// A run's events read through a connection of its own to the store file (for worker threads,
// which must not share the GUI thread's connection), sorted by start.
profiler::Trace loadTraceByStart(const std::string &storePath, std::int64_t runId);

} // namespace optibench::core
