// optibench-cli compare ID ID... [--baseline ID] [--threshold PCT]: metrics side by side with
// their 95% intervals, each run's ratio to a baseline run with its interval and verdict (better,
// worse, no change, inconclusive), the blocks that ran beside other work, and the spec and
// environment fields in which the runs differ (another CPU, ISA level or int8 scheme shows there).
// With --group-by, --top or more than six runs, runs (or groups) are rows instead (compare_rows.h).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/cli/compare_rows.h"
#include "app/cli/compare_text.h"
#include "app/core/environment_drift.h"
#include "app/core/grouping.h"
#include "app/core/noise_floor.h"
#include "app/core/run_statistics.h"
#include "app/core/spec.h"
#include "app/core/spec_diff.h"
#include "app/core/store.h"

namespace optibench::cli {
namespace {

using nlohmann::json;

struct CompareOptions {
    std::vector<std::int64_t> ids;
    std::int64_t baseline = 0;
    std::string db;
    bool diffOnly = false;
    bool json = false;
    double thresholdPercent = 100 * stats::kDefaultThreshold;
    std::vector<std::string> groupBy;
    std::vector<std::string> metrics;
    int top = 0;
};

std::string shown(const json *v)
{
    if (!v)
        return "-";
    return v->is_string() ? v->get<std::string>() : v->dump();
}

json differencesJson(const core::FieldDifferences &d)
{
    json out = json::object();
    for (const auto &path : d.differing) {
        json values = json::array();
        for (std::size_t run = 0; run < d.perRun.size(); ++run) {
            const json *v = d.value(run, path);
            values.push_back(v ? *v : json(nullptr));
        }
        out[path] = std::move(values);
    }
    return out;
}

std::vector<std::vector<std::string>> differenceCells(const core::FieldDifferences &d)
{
    std::vector<std::vector<std::string>> cells;
    for (const auto &path : d.differing) {
        std::vector<std::string> row{path};
        for (std::size_t run = 0; run < d.perRun.size(); ++run)
            row.push_back(shown(d.value(run, path)));
        cells.push_back(std::move(row));
    }
    return cells;
}

struct MetricRow {
    std::string key, unit;
    std::vector<std::optional<double>> values; // per run, in the order given
};

// What compare reads from the store: the runs, their figures, the metric rows and the fields in
// which the runs differ.
struct Comparison {
    std::vector<core::RunRecord> runs;
    std::vector<core::RunFigures> figures;
    std::map<std::string, MetricRow> rows;
    core::FieldDifferences specs, environments;
    std::size_t base = 0;
    std::int64_t baseId = 0;
    core::Thresholds thresholds; // the user's, raised to the baseline's noise floors

