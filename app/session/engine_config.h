#pragma once
// The one translation from the experiment spec (app/core) to the engine's own RunConfig.
#include "app/core/spec.h"
#include "engine/run/benchmark.h"

namespace optibench::session {

engine::RunConfig toEngineConfig(const core::ExperimentSpec &spec);

} // namespace optibench::session
