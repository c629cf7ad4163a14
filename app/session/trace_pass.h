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

// Runs spec.profiling.iterations forward passes of an already measured benchmark, traced and
// untraced in alternating rounds: the events are the first traced pass's, tracing_overhead the
// median ratio of traced to untraced time over the rounds (about 2 s, at least 2 rounds).
TracePassResult runTracePass(engine::Benchmark &bench, const core::ExperimentSpec &spec);

} // namespace optibench::session
