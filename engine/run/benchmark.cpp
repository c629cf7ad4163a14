// The benchmark facade: load, prepare, time, evaluate. See engine/run/benchmark.h. The stages
// live in engine/run: the run's state and loading (run_state), the optimization steps
// (optimization_steps), the measured passes (inference_pass, training_run).
#include "engine/run/benchmark.h"
#include "engine/kernels/compat.h"
#include "engine/measure/host_allocator.h"
#include "engine/run/generation_pass.h"
#include "engine/run/inference_pass.h"
#include "engine/run/optimization_steps.h"
#include "engine/run/run_options.h"
#include "engine/run/run_state.h"
#include "engine/run/training_run.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <chrono>

namespace optibench::engine {

struct Benchmark::Impl : RunState {
    std::unique_ptr<BlockMeasurement> blocks; // between beginBlocks and finishBlocks

    BlockMeasurement &measurement(const char *step)
    {
        if (!blocks)
            throw EngineError(std::string("Benchmark::") + step + " called before beginBlocks()");
        at::set_num_threads(config.threads);
        return *blocks;
    }
};

Benchmark::Benchmark(RunConfig config, ProgressFn progress) : m_impl(std::make_unique<Impl>())
{
    m_impl->config = std::move(config);
    m_impl->progress = Progress(std::move(progress));
}

Benchmark::~Benchmark()
{
    m_impl.reset();
    releaseFreedBlocks(); // the run's activations and models go back to the kernel
}

void Benchmark::prepare()
{
    auto &run = *m_impl;
    validateRunConfig(run.config);
    at::set_num_threads(run.config.threads);
    keepFreedBlocksForReuse();
    at::manual_seed(run.config.seed);
    run.selectDevice();
    run.loadModel();
    run.loadStudentAndTeacher();

    // Training trains on the train split and evaluates (and traces) on the eval split.
    const std::string split = options::name(run.training() ? options::Split::Eval : run.config.split);
    run.progress("preparing", 0, 1, "tokenizing and batching " + run.config.dataset + " (" + split + ")");
    run.loadData(split, run.batches);
    if (run.training())
        run.loadData("train", run.trainBatches);
    run.progress("preparing", 1, 1,
                 std::to_string(run.batches.size()) + " batches, padding " + options::name(run.config.padding));
    run.modelBytesBaseline = run.model->modelBytes();
    if (run.generation())
        preparePrompts(run);

    run.computeBaseline();
    if (run.generation())
        computeGenerationBaseline(run);
    applyOptimizations(run);
    run.prepared = true;
}

const ModelSummary &Benchmark::model() const
{
    return m_impl->loaded.summary;
}

RunReport Benchmark::measure()
{
    auto &run = *m_impl;
    if (!run.prepared)
        throw EngineError("Benchmark::measure called before prepare()");
    at::set_num_threads(run.config.threads);
    if (run.generation())
        return measureGeneration(run);
    return run.training() ? measureTraining(run) : measureInference(run);
}

void Benchmark::beginBlocks()
{
    auto &run = *m_impl;
    if (!run.prepared)
        throw EngineError("Benchmark::beginBlocks called before prepare()");
    if (run.training())
        throw EngineError("task.mode: a training run cannot interleave its blocks with other runs");
    if (run.generation())
        run.blocks = std::make_unique<GenerationMeasurement>(run);
    else
        run.blocks = std::make_unique<InferenceMeasurement>(run);
    run.measurement("beginBlocks").warmUp();
}

void Benchmark::timeBlock()
{
    m_impl->measurement("timeBlock").timeBlock();
}

int Benchmark::blocks() const
{
    return m_impl->config.blocks;
}

RunReport Benchmark::finishBlocks(bool sharedProcess)
{
    auto report = m_impl->measurement("finishBlocks").finish(sharedProcess);
    m_impl->blocks.reset();
    return report;
}

std::int64_t Benchmark::tracedPass(int iterations)
{
    auto &run = *m_impl;
    if (!run.prepared)
        throw EngineError("Benchmark::tracedPass called before prepare()");
    at::set_num_threads(run.config.threads);
    if (run.generation())
        return tracedGenerations(run, iterations);
    c10::InferenceMode inference;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) {
        run.progress("tracing", i, iterations);
        run.run(run.timedBatch(i));
        compat::synchronize(run.device);
    }
    run.progress("tracing", iterations, iterations);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace optibench::engine
