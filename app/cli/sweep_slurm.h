#pragma once
// A sweep as a Slurm job array: `sweep --slurm` writes the folder and submits, `sweep-task`
// is what each array task runs, `sweep-status` reads the folder and the queue. The folder's
// layout is app/core/sweep_folder.h.
#include <string>
#include <vector>

#include "app/cli/slurm.h"
#include "app/core/sweep.h"

namespace optibench::cli {

struct SlurmSweepOptions {
    std::string out; // the sweep folder
    std::string db;  // where --wait imports; empty: the default store
    bool wait = false;
    bool quiet = false;
    SlurmOptions slurm;
};

// Writes the manifest of the valid combinations into the folder (or finds the same one there),
// submits the points that have no bundle and are not queued, and with `wait` waits for them and
// imports the folder. Returns the exit code: 0 when every point is done (or submitted, without
// wait).
int sweepOnSlurm(const SlurmSweepOptions &options, const std::string &grid, const nlohmann::json &baseSpec,
                 const std::vector<core::SweepCombination> &combinations);

} // namespace optibench::cli
