#pragma once
// When a timed block ran beside other work: the machine's noise as the engine samples it during
// the block (engine/measure/noise.h) and the rule that flags it. Neither Qt nor LibTorch.
#include <string>
#include <vector>

namespace optibench::stats {

struct NoiseSample {
    double otherCpu = 0;          // cores' worth of CPU time other processes used
    double steal = 0;             // share of the machine's CPU time stolen by the hypervisor
    double iowait = 0;            // share spent waiting for I/O
    double load = 0;              // 1-minute load average at the end
    double switchesPerSecond = 0; // the run's involuntary context switches
    double frequencyMhz = 0;      // mean current clock over the cores (0: not readable)
};

// Why each of a run's blocks is noisy ("other processes used 0.93 cores"), empty where it is
// not: other processes using 0.35 cores or more, iowait 5% or more, or steal 10 points above the
// run's median block (a virtual machine that steals a steady share while the run computes is how
// that machine runs it, not noise; a block that loses more than the others is).
std::vector<std::string> noiseReasons(const std::vector<NoiseSample> &blocks);

} // namespace optibench::stats
