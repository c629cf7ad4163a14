#pragma once
// Small pieces the verbs share: the default database path, file reading, terminal checks.
#include <string>

namespace optibench::cli {

// $OPTIBENCH_DB, else the desktop application's default: $XDG_DATA_HOME (or ~/.local/share)
// + "/OptiBench/runs.sqlite". The folder is created.
std::string defaultDatabasePath();
// The whole file as text; throws std::runtime_error naming the file when it cannot be read.
std::string readTextFile(const std::string &path);
bool stderrIsTerminal();
// "2026-11-24 08:15:02" in local time, from Unix epoch milliseconds.
std::string formatTime(long long epochMs);

} // namespace optibench::cli
