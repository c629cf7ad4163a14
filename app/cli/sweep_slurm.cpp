// sweep --slurm, sweep-task and sweep-status: a sweep that runs as a Slurm job array, each task
// one point into one bundle of the sweep folder.
#include "app/cli/sweep_slurm.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/process_info.h"
#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/core/sweep_folder.h"
#include "app/session/run_executor.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace optibench::cli {

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string envOr(const char *name, const std::string &fallback)
{
    const char *v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

// "3 done, 1 failed, 0 running, 0 pending, 0 missing"
std::string counts(const std::vector<core::PointStatus> &points)
{
    std::map<core::PointState, int> n;
    for (const auto &p : points)
        ++n[p.state];
    std::string out;
    for (auto s : {core::PointState::Done, core::PointState::Failed, core::PointState::Running,
                   core::PointState::Pending, core::PointState::Missing})
        out += (out.empty() ? "" : ", ") + std::to_string(n[s]) + " " + core::toString(s);
    return out;
}

std::vector<core::PointStatus> folderStatus(const core::SweepFolder &folder, const core::SweepManifest &manifest,
                                            bool *queueKnown = nullptr)
{
    const auto queue = queueStates(folder.jobIds());
    if (queueKnown)
        *queueKnown = queue.has_value();
    return folder.status(manifest, queue.value_or(core::QueueStates{}), queue.has_value());
}

// The points as a table on `out` (stdout for sweep-status; stderr after `sweep --wait`, whose
// stdout lists the imported run ids).
void printStatus(FILE *out, const core::SweepFolder &folder, const std::vector<core::PointStatus> &points,
                 bool queueKnown)
{
    std::string jobs;
    for (const auto &j : folder.jobIds())
        jobs += (jobs.empty() ? " (job " : ", ") + j;
    std::fprintf(out, "sweep %s: %zu points: %s%s\n", folder.dir().c_str(), points.size(), counts(points).c_str(),
                 jobs.empty() ? "" : (jobs + ")").c_str());
    if (!queueKnown)
        std::fprintf(out, "  (squeue could not be run: running points are taken from their markers)\n");
    std::size_t width = 5;
    for (const auto &p : points)
        width = std::max(width, p.label.size());
    std::fprintf(out, "  %-5s  %-7s  %-*s  %s\n", "point", "state", static_cast<int>(width), "label", "detail");
    for (const auto &p : points)
        std::fprintf(out, "  %-5zu  %-7s  %-*s  %s\n", p.index, core::toString(p.state).c_str(),
                     static_cast<int>(width), p.label.c_str(), p.detail.c_str());
    std::fflush(out);
}

// Imports the folder into the store at `db`; prints the summary on stderr.
void importInto(const core::SweepFolder &folder, const std::string &db)
{
    core::Store store(db.empty() ? defaultDatabasePath() : db);
    const auto result = core::importFolder(store, folder.dir());
    for (auto id : result.added)
        std::cout << id << '\n';
    std::cerr << "optibench-cli: imported " << result.added.size() << " run(s) into " << store.path() << " ("
              << result.alreadyStored << " already there)\n";
}

int sweepTask(const std::string &dir, std::size_t point)
{
    const core::SweepFolder folder(dir);
    const auto manifest = folder.manifest();
    if (point >= manifest.points.size())
        throw std::runtime_error(folder.manifestPath().string() + ": no point " + std::to_string(point)
                                 + " (the sweep has " + std::to_string(manifest.points.size()) + ")");
    if (fs::exists(folder.bundlePath(point))) {
        std::cerr << "optibench-cli: point " << point << " is done already (" << folder.bundlePath(point).string()
                  << ")\n";
        return 0;
    }
    const std::string job = envOr("SLURM_ARRAY_JOB_ID", envOr("SLURM_JOB_ID", "")) + "_" + std::to_string(point);
    const json task{{"job", job},
                    {"host", core::process::hostName()},
                    {"pid", core::process::currentPid()},
                    {"started_at_ms", nowMs()}};
    folder.markRunning(point, task);
    auto fail = [&](const std::string &error) {
        json failure = task;
        failure["error"] = error;
        failure["finished_at_ms"] = nowMs();
        folder.markFailed(point, failure);
        std::cerr << "optibench-cli: point " << point << " failed: " << error << '\n';
        return 1;
    };
    // Each task its own store on local disk: SQLite's locking does not hold on network
    // filesystems, and nothing is shared between tasks.
    const fs::path scratch =
        fs::path(envOr("TMPDIR", "/tmp")) / ("optibench-task-" + std::to_string(core::process::currentPid()));
    fs::create_directories(scratch);
    struct Cleanup {
        fs::path path;
        ~Cleanup()
        {
            std::error_code e;
            fs::remove_all(path, e);
        }
    } cleanup{scratch};
    try {
        const auto spec = core::parseSpec(manifest.points[point].spec);
        core::Store store((scratch / "runs.sqlite").string());
        session::RunExecutor executor(store);
        const auto outcome = executor.execute(spec);
        if (outcome.status != core::RunStatus::Done)
            return fail(core::toString(outcome.status) + ": " + outcome.error);
        folder.writeBundle(point, core::exportBundle(store, {outcome.runId}));
    } catch (const std::exception &e) {
        return fail(e.what());
    }
    std::cerr << "optibench-cli: point " << point << " done: " << folder.bundlePath(point).string() << '\n';
    return 0;
}

} // namespace

