#pragma once
// Parameter sweeps over an experiment spec: a grid such as
// "quantization=none,dynamic-int8;padding=fixed,bucketed" expands into the cartesian product of
// its values, each combination one spec. Keys are spec paths; a short key resolves to the one
// full path that ends with it ("padding" -> "optimizations.padding"). Neither Qt nor LibTorch.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/spec.h"

namespace optibench::core {

struct SweepAxis {
    std::string key;  // as the user wrote it, for labels
    std::string path; // full spec path, e.g. "optimizations.quantization"
    std::vector<nlohmann::json> values;
};

struct SweepCombination {
    std::string label;       // "quantization=dynamic-int8 padding=fixed"
    nlohmann::json specJson; // the base spec with this combination's values set
    bool valid = false;
    ExperimentSpec spec; // when valid
    std::string error;   // when not: the validation message
};

// A key as a full spec path: a path whose first part is a top-level spec key stays as it is;
// otherwise its first part must name exactly one field of the spec. Throws SpecError when the
// key is unknown or ambiguous (e.g. "iterations": task.iterations or profiling.iterations).
std::string resolveSpecPath(const std::string &key);

// "k=v1,v2;k2=v3": values are JSON when they parse as JSON ("4", "true", "0.5"), else strings.
// Throws SpecError naming the offending part.
std::vector<SweepAxis> parseSweepGrid(const std::string &grid);

// The cartesian product, the first axis varying slowest. Each combination is validated
// (parseSpec and validateCombination); invalid ones are returned with their error.
std::vector<SweepCombination> expandSweep(const nlohmann::json &baseSpec, const std::vector<SweepAxis> &axes);

// A combination's run name: "int8 test (quantization=dynamic-int8 padding=fixed)", or only the
// label when the base spec has no name.
std::string sweepRunName(const std::string &baseName, const std::string &label);

// Sets `value` at a dotted path, creating objects on the way (a null on the way becomes one).
void setSpecPath(nlohmann::json &spec, const std::string &path, const nlohmann::json &value);

} // namespace optibench::core
