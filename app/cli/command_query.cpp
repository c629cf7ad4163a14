// optibench-cli list / show: read the run store.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/spec.h"
#include "app/core/store.h"

namespace optibench::cli {
namespace {

struct QueryOptions {
    std::string db;
    bool json = false;
    std::string status;
    std::string text;
    int limit = 0;
    std::int64_t runId = 0;
};

std::string dbPath(const QueryOptions &o)
{
    return o.db.empty() ? defaultDatabasePath() : o.db;
}

nlohmann::json parseOrString(const std::string &text)
{
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? nlohmann::json(text) : j;
}

std::string toggles(const core::RunRecord &r)
{
    try {
        return core::describeToggles(core::parseSpecText(r.specJson));
    } catch (const std::exception &) {
        return "?";
    }
}

const core::Metric *find(const std::vector<core::Metric> &metrics, const std::string &key)
{
    for (const auto &m : metrics)
        if (m.key == key)
            return &m;
    return nullptr;
}

std::string fixed(const core::Metric *m, int precision)
{
    if (!m)
        return "-";
    std::ostringstream s;
    s << std::fixed << std::setprecision(precision) << m->value;
    return s.str();
}

nlohmann::json runJson(const core::RunRecord &r)
{
    nlohmann::json j = {{"id", r.id},
                        {"name", r.name},
                        {"model", r.modelSource},
                        {"status", core::toString(r.status)},
                        {"created_at_ms", r.createdAtMs},
                        {"finished_at_ms", r.finishedAtMs},
                        {"error", r.error},
                        {"notes", r.notes}};
    j["baseline_run_id"] = r.baselineRunId ? nlohmann::json(*r.baselineRunId) : nlohmann::json(nullptr);
    return j;
}

int listRuns(const QueryOptions &o)
{
    core::Store store(dbPath(o));
    core::RunFilter filter;
    if (!o.status.empty()) {
        filter.status = core::runStatusFromString(o.status);
        if (!filter.status)
            throw std::runtime_error("--status: unknown status '" + o.status
                                     + "' (running, done, failed, cancelled, interrupted)");
    }
    filter.text = o.text;
    filter.limit = o.limit;
    const auto runs = store.runs(filter);

    if (o.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &r : runs) {
            auto j = runJson(r);
            j["toggles"] = toggles(r);
            out.push_back(std::move(j));
        }
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    // The toggles column is as wide as its longest entry, so it never runs into the name.
    std::size_t togglesWidth = 24;
    for (const auto &r : runs)
        togglesWidth = std::max(togglesWidth, toggles(r).size() + 2);
    const int tw = static_cast<int>(togglesWidth);
    std::cout << std::left << std::setw(6) << "ID" << std::setw(12) << "STATUS" << std::setw(21) << "CREATED"
              << std::setw(12) << "P50 ms" << std::setw(14) << "TOKENS/s" << std::setw(tw) << "TOGGLES"
              << "NAME\n";
    for (const auto &r : runs) {
        const auto metrics = store.metrics(r.id);
        std::cout << std::left << std::setw(6) << r.id << std::setw(12) << core::toString(r.status) << std::setw(21)
                  << formatTime(r.createdAtMs) << std::setw(12) << fixed(find(metrics, "latency_p50_ms"), 2)
                  << std::setw(14) << fixed(find(metrics, "throughput_tokens_s"), 0) << std::setw(tw) << toggles(r)
                  << r.name << '\n';
    }
    return 0;
}

int showRun(const QueryOptions &o)
{
    core::Store store(dbPath(o));
    const auto run = store.run(o.runId);
    if (!run)
        throw std::runtime_error(dbPath(o) + ": there is no run " + std::to_string(o.runId));
    const auto metrics = store.metrics(o.runId);

    if (o.json) {
        auto j = runJson(*run);
        j["spec"] = parseOrString(run->specJson);
        j["environment"] = parseOrString(run->environmentJson);
        nlohmann::json m = nlohmann::json::object();
        for (const auto &metric : metrics)
            m[metric.key] = {{"value", metric.value}, {"unit", metric.unit}};
        j["metrics"] = std::move(m);
        nlohmann::json series = nlohmann::json::object();
        for (const auto &p : store.series(o.runId))
            series[p.name].push_back({p.step, p.value});
        j["series"] = std::move(series);
        j["trace_events"] = store.traceEventCount(o.runId);
        std::cout << j.dump(2) << '\n';
        return 0;
    }
    std::cout << "Run " << run->id << (run->name.empty() ? "" : " \"" + run->name + "\"") << '\n'
              << "  status    " << core::toString(run->status) << '\n'
              << "  model     " << run->modelSource << '\n'
              << "  toggles   " << toggles(*run) << '\n'
              << "  created   " << formatTime(run->createdAtMs) << '\n'
              << "  finished  " << formatTime(run->finishedAtMs) << '\n';
    if (!run->error.empty())
        std::cout << "  error     " << run->error << '\n';
    std::cout << "Metrics\n";
    for (const auto &m : metrics)
        std::cout << "  " << std::left << std::setw(24) << m.key << std::right << std::setw(16) << std::setprecision(6)
                  << m.value << ' ' << m.unit << '\n';
    const auto events = store.traceEventCount(o.runId);
    if (events > 0)
        std::cout << "Trace: " << events << " events\n";
    return 0;
}

} // namespace

void addQueryCommands(CLI::App &app, ExitCode &exit)
{
    auto lo = std::make_shared<QueryOptions>();
    auto *list = app.add_subcommand("list", "List stored runs, newest first");
    list->add_option("--db", lo->db, "Run store (SQLite file)");
    list->add_flag("--json", lo->json, "Machine-readable output");
    list->add_option("--status", lo->status, "Only runs with this status");
    list->add_option("--search", lo->text, "Only runs whose name, notes, model or spec contain this text");
    list->add_option("--limit", lo->limit, "At most this many runs");
    list->callback([lo, &exit] { exit.value = listRuns(*lo); });

    auto so = std::make_shared<QueryOptions>();
    auto *show = app.add_subcommand("show", "Show one run: status, spec, environment, metrics");
    show->add_option("run", so->runId, "Run id")->required();
    show->add_option("--db", so->db, "Run store (SQLite file)");
    show->add_flag("--json", so->json, "Machine-readable output (spec, environment, metrics, series)");
    show->callback([so, &exit] { exit.value = showRun(*so); });
}

} // namespace optibench::cli
