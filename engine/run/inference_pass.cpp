// The measured part of an inference run. See engine/run/inference_pass.h.
#include "engine/run/inference_pass.h"
#include "engine/kernels/compat.h"
#include "engine/measure/device_memory.h"
#include "engine/measure/flops.h"
#include "engine/measure/metric_builder.h"
#include "engine/measure/metrics.h"
#include "engine/measure/noise.h"
#include "engine/measure/peak_flops.h"
#include "engine/run/optimization_steps.h"
#include "engine/run/run_metrics.h"
#include "engine/run/run_state.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <numeric>

namespace optibench::engine {

namespace {

// What the timed iterations saw.
struct TimedIterations {
    std::vector<double> latencies;             // ms per iteration
    std::map<std::size_t, at::Tensor> outputs; // quality outputs per distinct batch
    LmLoss lm;                                 // language models: over the distinct batches
    std::int64_t realTokens = 0, paddedTokens = 0, sequences = 0;
    double flops = 0; // over every timed iteration
    // The first `iterations` timed batches: the same whatever the blocks' minimum time added, so
    // the reported counts and FLOPs per pass do not depend on the machine's speed.
    struct {
        std::int64_t realTokens = 0, paddedTokens = 0;
        double flops = 0;
    } workload;
    int blocks = 0;      // blocks timed so far
    int noisyBlocks = 0; // blocks during which the machine was busy with other work

