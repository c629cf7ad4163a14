#pragma once
// Stored trace rows (app/core) back as the profiler's trace model, for exports and diffs.
#include <vector>

#include "app/core/store.h"
#include "profiler/trace.h"

namespace optibench::cli {

// Parent indices stay the run's event order.
profiler::Trace toTrace(std::vector<core::TraceEventRecord> records);

} // namespace optibench::cli
