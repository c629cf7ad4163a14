#include "app/session/trace_pass.h"

#include "app/core/trace_records.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "engine/run/benchmark.h"
#include "profiler/trace/trace.h"
#include "profiler/tracers/cupti_tracer.h"
#include "profiler/tracers/op_tracer.h"

namespace optibench::session {

namespace {

// Plain and traced passes alternate in rounds (plain first in even rounds, traced first in odd
// ones), so a change of machine load during the measurement hits both sides alike; the
// overhead is the median of the rounds' ratios. At least kMinRounds, more while the whole
// measurement stays under kBudget.
constexpr int kMinRounds = 2;
constexpr int kMaxRounds = 9;
constexpr std::chrono::milliseconds kBudget{2000};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
}

struct TracedRun {
    std::int64_t ns = 0;
    profiler::Trace trace;
};

// One traced pass of n iterations with the op tracer (and the kernel tracer when asked).
// Throws when the op tracer cannot start, or when kernels were asked for and cannot be traced.
TracedRun tracedRun(engine::Benchmark &bench, const core::ExperimentSpec &spec)
{
    profiler::OpTracer ops;
    profiler::CuptiTracer gpu;
    profiler::OpTracerOptions options;
    options.shapes = spec.profiling.shapes;
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
    TracedRun run;
    try {
        run.ns = bench.tracedPass(spec.profiling.iterations);
    } catch (...) {
        if (gpuOn)
            gpu.stop();
        ops.stop();
        throw;
    }
    run.trace = ops.stop();
    if (gpuOn)
        run.trace.merge(gpu.stop());
    if (spec.profiling.kernels && !gpuOn)
        throw engine::EngineError("profiling.kernels: " + gpuError);
    return run;
}

} // namespace

TracePassResult runTracePass(engine::Benchmark &bench, const core::ExperimentSpec &spec)
{
    const int n = spec.profiling.iterations;
    // Untraced passes are the same batches as the traced ones (warm caches, same shapes), so
    // the overhead compares like with like rather than against the timed iterations.
    std::vector<double> plainNs, tracedNs, ratios;
    profiler::Trace trace; // the first traced pass's; the others only time
    const auto start = std::chrono::steady_clock::now();
    for (int round = 0; round < kMaxRounds; ++round) {
        if (round >= kMinRounds && std::chrono::steady_clock::now() - start > kBudget)
            break;
        std::int64_t plain = 0;
        TracedRun traced;
        if (round % 2 == 0) {
            plain = bench.tracedPass(n);
            traced = tracedRun(bench, spec);
        } else {
            traced = tracedRun(bench, spec);
            plain = bench.tracedPass(n);
        }
        if (round == 0)
            trace = std::move(traced.trace);
        plainNs.push_back(double(plain));
        tracedNs.push_back(double(traced.ns));
        if (plain > 0)
            ratios.push_back(double(traced.ns) / double(plain));
    }

    std::int64_t opCount = 0, kernelCount = 0;
    for (const auto &e : trace.events) {
        opCount += e.kind == profiler::EventKind::Op;
        kernelCount += e.kind == profiler::EventKind::Kernel;
    }
    const std::int64_t dropped = trace.droppedRecords;
    TracePassResult result;
    result.events = core::toRecords(std::move(trace));
    result.metrics.push_back({"tracing_overhead", ratios.empty() ? 0.0 : median(ratios) - 1.0, "ratio"});
    result.metrics.push_back({"traced_pass_ms", median(tracedNs) / 1e6 / n, "ms"});
    result.metrics.push_back({"untraced_pass_ms", median(plainNs) / 1e6 / n, "ms"});
    result.metrics.push_back({"tracing_rounds", double(plainNs.size()), "rounds"});
    result.metrics.push_back({"traced_ops", double(opCount), "events"});
    if (spec.profiling.kernels)
        result.metrics.push_back({"traced_kernels", double(kernelCount), "events"});
    result.metrics.push_back({"dropped_records", double(dropped), "records"});
    return result;
}

} // namespace optibench::session
