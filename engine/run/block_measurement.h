#pragma once
// A run's measurement in steps, so that app/session can interleave the blocks of several
// prepared runs in one process: warm-up, then blocks one at a time, then the report. Inference
// (engine/run/inference_pass.h) and generation (engine/run/generation_pass.h) measure this way;
// each step throws Cancelled when the run's progress callback asks to stop.
#include "engine/measure/report.h"

namespace optibench::engine {

class BlockMeasurement {
public:
    virtual ~BlockMeasurement() = default;
    virtual void warmUp() = 0;
    virtual void timeBlock() = 0; // the next block
    // sharedProcess: other runs' models were resident in the process during the blocks, so the
    // process's peak memory is not this run's, and the report leaves it out.
    virtual RunReport finish(bool sharedProcess) = 0;
};

} // namespace optibench::engine
