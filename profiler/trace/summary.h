#pragma once
// Where the time goes in one trace: ops by self and total time, layer (range) totals,
// kernels by total time, copy volume. No LibTorch here.
#include "profiler/trace/trace.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace optibench::profiler {

struct OpStat {
    std::string name;
    std::int64_t count = 0;
    std::int64_t totalNs = 0; // inclusive; a nested call of the same op is not counted twice
    std::int64_t selfNs = 0;  // minus the time of the ops and ranges directly inside it
};

struct RangeStat {
    std::string name; // e.g. "encoder.layer.3.attention.self"
    std::int64_t count = 0;
    std::int64_t totalNs = 0;
    std::int64_t kernelNs = 0; // GPU time of the kernels launched by ops inside the range
};

struct KernelStat {
    std::string name;
    std::int64_t count = 0;
    std::int64_t totalNs = 0;
    double meanNs = 0;
    double share = 0; // of all kernel time, 0..1
};

struct TraceSummary {
    std::vector<OpStat> ops;         // by self time, largest first
    std::vector<RangeStat> ranges;   // by total time, largest first
    std::vector<KernelStat> kernels; // by total time, largest first
    std::int64_t opSelfNs = 0;       // sum of all ops' self time
    std::int64_t kernelNs = 0;       // sum of all kernel time
    std::int64_t memcpyCount = 0;
    std::int64_t memcpyBytes = 0;
    std::int64_t memcpyNs = 0;
    std::int64_t memsetBytes = 0;
    std::int64_t spanNs = 0; // first start to last end
    std::int64_t droppedRecords = 0;
};

TraceSummary summarize(const Trace &trace);

// The n ops with the largest self (or total) time.
std::vector<OpStat> topOpsBySelf(const TraceSummary &summary, std::size_t n);
std::vector<OpStat> topOpsByTotal(const TraceSummary &summary, std::size_t n);

} // namespace optibench::profiler
