#pragma once
// Facts about processes on this host, for telling a live run writer from a dead one.
#include <cstdint>
#include <string>

namespace optibench::core::process {

std::string hostName();
std::int64_t currentPid();
// Start time of the process (field 22 of /proc/<pid>/stat, clock ticks since boot); 0 when it
// cannot be read (no such process, or no /proc).
std::int64_t startTime(std::int64_t pid);
// True when `pid` runs and, if startTicks is known (non-zero), started at that time: a pid the
// kernel reused for another process does not count.
bool isAlive(std::int64_t pid, std::int64_t startTicks);

} // namespace optibench::core::process
