#pragma once
// What the loopback daemons of the cluster tests share: commands on PATH (sbin included), free
// ports, pid files, and stopping a process (and its children) by pid.
#include <filesystem>
#include <string>

namespace optibench::test {

// The absolute path of a command on PATH (or in /usr/sbin, /sbin); empty when there is none.
std::string which(const std::string &command);
// A TCP port on 127.0.0.1 that nobody listens on now (the kernel's choice for port 0).
int freePort();
std::string userName();
int readPid(const std::filesystem::path &file); // 0 when absent
// SIGTERM, then SIGKILL when the process is still there after five seconds.
void stopPid(int pid);
// The same for pid's children first, then pid.
void stopProcessTree(int pid);
// The last `bytes` of a log file, headed by its name, for a test's failure message.
std::string logTail(const std::filesystem::path &file, std::size_t bytes = 2000);

} // namespace optibench::test
