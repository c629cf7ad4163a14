#pragma once
// GPU activity tracer on CUPTI: kernels, copies, memsets and synchronizations, each tied to
// the op that launched it. Pair it with an OpTracer:
//
//     OpTracer ops; CuptiTracer gpu; OpTracerOptions o;
//     ops.start(gpu.hookOpTracer(o));           // ops push their id as CUPTI correlation
//     bool gpuOn = gpu.start(ops.sessionStartSteadyNs()); // false: gpu.error() says why
//     ... run ...
//     Trace cpu = ops.stop(); if (gpuOn) cpu.merge(gpu.stop());
//
// Builds without CUDA LibTorch and CUPTI (OPTIBENCH_HAVE_CUDA off) get a tracer whose start()
// returns false with a message. No CUPTI types here.
#include "profiler/trace/trace.h"
#include "profiler/tracers/op_tracer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace optibench::profiler {

class CuptiTracer {
public:
    CuptiTracer();
    ~CuptiTracer(); // stops a running session and discards it
    CuptiTracer(const CuptiTracer &) = delete;
    CuptiTracer &operator=(const CuptiTracer &) = delete;

    // Whether this build can trace GPU activity at all.
    static bool compiledIn();

    // Sets the op hooks in options so that every op's id becomes CUPTI's external correlation
    // id for the work it launches. Returns options for convenience.
    OpTracerOptions &hookOpTracer(OpTracerOptions &options);

    // Starts CUPTI activity tracing; times become relative to opTracerStartSteadyNs (the
    // OpTracer's sessionStartSteadyNs()). Returns false with error() when GPU tracing is not
    // available (no driver or GPU, another profiler attached, insufficient permissions, a
    // build without CUDA): the run goes on without kernel events.
    bool start(std::int64_t opTracerStartSteadyNs);
    // Flushes every buffer, stops CUPTI and returns the GPU events, dropped records included.
    // Call it on the thread that called start(), after the traced work has synchronized.
    Trace stop();
    bool running() const { return m_running; }
    const std::string &error() const { return m_error; }

private:
    std::string m_error;
    bool m_running = false;
};

} // namespace optibench::profiler
