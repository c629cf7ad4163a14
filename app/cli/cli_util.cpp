#include "app/cli/cli_util.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app/core/files.h"
#include "app/core/spec.h"
#include "app/core/store.h"

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
    // The desktop app's QStandardPaths::AppDataLocation: <data home>/<organization>/<application>.
    const auto dir = base / "OptiBench" / "OptiBench";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    return (dir / "runs.sqlite").string();
}

std::string readTextFile(const std::string &path)
{
    auto text = core::readFileText(path);
    if (!text)
        throw std::runtime_error(path + ": cannot be opened for reading");
    return std::move(*text);
}

nlohmann::json readJsonFile(const std::string &path, bool allowComments)
{
    auto j = nlohmann::json::parse(readTextFile(path), nullptr, false, allowComments);
    if (j.is_discarded())
        throw std::runtime_error(path + ": not valid JSON");
    return j;
}

core::ExperimentSpec loadSpec(const std::string &path)
{
    const auto j = readJsonFile(path);
    try {
        return core::parseSpec(j);
    } catch (const core::SpecError &e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

void writeOutput(const std::string &path, const std::string &text)
{
    if (path == "-" || path.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return;
    }
    core::writeFileAtomically(path, text);
}

void requireRuns(const core::Store &store, const std::vector<std::int64_t> &ids)
{
    std::set<std::int64_t> seen;
    for (std::int64_t id : ids) {
        if (!seen.insert(id).second)
            throw std::runtime_error("run " + std::to_string(id) + " is given twice");
        if (!store.run(id))
            throw std::runtime_error(store.path() + ": there is no run " + std::to_string(id));
    }
}

bool stdinIsTerminal()
{
    return isatty(STDIN_FILENO) != 0;
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
