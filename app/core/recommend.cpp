#include "app/core/recommend.h"
#include "app/core/spec_diff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>
#include <stdexcept>
#include <tuple>

namespace optibench::core {

namespace {

std::string printed(const char *format, double a, double b = 0, double c = 0)
{
    char buf[96];
    std::snprintf(buf, sizeof buf, format, a, b, c);
    return buf;
}

bool isShare(const std::string &metric)
{
    const auto *d = stats::describeMetric(metric);
    return d && std::string(d->unit) == "%";
}

// A quality figure as the tables show it: a share in percent, anything else as it is.
std::string qualityText(const std::string &metric, const Figure &f)
{
    const bool share = isShare(metric);
    const double scale = share ? 100 : 1;
    const char *one = share ? "%.1f%%" : "%.4g";
    std::string out = printed(one, f.value * scale);
    if (f.interval && f.interval->hi > f.interval->lo)
        out += printed(share ? " [%.1f, %.1f]" : " [%.4g, %.4g]", f.interval->lo * scale, f.interval->hi * scale);
    return out;
}

std::string boundText(const std::string &metric, double v)
{
    return isShare(metric) ? printed("%.1f%%", v * 100) : printed("%.4g", v);
}

// Agreement and KL compare a run with the baseline: the baseline meets any bound on them.
bool comparesWithBaseline(const std::string &metric)
{
    return metric == "agreement" || metric == "kl_divergence";
}

// The cost against the baseline's with lower always better: a throughput's ratio is inverted.
struct RelativeCost {
    double value = 1, lo = 1, hi = 1;
};

RelativeCost relativeCost(Cost cost, const stats::Judgement &j)
{
    RelativeCost r{j.ratio, j.ratio, j.ratio};
    if (j.interval) {
        r.lo = j.interval->lo;
        r.hi = j.interval->hi;
    }
    if (cost == Cost::Throughput && r.value > 0 && r.lo > 0)
        r = {1 / r.value, 1 / r.hi, 1 / r.lo};
    return r;
}

// "2.10x [1.90x, 2.30x] faster", "0.42x [0.40x, 0.44x] the peak memory", "0.26x the size".
std::string costPhrase(Cost cost, const stats::Judgement &j)
{
    double v = j.ratio, lo = j.interval ? j.interval->lo : v, hi = j.interval ? j.interval->hi : v;
    const char *what = cost == Cost::Throughput ? "the throughput"
        : cost == Cost::PeakMemory              ? "the peak memory"
                                                : "the size";
    if (cost == Cost::Latency) {
        what = v <= 1 ? "faster" : "slower";
        if (v <= 1 && v > 0 && lo > 0)
            std::tie(v, lo, hi) = std::make_tuple(1 / v, 1 / hi, 1 / lo);
    }
    std::string out = printed("%.2fx", v);
    if (hi > lo)
        out += printed(" [%.2fx, %.2fx]", lo, hi);
    return out + " " + what;
}

std::string runText(const Candidate &c)
{
    return "#" + std::to_string(c.runId) + " " + c.label;
}

// The pessimistic end of the run's quality. For accuracy against the baseline's, the run and the
// baseline scored the same examples, and accuracy can change only where their predictions
// differ: the baseline's accuracy less the disagreement's upper bound is a bound too, often far
// tighter than the run's own interval.
double pessimisticQuality(const Figure &q, const RunFigures &run, const RunFigures &baseline,
                          const QualityBudget &budget)
{
    const bool lower = stats::betterOf(budget.metric) == stats::Better::Lower;
    double p = q.interval ? (lower ? q.interval->hi : q.interval->lo) : q.value;
    const auto base = baseline.metrics.find("accuracy");
    if (budget.metric == "accuracy" && budget.relative && base != baseline.metrics.end())
        if (const auto agreement = figureOf("agreement", run))
            p = std::max(p, base->second - (1 - (agreement->interval ? agreement->interval->lo : agreement->value)));
    return p;
}

void checkBudget(Candidate &c, const RunFigures &run, const RunFigures &baseline, const QualityBudget &budget,
                 bool isBaseline)
{
    const auto better = stats::betterOf(budget.metric);
    if (isBaseline && (budget.relative || comparesWithBaseline(budget.metric))) {
        c.meetsBudget = true; // the reference itself
        return;
    }
    if (!c.quality) {
        c.budgetNote = "has no " + budget.metric;
        return;
    }
    double bound = budget.bound;
    if (budget.relative) {
        const auto base = baseline.metrics.find(budget.metric);
        if (base == baseline.metrics.end()) {
            c.budgetNote = "the baseline has no " + budget.metric;
            return;
        }
        bound = better == stats::Better::Lower ? base->second + budget.bound : base->second - budget.bound;
    }
    const bool lower = better == stats::Better::Lower;
    const double pessimistic = pessimisticQuality(*c.quality, run, baseline, budget);
    c.meetsBudget = lower ? pessimistic <= bound : pessimistic >= bound;
    if (!c.meetsBudget)
        c.budgetNote = budget.metric + (lower ? "'s upper bound " : "'s lower bound ")
            + boundText(budget.metric, pessimistic) + (lower ? " is over " : " is under ")
            + boundText(budget.metric, bound);
}

Candidate candidateOf(const RunFigures &run, const RunFigures &baseline, const std::string &label, Cost cost,
                      const QualityBudget &budget, const Thresholds &thresholds, bool isBaseline)
{
    Candidate c;
    c.runId = run.runId;
    c.label = label;
    const std::string costKey = describeCost(cost).metric;
    c.cost = figureOf(costKey, run);
    c.quality = figureOf(budget.metric, run);
    if (isBaseline)
        c.costJudgement = {1.0, stats::Interval{1.0, 1.0}, stats::Verdict::NoChange, 0, 0};
    else
        c.costJudgement = judgeMetric(costKey, run, baseline, thresholds.of(costKey));
    checkBudget(c, run, baseline, budget, isBaseline);
    return c;
}

void markFront(std::vector<Candidate> &candidates, Cost cost, const QualityBudget &budget)
{
    std::vector<TradeoffPoint> points;
    std::vector<std::size_t> index;
    const double sign = stats::betterOf(budget.metric) == stats::Better::Lower ? -1 : 1;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto &c = candidates[i];
        if (!c.cost || !c.quality || std::isnan(c.costJudgement.ratio)
            || c.costJudgement.verdict == stats::Verdict::NotComparable)
            continue;
        const auto r = relativeCost(cost, c.costJudgement);
        const auto &q = *c.quality;
        const double lo = q.interval ? q.interval->lo : q.value, hi = q.interval ? q.interval->hi : q.value;
        points.push_back(
            {r.value, r.lo, r.hi, sign * q.value, std::min(sign * lo, sign * hi), std::max(sign * lo, sign * hi)});
        index.push_back(i);
    }
    for (auto p : paretoFront(points))
        candidates[index[p]].onFront = true;
}

// The cheapest run within the budget, and the runs as cheap within their intervals.
// Within the budget, with a cost that compares with the baseline's.
bool eligible(const Candidate &c)
{
    return c.meetsBudget && c.cost && c.costJudgement.verdict != stats::Verdict::NotComparable
        && !std::isnan(c.costJudgement.ratio);
}

// The cheapest eligible candidate from index `first` on.
std::optional<std::size_t> cheapest(const std::vector<Candidate> &candidates, Cost cost, std::size_t first)
{
    std::optional<std::size_t> best;
    for (std::size_t i = first; i < candidates.size(); ++i)
        if (eligible(candidates[i])
            && (!best
                || relativeCost(cost, candidates[i].costJudgement).value
                    < relativeCost(cost, candidates[*best].costJudgement).value))
            best = i;
    return best;
}

void choose(Recommendation &r, Cost cost)
{
    const auto best = cheapest(r.candidates, cost, 0);
    r.chosen = best;
    if (!best)
        return;
    const auto b = relativeCost(cost, r.candidates[*best].costJudgement);
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto &c = r.candidates[i];
        if (i == *best || !eligible(c))
            continue;
        const auto o = relativeCost(cost, c.costJudgement);
        if (o.lo <= b.hi && b.lo <= o.hi)
            r.ties.push_back(i);
    }
}

