#include "stats/noise.h"

#include <cstdio>

namespace optibench::stats {

namespace {
constexpr double kOtherCpuLimit = 0.25; // cores
constexpr double kStealLimit = 0.02;
constexpr double kIowaitLimit = 0.05;

std::string formatted(const char *format, double value)
{
    char text[96];
    std::snprintf(text, sizeof text, format, value);
    return text;
}
} // namespace

std::string noiseReason(const NoiseSample &s)
{
    if (s.otherCpu >= kOtherCpuLimit)
        return formatted("other processes used %.2f cores", s.otherCpu);
    if (s.steal >= kStealLimit)
        return formatted("the hypervisor stole %.1f%% of the CPU time", 100 * s.steal);
    if (s.iowait >= kIowaitLimit)
        return formatted("%.1f%% of the CPU time waited for I/O", 100 * s.iowait);
    return {};
}

} // namespace optibench::stats
