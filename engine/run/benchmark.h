#pragma once
// The engine's face towards app/session: one benchmark run of one model configuration.
// No LibTorch in this header (it is included by code that must compile fast); the model,
// tensors and kernels live behind the pimpl. It brings the types a caller needs with it: the
// errors, the run's configuration, the model summary, the report and the environment probes.
#include "engine/formats/errors.h"
#include "engine/measure/environment.h"
#include "engine/measure/report.h"
#include "engine/models/model_summary.h"
#include "engine/run/run_config.h"

#include <cstdint>
#include <memory>

namespace optibench::engine {

class Benchmark {
public:
    Benchmark(RunConfig config, ProgressFn progress);
    ~Benchmark();
    Benchmark(const Benchmark &) = delete;
    Benchmark &operator=(const Benchmark &) = delete;

    // Loads model, tokenizer and dataset, computes the baseline outputs that quality needs,
    // then applies the optimizations in their fixed order. Throws EngineError or Cancelled.
    void prepare();
    const ModelSummary &model() const;

    // Warm-up and timed iterations, untraced; quality against the baseline; memory; FLOPs.
    RunReport measure();

    // measure() in steps, so that app/session can interleave the blocks of several prepared
    // inference or generation runs in one process: beginBlocks() warms up, timeBlock() times the
    // next of the run's blocks (a generation run's block is one timed generation),
    // finishBlocks() evaluates and reports. sharedProcess: other runs' models were resident
    // during the blocks, so the report leaves out the process's peak memory. Training runs
    // throw EngineError.
    void beginBlocks();
    void timeBlock();
    int blocks() const; // how many blocks the run times
    RunReport finishBlocks(bool sharedProcess);

    // The same forward passes as measure(), `iterations` of them, for a tracer the caller has
    // switched on; returns their wall time in ns. Layer ranges are opened with RecordFunction.
    std::int64_t tracedPass(int iterations);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace optibench::engine
