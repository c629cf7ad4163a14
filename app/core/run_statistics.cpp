#include "app/core/run_statistics.h"
#include "app/core/environment_drift.h"
#include "stats/noise.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace optibench::core {

namespace {

using stats::Spread;

// A run's series by name, each in step order.
using SeriesByName = std::map<std::string, std::vector<double>>;

SeriesByName byName(const std::vector<SeriesPoint> &series)
{
    std::map<std::string, std::vector<std::pair<std::int64_t, double>>> steps;
    for (const auto &p : series)
        steps[p.name].emplace_back(p.step, p.value);
    SeriesByName out;
    for (auto &[name, points] : steps) {
        std::sort(points.begin(), points.end());
        auto &values = out[name];
        for (const auto &p : points)
            values.push_back(p.second);
    }
    return out;
}

double at(const SeriesByName &s, const char *name, std::size_t i)
{
    const auto it = s.find(name);
    return it != s.end() && i < it->second.size() ? it->second[i] : 0.0;
}

std::vector<std::string> noiseOf(const SeriesByName &s, std::size_t blocks)
{
    std::vector<stats::NoiseSample> samples(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        samples[b].otherCpu = at(s, "noise_other_cpu", b);
        samples[b].steal = at(s, "noise_steal", b);
        samples[b].iowait = at(s, "noise_iowait", b);
    }
    return stats::noiseReasons(samples);
}

// A generation run's per-block series (ttft_ms, e2e_ms, prefill_tokens), when it has them.
void addGenerationBlocks(const SeriesByName &s, RunBlocks &b)
{
    const auto ttft = s.find("ttft_ms");
    if (ttft == s.end())
        return;
    b.ttftSamples = ttft->second;
    for (std::size_t k = 0; k < ttft->second.size(); ++k) {
        const double ms = ttft->second[k];
        b.ttft.push_back({ms, 1});
        b.e2e.push_back({at(s, "e2e_ms", k), 1});
        b.prefill.push_back({at(s, "prefill_tokens", k), ms / 1000.0});
    }
}

Spread spreadOf(const std::string &key)
{
    const auto *d = stats::describeMetric(key);
    return d ? d->spread : Spread::Unknown;
}

double quantileOf(Spread s)
{
    switch (s) {
    case Spread::Percentile50:
    case Spread::TtftPercentile50: return 0.5;
    case Spread::Percentile90:
    case Spread::TtftPercentile90: return 0.9;
    default: return 0.99;
    }
}

bool isPercentile(Spread s)
{
    return s == Spread::Percentile50 || s == Spread::Percentile90 || s == Spread::Percentile99
        || s == Spread::TtftPercentile50 || s == Spread::TtftPercentile90;
}

// The samples a percentile spread orders: every timed latency, or every time to first token.
const std::vector<double> &samplesOf(Spread s, const RunBlocks &b)
{
    return s == Spread::TtftPercentile50 || s == Spread::TtftPercentile90 ? b.ttftSamples : b.latencies;
}

const std::vector<stats::BlockValue> *blockValues(Spread s, const RunBlocks &b)
{
    switch (s) {
    case Spread::LatencyMean: return &b.latency;
    case Spread::SequenceRate: return &b.sequences;
    case Spread::TokenRate: return &b.tokens;
    case Spread::TtftMean: return &b.ttft;
    case Spread::E2eMean: return &b.e2e;
    case Spread::PrefillRate: return &b.prefill;
    default: return nullptr;
    }
}

std::optional<stats::Interval> scaled(std::optional<stats::Interval> i, double factor)
{
    if (!i)
        return std::nullopt;
    return stats::Interval{i->lo * factor, i->hi * factor};
}

// Newcombe's hybrid score interval of pa - pb from the two Wilson intervals, as a ratio pa / pb.
std::optional<stats::Interval> proportionRatio(double pa, double na, double pb, double nb)
{
    if (na <= 0 || nb <= 0 || pb <= 0)
        return std::nullopt;
    const auto a = stats::wilson(pa * na, na), b = stats::wilson(pb * nb, nb);
    const double d = pa - pb;
    const double lo = d - std::hypot(pa - a.lo, b.hi - pb);
    const double hi = d + std::hypot(a.hi - pa, pb - b.lo);
    return stats::Interval{1 + lo / pb, 1 + hi / pb};
}

std::optional<stats::Interval> ratioInterval(const std::string &key, const RunFigures &run, const RunFigures &base,
                                             double ratio)
{
    const Spread s = spreadOf(key);
    if (s == Spread::Exact)
        return stats::Interval{ratio, ratio};
    // Interleaved runs' blocks pair up by round (stats::bootstrapPairedRatioInterval).
    const auto blockRatio = run.pairedWith(base) ? stats::bootstrapPairedRatioInterval : stats::bootstrapRatioInterval;
    if (const auto *a = blockValues(s, run.blocks))
        return blockRatio(*a, *blockValues(s, base.blocks));
    if (s == Spread::PerSecond) { // the work is fixed; its rate changes as the time does
        const double speed = stats::ratioOfSums(base.blocks.latency) / stats::ratioOfSums(run.blocks.latency);
        return scaled(blockRatio(base.blocks.latency, run.blocks.latency), ratio / speed);
    }
    if (s == Spread::PrefillPerSecond) { // likewise, as the prefill rate changes
        const double speed = stats::ratioOfSums(run.blocks.prefill) / stats::ratioOfSums(base.blocks.prefill);
        return scaled(blockRatio(run.blocks.prefill, base.blocks.prefill), ratio / speed);
    }
    if (isPercentile(s)) {
        const auto a = stats::percentile(samplesOf(s, run.blocks), quantileOf(s));
        const auto b = stats::percentile(samplesOf(s, base.blocks), quantileOf(s));
        if (!a.interval || !b.interval || b.interval->lo <= 0)
            return std::nullopt;
        return stats::Interval{a.interval->lo / b.interval->hi, a.interval->hi / b.interval->lo};
    }
    if (s == Spread::Proportion) {
        const double pa = run.metrics.at(key), pb = base.metrics.at(key);
        const auto n = [](const RunFigures &r) {
            const auto it = r.metrics.find("eval_examples");
            return it != r.metrics.end() ? it->second : 0.0;
        };
        return proportionRatio(pa, n(run), pb, n(base));
    }
    return std::nullopt;
}

} // namespace