    stats::Judgement judge(const MetricRow &row, std::size_t i) const
    {
        return core::judgeMetric(row.key, figures[i], figures[base], thresholds.of(row.key));
    }
    core::Drift drift(std::size_t i) const
    {
        return core::driftBetween(runs[i].environmentJson, runs[i].specJson, runs[base].environmentJson,
                                  runs[base].specJson);
    }
};

Comparison load(const CompareOptions &o)
{
    if (o.ids.size() < 2)
        throw std::runtime_error("compare: give at least two run ids");
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    requireRuns(store, o.ids);
    Comparison c;
    c.baseId = o.baseline != 0 ? o.baseline : o.ids.front();
    c.base = o.ids.size();
    for (std::size_t i = 0; i < o.ids.size(); ++i)
        if (o.ids[i] == c.baseId)
            c.base = i;
    if (c.base == o.ids.size())
        throw std::runtime_error("--baseline " + std::to_string(c.baseId) + " is not one of the compared runs");

    std::vector<std::string> specTexts, environmentTexts;
    for (std::size_t i = 0; i < o.ids.size(); ++i) {
        c.runs.push_back(*store.run(o.ids[i]));
        specTexts.push_back(c.runs.back().specJson);
        environmentTexts.push_back(c.runs.back().environmentJson);
        c.figures.push_back(core::runFigures(store, o.ids[i]));
        for (const auto &m : store.metrics(o.ids[i])) {
            auto &row = c.rows[m.key];
            row.key = m.key;
            row.unit = m.unit;
            row.values.resize(o.ids.size());
            row.values[i] = m.value;
        }
    }
    for (auto &[key, row] : c.rows)
        row.values.resize(o.ids.size());
    c.specs = core::differingFields(specTexts, {"name"}); // the name is shown with the run
    c.environments = core::environmentDifferences(environmentTexts);
    c.thresholds = core::thresholdsFor(store, c.figures[c.base], o.thresholdPercent / 100);
    return c;
}

std::vector<const MetricRow *> shownRows(const Comparison &c, bool diffOnly)
{
    std::vector<const MetricRow *> shown;
    for (const auto &[key, row] : c.rows) {
        bool same = true;
        for (const auto &v : row.values)
            same = same && v.has_value() && row.values[0].has_value() && *v == *row.values[0];
        if (!(diffOnly && same))
            shown.push_back(&row);
    }
    return shown;
}

json metricJson(const Comparison &c, const MetricRow &row)
{
    json values = json::array(), intervals = json::array(), qualifiers = json::array(), deltas = json::array(),
         percents = json::array(), ratios = json::array(), ratioIntervals = json::array(), verdicts = json::array();
    const auto &b = row.values[c.base];
    for (std::size_t i = 0; i < row.values.size(); ++i) {
        const auto &v = row.values[i];
        const auto figure = core::figureOf(row.key, c.figures[i]);
        values.push_back(v ? json(*v) : json(nullptr));
        intervals.push_back(figure ? intervalJson(figure->interval) : json(nullptr));
        qualifiers.push_back(figure && !figure->qualifier.empty() ? json(figure->qualifier) : json(nullptr));
        const bool has = v && b && i != c.base;
        deltas.push_back(has ? json(*v - *b) : json(nullptr));
        percents.push_back(has && *b != 0 ? json(100.0 * (*v - *b) / std::fabs(*b)) : json(nullptr));
        const auto j = c.judge(row, i);
        const bool judged = has && std::isfinite(j.ratio) && j.verdict != stats::Verdict::NotJudged;
        ratios.push_back(judged ? json(j.ratio) : json(nullptr));
        ratioIntervals.push_back(judged ? intervalJson(j.interval) : json(nullptr));
        verdicts.push_back(has ? json(stats::verdictName(j.verdict)) : json(nullptr));
    }
    return {{"key", row.key},
            {"unit", row.unit},
            {"values", values},
            {"intervals", intervals},
            {"qualifiers", qualifiers},
            {"delta", deltas},
            {"percent", percents},
            {"ratio", ratios},
            {"ratio_interval", ratioIntervals},
            {"verdict", verdicts},
            {"threshold", c.thresholds.of(row.key)}};
}

void printJson(const Comparison &c, const std::vector<const MetricRow *> &rows)
{
    json out;
    out["baseline"] = c.baseId;
    out["threshold"] = c.thresholds.threshold;
    out["noise_floors"] = json::object();
    for (const auto &[metric, f] : c.thresholds.floors)
        out["noise_floors"][metric] = {{"floor", f.floor}, {"pairs", f.pairs}, {"runs", f.runIds}};
    out["runs"] = json::array();
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        const auto &r = c.runs[i];
        const auto &blocks = c.figures[i].blocks;
        const auto drift = c.drift(i);
        auto fields = [](const std::vector<core::Drift::Field> &fs) {
            json out = json::array();
            for (const auto &f : fs)
                out.push_back({{"field", f.path}, {"value", f.run}, {"baseline", f.baseline}});
            return out;
        };
        out["runs"].push_back({{"id", r.id},
                               {"name", r.name},
                               {"status", core::toString(r.status)},
                               {"blocks", blocks.count()},
                               {"noisy_blocks", blocks.noisyCount()},
                               {"comparable", drift.comparable()},
                               {"interleaved_with", c.figures[i].interleavedWith},
                               {"paired_with_baseline", i != c.base && c.figures[i].pairedWith(c.figures[c.base])},
                               {"hard_drift", fields(drift.hard)},
                               {"soft_drift", fields(drift.soft)}});
    }
    out["spec_differences"] = differencesJson(c.specs);
    out["environment_differences"] = differencesJson(c.environments);
    out["metrics"] = json::array();
    for (const auto *row : rows)
        out["metrics"].push_back(metricJson(c, *row));
    std::cout << out.dump(2) << '\n';
}

// One row of the metric table, and what the inconclusive cells would need, as notes.
std::vector<std::string> metricCells(const Comparison &c, const MetricRow &row, std::vector<std::string> &notes)
{
    std::vector<std::string> cells{row.key + (row.unit.empty() ? "" : " (" + row.unit + ")")};
    for (std::size_t i = 0; i < row.values.size(); ++i) {
        const auto figure = core::figureOf(row.key, c.figures[i]);
        std::string cell = figure ? figureText(*figure) : "-";
        if (figure && i != c.base && row.values[c.base]) {
            const auto j = c.judge(row, i);
            if (j.verdict != stats::Verdict::NotJudged) // a count or a setting: no ratio, no verdict
                cell += "  " + judgementText(j);
            if (j.verdict == stats::Verdict::Inconclusive && j.moreBlocks > 0)
                notes.push_back("#" + std::to_string(c.runs[i].id) + " " + row.key + ": a change under "
                                + percent(100 * j.detectable).substr(1) + " cannot be told from noise; about "
                                + std::to_string(j.moreBlocks) + " more blocks would decide");
        }
        cells.push_back(std::move(cell));
    }
    return cells;
}

// Runs on another machine or with other settings than the baseline: not comparable (their
// timing verdicts are withheld), or a warning.
void printDrift(const Comparison &c)
{
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        if (i == c.base)
            continue;
        const auto d = c.drift(i);
        const std::string id = "#" + std::to_string(c.runs[i].id);
        if (!d.comparable())
            std::cout << "  Not comparable: " << id << " ran on another machine or with other settings than the "
                      << "baseline: " << core::Drift::describe(d.hard) << "; its timing verdicts are withheld\n";
        if (!d.soft.empty())
            std::cout << "  Warning: " << id
                      << "'s environment differs from the baseline's: " << core::Drift::describe(d.soft) << '\n';
    }
}

