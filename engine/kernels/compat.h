#pragma once
// The LibTorch API differences between Debian's 1.13 and the 2.x builds on GPU servers, in one
// place so that the rest of the engine, the profiler and the CLI are written once.
#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>
#include <ATen/record_function.h>
#include <torch/version.h>

#include <cstdint>
#include <string>

#if defined(OPTIBENCH_HAVE_CUDA)
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

#define OPTIBENCH_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace optibench::engine::compat {

inline std::string torchVersionString()
{
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
        + std::to_string(TORCH_VERSION_PATCH);
}

// User scopes show up as at::RecordScope::USER_SCOPE in both versions; the enum is named here
// so that callers never spell it.
constexpr at::RecordScope kUserScope = at::RecordScope::USER_SCOPE;

// Autocast switches: 1.13 has per-device functions (set_enabled is CUDA, set_cpu_enabled CPU);
// 2.x has one function taking the device type.
inline void setAutocast(at::DeviceType device, bool enabled, at::ScalarType dtype)
{
#if OPTIBENCH_TORCH_AT_LEAST(2, 4)
    at::autocast::set_autocast_enabled(device, enabled);
    at::autocast::set_autocast_dtype(device, dtype);
#else
    if (device == at::kCUDA) {
        at::autocast::set_enabled(enabled);
        at::autocast::set_autocast_gpu_dtype(dtype);
    } else {
        at::autocast::set_cpu_enabled(enabled);
        at::autocast::set_autocast_cpu_dtype(dtype);
    }
#endif
}

inline bool autocastEnabled(at::DeviceType device)
{
#if OPTIBENCH_TORCH_AT_LEAST(2, 4)
    return at::autocast::is_autocast_enabled(device);
#else
    return device == at::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

inline at::ScalarType autocastDtype(at::DeviceType device)
{
#if OPTIBENCH_TORCH_AT_LEAST(2, 4)
    return at::autocast::get_autocast_dtype(device);
#else
    return device == at::kCUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
#endif
}

// TensorFloat-32 in cuBLAS matmuls and cuDNN convolutions (process-wide switches; no effect
// without CUDA).
inline void setAllowTf32(bool allow)
{
    at::globalContext().setAllowTF32CuBLAS(allow);
    at::globalContext().setAllowTF32CuDNN(allow);
}

// The quantized engine that is fast on x86 without fbgemm (Debian's build): ONEDNN.
inline bool selectOneDnnQuantizedEngine()
{
    for (auto engine : at::globalContext().supportedQEngines()) {
        if (engine == at::QEngine::ONEDNN) {
            at::globalContext().setQEngine(at::QEngine::ONEDNN);
            return true;
        }
    }
    return false;
}

#if defined(OPTIBENCH_HAVE_CUDA)
// Peak bytes allocated by the caching allocator since the last reset.
inline std::int64_t cudaPeakAllocatedBytes(int device)
{
    auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
    // Index 0 is StatType::AGGREGATE; the enum moved namespaces in 2.x, the layout did not.
    return stats.allocated_bytes[0].peak;
}
// Bytes allocated by the caching allocator now.
inline std::int64_t cudaAllocatedBytes(int device)
{
    auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
    return stats.allocated_bytes[0].current; // StatType::AGGREGATE, as above
}
inline void cudaResetPeak(int device)
{
    c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(device));
}
#endif

// Waits for the device's queued work, so host-side timers measure it.
inline void synchronize(const at::Device &device)
{
#if defined(OPTIBENCH_HAVE_CUDA)
    if (device.is_cuda())
        c10::cuda::device_synchronize();
#else
    (void)device;
#endif
}

} // namespace optibench::engine::compat