    double totalSeconds() const { return std::accumulate(latencies.begin(), latencies.end(), 0.0) / 1000.0; }
};

struct Quality {
    double accuracy = 0; // labelled data only
    Agreement agreement; // against the fp32 baseline
};

void warmUpRun(RunState &run)
{
    for (int i = 0; i < run.config.warmup; ++i) {
        run.progress("warmup", i, run.config.warmup);
        run.run(run.warmupBatch(i));
        compat::synchronize(run.device);
    }
    run.progress("warmup", run.config.warmup, run.config.warmup);
}

// Batch `index`'s quality outputs (and a language model's loss on it), once per distinct batch.
void recordQuality(const RunState &run, TimedIterations &t, std::size_t index, const at::Tensor &out)
{
    if (t.outputs.count(index))
        return;
    t.outputs.emplace(index, run.qualityOutputs(index, out));
    if (run.languageModel) {
        const auto &b = run.batches[index];
        const auto l = lmLoss(out, b.inputIds, b.attentionMask);
        t.lm.nll += l.nll;
        t.lm.tokens += l.tokens;
    }
}

// Timed iteration `i` of the run, at position `inPass` of the workload's pass: its latency, its
// counts, and in the first pass (the batches the baseline computed) the quality outputs.
void timeOne(RunState &run, TimedIterations &t, int i, int inPass)
{
    const auto index = run.timedBatch(inPass);
    const auto t0 = std::chrono::steady_clock::now();
    auto out = run.run(index);
    compat::synchronize(run.device);
    t.latencies.push_back(msSince(t0));
    const auto &b = run.batches[index];
    t.realTokens += b.realTokens;
    t.paddedTokens += b.paddedTokens;
    t.sequences += b.inputIds.size(0);
    const double flops = encoderForwardFlops(run.model->config(), b.inputIds.size(0), b.inputIds.size(1));
    t.flops += flops;
    if (i < run.config.iterations) {
        t.workload.realTokens += b.realTokens;
        t.workload.paddedTokens += b.paddedTokens;
        t.workload.flops += flops;
    }
    if (i < run.config.iterations)
        recordQuality(run, t, index, out);
}

// The clock and noise samples of a run's blocks: the start that iteration timestamps count from,
// and the machine's noise during each block so far.
struct BlockClock {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::vector<stats::NoiseSample> noise;
};

// What a block added to the counts.
struct BlockCounts {
    std::size_t iterations = 0;
    std::int64_t sequences = 0, tokens = 0;
    static BlockCounts of(const TimedIterations &t) { return {t.latencies.size(), t.sequences, t.realTokens}; }
};

// One timed block. A block runs whole passes over the workload (the `iterations` timed batches,
// in the same order), as many as make it at least min_block_ms long: every block times the same
// work, so blocks differ by the machine's noise only. Every iteration's latency is kept with its
// block and its start time.
void timeNextBlock(RunState &run, RunReport &report, TimedIterations &t, BlockClock &clock)
{
    const auto &c = run.config;
    const int block = t.blocks;
    const std::int64_t least = std::int64_t{c.blocks} * c.iterations; // iterations the blocks run at the least
    const auto before = BlockCounts::of(t);
    const auto counters = readNoiseCounters();
    const auto blockStart = std::chrono::steady_clock::now();
    for (int n = 0; n < c.iterations || n % c.iterations != 0 || msSince(blockStart) < c.minBlockMs; ++n) {
        const auto i = static_cast<std::int64_t>(t.latencies.size());
        // Per iteration, so that cancelling is quick; the least count is the total.
        run.progress("timing", std::min<std::int64_t>(i, least - 1), least,
                     "block " + std::to_string(block + 1) + " of " + std::to_string(c.blocks));
        report.series.push_back({"latency_at_ms", i, msSince(clock.start)});
        timeOne(run, t, static_cast<int>(i), n % c.iterations);
        report.series.push_back({"latency_ms", i, t.latencies.back()});
        report.series.push_back({"latency_block", i, static_cast<double>(block)});
    }
    const double seconds = msSince(blockStart) / 1000.0;
    const auto after = BlockCounts::of(t);
    const BlockCounts added{after.iterations - before.iterations, after.sequences - before.sequences,
                            after.tokens - before.tokens};
    clock.noise.push_back(noiseBetween(counters, readNoiseCounters()));
    recordBlock(report, block, {static_cast<std::int64_t>(added.iterations), added.sequences, added.tokens, seconds},
                clock.noise.back());
    ++t.blocks;
}

// The quality outputs of the batches quality is scored on that the timed passes did not see
// (task.quality: the rest of the split).
void scoreRemainingBatches(RunState &run, TimedIterations &t)
{
    std::int64_t done = 0;
    const auto total = static_cast<std::int64_t>(run.qualityBatches.size());
    for (auto index : run.qualityBatches) {
        run.progress("evaluating", done++, total, "accuracy and agreement with the fp32 baseline");
        if (!t.outputs.count(index))
            recordQuality(run, t, index, run.run(index));
    }
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
PeakFlops machinePeak(const RunState &run, const TimedIterations &t)
{
    auto peak = measuredPeakFlops(run.config.threads);
    if (!t.latencies.empty() && t.flops / t.totalSeconds() > peak.flops)
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
    m.add("latency_max_ms", *std::max_element(t.latencies.begin(), t.latencies.end()), "ms");
    m.add("latency_mean_ms", stats.mean, "ms");
    m.add("latency_stdev_ms", stats.stdev, "ms");
    m.add("throughput_seq_s", static_cast<double>(t.sequences) / seconds, "seq/s");
    m.add("throughput_tokens_s", static_cast<double>(t.realTokens) / seconds, "tokens/s");
    m.add("timed_iterations", static_cast<double>(t.latencies.size()), "count");
    m.add("blocks", static_cast<double>(t.blocks), "count");
    m.add("noisy_blocks", static_cast<double>(t.noisyBlocks), "count");
    // The counts of the first `iterations` batches (the workload), so they compare across runs.
    const double real = static_cast<double>(t.workload.realTokens);
    const double padded = static_cast<double>(t.workload.paddedTokens);
    m.add("real_tokens", real, "tokens");
    m.add("padded_tokens", padded, "tokens");
    // Share of the computed positions that were padding.
    m.add("padding_ratio", padded > 0 ? 1.0 - real / padded : 0.0, "ratio");
}

// The peak the run's share rests on, with the load its probe ran under: a busy probe's peak is
// too low, and is measured again by the next run.
void addComputeMetrics(MetricBuilder &m, const RunState &run, const TimedIterations &t, const PeakFlops &probe)
{
    const double seconds = t.totalSeconds();
    // FLOPs of one timed forward pass (mean over the first `iterations` batch shapes, so that the
    // figure does not depend on how many iterations the blocks' minimum time added).
    m.add("flops", t.workload.flops / static_cast<double>(run.config.iterations), "flop");
    m.add("achieved_flops_s", t.flops / seconds, "flop/s");
    const double peak = probe.flops;
    m.add("peak_flops_s", peak, "flop/s");
    m.add("peak_fraction", peak > 0 ? t.flops / seconds / peak : 0.0, "ratio");
    m.add("peak_probe_other_cpu", probe.otherCpu, "cores");
    m.add("peak_probe_busy", probe.busy ? 1.0 : 0.0, "");
}

void addQualityMetrics(MetricBuilder &m, const RunState &run, const TimedIterations &t, const Quality &q)
{
    if (run.labelled)
        m.add("accuracy", q.accuracy, "ratio");
    if (run.languageModel) {
        // From the LM loss on the real tokens of the texts quality is scored on (task.quality).
        m.add("perplexity", t.lm.perplexity(), "");
        m.add("lm_loss", t.lm.tokens > 0 ? t.lm.nll / static_cast<double>(t.lm.tokens) : 0.0, "nats");
        m.add("eval_tokens", static_cast<double>(t.lm.tokens), "tokens");
    }
    m.add("agreement", q.agreement.agreement, "ratio");
    m.add("kl_divergence", q.agreement.klDivergence, "nats");
    m.add("eval_examples", static_cast<double>(q.agreement.examples), "count");
}

} // namespace

struct InferenceMeasurement::State {
    RunReport report;
    TimedIterations timed;
    BlockClock clock;
};

InferenceMeasurement::InferenceMeasurement(RunState &run) : m_run(run), m_state(std::make_unique<State>()) {}

InferenceMeasurement::~InferenceMeasurement() = default;

void InferenceMeasurement::warmUp()
{
    c10::InferenceMode inference;
    resetDevicePeakMemory(m_run.device);
    warmUpRun(m_run);
    m_state->clock.start = std::chrono::steady_clock::now();
}

void InferenceMeasurement::timeBlock()
{
    c10::InferenceMode inference;
    timeNextBlock(m_run, m_state->report, m_state->timed, m_state->clock);
}

int InferenceMeasurement::blocksTimed() const
{
    return m_state->timed.blocks;
}

RunReport InferenceMeasurement::finish(bool sharedProcess)
{
    c10::InferenceMode inference;
    auto &run = m_run;
    auto &timed = m_state->timed;
    auto &report = m_state->report;
    timed.noisyBlocks = recordNoisyBlocks(report, m_state->clock.noise);
    const std::int64_t least = std::int64_t{run.config.blocks} * run.config.iterations;
    run.progress("timing", least, least);

    scoreRemainingBatches(run, timed);
    const auto quality = evaluateQuality(run, timed);
    run.progress("evaluating", 1, 1, "measuring the machine's fp32 GEMM peak");
    const auto peak = machinePeak(run, timed);
    run.progress("evaluating", 1, 1);

    MetricBuilder metrics(report.metrics);
    addLatencyMetrics(metrics, timed);
    addSizeMetrics(metrics, run, sharedProcess);
    reportPruning(run, report);
    addComputeMetrics(metrics, run, timed, peak);
    addQualityMetrics(metrics, run, timed, quality);
    return std::move(report);
}

RunReport measureInference(RunState &run)
{
    InferenceMeasurement m(run);
    m.warmUp();
    for (int block = 0; block < run.config.blocks; ++block)
        m.timeBlock();
    return m.finish(false);
}

} // namespace optibench::engine
