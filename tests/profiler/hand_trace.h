#pragma once
// A small hand-made trace for the summary, diff and export tests:
// layer.0 [0, 1000) { aten::linear [100, 700) { aten::addmm [150, 650) }, aten::relu [700, 900) }
// layer.1 [1000, 1600) { aten::linear [1000, 1500) { aten::addmm [1050, 1450) } }
// GPU: gemm kernels launched by both addmms, a relu kernel, one copy; each op's id is its
// correlation.
#include "profiler/trace/trace.h"

namespace optibench::profiler::testing {

inline TraceEvent ev(EventKind kind, const char *name, std::int64_t start, std::int64_t dur,
                     std::int64_t correlation = 0, std::int64_t parent = -1)
{
    TraceEvent e;
    e.kind = kind;
    e.name = name;
    e.startNs = start;
    e.durationNs = dur;
    e.correlation = correlation;
    e.parent = parent;
    if (kind != EventKind::Op && kind != EventKind::Range) {
        e.device = "cuda:0";
        e.lane = 7;
    } else {
        e.lane = 1;
    }
    return e;
}

inline Trace handTrace(std::int64_t gemmNs = 300)
{
    Trace t;
    t.events = {
        ev(EventKind::Range, "layer.0", 0, 1000, 1),       ev(EventKind::Op, "aten::linear", 100, 600, 2, 0),
        ev(EventKind::Op, "aten::addmm", 150, 500, 3, 1),  ev(EventKind::Op, "aten::relu", 700, 200, 4, 0),
        ev(EventKind::Range, "layer.1", 1000, 600, 5),     ev(EventKind::Op, "aten::linear", 1000, 500, 6, 4),
        ev(EventKind::Op, "aten::addmm", 1050, 400, 7, 5), ev(EventKind::Kernel, "gemm", 200, gemmNs, 3),
        ev(EventKind::Kernel, "relu_kernel", 750, 50, 4),  ev(EventKind::Kernel, "gemm", 1100, gemmNs, 7),
        ev(EventKind::Memcpy, "Memcpy HtoD", 120, 40, 2),
    };
    t.events.back().bytes = 1 << 20;
    t.sortByStart();
    return t;
}

} // namespace optibench::profiler::testing
