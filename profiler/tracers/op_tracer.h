#pragma once
// CPU op tracer on at::RecordFunction's global callbacks: every ATen operator (scope FUNCTION)
// and every USER_SCOPE range (the engine's layer ranges) with start, duration, thread and,
// when asked, input shapes. Ops nest under ranges through a per-thread stack.
// The header stays free of LibTorch so that app/session code including it compiles fast.
#include "profiler/trace/trace.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace optibench::profiler {

struct OpTracerOptions {
    bool shapes = false; // record input shapes (asks RecordFunction for inputs: more overhead)
    bool ops = true;     // record ATen ops (scope FUNCTION)
    bool ranges = true;  // record USER_SCOPE ranges as EventKind::Range
    // Called on the op's own thread at its start and end with the op's id (its correlation);
    // the CUPTI tracer pushes and pops its external correlation id here. Ops only, not ranges.
    using OpHook = void (*)(std::int64_t opId, void *data);
    OpHook onOpStart = nullptr;
    OpHook onOpEnd = nullptr;
    void *hookData = nullptr;
};

// One tracing session at a time in the process (RecordFunction callbacks are global).
class OpTracer {
public:
    OpTracer();
    ~OpTracer(); // stops a running session and discards it
    OpTracer(const OpTracer &) = delete;
    OpTracer &operator=(const OpTracer &) = delete;

    // Installs the callbacks. Returns false (see error()) when another session is running.
    bool start(const OpTracerOptions &options = {});
    // Removes the callbacks and returns the events, sorted by start, times relative to start().
    // Events still open are closed at the stop time and counted in a message.
    Trace stop();
    bool running() const;
    const std::string &error() const { return m_error; }

    // steady_clock time of start(), for aligning GPU timestamps with the op times.
    std::int64_t sessionStartSteadyNs() const { return m_startSteadyNs; }
    static std::int64_t steadyNowNs();

private:
    std::string m_error;
    std::vector<std::string> m_messages; // start-time notes, handed out with the trace
    std::int64_t m_startSteadyNs = 0;
    bool m_running = false;
};

} // namespace optibench::profiler
