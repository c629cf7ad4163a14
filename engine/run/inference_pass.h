#pragma once
// The measured part of an inference run (Benchmark::measure): warm-up and timed iterations,
// quality against the fp32 baseline, the machine's peak, and the run's metrics.
#include "engine/measure/report.h"
#include "engine/run/block_measurement.h"

#include <memory>

namespace optibench::engine {

struct RunState;

// The measurement in steps (engine/run/block_measurement.h): warm-up, then blocks one at a
// time, then quality, peak and metrics.
class InferenceMeasurement final : public BlockMeasurement {
public:
    explicit InferenceMeasurement(RunState &run);
    ~InferenceMeasurement() override;
    InferenceMeasurement(const InferenceMeasurement &) = delete;
    InferenceMeasurement &operator=(const InferenceMeasurement &) = delete;

    void warmUp() override;
    void timeBlock() override;
    int blocksTimed() const;
    RunReport finish(bool sharedProcess) override;

private:
    struct State;
    RunState &m_run;
    std::unique_ptr<State> m_state;
};

// All of it: warm-up, config.blocks blocks, the report.
RunReport measureInference(RunState &run);

} // namespace optibench::engine
