#include "subprocess.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace optibench::test {
namespace {

pid_t spawn(const std::vector<std::string> &argv, int *in, int *out, int *err)
{
    int pin[2], pout[2], perr[2];
    if (pipe(pin) || pipe(pout) || pipe(perr))
        throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(pin[0], 0);
        dup2(pout[1], 1);
        dup2(err ? perr[1] : 2, 2);
        for (int fd : {pin[0], pin[1], pout[0], pout[1], perr[0], perr[1]})
            close(fd);
        std::vector<char *> args;
        for (const auto &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pin[0]);
    close(pout[1]);
    close(perr[1]);
    *in = pin[1];
    *out = pout[0];
    if (err)
        *err = perr[0];
    else
        close(perr[0]);
    return pid;
}

int decodeStatus(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return -WTERMSIG(status);
    return -1;
}

} // namespace

Result run(const std::vector<std::string> &argv, const std::string &input)
{
    int in, out, err;
    const pid_t pid = spawn(argv, &in, &out, &err);
    signal(SIGPIPE, SIG_IGN);
    if (!input.empty() && ::write(in, input.data(), input.size()) < 0) {
        // The child may exit without reading; its exit code tells the story.
    }
    close(in);
    Result r;
    pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    int open = 2;
    char buf[4096];
    while (open > 0) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
                continue;
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            } else {
                (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.exitCode = decodeStatus(status);
    return r;
}

Child::Child(const std::vector<std::string> &argv)
{
    signal(SIGPIPE, SIG_IGN);
    m_pid = spawn(argv, &m_in, &m_out, nullptr);
}

Child::~Child()
{
    if (m_in >= 0)
        close(m_in);
    if (m_out >= 0)
        close(m_out);
    if (m_pid > 0) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
}

void Child::write(const std::string &text)
{
    if (::write(m_in, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        throw std::runtime_error("write to child failed");
}

void Child::closeStdin()
{
    close(m_in);
    m_in = -1;
}

std::string Child::readLine(int timeoutMs)
{
    for (;;) {
        const auto nl = m_buffer.find('\n');
        if (nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        if (m_eof)
            return {};
        pollfd fd{m_out, POLLIN, 0};
        if (poll(&fd, 1, timeoutMs) <= 0)
            return {};
        char buf[4096];
        const ssize_t n = read(m_out, buf, sizeof buf);
        if (n <= 0)
            m_eof = true;
        else
            m_buffer.append(buf, static_cast<size_t>(n));
    }
}

int Child::wait()
{
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    return decodeStatus(status);
}

} // namespace optibench::test
