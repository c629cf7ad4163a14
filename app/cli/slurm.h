#pragma once
// Slurm from the command line: submitting a sweep folder's points as one job array (sbatch),
// reading their tasks' states (squeue), waiting for them. Only Slurm's own commands are used,
// so this works wherever they are on PATH: a login node, or a single-node cluster on loopback.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/core/sweep_folder.h"

namespace optibench::cli {

struct CommandResult {
    int exitCode = -1;  // 127: the command was not found; -signal when killed
    std::string output; // stdout and stderr together
};

// Runs argv[0] (looked up on PATH) to completion with stdin from /dev/null.
CommandResult runCommand(const std::vector<std::string> &argv);

struct SlurmOptions {
    std::string partition; // --partition; empty: the cluster's default
    std::string time;      // --time, e.g. "01:00:00"
    std::string gres;      // --gres, e.g. "gpu:1"
    int parallel = 0;      // at most this many tasks at once (--array=...%K); 0: no limit
    std::string cli;       // the optibench-cli the tasks run (an absolute path)
};

// Writes DIR/job.sh and submits the points as one array; returns the job id. Throws
// std::runtime_error with sbatch's message when the submission fails.
std::string submitArray(const core::SweepFolder &folder, const std::vector<std::size_t> &points,
                        const SlurmOptions &options);

// The queued and running tasks of these jobs, by point; nullopt when squeue cannot be run or
// fails (the states are then unknown). A job the controller no longer knows has no tasks.
std::optional<core::QueueStates> queueStates(const std::vector<std::string> &jobIds);

// Polls until no task of these jobs is queued or running; `progress` is told the queue each
// time. Throws std::runtime_error when squeue keeps failing.
void waitForJobs(const std::vector<std::string> &jobIds,
                 const std::function<void(const core::QueueStates &)> &progress);

// The path of the running executable (/proc/self/exe), for the tasks to run.
std::string currentExecutable();

} // namespace optibench::cli
