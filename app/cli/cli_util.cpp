#include "app/cli/cli_util.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace optibench::cli {

std::string defaultDatabasePath()
{
    if (const char *db = std::getenv("OPTIBENCH_DB"); db && *db)
        return db;
    std::filesystem::path base;
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char *home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local/share";
    else
        base = ".";
    const auto dir = base / "OptiBench";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    return (dir / "runs.sqlite").string();
}

std::string readTextFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(path + ": cannot be opened for reading");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool stderrIsTerminal()
{
    return isatty(STDERR_FILENO) != 0;
}

std::string formatTime(long long epochMs)
{
    if (epochMs <= 0)
        return "-";
    const std::time_t t = static_cast<std::time_t>(epochMs / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

} // namespace optibench::cli
