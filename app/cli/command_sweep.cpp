// optibench-cli sweep SPEC --grid 'quantization=none,dynamic-int8;padding=fixed,bucketed':
// one run per combination of the grid's values over the spec, all validated before the first runs.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/cli/sweep_slurm.h"
#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/core/sweep.h"
#include "app/session/run_executor.h"

namespace optibench::cli {
namespace {

struct SweepOptions {
    std::string spec;
    std::string grid;
    std::string db;
    bool json = false;
    bool strict = false;
    bool dryRun = false;
    bool quiet = false;
    bool interleave = false;
    bool slurm = false;
    SlurmSweepOptions onSlurm;
};

using Outcomes = std::vector<std::optional<session::RunOutcome>>; // one per combination; none when invalid

// The combinations one after the other, each a run of its own.
Outcomes runInTurn(const SweepOptions &o, const std::vector<core::SweepCombination> &combinations,
                   session::RunExecutor &executor)
{
    const bool progress = !o.quiet && stderrIsTerminal();
    const std::size_t total = combinations.size();
    Outcomes outcomes(total);
    for (std::size_t i = 0; i < total; ++i) {
        const auto &c = combinations[i];
        if (!c.valid)
            continue;
        session::RunCallbacks callbacks;
        if (progress) {
            callbacks.progress = [&](const std::string &stage, std::int64_t done, std::int64_t all,
                                     const std::string &) {
                std::fprintf(stderr, "\r[%zu/%zu] %s ... %s %lld/%lld   ", i + 1, total, c.label.c_str(), stage.c_str(),
                             static_cast<long long>(done), static_cast<long long>(all));
                std::fflush(stderr);
            };
        }
        outcomes[i] = executor.execute(c.spec, callbacks);
        if (progress)
            std::fprintf(stderr, "\r[%zu/%zu] %s ... %s (run %lld)%20s\n", i + 1, total, c.label.c_str(),
                         core::toString(outcomes[i]->status).c_str(), static_cast<long long>(outcomes[i]->runId), "");
    }
    return outcomes;
}

// The valid combinations in one process with their blocks interleaved; the first is the
// others' baseline.
Outcomes runInterleaved(const SweepOptions &o, const std::vector<core::SweepCombination> &combinations,
                        session::RunExecutor &executor)
{
    const bool progress = !o.quiet && stderrIsTerminal();
    std::vector<core::ExperimentSpec> specs;
    std::vector<session::RunCallbacks> callbacks;
    std::vector<std::size_t> index; // the combination of each spec
    for (std::size_t i = 0; i < combinations.size(); ++i) {
        if (!combinations[i].valid)
            continue;
        specs.push_back(combinations[i].spec);
        index.push_back(i);
        session::RunCallbacks c;
        if (progress)
            c.progress = [&combinations, i](const std::string &stage, std::int64_t done, std::int64_t all,
                                            const std::string &) {
                std::fprintf(stderr, "\r[%zu/%zu] %s ... %s %lld/%lld        ", i + 1, combinations.size(),
                             combinations[i].label.c_str(), stage.c_str(), static_cast<long long>(done),
                             static_cast<long long>(all));
                std::fflush(stderr);
            };
        callbacks.push_back(std::move(c));
    }
    Outcomes outcomes(combinations.size());
    const auto done = executor.executeInterleaved(specs, callbacks);
    if (progress)
        std::fprintf(stderr, "\r%100s\r", "");
    for (std::size_t k = 0; k < done.size(); ++k)
        outcomes[index[k]] = done[k];
    return outcomes;
}

// One line (or JSON object) per combination; returns how many runs did not finish.
int report(const SweepOptions &o, const std::vector<core::SweepCombination> &combinations, const Outcomes &outcomes)
{
    int failures = 0;
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < combinations.size(); ++i) {
        const auto &c = combinations[i];
        if (!outcomes[i]) {
            if (o.json)
                out.push_back({{"label", c.label}, {"run_id", nullptr}, {"status", "invalid"}, {"error", c.error}});
            continue;
        }
        const auto &r = *outcomes[i];
        if (r.status != core::RunStatus::Done) {
            ++failures;
            std::cerr << "optibench-cli: run " << r.runId << " (" << c.label << ") " << core::toString(r.status) << ": "
                      << r.error << '\n';
        }
        if (o.json)
            out.push_back(
                {{"label", c.label}, {"run_id", r.runId}, {"status", core::toString(r.status)}, {"error", r.error}});
        else
            std::cout << r.runId << '\n' << std::flush;
    }
    if (o.json)
        std::cout << out.dump(2) << '\n';
    return failures;
}

int sweep(const SweepOptions &o)
{
    const nlohmann::json base = readJsonFile(o.spec);
    if (!base.is_object())
        throw std::runtime_error(o.spec + ": the spec must be a JSON object");
    std::vector<core::SweepCombination> combinations;
    try {
        combinations = core::expandSweep(base, core::parseSweepGrid(o.grid));
    } catch (const core::SpecError &e) {
        throw std::runtime_error(std::string("--grid: ") + e.what());
    }
    const std::size_t total = combinations.size();
    const std::string baseName = base.value("name", std::string());

    // Every combination is checked before anything runs: a bad value in the last one must not
    // be found after an hour of runs.
    int invalid = 0;
    for (std::size_t i = 0; i < total; ++i) {
        auto &c = combinations[i];
        if (!c.valid) {
            ++invalid;
            std::fprintf(stderr, "optibench-cli: [%zu/%zu] %s: invalid, %s: %s\n", i + 1, total, c.label.c_str(),
                         o.strict ? "nothing runs" : "skipped", c.error.c_str());
        }
        c.spec.name = core::sweepRunName(baseName, c.label);
    }
    if (invalid > 0 && o.strict)
        return 1;
    if (o.dryRun) {
        for (const auto &c : combinations)
            if (c.valid)
                std::cout << c.label << '\n';
        return invalid == 0 ? 0 : 1;
    }

    if (o.slurm) {
        SlurmSweepOptions s = o.onSlurm;
        s.db = o.db;
        s.quiet = o.quiet;
        s.slurm.cli = currentExecutable();
        if (s.out.empty())
            throw std::runtime_error("--slurm needs --out DIR, the folder the tasks write their runs into");
        return sweepOnSlurm(s, o.grid, base, combinations) == 0 && invalid == 0 ? 0 : 1;
    }
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    session::RunExecutor executor(store);
    const auto outcomes =
        o.interleave ? runInterleaved(o, combinations, executor) : runInTurn(o, combinations, executor);
    return report(o, combinations, outcomes) == 0 && invalid == 0 ? 0 : 1;
}

} // namespace

void addSweepCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<SweepOptions>();
    auto *cmd =
        app.add_subcommand("sweep", "Run every combination of a grid of values over a spec; prints each new run id");
    cmd->add_option("spec", o->spec, "Base experiment spec (JSON)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--grid", o->grid,
                    "KEY=V1,V2;KEY2=V3,V4 with spec paths as keys (short names such as quantization, padding, "
                    "precision, pruning.method, batch_size resolve to their full path); values are JSON when "
                    "they parse as JSON, else strings")
        ->required();
    cmd->add_option("--db", o->db, "Run store (SQLite file); default $OPTIBENCH_DB or the desktop app's store");
    cmd->add_flag("--json", o->json, "Print the outcome of each combination as JSON");
    cmd->add_flag("--strict", o->strict, "Run nothing when any combination is invalid");
    cmd->add_flag("--interleave", o->interleave,
                  "Run the combinations in one process with their timed blocks alternating (ABBA), so drift "
                  "falls on all alike; the first combination is the others' baseline");
    cmd->add_flag("--dry-run", o->dryRun, "Only validate and list the combinations");
    auto *slurm = cmd->add_flag("--slurm", o->slurm,
                                "Submit the combinations as one Slurm job array instead of running them here: each "
                                "task runs one point into a bundle in --out; running it again resubmits the points "
                                "that have none");
    const char *group = "Slurm (with --slurm)";
    cmd->add_option("--out", o->onSlurm.out, "Sweep folder the tasks write into (shared with the nodes)")->group(group);
    cmd->add_option("--partition", o->onSlurm.slurm.partition, "sbatch --partition")->group(group);
    cmd->add_option("--time", o->onSlurm.slurm.time, "sbatch --time, a task's limit (e.g. 00:30:00)")->group(group);
    cmd->add_option("--gres", o->onSlurm.slurm.gres, "sbatch --gres, e.g. gpu:1 for one GPU per task")->group(group);
    cmd->add_option("--parallel", o->onSlurm.slurm.parallel, "At most this many tasks at once (--array=...%K)")
        ->check(CLI::PositiveNumber)
        ->group(group);
    cmd->add_flag("--wait", o->onSlurm.wait, "Wait for the tasks, then import the folder into --db")->group(group);
    for (const char *name : {"--out", "--partition", "--time", "--gres", "--parallel", "--wait"})
        cmd->get_option(name)->needs(slurm);
    cmd->get_option("--interleave")->excludes(slurm);
    cmd->add_flag("-q,--quiet", o->quiet, "No progress on stderr");
    cmd->callback([o, &exit] { exit.value = sweep(*o); });
}

} // namespace optibench::cli
