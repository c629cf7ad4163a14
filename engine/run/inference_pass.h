#pragma once
// The measured part of an inference run (Benchmark::measure): warm-up and timed iterations,
// quality against the fp32 baseline, the machine's peak, and the run's metrics.
#include "engine/measure/report.h"

#include <memory>

namespace optibench::engine {

struct RunState;

// The measurement in steps, so that app/session can interleave the blocks of several prepared
// runs in one process: warm-up, then blocks one at a time, then quality, peak and metrics.
// Each step throws Cancelled when the progress callback asks to stop.
class InferenceMeasurement {
public:
    explicit InferenceMeasurement(RunState &run);
    ~InferenceMeasurement();
    InferenceMeasurement(const InferenceMeasurement &) = delete;
    InferenceMeasurement &operator=(const InferenceMeasurement &) = delete;

    void warmUp();
    void timeBlock(); // the next block
    int blocksTimed() const;
    // sharedProcess: other runs' models were resident in the process during the blocks, so the
    // process's peak memory is not this run's, and the report leaves it out.
    RunReport finish(bool sharedProcess);

private:
    struct State;
    RunState &m_run;
    std::unique_ptr<State> m_state;
};

// All of it: warm-up, config.blocks blocks, the report.
RunReport measureInference(RunState &run);

} // namespace optibench::engine
