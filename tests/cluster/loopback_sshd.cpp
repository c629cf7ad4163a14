#include "loopback_sshd.h"

#include <chrono>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "../cli/subprocess.h"
#include "daemon_util.h"

namespace fs = std::filesystem;

namespace optibench::test {

LoopbackSshd::LoopbackSshd(fs::path dir) : m_dir(std::move(dir)) {}

LoopbackSshd::~LoopbackSshd()
{
    stop();
}

bool LoopbackSshd::keygen(const std::string &name)
{
    const auto r = run(
        {which("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "optibench-test", "-f", (m_dir / name).string()});
    if (r.exitCode != 0)
        m_why = "ssh-keygen failed: " + r.out + r.err;
    return r.exitCode == 0;
}

std::string LoopbackSshd::log() const
{
    return logTail(m_dir / "sshd.log");
}

bool LoopbackSshd::start()
{
    for (const char *c : {"sshd", "ssh", "ssh-keygen"}) {
        if (which(c).empty()) {
            m_why = std::string(c) + " is not installed (scripts/deps-debian.sh cluster installs openssh)";
            return false;
        }
    }
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
    fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::replace);
    if (!keygen("host_key") || !keygen("client_key"))
        return false;
    fs::copy_file(m_dir / "client_key.pub", m_dir / "authorized_keys");
    // sshd running as root separates privileges into this folder, which a fresh machine lacks.
    if (::getuid() == 0)
        fs::create_directories("/run/sshd");

    m_port = freePort();
    const std::string d = m_dir.string();
    std::ofstream(m_dir / "sshd_config") << "Port " << m_port << "\nListenAddress 127.0.0.1\n"
                                         << "HostKey " << d << "/host_key\nPidFile " << d << "/sshd.pid\n"
                                         << "AuthorizedKeysFile " << d << "/authorized_keys\n"
                                         << "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                                         << "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                                         << "PermitRootLogin prohibit-password\nAllowUsers " << userName() << "\n"
                                         << "LogLevel VERBOSE\n";
    std::ofstream(clientConfig()) << "Host " << kHost << "\n  HostName 127.0.0.1\n  Port " << m_port << "\n  User "
                                  << userName() << "\n  IdentityFile " << d << "/client_key\n  IdentitiesOnly yes\n"
                                  << "  UserKnownHostsFile " << d << "/known_hosts\n"
                                  << "  StrictHostKeyChecking accept-new\n  LogLevel ERROR\n";
    m_started = true;
    const auto r = run({which("sshd"), "-f", (m_dir / "sshd_config").string(), "-E", (m_dir / "sshd.log").string()});
    if (r.exitCode != 0) {
        m_why = "sshd did not start: " + r.out + r.err + log();
        return false;
    }
    // Logged in once: the port listens and the key works (and the host key is known).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::string last;
    while (std::chrono::steady_clock::now() < until) {
        const auto login =
            run({which("ssh"), "-F", clientConfig().string(), "-o", "BatchMode=yes", "-T", kHost, "true"});
        if (login.exitCode == 0)
            return true;
        last = login.out + login.err;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    m_why = "no login through the loopback sshd within 15 s: " + last + log();
    return false;
}

void LoopbackSshd::stop()
{
    if (!m_started)
        return;
    m_started = false;
    // The listener and the session processes it forked (which end their commands' stdin).
    stopProcessTree(readPid(m_dir / "sshd.pid"));
}

} // namespace optibench::test