std::string reasonOf(const Recommendation &r, Cost cost, const QualityBudget &budget)
{
    if (!r.chosen)
        return "No run meets " + budget.describe() + ".";
    const auto &c = r.candidates[*r.chosen];
    const auto quality = c.quality ? ", " + budget.metric + " " + qualityText(budget.metric, *c.quality) : "";
    if (*r.chosen == 0) {
        std::string why = "Keep the baseline (#" + std::to_string(c.runId) + ")";
        const auto next = cheapest(r.candidates, cost, 1);
        if (!next)
            return why + ": no other run meets " + budget.describe() + ".";
        const auto &n = r.candidates[*next];
        return why + ": no run within " + budget.describe() + " is reliably cheaper; the cheapest, " + runText(n)
            + ", is " + costPhrase(cost, n.costJudgement) + " (" + stats::verdictName(n.costJudgement.verdict) + ").";
    }
    std::string out = runText(c) + ": " + costPhrase(cost, c.costJudgement) + quality;
    if (c.costJudgement.verdict != stats::Verdict::Better)
        out += std::string(" (") + stats::verdictName(c.costJudgement.verdict) + " against the baseline)";
    if (!r.ties.empty()) {
        out += "; as cheap within the intervals:";
        for (auto t : r.ties)
            out += " #" + std::to_string(r.candidates[t].runId);
    }
    return out + ".";
}

} // namespace

const std::vector<std::string> &qualityMetrics()
{
    static const std::vector<std::string> t{"agreement", "accuracy", "kl_divergence", "perplexity"};
    return t;
}

const std::vector<CostDescription> &costTable()
{
    static const std::vector<CostDescription> t{{Cost::Latency, "latency", "latency_mean_ms"},
                                                {Cost::Throughput, "throughput", "throughput_seq_s"},
                                                {Cost::PeakMemory, "memory", "peak_memory_bytes"},
                                                {Cost::ModelSize, "size", "model_bytes"}};
    return t;
}

