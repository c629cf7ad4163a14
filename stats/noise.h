#pragma once
// When a timed block ran beside other work: the machine's noise as the engine samples it during
// the block (engine/measure/noise.h) and the rule that flags it. Neither Qt nor LibTorch.
#include <string>

namespace optibench::stats {

struct NoiseSample {
    double otherCpu = 0;          // cores' worth of CPU time other processes used
    double steal = 0;             // share of the machine's CPU time stolen by the hypervisor
    double iowait = 0;            // share spent waiting for I/O
    double load = 0;              // 1-minute load average at the end
    double switchesPerSecond = 0; // the run's involuntary context switches
    double frequencyMhz = 0;      // mean current clock over the cores (0: not readable)
};

// Why a block is noisy ("other processes used 0.93 cores"), or empty when it is not: other
// processes using 0.25 cores or more, steal 2% or more, or iowait 5% or more.
std::string noiseReason(const NoiseSample &s);

} // namespace optibench::stats
