#pragma once
// The engine's reading of a RunConfig (engine/benchmark.h): the checks that refuse what cannot
// run, naming the spec field, and the option structs of the optimizations it configures.
#include "engine/benchmark.h"
#include "engine/distill.h"
#include "engine/prune.h"
#include "engine/training.h"

#include <string>

namespace optibench::engine {

// "cuda" or "cuda:N".
bool isCudaDevice(const std::string &device);

PruningOptions pruningOptions(const RunConfig &c);
DistillationConfig distillationConfig(const RunConfig &c);
TrainingOptions trainingOptions(const RunConfig &c);

// Throws EngineError naming the first field that cannot run, instead of silently ignoring it.
void validateRunConfig(const RunConfig &c);

} // namespace optibench::engine
