#include "engine/measure/metrics.h"
#include "engine/measure/host_allocator.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <unistd.h>

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

std::int64_t currentRssBytes()
{
    std::ifstream statm("/proc/self/statm");
    long long pages = 0, resident = 0;
    if (!(statm >> pages >> resident))
        return 0;
    return static_cast<std::int64_t>(resident) * static_cast<std::int64_t>(sysconf(_SC_PAGESIZE));
}

bool resetPeakRss()
{
    releaseFreedBlocks(); // what earlier runs freed is no part of this one
    std::ofstream clear("/proc/self/clear_refs");
    if (!clear)
        return false;
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
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

double LmLoss::perplexity() const
{
    return tokens > 0 ? std::exp(nll / static_cast<double>(tokens)) : 0.0;
}

LmLoss lmLoss(const at::Tensor &logits, const at::Tensor &ids, const at::Tensor &mask)
{
    TORCH_CHECK(logits.dim() == 3 && ids.dim() == 2, "lmLoss: logits must be [B, S, V] and ids [B, S]");
    LmLoss loss;
    if (ids.size(1) < 2)
        return loss;
    auto logProbs = at::log_softmax(logits.slice(1, 0, -1).to(at::kFloat), -1);
    auto targets = ids.slice(1, 1).to(logits.device());
    auto picked = logProbs.gather(-1, targets.unsqueeze(-1)).squeeze(-1);
    auto m = mask.to(logits.device());
    auto valid = (m.slice(1, 0, -1) * m.slice(1, 1)).to(at::kBool);
    loss.nll = -picked.masked_select(valid).to(at::kDouble).sum().item<double>();
    loss.tokens = valid.sum().item<std::int64_t>();
    return loss;
}

at::Tensor nextTokenSamples(const at::Tensor &logits, const at::Tensor &mask, int perSequence)
{
    TORCH_CHECK(logits.dim() == 3, "nextTokenSamples: logits must be [B, S, V]");
    auto lengths = mask.sum(1).cpu();
    std::vector<std::int64_t> rows, cols;
    for (std::int64_t b = 0; b < logits.size(0); ++b) {
        const auto n = lengths[b].item<std::int64_t>();
        if (n <= 0)
            continue;
        const auto k = std::min<std::int64_t>(n, perSequence);
        for (std::int64_t j = 1; j <= k; ++j) {
            rows.push_back(b);
            cols.push_back((n * j) / k - 1); // evenly spaced; j == k gives the last real position
        }
    }
    auto r = at::tensor(rows, at::kLong).to(logits.device());
    auto c = at::tensor(cols, at::kLong).to(logits.device());
    const auto S = logits.size(1);
    return logits.reshape({-1, logits.size(2)}).index_select(0, r * S + c).to(at::kFloat).cpu();
}

} // namespace optibench::engine
