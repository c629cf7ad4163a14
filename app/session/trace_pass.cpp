#include "app/session/trace_pass.h"

#include "app/session/trace_records.h"

#include <string>

#include "engine/benchmark.h"
#include "profiler/cupti_tracer.h"
#include "profiler/op_tracer.h"
#include "profiler/trace.h"

namespace optibench::session {
TracePassResult runTracePass(engine::Benchmark &bench, const core::ExperimentSpec &spec)
{
    const int n = spec.profiling.iterations;
    // The same passes untraced first, so the overhead compares like with like (same batches,
    // warm caches) rather than against the timed iterations.
    const std::int64_t plainNs = bench.tracedPass(n);

    profiler::OpTracer ops;
    profiler::CuptiTracer gpu;
    profiler::OpTracerOptions options;
    options.shapes = true;
    if (spec.profiling.kernels)
        gpu.hookOpTracer(options);
    if (!ops.start(options))
        throw engine::EngineError("profiling.ops: " + ops.error());
    bool gpuOn = false;
    std::string gpuError;
    if (spec.profiling.kernels) {
        gpuOn = gpu.start(ops.sessionStartSteadyNs());
        if (!gpuOn)
            gpuError = gpu.error();
    }
    std::int64_t tracedNs = 0;
    try {
        tracedNs = bench.tracedPass(n);
    } catch (...) {
        if (gpuOn)
            gpu.stop();
        ops.stop();
        throw;
    }
    profiler::Trace trace = ops.stop();
    if (gpuOn)
        trace.merge(gpu.stop());
    if (spec.profiling.kernels && !gpuOn)
        throw engine::EngineError("profiling.kernels: " + gpuError);

    std::int64_t opCount = 0, kernelCount = 0;
    for (const auto &e : trace.events) {
        opCount += e.kind == profiler::EventKind::Op;
        kernelCount += e.kind == profiler::EventKind::Kernel;
    }
    const std::int64_t dropped = trace.droppedRecords;
    TracePassResult result;
    result.events = toRecords(std::move(trace));
    const double overhead = plainNs > 0 ? double(tracedNs - plainNs) / double(plainNs) : 0.0;
    result.metrics.push_back({"tracing_overhead", overhead, "ratio"});
    result.metrics.push_back({"traced_pass_ms", double(tracedNs) / 1e6 / n, "ms"});
    result.metrics.push_back({"untraced_pass_ms", double(plainNs) / 1e6 / n, "ms"});
    result.metrics.push_back({"traced_ops", double(opCount), "events"});
    if (spec.profiling.kernels)
        result.metrics.push_back({"traced_kernels", double(kernelCount), "events"});
    result.metrics.push_back({"dropped_records", double(dropped), "records"});
    return result;
}

} // namespace optibench::session
