#pragma once
// The engine's error, cancellation and progress types: what every layer of the engine throws
// or reports, in the LibTorch-free formats library so that the parsers can use them too.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace optibench::engine {

// A failure the user can act on. what() names the file or the field and the problem.
class EngineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Thrown out of a run when the progress callback asked to stop.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// Reports progress; return false to cancel (the run then throws Cancelled at the next check).
using ProgressFn =
    std::function<bool(const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message)>;

} // namespace optibench::engine
