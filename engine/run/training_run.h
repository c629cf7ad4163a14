#pragma once
// The measured part of a training run (Benchmark::measure in training mode): the runner
// (engine/train/training.h) on the train split, evaluated on the eval split, the teacher's
// metrics when distilling, the trained model timed for inference, and the save.
#include "engine/measure/report.h"

namespace optibench::engine {

struct RunState;

RunReport measureTraining(RunState &run);

} // namespace optibench::engine
