#pragma once
// The fields in which runs' JSON documents (their specs, their environments) differ, for the
// CLI's `compare` and the GUI's comparison alike. Neither Qt nor LibTorch.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace optibench::core {

struct FieldDifferences {
    // Each run's document as its leaves by dotted path ("optimizations.pruning.amount"); arrays
    // are leaves. A document that is not JSON has no leaves.
    std::vector<std::map<std::string, nlohmann::json>> perRun;
    // The paths whose value is not the same in every run (missing counts as a value), sorted.
    std::vector<std::string> differing;

    // The value of `path` in run `run`, or nullptr where that run lacks it.
    const nlohmann::json *value(std::size_t run, const std::string &path) const;
};

// One document per run, in the runs' order; `ignored` paths, and the fields under them, are left out.
FieldDifferences differingFields(const std::vector<std::string> &documents, const std::set<std::string> &ignored);

} // namespace optibench::core
