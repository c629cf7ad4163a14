#include "daemon_util.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace optibench::test {

std::string which(const std::string &command)
{
    // The daemons live in sbin, which a user's PATH may lack.
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    path += ":/usr/sbin:/sbin:/usr/bin:/bin";
    std::stringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty())
            continue;
        const fs::path candidate = fs::path(dir) / command;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
    }
    return {};
}

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

std::string userName()
{
    const passwd *p = ::getpwuid(::getuid());
    return p ? p->pw_name : "root";
}

int readPid(const fs::path &file)
{
    std::ifstream in(file);
    long pid = 0;
    in >> pid;
    return static_cast<int>(pid);
}

void stopPid(int pid)
{
    if (pid <= 0 || ::kill(pid, SIGTERM) != 0)
        return;
    for (int i = 0; i < 50 && ::kill(pid, 0) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::kill(pid, SIGKILL);
}

void stopProcessTree(int pid)
{
    if (pid <= 0)
        return;
    std::vector<int> children;
    for (const auto &entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(line.substr(close + 1));
        std::string state;
        int ppid = 0;
        rest >> state >> ppid;
        if (ppid == pid)
            children.push_back(std::stoi(name));
    }
    for (int child : children)
        stopPid(child);
    stopPid(pid);
}

std::string logTail(const fs::path &file, std::size_t bytes)
{
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    return "\n--- " + file.filename().string() + " (end) ---\n"
        + (all.size() > bytes ? all.substr(all.size() - bytes) : all);
}

} // namespace optibench::test
