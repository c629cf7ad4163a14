#pragma once
// A real sshd on 127.0.0.1 for tests: host and client keys generated for the test, a free port,
// public-key login only, and an ssh client config (Host optibench-test) that reaches it. The
// daemon and every session it forked are stopped by pid in stop() and the destructor
// (tests/cluster/stop_daemons.sh does the same from ctest's cleanup fixture).
#include <filesystem>
#include <string>

namespace optibench::test {

class LoopbackSshd {
public:
    explicit LoopbackSshd(std::filesystem::path dir);
    ~LoopbackSshd();
    LoopbackSshd(const LoopbackSshd &) = delete;
    LoopbackSshd &operator=(const LoopbackSshd &) = delete;

    // Starts sshd and waits until a login through the client config works. False with why() set
    // when openssh is not installed or the login does not work.
    bool start();
    void stop();
    const std::string &why() const { return m_why; }

    static constexpr const char *kHost = "optibench-test";
    // The ssh client config to pass with -F.
    std::filesystem::path clientConfig() const { return m_dir / "ssh_config"; }
    int port() const { return m_port; }

private:
    bool keygen(const std::string &name);
    std::string log() const;

    std::filesystem::path m_dir;
    std::string m_why;
    int m_port = 0;
    bool m_started = false;
};

} // namespace optibench::test
