#pragma once
// The machine's measured fp32 GEMM rate (FLOP/s) with the engine's own GEMM, for a run's
// peak_fraction. Measured once per CPU model, thread count and GEMM library, then cached in
// $XDG_CACHE_HOME/optibench/peak_flops.json (or ~/.cache/optibench/).
#include <string>

namespace optibench::engine {

double measuredPeakFlops(int threads);
// Measures again and caches the larger of the old and new rate: a peak first measured on a busy
// machine is too low, which shows as a run achieving more than "peak".
double remeasurePeakFlops(int threads);
// Measures now (about 0.2 s), without the cache.
double measurePeakFlopsNow(int threads);
std::string peakFlopsCachePath();

} // namespace optibench::engine
