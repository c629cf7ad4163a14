#pragma once
// The engine's reading of a RunConfig (engine/run/benchmark.h): the checks that refuse what cannot
// run, naming the spec field, and the option structs of the optimizations it configures.
#include "engine/formats/errors.h"
#include "engine/optimize/prune.h"
#include "engine/run/run_config.h"
#include "engine/train/distill.h"
#include "engine/train/training.h"

#include <string>

namespace optibench::engine {

// "cuda" or "cuda:N".
bool isCudaDevice(const std::string &device);

PruningOptions pruningOptions(const RunConfig &c);
DistillationConfig distillationConfig(const RunConfig &c);
TrainingOptions trainingOptions(const RunConfig &c);

// Throws EngineError, naming optimizations.precision or optimizations.quantization, for values
// the engine does not know and for combinations it cannot run (with each other or the device).
void validatePrecision(const RunConfig &config);

// Throws EngineError naming the first field that cannot run, instead of silently ignoring it.
void validateRunConfig(const RunConfig &c);

} // namespace optibench::engine