int sweepOnSlurm(const SlurmSweepOptions &o, const std::string &grid, const json &baseSpec,
                 const std::vector<core::SweepCombination> &combinations)
{
    core::SweepManifest manifest{grid, baseSpec, {}};
    for (const auto &c : combinations) {
        if (!c.valid)
            continue;
        json spec = c.specJson;
        spec["name"] = c.spec.name;
        manifest.points.push_back({c.label, spec});
    }
    const core::SweepFolder folder(o.out);
    folder.create(manifest);
    // Points queued or running from an earlier submission are left to it.
    bool queueKnown = false;
    const auto points = folderStatus(folder, manifest, &queueKnown);
    std::vector<std::size_t> submit;
    for (const auto &p : points)
        if (p.state == core::PointState::Missing || p.state == core::PointState::Failed)
            submit.push_back(p.index);
    std::vector<std::string> jobs = folder.jobIds();
    if (submit.empty()) {
        std::cerr << "optibench-cli: " << folder.dir().string() << ": no point to submit (" << counts(points) << ")\n";
    } else {
        const std::string job = submitArray(folder, submit, o.slurm);
        jobs.push_back(job);
        std::cerr << "optibench-cli: submitted job " << job << ": " << submit.size() << " of " << manifest.points.size()
                  << " point(s) (array " << core::arraySpec(submit) << ") into " << folder.dir().string() << '\n';
    }
    if (!o.wait)
        return 0;
    waitForJobs(jobs, [&](const core::QueueStates &queue) {
        if (!o.quiet && stderrIsTerminal())
            std::fprintf(stderr, "\r%zu task(s) queued or running   ", queue.size());
    });
    if (!o.quiet && stderrIsTerminal())
        std::fprintf(stderr, "\r%40s\r", "");
    importInto(folder, o.db);
    const auto after = folderStatus(folder, manifest, &queueKnown);
    const bool allDone = std::all_of(after.begin(), after.end(),
                                     [](const core::PointStatus &p) { return p.state == core::PointState::Done; });
    if (!allDone)
        printStatus(stderr, folder, after, queueKnown);
    return allDone ? 0 : 1;
}

void addSweepTaskCommand(CLI::App &app, ExitCode &exit)
{
    auto dir = std::make_shared<std::string>();
    auto point = std::make_shared<std::size_t>(0);
    auto *cmd = app.add_subcommand("sweep-task",
                                   "Run one point of a sweep folder into its bundle (what each task of "
                                   "a `sweep --slurm` job array runs)");
    cmd->add_option("dir", *dir, "Sweep folder")->required()->check(CLI::ExistingDirectory);
    cmd->add_option("point", *point, "Point index ($SLURM_ARRAY_TASK_ID)")->required();
    cmd->callback([dir, point, &exit] { exit.value = sweepTask(*dir, *point); });
}

void addSweepStatusCommand(CLI::App &app, ExitCode &exit)
{
    auto dir = std::make_shared<std::string>();
    auto asJson = std::make_shared<bool>(false);
    auto *cmd = app.add_subcommand("sweep-status",
                                   "Show a sweep folder's points: done, failed (with the message), running, pending "
                                   "and missing");
    cmd->add_option("dir", *dir, "Sweep folder")->required()->check(CLI::ExistingDirectory);
    cmd->add_flag("--json", *asJson, "Print the points as JSON");
    cmd->callback([dir, asJson, &exit] {
        const core::SweepFolder folder(*dir);
        bool queueKnown = false;
        const auto points = folderStatus(folder, folder.manifest(), &queueKnown);
        if (*asJson) {
            json out = json::array();
            for (const auto &p : points)
                out.push_back(
                    {{"point", p.index}, {"label", p.label}, {"state", core::toString(p.state)}, {"detail", p.detail}});
            std::cout << out.dump(2) << '\n';
        } else {
            printStatus(stdout, folder, points, queueKnown);
        }
        exit.value = std::all_of(points.begin(), points.end(),
                                 [](const core::PointStatus &p) { return p.state == core::PointState::Done; })
            ? 0
            : 1;
    });
}

} // namespace optibench::cli
