// bench_store [events] [file]: times a bulk insert of trace events into a fresh run store and
// the median of 100 random 10 ms window queries, and the overview of the whole run the timeline
// shows first (1400 buckets, as many as pixel columns). Targets: 1,000,000 events in under 1 s;
// a window in under 10 ms; the whole-run overview well under the timeline's 300 ms.
//
// The trace imitates the op profiler on an encoder: per "layer" a 200 us range holding nested
// ops of 2-40 us, one op every ~20 us on average, so 1,000,000 events span about 20 s and a
// 10 ms window holds a few hundred events, as the timeline shows them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/core/store.h"

using namespace optibench::core;
using Clock = std::chrono::steady_clock;

static double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char **argv)
{
    const std::size_t count = argc > 1 ? std::stoul(argv[1]) : 1000000;
    const std::string path =
        argc > 2 ? argv[2] : (std::filesystem::temp_directory_path() / "bench_store.sqlite").string();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);

    const std::vector<std::string> ops{"aten::linear", "aten::addmm",  "aten::softmax", "aten::layer_norm",
                                       "aten::gelu",   "aten::matmul", "aten::add",     "aten::dropout"};
    std::mt19937_64 rng(42);
    std::vector<TraceEventRecord> events;
    events.reserve(count);
    std::int64_t t = 0;
    std::int64_t parent = -1;
    for (std::size_t i = 0; i < count; ++i) {
        TraceEventRecord e;
        e.device = "cpu";
        e.lane = 1;
        if (i % 10 == 0) {
            e.kind = TraceKind::Range;
            e.name = "encoder.layer";
            e.startNs = t;
            e.durationNs = 200'000;
            parent = static_cast<std::int64_t>(i);
            t += 1'000;
        } else {
            e.kind = TraceKind::Op;
            e.name = ops[rng() % ops.size()];
            e.startNs = t;
            e.durationNs = 2'000 + static_cast<std::int64_t>(rng() % 38'000);
            e.parent = parent;
            e.shapes = "[[8,128,768],[768,768]]";
            t += 21'000;
        }
        events.push_back(std::move(e));
    }

    Store store(path);
    const auto runId = store.beginRun("bench", 0, "{}", "{}");
    // CPU time too: on a machine shared with other work the wall time says little.
    const std::clock_t cpu0 = std::clock();
    auto start = Clock::now();
    store.insertTraceEvents(runId, events);
    const double insertMs = msSince(start);
    const double insertCpuMs = 1000.0 * static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;

    const auto [first, last] = store.traceExtent(runId);
    std::uniform_int_distribution<std::int64_t> at(first, last - 10'000'000);
    std::vector<double> times;
    std::size_t returned = 0;
    for (int q = 0; q < 100; ++q) {
        const std::int64_t s = at(rng);
        start = Clock::now();
        returned += store.traceWindow(runId, s, s + 10'000'000).size();
        times.push_back(msSince(start));
    }
    std::sort(times.begin(), times.end());

    std::vector<double> overviewTimes;
    std::int64_t overviewEvents = 0;
    for (int q = 0; q < 5; ++q) {
        start = Clock::now();
        overviewEvents = store.traceOverview(runId, first, last + 1, 1400).eventCount;
        overviewTimes.push_back(msSince(start));
    }
    std::sort(overviewTimes.begin(), overviewTimes.end());
    start = Clock::now();
    const std::size_t whole = store.traceWindow(runId, first, last + 1).size();
    const double wholeMs = msSince(start);

    std::printf("trace events inserted: %zu in %.0f ms wall, %.0f ms CPU (%.2f M events/s wall)\n", count, insertMs,
                insertCpuMs, count / insertMs / 1000.0);
    std::printf("trace span: %.2f s; file: %s (%.1f MB)\n", (last - first) / 1e9, path.c_str(),
                std::filesystem::file_size(path) / 1e6
                    + (std::filesystem::exists(path + "-wal") ? std::filesystem::file_size(path + "-wal") / 1e6 : 0.0));
    std::printf("10 ms window: median %.2f ms, p90 %.2f ms, max %.2f ms, %.0f events per window\n", times[50],
                times[90], times.back(), returned / 100.0);
    std::printf("whole-run overview (1400 buckets): median of 5 %.1f ms, %lld events; whole-run window: %.0f ms, "
                "%zu events\n",
                overviewTimes[2], static_cast<long long>(overviewEvents), wholeMs, whole);
    return 0;
}
