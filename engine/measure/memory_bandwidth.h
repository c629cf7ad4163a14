#pragma once
// The machine's measured memory read bandwidth (bytes/s), for a decoder's share of the
// bandwidth bound: decoding one token reads every weight and the KV cache once, so
// bandwidth / bytes read per token bounds the tokens per second. The probe sums a buffer far
// beyond the caches (256 MiB on the CPU, with the run's threads; 2 GiB on a GPU) repeatedly for
// about 0.8 s and keeps the best pass. Cached per CPU model, device and thread count as
// engine/measure/probe_cache.h says (memory_bandwidth.json). No LibTorch here.
#include "engine/measure/probe_cache.h"

#include <string>

namespace optibench::engine {

// device: "cpu", "cuda" or "cuda:N" (the memory the device's kernels read).
MachineProbe measuredMemoryBandwidth(int threads, const std::string &device = "cpu");
MachineProbe remeasureMemoryBandwidth(int threads, const std::string &device = "cpu");
// Measures now, without the cache: bytes/s.
double measureMemoryBandwidthNow(int threads, const std::string &device = "cpu");

} // namespace optibench::engine
