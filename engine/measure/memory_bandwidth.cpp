#include "engine/measure/memory_bandwidth.h"
#include "engine/kernels/compat.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>

namespace optibench::engine {

namespace {

constexpr const char *kProbeVersion = "v1";
constexpr std::int64_t kCpuBufferBytes = std::int64_t(256) << 20;
constexpr std::int64_t kGpuBufferBytes = std::int64_t(2) << 30;
constexpr auto kProbeBudget = std::chrono::milliseconds(800);
constexpr int kMinPasses = 4;

MachineProbe bandwidth(int threads, const std::string &device, bool remeasure)
{
    const std::string setting = "device=" + device + "|threads=" + std::to_string(threads);
    return cachedProbe({"memory_bandwidth.json", kProbeVersion, setting}, remeasure,
                       [threads, device] { return measureMemoryBandwidthNow(threads, device); });
}

} // namespace

double measureMemoryBandwidthNow(int threads, const std::string &device)
{
    at::set_num_threads(std::max(1, threads));
    const at::Device where(device);
    const std::int64_t bytes = where.is_cpu() ? kCpuBufferBytes : kGpuBufferBytes;
    // Written once: every page is resident before the timing.
    const auto buffer = at::ones({bytes / 4}, at::TensorOptions(at::kFloat).device(where));
    auto sum = at::empty({}, buffer.options());
    at::sum_out(sum, buffer); // warm-up
    compat::synchronize(where);
    double best = 1e30;
    const auto start = std::chrono::steady_clock::now();
    for (int pass = 0; pass < kMinPasses || std::chrono::steady_clock::now() - start < kProbeBudget; ++pass) {
        const auto t0 = std::chrono::steady_clock::now();
        at::sum_out(sum, buffer);
        compat::synchronize(where);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return static_cast<double>(bytes) / best;
}

MachineProbe measuredMemoryBandwidth(int threads, const std::string &device)
{
    return bandwidth(threads, device, false);
}

MachineProbe remeasureMemoryBandwidth(int threads, const std::string &device)
{
    return bandwidth(threads, device, true);
}

} // namespace optibench::engine
