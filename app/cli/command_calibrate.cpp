// optibench-cli calibrate SPEC [--pairs N]: runs the spec against itself in interleaved blocks
// (A/A) N times and stores, per timed metric, how far the twins landed apart: the noise floor of
// this machine and model, which later verdicts take as their threshold when it is the larger.
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/noise_floor.h"
#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/session/run_executor.h"

namespace optibench::cli {
namespace {

struct CalibrateOptions {
    std::string spec;
    std::string db;
    int pairs = 3;
    bool json = false;
    bool quiet = false;
};

// One A/A pair, interleaved in one process: the spec against itself.
std::pair<core::RunFigures, core::RunFigures> runPair(const CalibrateOptions &o, const core::ExperimentSpec &spec,
                                                      core::Store &store, int pair)
{
    session::RunExecutor executor(store);
    std::vector<session::RunCallbacks> callbacks(2);
    if (!o.quiet && stderrIsTerminal())
        for (int side = 0; side < 2; ++side)
            callbacks[std::size_t(side)].progress = [&o, pair, side](const std::string &stage, std::int64_t done,
                                                                     std::int64_t total, const std::string &) {
                std::fprintf(stderr, "\r  pair %d of %d, %s: %s %lld/%lld      ", pair + 1, o.pairs,
                             side == 0 ? "A" : "A'", stage.c_str(), static_cast<long long>(done),
                             static_cast<long long>(total));
                std::fflush(stderr);
            };
    const auto outcomes = executor.executeInterleaved({spec, spec}, callbacks);
    if (!o.quiet && stderrIsTerminal())
        std::fprintf(stderr, "\r%70s\r", "");
    for (const auto &r : outcomes)
        if (r.status != core::RunStatus::Done)
            throw std::runtime_error("calibrate: run " + std::to_string(r.runId) + " " + core::toString(r.status) + ": "
                                     + r.error);
    return {core::runFigures(store, outcomes[0].runId), core::runFigures(store, outcomes[1].runId)};
}

void printText(const std::vector<std::pair<core::RunFigures, core::RunFigures>> &pairs,
               const std::map<std::string, double> &floors, const std::string &machine, const std::string &model)
{
    std::cout << "Noise floor of " << machine << ", model " << model << " (" << pairs.size()
              << " interleaved A/A pairs: runs";
    for (const auto &[a, b] : pairs)
        std::cout << " " << a.runId << "/" << b.runId;
    std::cout << ")\n\n" << std::left << std::setw(24) << "metric";
    for (std::size_t p = 0; p < pairs.size(); ++p)
        std::cout << std::setw(12) << ("A'/A " + std::to_string(p + 1));
    std::cout << "floor\n";
    for (const auto &[metric, floor] : floors) {
        std::cout << std::setw(24) << metric << std::fixed << std::setprecision(3);
        for (const auto &[a, b] : pairs) {
            const auto x = a.metrics.find(metric), y = b.metrics.find(metric);
            const bool has = x != a.metrics.end() && y != b.metrics.end() && x->second > 0;
            std::cout << std::setw(12) << (has ? std::to_string(y->second / x->second).substr(0, 5) : "-");
        }
        std::cout << std::setprecision(1) << 100 * floor << "%\n";
    }
    std::cout << "\nVerdicts against runs of this model on this machine now need a change beyond the larger of "
                 "the threshold and these floors.\n";
}

int calibrate(const CalibrateOptions &o)
{
    if (o.pairs < 1)
        throw std::runtime_error("--pairs must be at least 1");
    const auto spec = loadSpec(o.spec);
    if (const auto why = core::calibrationRefusal(spec); !why.empty())
        throw std::runtime_error(o.spec + ": " + why);
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    std::vector<std::pair<core::RunFigures, core::RunFigures>> pairs;
    for (int p = 0; p < o.pairs; ++p)
        pairs.push_back(runPair(o, spec, store, p));
    const auto c = core::calibrate(store, pairs);
    if (o.json)
        std::cout << nlohmann::json{{"machine", c.machine},
                                    {"model", c.model},
                                    {"runs", c.runIds},
                                    {"floors", c.floors}}
                         .dump(2)
                  << '\n';
    else
        printText(pairs, c.floors, c.machine, c.model);
    return 0;
}

} // namespace

void addCalibrateCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<CalibrateOptions>();
    auto *cmd = app.add_subcommand("calibrate",
                                   "Run a spec against itself in interleaved blocks and store the spread of each "
                                   "timed metric: the noise floor verdicts on this machine and model then respect");
    cmd->add_option("spec", o->spec, "The baseline's experiment spec (JSON)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--pairs", o->pairs, "How many A/A pairs to run (default 3)");
    cmd->add_option("--db", o->db, "Run store (SQLite file); default $OPTIBENCH_DB or the desktop app's store");
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->add_flag("-q,--quiet", o->quiet, "No progress on stderr");
    cmd->callback([o, &exit] { exit.value = calibrate(*o); });
}

} // namespace optibench::cli
