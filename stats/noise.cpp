#include "stats/noise.h"

#include <algorithm>
#include <cstdio>

namespace optibench::stats {

namespace {
constexpr double kOtherCpuLimit = 0.35; // cores
constexpr double kStealAboveMedian = 0.10;
constexpr double kIowaitLimit = 0.05;

std::string formatted(const char *format, double a, double b = 0)
{
    char text[128];
    std::snprintf(text, sizeof text, format, a, b);
    return text;
}

double medianSteal(const std::vector<NoiseSample> &blocks)
{
    std::vector<double> steal;
    for (const auto &b : blocks)
        steal.push_back(b.steal);
    if (steal.empty())
        return 0;
    std::sort(steal.begin(), steal.end());
    const auto n = steal.size();
    return n % 2 == 1 ? steal[n / 2] : (steal[n / 2 - 1] + steal[n / 2]) / 2;
}

std::string reasonOf(const NoiseSample &s, double usualSteal)
{
    if (s.otherCpu >= kOtherCpuLimit)
        return formatted("other processes used %.2f cores", s.otherCpu);
    if (s.steal - usualSteal >= kStealAboveMedian)
        return formatted("the hypervisor stole %.1f%% of the CPU time, against %.1f%% in the run's other blocks",
                         100 * s.steal, 100 * usualSteal);
    if (s.iowait >= kIowaitLimit)
        return formatted("%.1f%% of the CPU time waited for I/O", 100 * s.iowait);
    return {};
}
} // namespace

std::vector<std::string> noiseReasons(const std::vector<NoiseSample> &blocks)
{
    const double usual = medianSteal(blocks);
    std::vector<std::string> out;
    for (const auto &b : blocks)
        out.push_back(reasonOf(b, usual));
    return out;
}

} // namespace optibench::stats