void printNoise(const Comparison &c)
{
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        const auto summary = c.figures[i].blocks.noiseSummary();
        if (!summary.empty())
            std::cout << "  #" << c.runs[i].id << ": " << summary << '\n';
    }
}

// "  (interleaved with the baseline: blocks compared round by round)" for a run paired with it.
std::string pairing(const Comparison &c, std::size_t i)
{
    if (i == c.base || !c.figures[i].pairedWith(c.figures[c.base]))
        return {};
    return std::string(c.runs[i].name.empty() ? "" : "  ")
        + "(interleaved with the baseline: blocks compared round by round)";
}

// The noise floors that raised a metric's threshold, from `calibrate` on the baseline's machine.
void printFloors(const Comparison &c)
{
    std::string raised;
    for (const auto &[metric, f] : c.thresholds.floors)
        if (f.floor > c.thresholds.threshold)
            raised += (raised.empty() ? "" : ", ") + metric + " " + percent(100 * f.floor).substr(1);
    if (!raised.empty())
        std::cout << "  Noise floor of this machine and model (calibrate, " << c.thresholds.floors.begin()->second.pairs
                  << " A/A pairs) raises the threshold: " << raised << '\n';
}

void printText(const Comparison &c, const std::vector<const MetricRow *> &rows, bool diffOnly)
{
    std::vector<std::string> headers;
    for (std::size_t i = 0; i < c.runs.size(); ++i)
        headers.push_back("#" + std::to_string(c.runs[i].id) + (i == c.base ? " (baseline)" : ""));
    std::cout << "Runs\n";
    for (std::size_t i = 0; i < c.runs.size(); ++i)
        std::cout << "  " << std::left << std::setw(18) << headers[i] << std::setw(12)
                  << core::toString(c.runs[i].status) << c.runs[i].name << pairing(c, i) << '\n';
    printNoise(c);
    printDrift(c);

    if (c.specs.differing.empty())
        std::cout << "\nThe specs are the same.\n";
    else
        printTable("Spec differences", headers, differenceCells(c.specs));
    if (c.environments.differing.empty())
        std::cout << "\nThe runs' environments are the same.\n";
    else
        printTable("Environment differences (machine, libraries, ISA, int8 scheme)", headers,
                   differenceCells(c.environments));

    std::vector<std::vector<std::string>> cells;
    std::vector<std::string> notes;
    for (const auto *row : rows)
        cells.push_back(metricCells(c, *row, notes));
    if (cells.empty()) {
        std::cout << (diffOnly ? "\nNo metric differs.\n" : "\nNo metrics.\n");
        return;
    }
    printTable("Metrics: value [95% interval]  ratio to the baseline [95%] verdict (threshold "
                   + percent(100 * c.thresholds.threshold).substr(1) + ")",
               headers, cells);
    for (const auto &n : notes)
        std::cout << "  " << n << '\n';
    printFloors(c);
}

