#pragma once
// What the measured passes (inference_pass, generation_pass) report alike: each timed block's
// figures and the machine's noise during it as series, which blocks were noisy, and the run's
// size metrics.
#include "engine/measure/metric_builder.h"
#include "engine/measure/noise.h"
#include "engine/measure/report.h"

#include <cstdint>
#include <vector>

namespace optibench::engine {

struct RunState;

// What one block timed, as the intervals resample it (app/core/run_statistics.h).
struct BlockFigures {
    std::int64_t iterations = 0; // timed passes (inference) or decoding steps (generation)
    std::int64_t sequences = 0;
    std::int64_t tokens = 0; // real tokens (inference) or decoded tokens (generation)
    double seconds = 0;      // what the block's rates divide by
};

// The block's figures and the machine's noise during it, as series indexed by block.
void recordBlock(RunReport &report, int block, const BlockFigures &figures, const stats::NoiseSample &noise);

// Which blocks were noisy, judged over the run's blocks together (stats/noise.h): the series
// block_noisy, and their count.
int recordNoisyBlocks(RunReport &report, const std::vector<stats::NoiseSample> &noise);

// Peak memory (left out when other runs' models shared the process), model bytes before and
// after the optimizations, parameters and sparsity.
void addSizeMetrics(MetricBuilder &m, const RunState &run, bool sharedProcess);

} // namespace optibench::engine
