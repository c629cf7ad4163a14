#pragma once
// The engine's reading of a RunConfig (engine/run/benchmark.h): the checks that refuse what cannot
// run, naming the spec field, and the option structs of the optimizations it configures.
#include "engine/formats/errors.h"
#include "engine/optimize/prune.h"
#include "engine/run/run_config.h"
#include "engine/train/distill.h"
#include "engine/train/training.h"
#include "options/rules.h"

#include <string>

namespace optibench::engine {

PruningOptions pruningOptions(const RunConfig &c);
DistillationConfig distillationConfig(const RunConfig &c);
TrainingOptions trainingOptions(const RunConfig &c);

// The run's choices as the rule table (options/rules.h) reads them.
options::Choices choicesOf(const RunConfig &c);

// Throws EngineError naming the field of the first combination rule (options/rules.h) the
// config breaks, or optimizations.precision for a half type this LibTorch lacks on the CPU.
void validatePrecision(const RunConfig &config);

// Throws EngineError naming the first field that cannot run, instead of silently ignoring it:
// the ranges (options/ranges.h), the rules, distillation's settings and the device.
void validateRunConfig(const RunConfig &c);

} // namespace optibench::engine