const CostDescription &describeCost(Cost cost)
{
    for (const auto &c : costTable())
        if (c.cost == cost)
            return c;
    return costTable().front();
}

std::optional<Cost> parseCost(const std::string &name)
{
    for (const auto &c : costTable())
        if (name == c.name)
            return c.cost;
    return std::nullopt;
}

std::string QualityBudget::describe() const
{
    const bool lower = stats::betterOf(metric) == stats::Better::Lower;
    const std::string op = lower ? " <= " : " >= ";
    if (!relative)
        return metric + op + boundText(metric, bound);
    return metric + op + "baseline " + (lower ? "+ " : "- ") + boundText(metric, bound);
}

QualityBudget parseBudget(const std::string &text)
{
    static const std::regex form(R"(^\s*([a-z_0-9]+)\s*(>=|<=)\s*(baseline\s*([+-])\s*)?([0-9]*\.?[0-9]+)\s*(%?)\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, form))
        throw std::invalid_argument("'" + text + "' is not METRIC>=VALUE or METRIC>=baseline-VALUE (agreement>=99%)");
    QualityBudget b;
    b.metric = m[1];
    const auto &quality = qualityMetrics();
    if (std::find(quality.begin(), quality.end(), b.metric) == quality.end())
        throw std::invalid_argument("'" + b.metric
                                    + "' is not a quality metric (agreement, accuracy, kl_divergence, "
                                      "perplexity)");
    const auto better = stats::betterOf(b.metric);
    const bool lower = better == stats::Better::Lower;
    if ((m[2] == "<=") != lower)
        throw std::invalid_argument(
            b.metric
            + std::string(lower ? " is better lower: bound it with <=" : " is better higher: bound it with >="));
    b.relative = m[3].matched;
    if (b.relative && (m[4] == "+") != lower)
        throw std::invalid_argument(b.metric + ": a budget allows the run to be worse than the baseline, so write "
                                    + (lower ? "baseline+VALUE" : "baseline-VALUE"));
    b.bound = std::stod(m[5]) / (m[6].length() > 0 ? 100.0 : 1.0);
    return b;
}

std::vector<std::size_t> paretoFront(const std::vector<TradeoffPoint> &points)
{
    std::vector<std::size_t> front;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto &p = points[i];
        const bool beaten = std::any_of(points.begin(), points.end(), [&p](const TradeoffPoint &o) {
            return (o.costHi < p.costLo && o.quality >= p.quality) || (o.costHi <= p.costLo && o.quality > p.quality);
        });
        if (!beaten)
            front.push_back(i);
    }
    std::sort(front.begin(), front.end(), [&points](std::size_t a, std::size_t b) {
        return points[a].cost != points[b].cost ? points[a].cost < points[b].cost
                                                : points[a].quality > points[b].quality;
    });
    return front;
}

Recommendation recommend(const std::vector<RunFigures> &runs, const std::vector<std::string> &labels, Cost cost,
                         const QualityBudget &budget, const Thresholds &thresholds)
{
    Recommendation r;
    if (runs.empty())
        return r;
    for (std::size_t i = 0; i < runs.size(); ++i)
        r.candidates.push_back(candidateOf(runs[i], runs[0], i < labels.size() ? labels[i] : std::string(), cost,
                                           budget, thresholds, i == 0));
    markFront(r.candidates, cost, budget);
    choose(r, cost);
    // A run that is not reliably cheaper than the baseline is no reason to leave it.
    if (r.chosen && *r.chosen != 0 && r.candidates[0].meetsBudget
        && r.candidates[*r.chosen].costJudgement.verdict != stats::Verdict::Better) {
        r.chosen = 0;
        r.ties.clear();
    }
    r.reason = reasonOf(r, cost, budget);
    return r;
}

std::string configurationLabel(const std::string &specJson, const std::string &baselineSpecJson)
{
    const auto d = differingFields({specJson, baselineSpecJson}, {"name"});
    // The toggles users name first, then the rest in the spec's path order.
    static const std::vector<std::string> kFirst{"optimizations.quantization", "optimizations.precision",
                                                 "optimizations.pruning.method", "optimizations.pruning.amount",
                                                 "optimizations.padding"};
    auto rank = [](const std::string &path) {
        const auto it = std::find(kFirst.begin(), kFirst.end(), path);
        return static_cast<std::size_t>(it - kFirst.begin());
    };
    auto paths = d.differing;
    std::stable_sort(paths.begin(), paths.end(),
                     [&rank](const std::string &a, const std::string &b) { return rank(a) < rank(b); });
    std::string out;
    for (const auto &path : paths) {
        const auto *v = d.value(0, path);
        if (!v || v->is_null())
            continue;
        const std::string field = path.substr(path.rfind('.') + 1);
        std::string part;
        if (v->is_string())
            part = v->get<std::string>();
        else if (v->is_boolean())
            part = (v->get<bool>() ? "" : "no ") + field;
        else if (v->is_number())
            part = field + " " + printed("%g", v->get<double>());
        else
            part = field + " " + v->dump();
        out += (out.empty() ? "" : " + ") + part;
    }
    return out.empty() ? "baseline" : out;
}

} // namespace optibench::core
