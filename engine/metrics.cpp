#include "engine/metrics.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

namespace optibench::engine {

LatencyStats latencyStats(std::vector<double> values)
{
    LatencyStats s;
    if (values.empty())
        return s;
    std::sort(values.begin(), values.end());
    auto pct = [&](double p) {
        const double pos = p * static_cast<double>(values.size() - 1);
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const auto hi = std::min(values.size() - 1, lo + 1);
        return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
    };
    s.p50 = pct(0.50);
    s.p90 = pct(0.90);
    s.p99 = pct(0.99);
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / static_cast<double>(values.size());
    if (values.size() > 1) {
        double sq = 0;
        for (double v : values)
            sq += (v - s.mean) * (v - s.mean);
        s.stdev = std::sqrt(sq / static_cast<double>(values.size() - 1));
    }
    return s;
}

std::int64_t peakRssBytes()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6)) * 1024; // the kernel reports kB
    }
    return 0;
}

Agreement compareLogits(const at::Tensor &logits, const at::Tensor &baseline)
{
    TORCH_CHECK(logits.sizes() == baseline.sizes(), "compareLogits: shapes differ, ", logits.sizes(), " vs ",
                baseline.sizes());
    Agreement a;
    a.examples = logits.size(0);
    if (a.examples == 0)
        return a;
    auto l = logits.to(at::kDouble).cpu();
    auto b = baseline.to(at::kDouble).cpu();
    a.agreement = l.argmax(-1).eq(b.argmax(-1)).to(at::kDouble).mean().item<double>();
    auto logP = at::log_softmax(b, -1);
    auto logQ = at::log_softmax(l, -1);
    a.klDivergence = (logP.exp() * (logP - logQ)).sum(-1).mean().item<double>();
    // Rounding can make identical distributions come out a hair below zero.
    a.klDivergence = std::max(0.0, a.klDivergence);
    return a;
}

} // namespace optibench::engine
