#include "app/session/trace_pass.h"

#include <string>

#include "engine/benchmark.h"
#include "profiler/cupti_tracer.h"
#include "profiler/op_tracer.h"
#include "profiler/trace.h"

namespace optibench::session {
namespace {

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

    TracePassResult result;
    result.events.reserve(trace.events.size());
    std::int64_t opCount = 0, kernelCount = 0;
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
        opCount += e.kind == profiler::EventKind::Op;
        kernelCount += e.kind == profiler::EventKind::Kernel;
        result.events.push_back(std::move(r));
    }
    const double overhead = plainNs > 0 ? double(tracedNs - plainNs) / double(plainNs) : 0.0;
    result.metrics.push_back({"tracing_overhead", overhead, "ratio"});
    result.metrics.push_back({"traced_pass_ms", double(tracedNs) / 1e6 / n, "ms"});
    result.metrics.push_back({"untraced_pass_ms", double(plainNs) / 1e6 / n, "ms"});
    result.metrics.push_back({"traced_ops", double(opCount), "events"});
    if (spec.profiling.kernels)
        result.metrics.push_back({"traced_kernels", double(kernelCount), "events"});
    result.metrics.push_back({"dropped_records", double(trace.droppedRecords), "records"});
    return result;
}

} // namespace optibench::session
