#include "engine/peak_flops.h"
#include "engine/gemm.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace optibench::engine {

namespace {

std::string cpuModelKey()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 1);
    }
    return "unknown";
}

} // namespace

std::string peakFlopsCachePath()
{
    std::filesystem::path dir;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        dir = xdg;
    else if (const char *home = std::getenv("HOME"); home && *home)
        dir = std::filesystem::path(home) / ".cache";
    else
        dir = std::filesystem::temp_directory_path();
    return (dir / "optibench" / "peak_flops.json").string();
}

double measurePeakFlopsNow(int threads)
{
    at::set_num_threads(std::max(1, threads));
    const int n = 1024;
    auto a = at::rand({n, n}, at::kFloat);
    auto b = at::rand({n, n}, at::kFloat);
    auto c = at::empty({n, n}, at::kFloat);
    auto once = [&] {
        if (!gemm::sgemm(n, n, n, a.data_ptr<float>(), b.data_ptr<float>(), c.data_ptr<float>()))
            at::mm_out(c, a, b);
    };
    for (int i = 0; i < 2; ++i)
        once();
    double best = 1e30;
    for (int i = 0; i < 8; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        once();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, s);
    }
    return 2.0 * n * n * static_cast<double>(n) / best;
}

namespace {
double peakFlops(int threads, bool remeasure);
}

double measuredPeakFlops(int threads)
{
    return peakFlops(threads, false);
}

double remeasurePeakFlops(int threads)
{
    return peakFlops(threads, true);
}

namespace {

double peakFlops(int threads, bool remeasure)
{
    const std::string key = cpuModelKey() + "|threads=" + std::to_string(threads) + "|gemm="
        + (gemm::haveOneDnn() ? "onednn-" + gemm::oneDnnVersion() : std::string("aten"));
    const auto path = peakFlopsCachePath();
    nlohmann::json cache = nlohmann::json::object();
    {
        std::ifstream in(path);
        if (in) {
            try {
                in >> cache;
            } catch (const std::exception &) {
                cache = nlohmann::json::object(); // a damaged cache is measured afresh
            }
        }
    }
    double cached = 0;
    if (cache.is_object() && cache.contains(key) && cache[key].is_number())
        cached = cache[key].get<double>();
    if (cached > 0 && !remeasure)
        return cached;
    const double flops = std::max(cached, measurePeakFlopsNow(threads));
    if (!cache.is_object())
        cache = nlohmann::json::object();
    cache[key] = flops;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    // Written to a temporary file and renamed, so concurrent workers never read half a file.
    const auto tmp = path + ".tmp" + std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id()));
    {
        std::ofstream out(tmp);
        out << cache.dump(2);
    }
    std::filesystem::rename(tmp, path, ec);
    return flops;
}

} // namespace

} // namespace optibench::engine
