#pragma once
// The measured part of an inference run (Benchmark::measure): warm-up and timed iterations,
// quality against the fp32 baseline, the machine's peak, and the run's metrics.
#include "engine/measure/report.h"

namespace optibench::engine {

struct RunState;

// Throws Cancelled when the progress callback asks to stop.
RunReport measureInference(RunState &run);

} // namespace optibench::engine
