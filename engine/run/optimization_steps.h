#pragma once
// The optimizations of a run as an ordered list of steps with one interface. Benchmark::prepare
// applies every step that applies, in this order:
//   pruning       on the fp32 weights (its masks are kept for training);
//   sharing       cross-layer weight sharing (it rebuilds the Linears as fp32);
//   quantization  every mode: dynamic-int8, weight-int8, fp16/bf16 weights, qat;
//   int8 tables   the embedding tables stored as int8 (after the steps that edit parameters);
//   precision     last: a whole-model cast or autocast leaves converted Linears as they are.
// Training autocasts in its runner, so the precision step is inference only.
#include "engine/measure/report.h"
#include "engine/run/run_config.h"

#include <memory>
#include <string>
#include <vector>

namespace optibench::engine {

struct RunState;

class OptimizationStep {
public:
    virtual ~OptimizationStep() = default;
    // The spec field the step configures ("optimizations.pruning", ...).
    virtual std::string field() const = 0;
    virtual bool applies(const RunConfig &config) const = 0;
    // Changes run.model; reports progress under "preparing". Throws EngineError naming field().
    virtual void apply(RunState &run) const = 0;
};

const std::vector<std::unique_ptr<OptimizationStep>> &optimizationSteps();

// Applies every step that applies to run.config, in order.
void applyOptimizations(RunState &run);

// The pruning's own metrics and the per-layer sparsity series (nothing without pruning).
void reportPruning(const RunState &run, RunReport &report);

} // namespace optibench::engine
