#pragma once
// The traced pass of a run: the same forward passes as the timed ones, run again with the op
// tracer (and, on CUDA, the kernel tracer) switched on, so tracing never distorts the timing.
#include <vector>

#include "app/core/spec.h"
#include "app/core/store.h"

namespace optibench::engine {
class Benchmark;
}

namespace optibench::session {

struct TracePassResult {
    std::vector<core::TraceEventRecord> events;
    std::vector<core::Metric> metrics; // tracing_overhead, dropped_records, traced_ops, ...
};

// Runs spec.profiling.iterations traced forward passes of an already measured benchmark.
TracePassResult runTracePass(engine::Benchmark &bench, const core::ExperimentSpec &spec);

} // namespace optibench::session
