#pragma once
// The machine's noise during a timed block, sampled from /proc and /sys: what other processes
// ran, CPU steal and iowait, the load average, this process's involuntary context switches and
// the cores' clock (stats/noise.h says when that makes a block noisy). No LibTorch.
#include "stats/noise.h"

#include <cstdint>
#include <string>

namespace optibench::engine {

// Counters read at one instant; two of them make a NoiseSample.
struct NoiseCounters {
    double wallSeconds = 0;
    std::int64_t busyTicks = 0, iowaitTicks = 0, stealTicks = 0, totalTicks = 0; // /proc/stat "cpu"
    std::int64_t selfTicks = 0;           // /proc/self/stat utime + stime, all threads
    std::int64_t involuntarySwitches = 0; // /proc/self/status, summed over the threads
};
NoiseCounters readNoiseCounters();

// What happened between two readings of the counters.
stats::NoiseSample noiseBetween(const NoiseCounters &before, const NoiseCounters &after);

} // namespace optibench::engine
