#pragma once
// The machine's measured fp32 GEMM rate (FLOP/s) with the engine's own GEMM, for a run's
// peak_fraction: the best rate of linear-layer products shaped like a BERT-base model's over
// 1024 tokens (1024x768x768, 1024x3072x768, 1024x768x3072), each repeated round-robin for about
// 1.5 s and timed at its best. Measured once per CPU model, thread count and GEMM library, and
// cached as engine/measure/probe_cache.h says (peak_flops.json).
#include <string>

namespace optibench::engine {

struct PeakFlops {
    double flops = 0;
    double otherCpu = 0;    // cores' worth of CPU other processes used while the probe ran
    bool busy = false;      // the probe ran beside other work (stats/noise.h's rule)
    std::string busyReason; // "other processes used 0.93 cores", empty when quiet
};

// The cached peak, or a new probe's when none is cached or the cached one was busy.
PeakFlops measuredPeakFlops(int threads);
// Measures again and caches the larger of the old and new rate: a peak first measured on a busy
// machine is too low, which shows as a run achieving more than "peak".
PeakFlops remeasurePeakFlops(int threads);
// Measures now with the machine's noise during the probe, without the cache.
PeakFlops probePeakFlops(int threads);
// Measures now (about 1.5 s), without the cache.
double measurePeakFlopsNow(int threads);
std::string peakFlopsCachePath();

} // namespace optibench::engine