int RunBlocks::noisyCount() const
{
    return static_cast<int>(std::count_if(noise.begin(), noise.end(), [](const auto &n) { return !n.empty(); }));
}

std::string RunBlocks::firstNoise() const
{
    const auto first = std::find_if(noise.begin(), noise.end(), [](const auto &n) { return !n.empty(); });
    return first != noise.end() ? *first : std::string();
}

std::string RunBlocks::noiseSummary() const
{
    if (noisyCount() == 0)
        return {};
    return std::to_string(noisyCount()) + " of " + std::to_string(count()) + " blocks ran beside other work ("
        + firstNoise() + ")";
}

const std::vector<std::string> &blockSeriesNames()
{
    static const std::vector<std::string> names{"latency_ms",   "block_seconds",   "latency_block", "block_sequences",
                                                "block_tokens", "noise_other_cpu", "noise_steal",   "noise_iowait",
                                                "ttft_ms",      "e2e_ms",          "prefill_tokens"};
    return names;
}

RunBlocks runBlocks(const std::vector<SeriesPoint> &series)
{
    const auto s = byName(series);
    RunBlocks b;
    if (const auto it = s.find("latency_ms"); it != s.end())
        b.latencies = it->second;
    const auto seconds = s.find("block_seconds");
    if (seconds == s.end()) { // stored before blocks: every iteration is one
        for (double ms : b.latencies)
            b.latency.push_back({ms, 1});
        return b;
    }
    const std::size_t blocks = seconds->second.size();
    b.latency.assign(blocks, {0, 0});
    for (std::size_t i = 0; i < b.latencies.size(); ++i) {
        const auto block = static_cast<std::size_t>(at(s, "latency_block", i));
        if (block < blocks)
            b.latency[block] = {b.latency[block].numerator + b.latencies[i], b.latency[block].denominator + 1};
    }
    for (std::size_t k = 0; k < blocks; ++k) {
        b.sequences.push_back({at(s, "block_sequences", k), seconds->second[k]});
        b.tokens.push_back({at(s, "block_tokens", k), seconds->second[k]});
    }
    b.noise = noiseOf(s, blocks);
    addGenerationBlocks(s, b);
    return b;
}