// Runs or groups as rows: --group-by, --top, or more runs than columns can show.
int compareAsRows(const Comparison &c, const CompareOptions &o)
{
    RowOptions rows{o.metrics.empty() ? defaultRowMetrics(c.figures) : o.metrics, o.groupBy, o.top};
    for (const auto &key : o.metrics)
        if (!c.rows.count(key))
            throw std::runtime_error("--metric " + key + ": none of the compared runs has this metric");
    const ComparedRuns runs{c.runs, c.figures, c.base, c.thresholds};
    try {
        if (o.json)
            std::cout << rowsJson(runs, rows).dump(2) << '\n';
        else
            printRows(runs, rows);
    } catch (const core::SpecError &e) {
        throw std::runtime_error(std::string("--group-by: ") + e.what());
    }
    return 0;
}

int compare(const CompareOptions &o)
{
    if (!(o.thresholdPercent >= 0 && o.thresholdPercent < 100))
        throw std::runtime_error("--threshold must be a percentage in [0, 100), not " + number(o.thresholdPercent));
    if (o.top < 0)
        throw std::runtime_error("--top must be at least 1");
    const auto c = load(o);
    if (!o.groupBy.empty() || o.top > 0 || (!o.json && c.runs.size() > core::kMostRunColumns))
        return compareAsRows(c, o);
    const auto rows = shownRows(c, o.diffOnly);
    if (o.json)
        printJson(c, rows);
    else
        printText(c, rows, o.diffOnly);
    return 0;
}

} // namespace

void addCompareCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<CompareOptions>();
    auto *cmd = app.add_subcommand("compare",
                                   "Metrics of runs side by side with their intervals, a verdict for each "
                                   "against a baseline, and the spec and environment fields in which they differ");
    cmd->add_option("runs", o->ids, "Run ids (two or more)")->required();
    cmd->add_option("--baseline", o->baseline, "The run the others are compared with (default: the first)");
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_flag("--diff-only", o->diffOnly, "Hide metrics that are the same in every run");
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->add_option("--threshold", o->thresholdPercent,
                    "A change within this many percent is no change (default 2); the verdicts compare "
                    "each ratio's 95% interval with it");
    cmd->add_option("--group-by", o->groupBy,
                    "Group runs by these spec fields (e.g. quantization,padding): a row per group, with the "
                    "median of its runs")
        ->delimiter(',');
    cmd->add_option("--top", o->top, "Show only the best and the worst N rows (and the baseline)");
    cmd->add_option("--metric", o->metrics,
                    "Metrics shown as columns when runs are rows, the first sorting them (default: latency "
                    "mean, throughput and a quality metric)")
        ->delimiter(',');
    cmd->callback([o, &exit] { exit.value = compare(*o); });
}

} // namespace optibench::cli
