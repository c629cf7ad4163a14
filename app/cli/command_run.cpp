// optibench-cli run SPEC... --db FILE [--interleave]: executes specs in order (or with their
// blocks interleaved), each as a stored run.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/run_statistics.h"
#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/session/run_executor.h"

namespace optibench::cli {
namespace {

struct RunOptions {
    std::vector<std::string> specs;
    std::string db;
    bool json = false;
    bool quiet = false;
    bool interleave = false;
};

// One progress line on a terminal, rewritten in place.
void printProgress(const std::string &stage, std::int64_t done, std::int64_t total)
{
    if (total > 0)
        std::fprintf(stderr, "\r  %-10s %lld/%lld   ", stage.c_str(), static_cast<long long>(done),
                     static_cast<long long>(total));
    else
        std::fprintf(stderr, "\r  %-10s            ", stage.c_str());
    std::fflush(stderr);
}

// A run whose blocks ran beside other work says so on stderr: its numbers may be slower and
// wider than the machine gives.
void warnOfNoise(const core::Store &store, std::int64_t runId, const std::string &specPath)
{
    const auto summary = core::runBlocks(store.series(runId)).noiseSummary();
    if (!summary.empty())
        std::cerr << "optibench-cli: run " << runId << " (" << specPath << "): " << summary << '\n';
    for (const auto &m : store.metrics(runId))
        if (m.key == "peak_probe_busy" && m.value > 0)
            std::cerr << "optibench-cli: run " << runId << " (" << specPath
                      << "): the GEMM peak its peak_fraction rests on was measured beside other work; the next run "
                         "measures it again\n";
}

// Progress on stderr for the spec at `index`: its run id when it starts, then one line.
session::RunCallbacks progressCallbacks(const RunOptions &opt, std::size_t index)
{
    session::RunCallbacks callbacks;
    const std::string prefix = opt.interleave ? "[" + std::to_string(index + 1) + "] " : "";
    callbacks.started = [&opt, index](std::int64_t id) {
        std::fprintf(stderr, "run %lld (%s)\n", static_cast<long long>(id), opt.specs[index].c_str());
    };
    callbacks.progress = [prefix](const std::string &stage, std::int64_t done, std::int64_t total,
                                  const std::string &) { printProgress(prefix + stage, done, total); };
    return callbacks;
}

std::vector<session::RunOutcome> execute(const RunOptions &opt, const std::vector<core::ExperimentSpec> &specs,
                                         session::RunExecutor &executor)
{
    const bool showProgress = !opt.quiet && stderrIsTerminal();
    std::vector<session::RunCallbacks> callbacks(specs.size());
    if (showProgress)
        for (std::size_t i = 0; i < specs.size(); ++i)
            callbacks[i] = progressCallbacks(opt, i);
    std::vector<session::RunOutcome> outcomes;
    if (opt.interleave)
        outcomes = executor.executeInterleaved(specs, callbacks);
    else
        for (std::size_t i = 0; i < specs.size(); ++i) {
            outcomes.push_back(executor.execute(specs[i], callbacks[i]));
            if (showProgress)
                std::fprintf(stderr, "\r%60s\r", "");
        }
    if (showProgress && opt.interleave)
        std::fprintf(stderr, "\r%60s\r", "");
    return outcomes;
}

int runSpecs(const RunOptions &opt)
{
    // Parse every spec before running any, so a typo in the third does not waste the first two.
    std::vector<core::ExperimentSpec> specs;
    for (const auto &path : opt.specs)
        specs.push_back(loadSpec(path));
    if (opt.interleave && specs.size() < 2)
        throw std::runtime_error("--interleave needs two or more specs (the same spec twice measures its noise)");

    core::Store store(opt.db.empty() ? defaultDatabasePath() : opt.db);
    session::RunExecutor executor(store);
    const auto outcomes = execute(opt, specs, executor);

    int failures = 0;
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const auto &r = outcomes[i];
        if (r.status == core::RunStatus::Done && !opt.quiet)
            warnOfNoise(store, r.runId, opt.specs[i]);
        if (r.status != core::RunStatus::Done) {
            ++failures;
            std::cerr << "optibench-cli: run " << r.runId << " (" << opt.specs[i] << ") " << core::toString(r.status)
                      << ": " << r.error << '\n';
        }
        if (opt.json)
            out.push_back({{"run_id", r.runId},
                           {"spec", opt.specs[i]},
                           {"status", core::toString(r.status)},
                           {"error", r.error}});
        else
            std::cout << r.runId << '\n';
    }
    if (opt.json)
        std::cout << out.dump(2) << '\n';
    return failures == 0 ? 0 : 1;
}

} // namespace

void addRunCommand(CLI::App &app, ExitCode &exit)
{
    auto opt = std::make_shared<RunOptions>();
    auto *cmd = app.add_subcommand("run", "Execute one or more experiment specs, in order; prints each new run id");
    cmd->add_option("spec", opt->specs, "Experiment spec files (JSON); see `optibench-cli spec --template`")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--db", opt->db, "Run store (SQLite file); default $OPTIBENCH_DB or the desktop app's store");
    cmd->add_flag("--interleave", opt->interleave,
                  "Run the specs in one process with their timed blocks alternating (ABBA), so drift falls on "
                  "all alike; the first is the others' baseline");
    cmd->add_flag("--json", opt->json, "Print the outcome of each run as JSON");
    cmd->add_flag("-q,--quiet", opt->quiet, "No progress on stderr");
    cmd->callback([opt, &exit] { exit.value = runSpecs(*opt); });
}

} // namespace optibench::cli
