#include "loopback_slurm.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "../cli/subprocess.h"
#include "daemon_util.h"

namespace fs = std::filesystem;

namespace optibench::test {

LoopbackSlurm::LoopbackSlurm(fs::path dir) : m_dir(std::move(dir)) {}

LoopbackSlurm::~LoopbackSlurm()
{
    stop();
}

bool LoopbackSlurm::installed(std::string *missing)
{
    for (const char *c : {"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"}) {
        if (which(c).empty()) {
            if (missing)
                *missing = c;
            return false;
        }
    }
    return true;
}

bool LoopbackSlurm::startMunge()
{
    // munged wants its key readable by its user only, and refuses a folder others can write.
    fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::replace);
    {
        std::ofstream key(m_dir / "munge.key", std::ios::binary);
        std::random_device random;
        for (int i = 0; i < 1024; ++i)
            key.put(static_cast<char>(random()));
    }
    fs::permissions(m_dir / "munge.key", fs::perms::owner_read, fs::perm_options::replace);
    const auto r =
        run({which("munged"), "--force", "--socket=" + (m_dir / "munge.sock").string(),
             "--key-file=" + (m_dir / "munge.key").string(), "--log-file=" + (m_dir / "munged.log").string(),
             "--pid-file=" + (m_dir / "munged.pid").string(), "--seed-file=" + (m_dir / "munged.seed").string()});
    if (r.exitCode != 0)
        m_why = "munged did not start: " + r.out + r.err + daemonLog("munged.log");
    return r.exitCode == 0;
}

void LoopbackSlurm::writeConfig()
{
    const std::string d = m_dir.string(), user = userName();
    fs::create_directories(m_dir / "state");
    fs::create_directories(m_dir / "spool");
    std::ofstream conf(m_dir / "slurm.conf");
    conf << "ClusterName=optibench-test\n"
         << "SlurmctldHost=localhost(127.0.0.1)\n"
         << "SlurmctldPort=" << freePort() << "\nSlurmdPort=" << freePort() << "\n"
         << "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=" << d << "/munge.sock\n"
         << "SlurmUser=" << user << "\nSlurmdUser=" << user << "\n"
         << "StateSaveLocation=" << d << "/state\nSlurmdSpoolDir=" << d << "/spool\n"
         << "SlurmctldPidFile=" << d << "/slurmctld.pid\nSlurmdPidFile=" << d << "/slurmd.pid\n"
         << "SlurmctldLogFile=" << d << "/slurmctld.log\nSlurmdLogFile=" << d << "/slurmd.log\n"
         << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
         << "JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n"
         << "SchedulerType=sched/builtin\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n"
         << "ReturnToService=2\nMpiDefault=none\nSwitchType=switch/none\nKillWait=5\n"
         << "NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN\n"
         << "PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n";
}

bool LoopbackSlurm::start()
{
    std::string missing;
    if (!installed(&missing)) {
        m_why = missing + " is not installed (scripts/deps-debian.sh cluster installs Slurm and munge)";
        return false;
    }
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
    m_started = true; // from here on stop() has pids to look for
    if (!startMunge())
        return false;
    writeConfig();
    ::setenv("SLURM_CONF", (m_dir / "slurm.conf").c_str(), 1);
    const std::string conf = (m_dir / "slurm.conf").string();
    auto r = run({which("slurmctld"), "-f", conf});
    if (r.exitCode != 0) {
        m_why = "slurmctld did not start: " + r.out + r.err + daemonLog("slurmctld.log");
        return false;
    }
    r = run({which("slurmd"), "-f", conf, "-N", "localhost"});
    if (r.exitCode != 0) {
        m_why = "slurmd did not start: " + r.out + r.err + daemonLog("slurmd.log");
        return false;
    }
    if (!waitForIdleNode(30)) {
        m_why = "the node did not become idle within 30 s:" + daemonLog("slurmctld.log") + daemonLog("slurmd.log");
        return false;
    }
    return true;
}

bool LoopbackSlurm::waitForIdleNode(int timeoutSeconds)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    while (std::chrono::steady_clock::now() < until) {
        const auto r = run({which("sinfo"), "-h", "-o", "%T"});
        if (r.exitCode == 0 && r.out.find("idle") != std::string::npos)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    return false;
}

std::string LoopbackSlurm::daemonLog(const char *name) const
{
    return logTail(m_dir / name);
}

void LoopbackSlurm::stop()
{
    if (!m_started)
        return;
    m_started = false;
    if (fs::exists(m_dir / "slurmctld.pid"))
        run({which("scancel"), "--full", "--user=" + userName()});
    for (const char *pidFile : {"slurmd.pid", "slurmctld.pid", "munged.pid"})
        stopPid(readPid(m_dir / pidFile));
}

} // namespace optibench::test