RunFigures runFigures(const Store &store, std::int64_t runId)
{
    RunFigures f;
    for (const auto &m : store.metrics(runId))
        f.metrics[m.key] = m.value;
    f.blocks = runBlocks(store.series(runId));
    f.runId = runId;
    if (const auto record = store.run(runId)) {
        f.environmentJson = record->environmentJson;
        f.specJson = record->specJson;
        f.interleavedWith = interleavedRuns(record->environmentJson);
    }
    return f;
}

std::vector<std::int64_t> interleavedRuns(const std::string &environmentJson)
{
    const auto env = nlohmann::json::parse(environmentJson, nullptr, false);
    std::vector<std::int64_t> ids;
    if (env.is_object() && env.contains("interleave") && env["interleave"].contains("runs"))
        for (const auto &id : env["interleave"]["runs"])
            if (id.is_number_integer())
                ids.push_back(id.get<std::int64_t>());
    return ids;
}

bool RunFigures::pairedWith(const RunFigures &other) const
{
    return runId != other.runId && blocks.count() == other.blocks.count()
        && std::find(interleavedWith.begin(), interleavedWith.end(), other.runId) != interleavedWith.end();
}

std::optional<Figure> figureOf(const std::string &key, const RunFigures &run)
{
    const auto it = run.metrics.find(key);
    if (it == run.metrics.end())
        return std::nullopt;
    Figure f;
    f.value = it->second;
    const Spread s = spreadOf(key);
    if (s == Spread::Exact)
        f.interval = stats::Interval{f.value, f.value};
    else if (const auto *blocks = blockValues(s, run.blocks))
        f.interval = stats::bootstrapInterval(*blocks);
    else if (s == Spread::PerSecond) {
        const double mean = stats::ratioOfSums(run.blocks.latency);
        if (const auto i = stats::bootstrapInterval(run.blocks.latency); i && i->lo > 0)
            f.interval = stats::Interval{f.value * mean / i->hi, f.value * mean / i->lo};
    } else if (s == Spread::PrefillPerSecond) {
        const double rate = stats::ratioOfSums(run.blocks.prefill);
        if (rate > 0)
            f.interval = scaled(stats::bootstrapInterval(run.blocks.prefill), f.value / rate);
    } else if (isPercentile(s)) {
        const auto p = stats::percentile(samplesOf(s, run.blocks), quantileOf(s));
        f.interval = p.interval;
        if (!p.supported && p.count > 0)
            f.qualifier = "max of " + std::to_string(p.count);
    } else if (s == Spread::Proportion) {
        const auto n = run.metrics.find("eval_examples");
        if (n != run.metrics.end() && n->second > 0)
            f.interval = stats::wilson(f.value * n->second, n->second);
    }
    return f;
}

stats::Judgement judgeMetric(const std::string &key, const RunFigures &run, const RunFigures &baseline,
                             double threshold)
{
    const auto a = run.metrics.find(key), b = baseline.metrics.find(key);
    const auto better = stats::betterOf(key);
    if (a == run.metrics.end() || b == baseline.metrics.end() || better == stats::Better::Neither
        || spreadOf(key) == Spread::Unknown)
        return {};
    if (b->second == 0) {
        stats::Judgement j;
        j.ratio = a->second == 0 ? 1.0 : NAN;
        if (a->second == 0)
            j.verdict = stats::Verdict::NoChange;
        return j;
    }
    const double ratio = a->second / b->second;
    const int blocks = static_cast<int>(std::min(run.blocks.count(), baseline.blocks.count()));
    auto j = stats::judge(ratio, ratioInterval(key, run, baseline, ratio), better, threshold, blocks);
    if (stats::isTimed(spreadOf(key))
        && !driftBetween(run.environmentJson, run.specJson, baseline.environmentJson, baseline.specJson).comparable())
        j.verdict = stats::Verdict::NotComparable;
    return j;
}

} // namespace optibench::core
