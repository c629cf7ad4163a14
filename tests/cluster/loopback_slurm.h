#pragma once
// A real single-node Slurm cluster on 127.0.0.1 for tests: munged, slurmctld and
// `slurmd -N localhost` with their configuration, keys, sockets, state and pid files in one
// folder, on free ports. SLURM_CONF is set for this process and its children, so sbatch and
// squeue (and optibench-cli) talk to it. Every daemon is stopped by its pid in stop() and in
// the destructor; tests/cluster/stop_daemons.sh does the same from ctest's cleanup fixture
// when the test process itself died.
#include <filesystem>
#include <string>

#include "daemon_util.h"

namespace optibench::test {

class LoopbackSlurm {
public:
    explicit LoopbackSlurm(std::filesystem::path dir);
    ~LoopbackSlurm();
    LoopbackSlurm(const LoopbackSlurm &) = delete;
    LoopbackSlurm &operator=(const LoopbackSlurm &) = delete;

    // Starts the daemons and waits until the node is idle. Returns false with why() set when
    // Slurm is not installed or a daemon does not come up.
    bool start();
    void stop();
    const std::string &why() const { return m_why; }
    const std::filesystem::path &dir() const { return m_dir; }

    // The names of Slurm's and munge's commands that must be on PATH.
    static bool installed(std::string *missing);

private:
    bool startMunge();
    void writeConfig();
    bool waitForIdleNode(int timeoutSeconds);
    std::string daemonLog(const char *name) const;

    std::filesystem::path m_dir;
    std::string m_why;
    bool m_started = false;
};

} // namespace optibench::test
