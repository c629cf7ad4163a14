// optibench-cli trace-diff A B: what changed in the ops and kernels between two traced runs
// (the table the comparison view shows under "Trace diff").
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/store.h"
#include "app/core/trace_records.h"
#include "profiler/trace/trace_diff.h"

namespace optibench::cli {
namespace {

struct TraceDiffOptions {
    std::int64_t a = 0, b = 0;
    std::string db;
    double minChange = 0.05;
    int top = 25;
    bool json = false;
};

const char *statusName(profiler::DiffStatus s)
{
    switch (s) {
    case profiler::DiffStatus::Added: return "added";
    case profiler::DiffStatus::Removed: return "removed";
    case profiler::DiffStatus::Changed: return "changed";
    case profiler::DiffStatus::Same: return "same";
    }
    return "?";
}

profiler::Trace load(core::Store &store, std::int64_t id)
{
    if (!store.run(id))
        throw std::runtime_error(store.path() + ": there is no run " + std::to_string(id));
    if (store.traceEventCount(id) == 0)
        throw std::runtime_error("run " + std::to_string(id) + " has no trace (run it with profiling.ops on)");
    return core::toTrace(store.traceEvents(id));
}

void printTable(const char *title, const std::vector<profiler::DiffRow> &rows, int top)
{
    std::printf("%s\n  %-40s %-8s %8s %8s %12s %12s %12s\n", title, "name", "change", "calls A", "calls B", "time A ms",
                "time B ms", "delta ms");
    int shown = 0;
    for (const auto &r : rows) {
        if (r.status == profiler::DiffStatus::Same)
            continue;
        if (shown++ == top)
            break;
        std::printf("  %-40.40s %-8s %8lld %8lld %12.3f %12.3f %+12.3f\n", r.name.c_str(), statusName(r.status),
                    static_cast<long long>(r.countA), static_cast<long long>(r.countB), r.totalNsA / 1e6,
                    r.totalNsB / 1e6, r.deltaNs() / 1e6);
    }
    if (shown == 0)
        std::printf("  (no differences)\n");
}

nlohmann::json rowsJson(const std::vector<profiler::DiffRow> &rows)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &r : rows)
        out.push_back({{"name", r.name},
                       {"status", statusName(r.status)},
                       {"count_a", r.countA},
                       {"count_b", r.countB},
                       {"total_ns_a", r.totalNsA},
                       {"total_ns_b", r.totalNsB},
                       {"self_ns_a", r.selfNsA},
                       {"self_ns_b", r.selfNsB}});
    return out;
}

int traceDiff(const TraceDiffOptions &o)
{
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    const auto diff = profiler::diffTraces(load(store, o.a), load(store, o.b), o.minChange);
    if (o.json) {
        std::cout << nlohmann::json{{"a", o.a},
                                    {"b", o.b},
                                    {"ops", rowsJson(diff.ops)},
                                    {"kernels", rowsJson(diff.kernels)}}
                         .dump(2)
                  << '\n';
        return 0;
    }
    std::printf("A = run %lld, B = run %lld; rows changed by more than %.0f %%, largest time difference first\n",
                static_cast<long long>(o.a), static_cast<long long>(o.b), o.minChange * 100);
    printTable("Ops", diff.ops, o.top);
    if (!diff.kernels.empty())
        printTable("Kernels", diff.kernels, o.top);
    return 0;
}

} // namespace

void addTraceDiffCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<TraceDiffOptions>();
    auto *cmd = app.add_subcommand("trace-diff", "Ops and kernels added, removed or changed between two traced runs");
    cmd->add_option("a", o->a, "Run id A (the reference)")->required();
    cmd->add_option("b", o->b, "Run id B")->required();
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_option("--min-change", o->minChange,
                    "Hide rows whose time changed by less than this fraction (default 0.05)");
    cmd->add_option("--top", o->top, "At most this many rows per table (default 25)");
    cmd->add_flag("--json", o->json, "Every row, machine-readable");
    cmd->callback([o, &exit] { exit.value = traceDiff(*o); });
}

} // namespace optibench::cli
