#include "engine/measure/probe_cache.h"
#include "engine/measure/noise.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
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

MachineProbe fromCache(const nlohmann::json &e)
{
    MachineProbe p;
    p.value = e.value("value", 0.0);
    p.otherCpu = e.value("other_cpu", 0.0);
    p.busy = e.value("busy", true);
    p.busyReason = e.value("busy_reason", std::string());
    return p;
}

nlohmann::json toCache(const MachineProbe &p)
{
    return {{"value", p.value}, {"other_cpu", p.otherCpu}, {"busy", p.busy}, {"busy_reason", p.busyReason}};
}

nlohmann::json readCache(const std::string &path)
{
    nlohmann::json cache = nlohmann::json::object();
    std::ifstream in(path);
    if (in) {
        try {
            in >> cache;
        } catch (const std::exception &) {
            cache = nlohmann::json::object(); // a damaged cache is measured afresh
        }
    }
    return cache.is_object() ? cache : nlohmann::json::object();
}

// Written to a temporary file and renamed, so concurrent workers never read half a file. The
// suffix tells apart threads and processes (thread ids repeat across processes).
void writeCache(const std::string &path, const nlohmann::json &cache)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const auto tmp = path + ".tmp" + std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id())) + "-"
        + std::to_string(std::random_device{}());
    {
        std::ofstream out(tmp);
        out << cache.dump(2);
    }
    std::filesystem::rename(tmp, path, ec);
}

} // namespace

std::string probeCachePath(const std::string &file)
{
    std::filesystem::path dir;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        dir = xdg;
    else if (const char *home = std::getenv("HOME"); home && *home)
        dir = std::filesystem::path(home) / ".cache";
    else
        dir = std::filesystem::temp_directory_path();
    return (dir / "optibench" / file).string();
}

MachineProbe probeWithNoise(const std::function<double()> &measure)
{
    const auto before = readNoiseCounters();
    MachineProbe p;
    p.value = measure();
    const auto noise = noiseBetween(before, readNoiseCounters());
    p.otherCpu = noise.otherCpu;
    p.busyReason = stats::noiseReasons({noise}).front();
    p.busy = !p.busyReason.empty();
    return p;
}

MachineProbe cachedProbe(const ProbeKey &key, bool remeasure, const std::function<double()> &measure)
{
    const std::string prefix = key.version + "|";
    const std::string entry = prefix + cpuModelKey() + "|" + key.setting;
    const auto path = probeCachePath(key.file);
    const auto cache = readCache(path);
    std::optional<MachineProbe> cached;
    if (cache.contains(entry) && cache[entry].is_object())
        cached = fromCache(cache[entry]);
    if (cached && cached->value > 0 && !cached->busy && !remeasure)
        return *cached;
    // A value measured beside other work is measured again: the larger counts, and the latest
    // probe says whether the machine was busy.
    MachineProbe p = probeWithNoise(measure);
    if (cached)
        p.value = std::max(p.value, cached->value);
    nlohmann::json updated = nlohmann::json::object();
    for (auto it = cache.begin(); it != cache.end(); ++it) // entries of older probes go
        if (it.key().rfind(prefix, 0) == 0)
            updated[it.key()] = it.value();
    updated[entry] = toCache(p);
    writeCache(path, updated);
    return p;
}

} // namespace optibench::engine
