#pragma once
// The trace event model shared by the tracers, the summaries, the exports and app/session.
// No LibTorch here: app/core-adjacent code and the CLI include this header.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optibench::profiler {

enum class EventKind : std::uint8_t {
    Op,     // an ATen operator seen by RecordFunction
    Kernel, // a GPU kernel (CUPTI)
    Memcpy, // a GPU copy (CUPTI); bytes is set
    Memset, // a GPU memset (CUPTI); bytes is set
    Sync,   // a CUDA synchronization (CUPTI)
    Range,  // a USER_SCOPE range, e.g. a layer "encoder.layer.3.attention.self"
};

// "op", "kernel", "memcpy", "memset", "sync", "range": the names stored in SQLite.
const char *kindName(EventKind kind);
std::optional<EventKind> kindFromName(std::string_view name);

struct TraceEvent {
    EventKind kind = EventKind::Op;
    std::string name;
    std::string device = "cpu"; // "cpu", "cuda:0", ...
    std::int64_t lane = 0;      // thread id on the CPU, stream id on a GPU
    std::int64_t startNs = 0;   // relative to the start of the tracing session
    std::int64_t durationNs = 0;
    // Ops: their own id. Kernels, copies, memsets: the id of the op that launched them
    // (0 when unknown). This is the CUPTI external correlation id.
    std::int64_t correlation = 0;
    std::int64_t parent = -1; // index in Trace::events of the enclosing op or range
    std::string shapes;       // input shapes, e.g. "[[8, 128], [128, 64]]", when asked for
    std::int64_t bytes = 0;   // memcpy and memset volume

    std::int64_t endNs() const { return startNs + durationNs; }
};

struct Trace {
    std::vector<TraceEvent> events;    // sorted by startNs (see sortByStart)
    std::int64_t droppedRecords = 0;   // GPU records CUPTI lost, plus events the tracer lost
    std::vector<std::string> messages; // why something is missing ("no GPU tracing: ...")

    // Sorts events by start (enclosing events first at equal starts) and rewrites the parent
    // indices to the new positions.
    void sortByStart();
    // Appends other's events (their parent indices shifted), dropped records and messages,
    // then sorts.
    void merge(Trace other);
};

} // namespace optibench::profiler
