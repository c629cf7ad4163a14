#include "app/core/process_info.h"

#include <cerrno>
#include <fstream>
#include <sstream>

#include <signal.h>
#include <unistd.h>

namespace optibench::core::process {

std::string hostName()
{
    char buffer[256] = {};
    if (gethostname(buffer, sizeof buffer - 1) != 0)
        return "localhost";
    return buffer;
}

std::int64_t currentPid()
{
    return static_cast<std::int64_t>(getpid());
}

namespace {

// Reads state (field 3) and starttime (field 22) of /proc/<pid>/stat; false when unreadable.
bool readStat(std::int64_t pid, char &state, std::int64_t &startTicks)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!in || !std::getline(in, line))
        return false;
    // Field 2 (comm) is in parentheses and may hold spaces or ')': fields start after the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos)
        return false;
    std::istringstream rest(line.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22; ++i) {
        if (!(rest >> field))
            return false;
        if (i == 3)
            state = field.empty() ? '?' : field[0];
    }
    try {
        startTicks = std::stoll(field);
    } catch (...) {
        return false;
    }
    return true;
}

} // namespace

std::int64_t startTime(std::int64_t pid)
{
    char state = '?';
    std::int64_t ticks = 0;
    return readStat(pid, state, ticks) ? ticks : 0;
}

bool isAlive(std::int64_t pid, std::int64_t startTicks)
{
    if (pid <= 0)
        return false;
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
    // EPERM or success: a process with that pid exists. Is it the writer or a reused pid?
    char state = '?';
    std::int64_t ticks = 0;
    if (!readStat(pid, state, ticks))
        return true; // no /proc: the kill() answer is all there is
    if (state == 'Z' || state == 'X')
        return false; // exited, not yet reaped by its parent
    return startTicks == 0 || ticks == startTicks;
}

} // namespace optibench::core::process
