// The measured part of an inference run. See engine/run/inference_pass.h.
#include "engine/run/inference_pass.h"
#include "engine/kernels/compat.h"
#include "engine/measure/device_memory.h"
#include "engine/measure/flops.h"
#include "engine/measure/metric_builder.h"
#include "engine/measure/metrics.h"
#include "engine/measure/peak_flops.h"
#include "engine/run/optimization_steps.h"
#include "engine/run/run_state.h"

#include <c10/core/InferenceMode.h>

#include <numeric>

namespace optibench::engine {

namespace {

// What the timed iterations saw.
struct TimedIterations {
    std::vector<double> latencies;             // ms per iteration
    std::map<std::size_t, at::Tensor> outputs; // quality outputs per distinct batch
    LmLoss lm;                                 // language models: over the distinct batches
    std::int64_t realTokens = 0, paddedTokens = 0, sequences = 0;
    double flops = 0;

    double totalSeconds() const { return std::accumulate(latencies.begin(), latencies.end(), 0.0) / 1000.0; }
};

struct Quality {
    double accuracy = 0; // labelled data only
    Agreement agreement; // against the fp32 baseline
};

void warmUp(RunState &run)
{
    for (int i = 0; i < run.config.warmup; ++i) {
        run.progress("warmup", i, run.config.warmup);
        run.run(run.warmupBatch(i));
        compat::synchronize(run.device);
    }
    run.progress("warmup", run.config.warmup, run.config.warmup);
}

TimedIterations timeIterations(RunState &run, RunReport &report)
{
    TimedIterations t;
    t.latencies.reserve(static_cast<std::size_t>(run.config.iterations));
    for (int i = 0; i < run.config.iterations; ++i) {
        run.progress("timing", i, run.config.iterations);
        const auto index = run.timedBatch(i);
        const auto t0 = std::chrono::steady_clock::now();
        auto out = run.run(index);
        compat::synchronize(run.device);
        const double ms = msSince(t0);
        t.latencies.push_back(ms);
        report.series.push_back({"latency_ms", i, ms});
        const auto &b = run.batches[index];
        t.realTokens += b.realTokens;
        t.paddedTokens += b.paddedTokens;
        t.sequences += b.inputIds.size(0);
        t.flops += encoderForwardFlops(run.model->config(), b.inputIds.size(0), b.inputIds.size(1));
        if (t.outputs.count(index))
            continue;
        t.outputs.emplace(index, run.qualityOutputs(index, out));
        if (run.languageModel) {
            const auto l = lmLoss(out, b.inputIds, b.attentionMask);
            t.lm.nll += l.nll;
            t.lm.tokens += l.tokens;
        }
    }
    run.progress("timing", run.config.iterations, run.config.iterations);
    return t;
}

Quality evaluateQuality(const RunState &run, const TimedIterations &t)
{
    std::vector<at::Tensor> outs, base, labels;
    for (const auto &[index, l] : t.outputs) {
        outs.push_back(l);
        base.push_back(run.baselineLogits.count(index) ? run.baselineLogits.at(index) : l);
        labels.push_back(run.batches[index].labels);
    }
    Quality q;
    const auto all = at::cat(outs);
    if (run.labelled)
        q.accuracy = all.argmax(-1).eq(at::cat(labels)).to(at::kDouble).mean().item<double>();
    q.agreement = compareLogits(all, at::cat(base));
    return q;
}

// The cached GEMM peak, measured again when this run computed faster than it says.
double machinePeak(const RunState &run, const TimedIterations &t)
{
    double peak = measuredPeakFlops(run.config.threads);
    if (!t.latencies.empty() && t.flops / t.totalSeconds() > peak)
        peak = remeasurePeakFlops(run.config.threads);
    return peak;
}

void addLatencyMetrics(MetricBuilder &m, const TimedIterations &t)
{
    const auto stats = latencyStats(t.latencies);
    const double seconds = t.totalSeconds();
    m.add("latency_p50_ms", stats.p50, "ms");
    m.add("latency_p90_ms", stats.p90, "ms");
    m.add("latency_p99_ms", stats.p99, "ms");
    m.add("latency_mean_ms", stats.mean, "ms");
    m.add("latency_stdev_ms", stats.stdev, "ms");
    m.add("throughput_seq_s", static_cast<double>(t.sequences) / seconds, "seq/s");
    m.add("throughput_tokens_s", static_cast<double>(t.realTokens) / seconds, "tokens/s");
    m.add("real_tokens", static_cast<double>(t.realTokens), "tokens");
    m.add("padded_tokens", static_cast<double>(t.paddedTokens), "tokens");
    // Share of the computed positions that were padding.
    const double padded = static_cast<double>(t.paddedTokens);
    m.add("padding_ratio", padded > 0 ? 1.0 - static_cast<double>(t.realTokens) / padded : 0.0, "ratio");
}

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

void addSizeMetrics(MetricBuilder &m, const RunState &run)
{
    m.add("peak_memory_bytes", static_cast<double>(peakMemoryBytes(run.device)), "bytes");
    m.add("model_bytes", static_cast<double>(run.model->modelBytes()), "bytes");
    m.add("model_bytes_baseline", static_cast<double>(run.modelBytesBaseline), "bytes");
    m.add("model_bytes_saved", static_cast<double>(run.model->savedBytes()), "bytes");
    m.add("parameters", static_cast<double>(run.model->parameterCount()), "count");
    m.add("sparsity", sparsityOf(run), "ratio");
}

void addComputeMetrics(MetricBuilder &m, const RunState &run, const TimedIterations &t, double peak)
{
    const double seconds = t.totalSeconds();
    // FLOPs of one timed forward pass (mean over the timed iterations' batch shapes).
    m.add("flops", t.flops / static_cast<double>(run.config.iterations), "flop");
    m.add("achieved_flops_s", t.flops / seconds, "flop/s");
    m.add("peak_flops_s", peak, "flop/s");
    m.add("peak_fraction", peak > 0 ? t.flops / seconds / peak : 0.0, "ratio");
}

void addQualityMetrics(MetricBuilder &m, const RunState &run, const TimedIterations &t, const Quality &q)
{
    if (run.labelled)
        m.add("accuracy", q.accuracy, "ratio");
    if (run.languageModel) {
        // From the LM loss on the real tokens of the timed batches' texts.
        m.add("perplexity", t.lm.perplexity(), "");
        m.add("lm_loss", t.lm.tokens > 0 ? t.lm.nll / static_cast<double>(t.lm.tokens) : 0.0, "nats");
        m.add("eval_tokens", static_cast<double>(t.lm.tokens), "tokens");
    }
    m.add("agreement", q.agreement.agreement, "ratio");
    m.add("kl_divergence", q.agreement.klDivergence, "nats");
    m.add("eval_examples", static_cast<double>(q.agreement.examples), "count");
}

} // namespace

RunReport measureInference(RunState &run)
{
    c10::InferenceMode inference;
    RunReport report;
    resetDevicePeakMemory(run.device);
    warmUp(run);
    const auto timed = timeIterations(run, report);

    run.progress("evaluating", 0, 2, "accuracy and agreement with the fp32 baseline");
    const auto quality = evaluateQuality(run, timed);
    run.progress("evaluating", 1, 2, "measuring the machine's fp32 GEMM peak");
    const double peak = machinePeak(run, timed);
    run.progress("evaluating", 2, 2);

    MetricBuilder metrics(report.metrics);
    addLatencyMetrics(metrics, timed);
    addSizeMetrics(metrics, run);
    reportPruning(run, report);
    addComputeMetrics(metrics, run, timed, peak);
    addQualityMetrics(metrics, run, timed, quality);
    return report;
}

} // namespace optibench::engine
