// Probing the machine a run happens on, for the run's environment record.
#include "engine/measure/environment.h"
#include "engine/kernels/compat.h"
#include "engine/kernels/cpu_isa.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/int8_scheme.h"

#include <nlohmann/json.hpp>

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#if defined(OPTIBENCH_HAVE_CUDA)
#include <cuda_runtime_api.h>
#endif

#ifndef OPTIBENCH_VERSION
#define OPTIBENCH_VERSION "unknown"
#endif
#ifndef OPTIBENCH_BUILD_TYPE
#define OPTIBENCH_BUILD_TYPE "unknown"
#endif
#ifndef OPTIBENCH_GIT_REVISION
#define OPTIBENCH_GIT_REVISION "unknown"
#endif

namespace optibench::engine {

namespace {

std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            auto colon = line.find(':');
            if (colon != std::string::npos) {
                auto value = line.substr(colon + 1);
                value.erase(0, value.find_first_not_of(" \t"));
                return value;
            }
        }
    }
    return "unknown";
}

// The CPU features the kernels and oneDNN choose by, from /proc/cpuinfo's flags.
std::string cpuFlags()
{
    static const char *const kRelevant[] = {"sse4_2",   "avx",      "avx2",     "fma",         "f16c",
                                            "avx512f",  "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
                                            "avx_vnni", "amx_tile", "amx_int8", "amx_bf16"};
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("flags", 0) != 0)
            continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        std::set<std::string> have;
        for (std::string w; words >> w;)
            have.insert(w);
        std::string out;
        for (const char *f : kRelevant)
            if (have.count(f))
                out += (out.empty() ? "" : " ") + std::string(f);
        return out;
    }
    return {};
}

std::string firstLine(const char *path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string environmentVariable(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

std::int64_t totalMemoryBytes()
{
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::int64_t kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit) {
        if (key == "MemTotal:")
            return kib * 1024;
    }
    return 0;
}

} // namespace

std::string libtorchVersion()
{
    return compat::torchVersionString();
}

std::string cudaVersion()
{
#if defined(OPTIBENCH_HAVE_CUDA)
    int runtime = 0;
    if (cudaRuntimeGetVersion(&runtime) == cudaSuccess)
        return std::to_string(runtime / 1000) + "." + std::to_string((runtime % 1000) / 10);
#endif
    return {};
}

std::vector<std::string> availableDevices()
{
    std::vector<std::string> devices{"cpu"};
#if defined(OPTIBENCH_HAVE_CUDA)
    int count = 0;
    // cudaGetDeviceCount fails without a driver (docs/architecture.md, "Facts of the stack"):
    // then only the CPU is offered.
    if (cudaGetDeviceCount(&count) == cudaSuccess) {
        for (int i = 0; i < count; ++i)
            devices.push_back("cuda:" + std::to_string(i));
    }
#endif
    return devices;
}

std::string environmentJson(int threads)
{
    nlohmann::json env;
    env["cpu"] = cpuModel();
    env["cpu_flags"] = cpuFlags();
    env["governor"] = firstLine("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"); // empty in most VMs
    env["cores"] = std::thread::hardware_concurrency();
    env["threads"] = threads;
    env["memory_bytes"] = totalMemoryBytes();
    utsname uts{};
    if (uname(&uts) == 0)
        env["os"] = std::string(uts.sysname) + " " + uts.release + " " + uts.machine;
    env["libtorch"] = libtorchVersion();
    env["onednn_gemm"] = gemm::haveOneDnn();
    env["onednn_version"] = gemm::oneDnnVersion();
    // Which kernels ran: a result on another CPU class can differ by more than noise.
    env["onednn_isa"] = gemm::oneDnnCpuIsa();
    env["kernel_isa"] = isa::name(isa::kernelLevel());
    env["int8_scheme"] = int8SchemeName(int8Scheme());
    env["int8_scheme_reason"] = int8SchemeReason();
    for (const char *cap : {"ONEDNN_MAX_CPU_ISA", isa::kCapVariable, kInt8SchemeVariable}) {
        if (const char *value = std::getenv(cap); value && *value)
            env["isa_caps"][cap] = value;
    }
    env["app_version"] = OPTIBENCH_VERSION;
    env["git_revision"] = OPTIBENCH_GIT_REVISION;
    env["build_type"] = OPTIBENCH_BUILD_TYPE;
    // OpenMP's wait policy changes latency several-fold on a shared machine: record it, and how
    // the threads are placed.
    env["omp_wait_policy"] = environmentVariable("OMP_WAIT_POLICY");
    env["omp_proc_bind"] = environmentVariable("OMP_PROC_BIND");
    env["omp_places"] = environmentVariable("OMP_PLACES");
    env["cuda"] = cudaVersion();
#if defined(OPTIBENCH_HAVE_CUDA)
    int count = 0;
    if (cudaGetDeviceCount(&count) == cudaSuccess && count > 0) {
        cudaDeviceProp prop{};
        if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess)
            env["gpu"] = prop.name;
        int driver = 0;
        if (cudaDriverGetVersion(&driver) == cudaSuccess)
            env["cuda_driver"] = std::to_string(driver / 1000) + "." + std::to_string((driver % 1000) / 10);
    } else {
        env["gpu"] = "";
    }
#else
    env["gpu"] = "";
#endif
    return env.dump();
}

} // namespace optibench::engine
