#pragma once
// Small pieces the verbs share: the default database path, file reading, terminal checks.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace optibench::core {
class Store;
struct ExperimentSpec;
} // namespace optibench::core

namespace optibench::cli {

// $OPTIBENCH_DB, else the desktop application's default: $XDG_DATA_HOME (or ~/.local/share)
// + "/OptiBench/OptiBench/runs.sqlite". The folder is created.
std::string defaultDatabasePath();
// The whole file as text; throws std::runtime_error naming the file when it cannot be read.
std::string readTextFile(const std::string &path);
// A spec file as JSON; comments are allowed (`spec --template` output runs as it is). Throws
// std::runtime_error naming the file when it cannot be read or is not JSON.
nlohmann::json readJsonFile(const std::string &path, bool allowComments = true);
// An experiment spec file, comments allowed (so that `spec --template` output runs as it is);
// throws std::runtime_error naming the file and the field.
core::ExperimentSpec loadSpec(const std::string &path);
// Writes through a temporary file renamed into place, so that a failed write leaves no half file;
// "-" writes to stdout. Throws std::runtime_error naming the file.
void writeOutput(const std::string &path, const std::string &text);
// Run ids from the command line: each must exist in the store and be given once; throws a
// std::runtime_error naming the store and the id otherwise.
void requireRuns(const core::Store &store, const std::vector<std::int64_t> &ids);
bool stderrIsTerminal();
bool stdinIsTerminal();
// "2026-11-24 08:15:02" in local time, from Unix epoch milliseconds.
std::string formatTime(long long epochMs);

} // namespace optibench::cli
