#pragma once
// The folder a sweep that runs elsewhere (a Slurm job array) works in. One task runs one point
// and leaves one file; nothing in the folder is shared between tasks, so it may live on a
// network filesystem (SQLite's WAL may not). Neither Qt nor LibTorch.
//
//   DIR/sweep.json            the manifest: the base spec, the grid and every point's spec
//   DIR/runs/point-0003.json  point 3's run bundle (written under a temporary name, then renamed)
//   DIR/failed/point-0003.json  why point 3's last attempt failed (removed when it succeeds)
//   DIR/running/point-0003.json the task that runs point 3 (job, host, pid, start)
//   DIR/jobs.json             every submission: job id, points, time
//   DIR/logs/                 the tasks' stdout and stderr
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/export.h"

namespace optibench::core {

constexpr const char *kSweepFormat = "optibench-sweep";
constexpr int kSweepVersion = 1;

// A folder or manifest that cannot be used; what() names the file and the problem.
class SweepFolderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SweepPoint {
    std::string label;   // "quantization=dynamic-int8 padding=fixed"
    nlohmann::json spec; // the spec this point runs (its name set)
};

struct SweepManifest {
    std::string grid;
    nlohmann::json baseSpec;
    std::vector<SweepPoint> points;
};

enum class PointState { Done, Failed, Running, Pending, Missing };
std::string toString(PointState state);

struct PointStatus {
    std::size_t index = 0;
    std::string label;
    PointState state = PointState::Missing;
    std::string detail; // the failure's message, the task that runs it, or where the bundle is
};

// What the scheduler says of a point's task: "PENDING", "RUNNING", ... (squeue's states).
using QueueStates = std::map<std::size_t, std::string>;

class SweepFolder {
public:
    explicit SweepFolder(std::filesystem::path dir);
    const std::filesystem::path &dir() const { return m_dir; }

    std::filesystem::path manifestPath() const { return m_dir / "sweep.json"; }
    std::filesystem::path bundlePath(std::size_t point) const;
    std::filesystem::path failurePath(std::size_t point) const;
    std::filesystem::path runningPath(std::size_t point) const;
    std::filesystem::path jobsPath() const { return m_dir / "jobs.json"; }
    std::filesystem::path logDir() const { return m_dir / "logs"; }

    bool hasManifest() const;
    // Writes the manifest and the folder's sub-folders. A folder that holds a manifest already
    // keeps it when the points are the same (a resubmission) and is refused when they differ.
    void create(const SweepManifest &manifest) const;
    SweepManifest manifest() const; // throws SweepFolderError naming the file

    // Points without a bundle, in order.
    std::vector<std::size_t> missingPoints(std::size_t pointCount) const;
    // Every point's state. With the scheduler's states (queueKnown), a point whose task is not
    // in the queue but left a running marker is missing: its task ended without a result.
    std::vector<PointStatus> status(const SweepManifest &manifest, const QueueStates &queue, bool queueKnown) const;

    // A task's records: the marker while it runs, the failure when it fails, the bundle when it
    // succeeds (which removes the other two).
    void markRunning(std::size_t point, const nlohmann::json &task) const;
    void markFailed(std::size_t point, const nlohmann::json &failure) const;
    void writeBundle(std::size_t point, const nlohmann::json &bundle) const;

    // Submissions: appended, read back for the scheduler's queue.
    void addJob(const std::string &jobId, const std::vector<std::size_t> &points) const;
    std::vector<std::string> jobIds() const;

private:
    std::filesystem::path m_dir;
};

// The bundle files (*.json, hidden temporary files left out) of a folder, by name: a sweep
// folder's runs/, or the folder itself when it is no sweep folder.
std::vector<std::filesystem::path> bundleFiles(const std::filesystem::path &dir);
// One bundle file, named by its path. Throws SweepFolderError naming a file that is not JSON.
NamedBundle readBundleFile(const std::filesystem::path &file);

// Imports every bundle of a folder (bundleFiles) in one transaction (importBundles). Throws
// SweepFolderError or BundleError naming the file.
ImportResult importFolder(Store &store, const std::filesystem::path &dir);

// "0-3,5,7-8": the points as Slurm's --array takes them.
std::string arraySpec(const std::vector<std::size_t> &points);

} // namespace optibench::core
