#pragma once
// The machine's measured limits (the GEMM peak, the memory bandwidth), measured once per CPU
// model and setting, cached in $XDG_CACHE_HOME/optibench/<file> (or ~/.cache/optibench/) with
// the machine's noise during the probe (engine/measure/noise.h). A value measured beside other
// work is measured again when next asked for, and the larger of the two kept; entries of an
// older probe version are measured afresh and dropped. No LibTorch here.
#include <functional>
#include <string>

namespace optibench::engine {

struct MachineProbe {
    double value = 0;
    double otherCpu = 0;    // cores' worth of CPU other processes used while the probe ran
    bool busy = false;      // the probe ran beside other work (stats/noise.h's rule)
    std::string busyReason; // "other processes used 0.93 cores", empty when quiet
};

struct ProbeKey {
    std::string file;    // "peak_flops.json"
    std::string version; // "v3": a changed probe measures afresh
    std::string setting; // "threads=2|gemm=onednn-2.7", added to the CPU model
};

// The cached value, or a new probe's when none is cached, the cached one was busy, or
// `remeasure` is set (then the larger of old and new is kept).
MachineProbe cachedProbe(const ProbeKey &key, bool remeasure, const std::function<double()> &measure);
// Measures now, with the machine's noise during the measurement.
MachineProbe probeWithNoise(const std::function<double()> &measure);
std::string probeCachePath(const std::string &file);

} // namespace optibench::engine
