#include "engine/measure/device_memory.h"
#include "engine/kernels/compat.h"
#include "engine/measure/metrics.h"

namespace optibench::engine {

namespace {

[[maybe_unused]] int cudaIndex(const at::Device &device)
{
    return device.has_index() ? device.index() : 0;
}

} // namespace

void resetDevicePeakMemory([[maybe_unused]] const at::Device &device)
{
#if defined(OPTIBENCH_HAVE_CUDA)
    if (device.is_cuda())
        compat::cudaResetPeak(cudaIndex(device));
#endif
}

std::int64_t peakMemoryBytes([[maybe_unused]] const at::Device &device)
{
#if defined(OPTIBENCH_HAVE_CUDA)
    if (device.is_cuda())
        return compat::cudaPeakAllocatedBytes(cudaIndex(device));
#endif
    return peakRssBytes();
}

std::int64_t currentMemoryBytes([[maybe_unused]] const at::Device &device)
{
#if defined(OPTIBENCH_HAVE_CUDA)
    if (device.is_cuda())
        return compat::cudaAllocatedBytes(cudaIndex(device));
#endif
    return currentRssBytes();
}

} // namespace optibench::engine
