#include "engine/measure/noise.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <unistd.h>

namespace optibench::engine {

namespace {

void readProcStat(NoiseCounters &c)
{
    std::ifstream in("/proc/stat");
    std::string label;
    std::int64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    if (!(in >> label >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || label != "cpu")
        return;
    c.busyTicks = user + nice + system + irq + softirq;
    c.iowaitTicks = iowait;
    c.stealTicks = steal;
    c.totalTicks = c.busyTicks + idle + iowait + steal;
}

void readSelfStat(NoiseCounters &c)
{
    std::ifstream in("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name (field 2) may hold spaces; the fields after its ')' are plain numbers.
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return;
    std::istringstream rest(text.substr(close + 2));
    std::vector<std::string> fields;
    for (std::string f; rest >> f && fields.size() < 13;)
        fields.push_back(f);
    if (fields.size() == 13) // fields 3..15: utime and stime are the last two
        c.selfTicks = std::stoll(fields[11]) + std::stoll(fields[12]);
}

void readSwitches(NoiseCounters &c)
{
    std::error_code ec;
    for (const auto &task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
        std::ifstream in(task.path() / "status");
        for (std::string line; std::getline(in, line);)
            if (line.rfind("nonvoluntary_ctxt_switches:", 0) == 0)
                c.involuntarySwitches += std::stoll(line.substr(27));
    }
}

double loadAverage()
{
    std::ifstream in("/proc/loadavg");
    double load = 0;
    in >> load;
    return load;
}

double meanFrequencyMhz()
{
    double sum = 0;
    int cores = 0;
    std::error_code ec;
    for (const auto &cpu : std::filesystem::directory_iterator("/sys/devices/system/cpu", ec)) {
        std::ifstream in(cpu.path() / "cpufreq" / "scaling_cur_freq");
        double khz = 0;
        if (in >> khz) {
            sum += khz / 1000.0;
            ++cores;
        }
    }
    if (cores > 0)
        return sum / cores;
    std::ifstream info("/proc/cpuinfo"); // no cpufreq (a VM): the kernel's per-core MHz
    for (std::string line; std::getline(info, line);)
        if (line.rfind("cpu MHz", 0) == 0) {
            sum += std::stod(line.substr(line.find(':') + 1));
            ++cores;
        }
    return cores > 0 ? sum / cores : 0.0;
}

} // namespace

NoiseCounters readNoiseCounters()
{
    NoiseCounters c;
    c.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    readProcStat(c);
    readSelfStat(c);
    readSwitches(c);
    return c;
}

stats::NoiseSample noiseBetween(const NoiseCounters &before, const NoiseCounters &after)
{
    stats::NoiseSample s;
    const double wall = after.wallSeconds - before.wallSeconds;
    const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
    const double total = static_cast<double>(after.totalTicks - before.totalTicks);
    if (wall > 0 && hz > 0) {
        const double others =
            static_cast<double>((after.busyTicks - before.busyTicks) - (after.selfTicks - before.selfTicks));
        // Ticks are 10 ms: a short block's count is rounded, so never below zero.
        s.otherCpu = std::max(0.0, others / hz / wall);
        s.switchesPerSecond = static_cast<double>(after.involuntarySwitches - before.involuntarySwitches) / wall;
    }
    if (total > 0) {
        s.steal = static_cast<double>(after.stealTicks - before.stealTicks) / total;
        s.iowait = static_cast<double>(after.iowaitTicks - before.iowaitTicks) / total;
    }
    s.load = loadAverage();
    s.frequencyMhz = meanFrequencyMhz();
    return s;
}

} // namespace optibench::engine
