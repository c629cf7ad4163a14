// optibench-cli recommend [RUNS...] --cost latency --budget 'agreement>=99%': the cheapest stored
// configuration within a quality budget, with its interval and the reason (app/core/recommend.h).
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/recommend.h"
#include "app/core/store.h"

namespace optibench::cli {
namespace {

using nlohmann::json;

struct RecommendOptions {
    std::vector<std::int64_t> ids;
    std::int64_t baseline = 0;
    std::string db;
    std::string cost = "latency";
    std::string budget = "agreement>=99%";
    double thresholdPercent = 100 * stats::kDefaultThreshold;
    bool json = false;
};

// The runs to choose from, the baseline first: the ones named, or else the runs interleaved
// with the baseline, or else every finished run of the baseline's model.
std::vector<std::int64_t> candidateIds(const core::Store &store, const RecommendOptions &o)
{
    const std::int64_t base = o.baseline != 0 ? o.baseline : (o.ids.empty() ? 0 : o.ids.front());
    if (base == 0)
        throw std::runtime_error("recommend: give the runs to choose from, or --baseline");
    std::vector<std::int64_t> ids{base};
    std::vector<std::int64_t> others = o.ids;
    if (others.empty()) {
        const auto record = store.run(base);
        if (!record)
            throw std::runtime_error("recommend: no run " + std::to_string(base) + " in " + store.path());
        others = core::interleavedRuns(record->environmentJson);
        if (others.empty()) {
            core::RunFilter f;
            f.modelId = record->modelId;
            f.status = core::RunStatus::Done;
            for (const auto &r : store.runs(f))
                others.insert(others.begin(), r.id); // oldest first
        }
    }
    for (auto id : others)
        if (std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(id);
    requireRuns(store, ids);
    return ids;
}

std::string ratioText(const stats::Judgement &j)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(2) << j.ratio << "x";
    if (j.interval && j.interval->hi > j.interval->lo)
        s << " [" << j.interval->lo << ", " << j.interval->hi << "]";
    return s.str();
}

std::string qualityCell(const std::optional<core::Figure> &f, bool share)
{
    if (!f)
        return "-";
    std::ostringstream s;
    const double k = share ? 100 : 1;
    s << std::fixed << std::setprecision(share ? 1 : 4) << f->value * k;
    if (f->interval && f->interval->hi > f->interval->lo)
        s << " [" << f->interval->lo * k << ", " << f->interval->hi * k << "]";
    return s.str();
}

void printText(const core::Recommendation &r, const RecommendOptions &o, const core::QualityBudget &budget)
{
    const auto &cost = core::describeCost(*core::parseCost(o.cost));
    std::cout << "Cost: " << cost.name << " (" << cost.metric << ") against #" << r.candidates.front().runId
              << "; quality budget: " << budget.describe() << ", judged on the interval's pessimistic end\n\n";
    const bool share = std::string(stats::describeMetric(budget.metric)->unit) == "%";
    std::cout << std::left << std::setw(7) << "run" << std::setw(40) << "configuration" << std::setw(26)
              << "cost ratio [95%]" << std::setw(16) << "verdict" << std::setw(26)
              << (budget.metric + (share ? " % [95%]" : " [95%]")) << std::setw(8) << "budget"
              << "front\n";
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto &c = r.candidates[i];
        std::cout << std::setw(7) << ("#" + std::to_string(c.runId)) << std::setw(40) << c.label.substr(0, 38)
                  << std::setw(26) << (c.cost ? ratioText(c.costJudgement) : "-") << std::setw(16)
                  << (i == 0 ? "baseline" : stats::verdictName(c.costJudgement.verdict)) << std::setw(26)
                  << qualityCell(c.quality, share) << std::setw(8) << (c.meetsBudget ? "yes" : "no")
                  << (c.onFront ? "*" : "") << '\n';
    }
    for (const auto &c : r.candidates)
        if (!c.meetsBudget)
            std::cout << "  #" << c.runId << " is outside the budget: " << c.budgetNote << '\n';
    std::cout << '\n' << (r.chosen ? "Recommended: " : "") << r.reason << '\n';
}

void printJson(const core::Recommendation &r, const RecommendOptions &o, const core::QualityBudget &budget)
{
    auto interval = [](const std::optional<stats::Interval> &i) {
        return i ? json::array({i->lo, i->hi}) : json(nullptr);
    };
    json out{{"cost", o.cost},
             {"cost_metric", core::describeCost(*core::parseCost(o.cost)).metric},
             {"budget", budget.describe()},
             {"baseline", r.candidates.front().runId},
             {"chosen", r.chosen ? json(r.candidates[*r.chosen].runId) : json(nullptr)},
             {"reason", r.reason},
             {"candidates", json::array()}};
    for (const auto &c : r.candidates)
        out["candidates"].push_back({{"run_id", c.runId},
                                     {"label", c.label},
                                     {"cost", c.cost ? json(c.cost->value) : json(nullptr)},
                                     {"cost_ratio", c.costJudgement.ratio},
                                     {"cost_ratio_interval", interval(c.costJudgement.interval)},
                                     {"verdict", stats::verdictName(c.costJudgement.verdict)},
                                     {"quality", c.quality ? json(c.quality->value) : json(nullptr)},
                                     {"quality_interval", c.quality ? interval(c.quality->interval) : json(nullptr)},
                                     {"meets_budget", c.meetsBudget},
                                     {"budget_note", c.budgetNote},
                                     {"on_front", c.onFront}});
    std::cout << out.dump(2) << '\n';
}

int recommendRuns(const RecommendOptions &o)
{
    const auto cost = core::parseCost(o.cost);
    if (!cost)
        throw std::runtime_error("--cost: '" + o.cost + "' is not latency, throughput, memory or size");
    core::QualityBudget budget;
    try {
        budget = core::parseBudget(o.budget);
    } catch (const std::invalid_argument &e) {
        throw std::runtime_error(std::string("--budget: ") + e.what());
    }
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    const auto ids = candidateIds(store, o);
    std::vector<core::RunFigures> runs;
    std::vector<std::string> labels;
    for (auto id : ids)
        runs.push_back(core::runFigures(store, id));
    for (const auto &r : runs)
        labels.push_back(core::configurationLabel(r.specJson, runs.front().specJson));
    const auto thresholds = core::thresholdsFor(store, runs.front(), o.thresholdPercent / 100);
    const auto rec = core::recommend(runs, labels, *cost, budget, thresholds);
    if (o.json)
        printJson(rec, o, budget);
    else
        printText(rec, o, budget);
    return rec.chosen ? 0 : 1;
}

} // namespace

void addRecommendCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<RecommendOptions>();
    auto *cmd = app.add_subcommand("recommend",
                                   "The cheapest stored configuration whose quality meets a budget, with its "
                                   "interval and the reason; exit 1 when no run meets the budget");
    cmd->add_option("runs", o->ids,
                    "Run ids to choose from, the baseline first (default: the runs interleaved with --baseline, "
                    "or every finished run of its model)");
    cmd->add_option("--baseline", o->baseline, "The run the others are measured against (default: the first)");
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_option("--cost", o->cost, "What to minimise: latency, throughput (maximised), memory or size")
        ->default_str("latency");
    cmd->add_option("--budget", o->budget,
                    "The quality to keep, on the interval's pessimistic end: 'agreement>=99%', "
                    "'accuracy>=baseline-1%', 'perplexity<=baseline+0.5'")
        ->default_str("agreement>=99%");
    cmd->add_option("--threshold", o->thresholdPercent, "A change within this many percent is no change (default 2)");
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->callback([o, &exit] { exit.value = recommendRuns(*o); });
}

} // namespace optibench::cli
