#include "engine/run/run_metrics.h"
#include "engine/measure/device_memory.h"
#include "engine/optimize/prune.h"
#include "engine/run/run_state.h"

namespace optibench::engine {

namespace {

// Zeros over the pruned set when magnitude or 2:4 pruning chose one, else over the Linears.
double sparsityOf(const RunState &run)
{
    if (!run.pruning.prunedParameters.empty())
        return zeroFraction(*run.model, run.pruning.prunedParameters);
    std::int64_t weights = 0, zeros = 0;
    for (const auto &name : run.model->linearNames()) {
        if (name == "lm_head")
            continue; // tied to the embeddings
        const auto &w = run.model->parameters().at(name + ".weight");
        weights += w.numel();
        zeros += w.eq(0).sum().item<std::int64_t>();
    }
    return weights > 0 ? static_cast<double>(zeros) / static_cast<double>(weights) : 0.0;
}

} // namespace

void recordBlock(RunReport &report, int block, const BlockFigures &figures, const stats::NoiseSample &noise)
{
    auto add = [&](const char *name, double v) { report.series.push_back({name, block, v}); };
    add("block_seconds", figures.seconds);
    add("block_iterations", static_cast<double>(figures.iterations));
    add("block_sequences", static_cast<double>(figures.sequences));
    add("block_tokens", static_cast<double>(figures.tokens));
    add("noise_other_cpu", noise.otherCpu);
    add("noise_steal", noise.steal);
    add("noise_iowait", noise.iowait);
    add("noise_load", noise.load);
    add("noise_switches_s", noise.switchesPerSecond);
    add("noise_frequency_mhz", noise.frequencyMhz);
}

int recordNoisyBlocks(RunReport &report, const std::vector<stats::NoiseSample> &noise)
{
    int noisy = 0;
    const auto reasons = stats::noiseReasons(noise);
    for (std::size_t b = 0; b < reasons.size(); ++b) {
        report.series.push_back({"block_noisy", static_cast<std::int64_t>(b), reasons[b].empty() ? 0.0 : 1.0});
        noisy += reasons[b].empty() ? 0 : 1;
    }
    return noisy;
}

void addSizeMetrics(MetricBuilder &m, const RunState &run, bool sharedProcess)
{
    if (!sharedProcess)
        m.add("peak_memory_bytes", static_cast<double>(peakMemoryBytes(run.device)), "bytes");
    m.add("model_bytes", static_cast<double>(run.model->modelBytes()), "bytes");
    m.add("model_bytes_baseline", static_cast<double>(run.modelBytesBaseline), "bytes");
    m.add("model_bytes_saved", static_cast<double>(run.model->savedBytes()), "bytes");
    m.add("parameters", static_cast<double>(run.model->parameterCount()), "count");
    m.add("sparsity", sparsityOf(run), "ratio");
}

} // namespace optibench::engine
