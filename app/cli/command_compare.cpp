// optibench-cli compare ID ID... [--baseline ID]: metrics side by side with deltas against a
// baseline run, and the spec and environment fields in which the runs differ (another CPU, ISA
// level or int8 scheme shows there).
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
};

std::string shown(const json *v)
{
    if (!v)
        return "-";
    return v->is_string() ? v->get<std::string>() : v->dump();
}

std::string number(double v)
{
    std::ostringstream s;
    const double a = std::fabs(v);
    if (a != 0 && (a >= 1e7 || a < 1e-3))
        s << std::setprecision(4) << v; // scientific where fixed would hide the digits
    else
        s << std::fixed << std::setprecision(a >= 100 ? 1 : a >= 1 ? 3 : 4) << v;
    return s.str();
}

std::string signedNumber(double v)
{
    return (v > 0 ? "+" : "") + number(v);
}

std::string percent(double p)
{
    std::ostringstream s;
    s << std::showpos << std::fixed << std::setprecision(1) << p << '%';
    return s.str();
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

int compare(const CompareOptions &o)
{
    if (o.ids.size() < 2)
        throw std::runtime_error("compare: give at least two run ids");
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    requireRuns(store, o.ids);
    const std::int64_t baseId = o.baseline != 0 ? o.baseline : o.ids.front();
    std::size_t base = o.ids.size();
    for (std::size_t i = 0; i < o.ids.size(); ++i)
        if (o.ids[i] == baseId)
            base = i;
    if (base == o.ids.size())
        throw std::runtime_error("--baseline " + std::to_string(baseId) + " is not one of the compared runs");

    std::vector<core::RunRecord> runs;
    std::vector<std::string> specTexts, environmentTexts;
    std::map<std::string, MetricRow> rows;
    for (std::size_t i = 0; i < o.ids.size(); ++i) {
        runs.push_back(*store.run(o.ids[i]));
        specTexts.push_back(runs.back().specJson);
        environmentTexts.push_back(runs.back().environmentJson);
        for (const auto &m : store.metrics(o.ids[i])) {
            auto &row = rows[m.key];
            row.key = m.key;
            row.unit = m.unit;
            row.values.resize(o.ids.size());
            row.values[i] = m.value;
        }
    }

    const auto specs = core::differingFields(specTexts, {"name"}); // the name is shown with the run
    const auto environments = core::differingFields(environmentTexts, {});
    std::vector<const MetricRow *> shownRows;
    for (auto &[key, row] : rows) {
        row.values.resize(o.ids.size());
        bool same = true;
        for (const auto &v : row.values)
            same = same && v.has_value() && row.values[0].has_value() && *v == *row.values[0];
        if (!(o.diffOnly && same))
            shownRows.push_back(&row);
    }

    if (o.json) {
        json out;
        out["baseline"] = baseId;
        out["runs"] = json::array();
        for (const auto &r : runs)
            out["runs"].push_back({{"id", r.id}, {"name", r.name}, {"status", core::toString(r.status)}});
        out["spec_differences"] = differencesJson(specs);
        out["environment_differences"] = differencesJson(environments);
        out["metrics"] = json::array();
        for (const auto *row : shownRows) {
            json values = json::array(), deltas = json::array(), percents = json::array();
            const auto &b = row->values[base];
            for (std::size_t i = 0; i < row->values.size(); ++i) {
                const auto &v = row->values[i];
                values.push_back(v ? json(*v) : json(nullptr));
                const bool has = v && b && i != base;
                deltas.push_back(has ? json(*v - *b) : json(nullptr));
                percents.push_back(has && *b != 0 ? json(100.0 * (*v - *b) / std::fabs(*b)) : json(nullptr));
            }
            out["metrics"].push_back(
                {{"key", row->key}, {"unit", row->unit}, {"values", values}, {"delta", deltas}, {"percent", percents}});
        }
        std::cout << out.dump(2) << '\n';
        return 0;
    }

    // Text: one column per run; other runs show "value (delta, percent)" against the baseline.
    std::vector<std::string> headers;
    for (std::size_t i = 0; i < runs.size(); ++i)
        headers.push_back("#" + std::to_string(runs[i].id) + (i == base ? " (baseline)" : ""));
    std::cout << "Runs\n";
    for (std::size_t i = 0; i < runs.size(); ++i)
        std::cout << "  " << std::left << std::setw(18) << headers[i] << std::setw(12) << core::toString(runs[i].status)
                  << runs[i].name << '\n';

    auto table = [&](const std::string &title, const std::vector<std::vector<std::string>> &cells) {
        std::vector<std::size_t> width(headers.size() + 1, 0);
        std::vector<std::string> head{title};
        head.insert(head.end(), headers.begin(), headers.end());
        for (const auto *row : {&head})
            for (std::size_t c = 0; c < row->size(); ++c)
                width[c] = std::max(width[c], (*row)[c].size());
        for (const auto &row : cells)
            for (std::size_t c = 0; c < row.size(); ++c)
                width[c] = std::max(width[c], row[c].size());
        std::cout << '\n';
        for (std::size_t c = 0; c < head.size(); ++c)
            std::cout << (c == 0 ? "" : "  ") << std::left << std::setw(static_cast<int>(width[c])) << head[c];
        std::cout << '\n';
        for (const auto &row : cells) {
            for (std::size_t c = 0; c < row.size(); ++c)
                std::cout << (c == 0 ? "" : "  ") << (c == 0 ? std::left : std::right)
                          << std::setw(static_cast<int>(width[c])) << row[c];
            std::cout << '\n';
        }
    };

    if (specs.differing.empty())
        std::cout << "\nThe specs are the same.\n";
    else
        table("Spec differences", differenceCells(specs));
    if (environments.differing.empty())
        std::cout << "\nThe runs' environments are the same.\n";
    else
        table("Environment differences (machine, libraries, ISA, int8 scheme)", differenceCells(environments));

    std::vector<std::vector<std::string>> metricCells;
    for (const auto *row : shownRows) {
        std::vector<std::string> cells{row->key + (row->unit.empty() ? "" : " (" + row->unit + ")")};
        const auto &b = row->values[base];
        for (std::size_t i = 0; i < row->values.size(); ++i) {
            const auto &v = row->values[i];
            std::string cell = v ? number(*v) : "-";
            if (v && b && i != base) {
                cell += " (" + signedNumber(*v - *b);
                if (*b != 0)
                    cell += ", " + percent(100.0 * (*v - *b) / std::fabs(*b));
                cell += ")";
            }
            cells.push_back(cell);
        }
        metricCells.push_back(std::move(cells));
    }
    if (metricCells.empty())
        std::cout << (o.diffOnly ? "\nNo metric differs.\n" : "\nNo metrics.\n");
    else
        table("Metrics", metricCells);
    return 0;
}

} // namespace

void addCompareCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<CompareOptions>();
    auto *cmd = app.add_subcommand("compare",
                                   "Metrics of runs side by side, with deltas against a baseline, "
                                   "and the spec and environment fields in which they differ");
    cmd->add_option("runs", o->ids, "Run ids (two or more)")->required();
    cmd->add_option("--baseline", o->baseline, "The run the others are compared with (default: the first)");
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_flag("--diff-only", o->diffOnly, "Hide metrics that are the same in every run");
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->callback([o, &exit] { exit.value = compare(*o); });
}

} // namespace optibench::cli
