#pragma once
// The measured part of a generation run (task.mode generation): a decoder continuing fixed
// prompts of task.prompt_length tokens, cut from the dataset's text, by task.new_tokens tokens
// (greedy or sampled; eos does not end a timed generation, so every generation does the same
// work). task.warmup untimed generations, then task.blocks timed ones; each timed generation is
// a block (engine/run/run_metrics.h) whose decoding steps are its iterations.
//
// Metrics: time to first token (ttft_*), inter-token latency (itl_*: each decoding step),
// prefill and decode tokens/s, end-to-end latency, KV-cache bytes, peak memory, prefill FLOPs
// and their share of the machine's GEMM peak, and decode's share of the bandwidth bound
// (engine/measure/memory_bandwidth.h). Quality against the fp32 baseline: perplexity and
// next-token KL divergence and agreement on the quality batches (task.quality), and greedy
// agreement, the share of the baseline's greedy tokens after the prompts that the optimized
// model's greedy generation repeats.
#include "engine/measure/report.h"
#include "engine/run/block_measurement.h"

#include <memory>

namespace optibench::engine {

struct RunState;

// Checks the model generates (a decoder with a KV cache) and cuts the prompts from the loaded
// batches; throws EngineError naming task.mode or task.prompt_length.
void preparePrompts(RunState &run);
// The fp32 baseline's greedy tokens after the prompts, before any optimization.
void computeGenerationBaseline(RunState &run);
// The measurement in steps (engine/run/block_measurement.h): the machine's limits and the
// warm-up generations, then one timed generation a block, then quality and the report.
class GenerationMeasurement final : public BlockMeasurement {
public:
    explicit GenerationMeasurement(RunState &run);
    ~GenerationMeasurement() override;
    GenerationMeasurement(const GenerationMeasurement &) = delete;
    GenerationMeasurement &operator=(const GenerationMeasurement &) = delete;

    void warmUp() override;
    void timeBlock() override;
    RunReport finish(bool sharedProcess) override;

private:
    struct State;
    RunState &m_run;
    std::unique_ptr<State> m_state;
};

// All of it: warm-up, config.blocks timed generations, the report. Throws Cancelled when asked
// to stop.
RunReport measureGeneration(RunState &run);
// `count` untimed generations for a tracer; returns their wall time in ns.
std::int64_t tracedGenerations(RunState &run, int count);

} // namespace optibench::engine
