#pragma once
// Memory and time of a run's work on its device: the CUDA caching allocator's counters on a
// GPU, the process's resident set on the CPU (engine/measure/metrics.h), and wall time in ms.
#include <ATen/ATen.h>

#include <chrono>
#include <cstdint>

namespace optibench::engine {

// Starts a new peak on a CUDA device (the allocator's peak statistics); nothing on the CPU,
// whose peak resident set resets only through resetPeakRss.
void resetDevicePeakMemory(const at::Device &device);
// The peak allocated bytes on a CUDA device since its reset; the peak resident set on the CPU.
std::int64_t peakMemoryBytes(const at::Device &device);
// The bytes allocated now on a CUDA device; the resident set on the CPU.
std::int64_t currentMemoryBytes(const at::Device &device);

// Milliseconds since t0, on the steady clock.
inline double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace optibench::engine
