// The measured part of a generation run. See engine/run/generation_pass.h.
#include "engine/run/generation_pass.h"
#include "engine/kernels/compat.h"
#include "engine/measure/device_memory.h"
#include "engine/measure/memory_bandwidth.h"
#include "engine/measure/metrics.h"
#include "engine/measure/peak_flops.h"
#include "engine/models/kv_cache.h"
#include "engine/run/generation_timing.h"
#include "engine/run/optimization_steps.h"
#include "engine/run/run_metrics.h"
#include "engine/run/run_state.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <numeric>

namespace optibench::engine {

namespace {

// Greedy tokens after each prompt that greedy agreement compares.
constexpr int kAgreementTokens = 32;

GenerationOptions timedOptions(const RunConfig &c)
{
    GenerationOptions o;
    o.maxNewTokens = c.generation.newTokens;
    o.stopAtEos = false;
    o.sampling.sample = c.generation.sample;
    o.sampling.temperature = c.generation.temperature;
    o.sampling.topK = c.generation.topK;
    o.sampling.topP = c.generation.topP;
    o.sampling.seed = c.seed;
    return o;
}

GenerationOptions greedyOptions(const RunConfig &c)
{
    GenerationOptions o;
    o.maxNewTokens = std::min(kAgreementTokens, c.generation.newTokens);
    o.stopAtEos = false;
    return o;
}

// The real tokens of the loaded batches, text after text.
std::vector<std::int64_t> tokenStream(const RunState &run)
{
    std::vector<std::int64_t> stream;
    for (const auto &b : run.batches) {
        const auto ids = b.inputIds.cpu(), mask = b.attentionMask.cpu().to(at::kLong);
        const auto *id = ids.data_ptr<std::int64_t>();
        const auto *m = mask.data_ptr<std::int64_t>();
        for (std::int64_t i = 0; i < ids.numel(); ++i)
            if (m[i] != 0)
                stream.push_back(id[i]);
    }
    return stream;
}

// What one timed generation adds to the report's series.
void recordGeneration(RunReport &report, int block, const GenerationTiming &t, std::int64_t batch,
                      std::int64_t promptTokens, double startMs)
{
    const auto first = static_cast<std::int64_t>(block) * static_cast<std::int64_t>(t.stepMs.size());
    double at = startMs + t.prefillMs;
    for (std::size_t s = 0; s < t.stepMs.size(); ++s) {
        const auto i = first + static_cast<std::int64_t>(s);
        report.series.push_back({"latency_at_ms", i, at});
        report.series.push_back({"latency_ms", i, t.stepMs[s]});
        report.series.push_back({"latency_block", i, static_cast<double>(block)});
        at += t.stepMs[s];
    }
    report.series.push_back({"ttft_ms", block, t.prefillMs});
    report.series.push_back({"e2e_ms", block, t.prefillMs + t.decodeMs()});
    report.series.push_back({"prefill_tokens", block, static_cast<double>(batch * promptTokens)});
}

struct Timed {
    std::vector<GenerationTiming> generations;
    std::vector<stats::NoiseSample> noise;
    std::vector<double> ttft() const;
    std::vector<double> steps() const;
    double decodeSeconds() const;
};

std::vector<double> Timed::ttft() const
{
    std::vector<double> out;
    for (const auto &g : generations)
        out.push_back(g.prefillMs);
    return out;
}

std::vector<double> Timed::steps() const
{
    std::vector<double> out;
    for (const auto &g : generations)
        out.insert(out.end(), g.stepMs.begin(), g.stepMs.end());
    return out;
}

double Timed::decodeSeconds() const
{
    double ms = 0;
    for (const auto &g : generations)
        ms += g.decodeMs();
    return ms / 1000.0;
}

void warmUpGenerations(RunState &run)
{
    const auto &c = run.config;
    const auto options = timedOptions(c);
    for (int i = 0; i < c.warmup; ++i) {
        run.progress("warmup", i, c.warmup, "untimed generation " + std::to_string(i + 1));
        timeGeneration(*run.model, run.prompts, {}, options, run.device);
    }
    run.progress("warmup", c.warmup, c.warmup);
}

// The next timed generation, a block, into `timed` and the report's series.
void timeNextGeneration(RunState &run, RunReport &report, Timed &timed, std::chrono::steady_clock::time_point start)
{
    const auto &c = run.config;
    const auto B = run.prompts.size(0), P = run.prompts.size(1);
    const int block = static_cast<int>(timed.generations.size());
    const std::int64_t tokens = std::int64_t{c.blocks} * c.generation.newTokens;
    const std::string detail = "generation " + std::to_string(block + 1) + " of " + std::to_string(c.blocks);
    auto afterToken = [&](int step) {
        run.progress("timing", std::int64_t{block} * c.generation.newTokens + step, tokens, detail);
    };
    const auto counters = readNoiseCounters();
    const double startMs = msSince(start);
    timed.generations.push_back(timeGeneration(*run.model, run.prompts, {}, timedOptions(c), run.device, afterToken));
    timed.noise.push_back(noiseBetween(counters, readNoiseCounters()));
    const auto &g = timed.generations.back();
    recordGeneration(report, block, g, B, P, startMs);
    const auto steps = static_cast<std::int64_t>(g.stepMs.size());
    recordBlock(report, block, {steps, B, B * steps, g.decodeMs() / 1000.0}, timed.noise.back());
}

// Perplexity and the next-token distributions against the baseline on the quality batches.
void addLanguageQuality(MetricBuilder &m, RunState &run)
{
    LmLoss lm;
    std::vector<at::Tensor> outs, base;
    std::int64_t done = 0;
    const auto total = static_cast<std::int64_t>(run.qualityBatches.size());
    for (auto index : run.qualityBatches) {
        run.progress("evaluating", done++, total, "perplexity and agreement with the fp32 baseline");
        const auto out = run.run(index);
        const auto &b = run.batches[index];
        const auto l = lmLoss(out, b.inputIds, b.attentionMask);
        lm.nll += l.nll;
        lm.tokens += l.tokens;
        outs.push_back(run.qualityOutputs(index, out));
        base.push_back(run.baselineLogits.count(index) ? run.baselineLogits.at(index) : outs.back());
    }
    const auto agreement = compareLogits(at::cat(outs), at::cat(base));
    m.add("perplexity", lm.perplexity(), "");
    m.add("lm_loss", lm.tokens > 0 ? lm.nll / static_cast<double>(lm.tokens) : 0.0, "nats");
    m.add("eval_tokens", static_cast<double>(lm.tokens), "tokens");
    m.add("agreement", agreement.agreement, "ratio");
    m.add("kl_divergence", agreement.klDivergence, "nats");
    m.add("eval_examples", static_cast<double>(agreement.examples), "count");
}

// The share of the baseline's greedy tokens that the measured model's greedy generation repeats
// position by position (a greedy timed generation is reused).
void addGreedyAgreement(MetricBuilder &m, RunState &run, const Timed &timed)
{
    const auto options = greedyOptions(run.config);
    if (!run.baselineTokens.defined()) { // the model is the baseline
        m.add("greedy_agreement", 1.0, "ratio");
        m.add("greedy_tokens", static_cast<double>(run.prompts.size(0) * options.maxNewTokens), "tokens");
        return;
    }
    at::Tensor tokens;
    if (!run.config.generation.sample)
        tokens = timed.generations.front().tokens.narrow(1, 0, options.maxNewTokens);
    else
        tokens = generate(*run.model, run.prompts, {}, options).tokens;
    const auto same = tokens.cpu().eq(run.baselineTokens.cpu());
    m.add("greedy_agreement", same.to(at::kDouble).mean().item<double>(), "ratio");
    m.add("greedy_tokens", static_cast<double>(same.numel()), "tokens");
}

void addTimingMetrics(MetricBuilder &m, const RunState &run, const Timed &t)
{
    const auto B = static_cast<double>(run.prompts.size(0)), P = static_cast<double>(run.prompts.size(1));
    const auto ttft = latencyStats(t.ttft());
    const auto steps = t.steps();
    const auto itl = latencyStats(steps);
    const double blocks = static_cast<double>(t.generations.size());
    m.add("ttft_mean_ms", ttft.mean, "ms");
    m.add("ttft_p50_ms", ttft.p50, "ms");
    m.add("ttft_p90_ms", ttft.p90, "ms");
    m.add("itl_mean_ms", itl.mean, "ms");
    m.add("itl_p50_ms", itl.p50, "ms");
    m.add("itl_p90_ms", itl.p90, "ms");
    m.add("itl_p99_ms", itl.p99, "ms");
    m.add("itl_stdev_ms", itl.stdev, "ms");
    m.add("prefill_tokens_s", B * P / (ttft.mean / 1000.0), "tokens/s");
    m.add("decode_tokens_s", B * static_cast<double>(steps.size()) / t.decodeSeconds(), "tokens/s");
    double e2e = 0;
    for (const auto &g : t.generations)
        e2e += g.prefillMs + g.decodeMs();
    m.add("e2e_latency_ms", e2e / blocks, "ms");
    m.add("prompt_tokens", P, "tokens");
    m.add("new_tokens", static_cast<double>(run.config.generation.newTokens), "tokens");
    m.add("timed_iterations", static_cast<double>(steps.size()), "count");
    m.add("blocks", blocks, "count");
    m.add("kv_cache_bytes", static_cast<double>(t.generations.back().cacheBytes), "bytes");
}

// The machine's limits, cached or probed before the timing (the bandwidth probe's buffer must
// not count as the run's memory).
struct Limits {
    PeakFlops peak;
    MachineProbe bandwidth;
};

Limits machineLimits(RunState &run)
{
    run.progress("warmup", 0, 1, "the machine's GEMM peak and memory bandwidth");
    return {measuredPeakFlops(run.config.threads), measuredMemoryBandwidth(run.config.threads, run.config.device)};
}

// Prefill against the GEMM peak, decode against the bandwidth bound; a probe the run beat is
// measured again (a peak measured beside other work is too low).
void addBoundMetrics(MetricBuilder &m, RunState &run, const Timed &t, Limits limits)
{
    const auto &c = run.config;
    const auto B = run.prompts.size(0), P = run.prompts.size(1);
    const double prefillSeconds = latencyStats(t.ttft()).mean / 1000.0;
    const double prefillFlops = decoderFlops(*run.model, B, P, 0);
    auto &peak = limits.peak;
    if (prefillFlops / prefillSeconds > peak.flops)
        peak = remeasurePeakFlops(c.threads);
    m.add("prefill_flops", prefillFlops, "flop");
    m.add("prefill_flops_s", prefillFlops / prefillSeconds, "flop/s");
    m.add("peak_flops_s", peak.flops, "flop/s");
    m.add("prefill_peak_fraction", peak.flops > 0 ? prefillFlops / prefillSeconds / peak.flops : 0.0, "ratio");

    const double perStep =
        decodeBytesPerToken(*run.model, t.generations.back().cacheBytes, static_cast<int>(P), c.generation.newTokens);
    const double stepsPerSecond = static_cast<double>(t.steps().size()) / t.decodeSeconds();
    auto &bandwidth = limits.bandwidth;
    if (stepsPerSecond * perStep > bandwidth.value)
        bandwidth = remeasureMemoryBandwidth(c.threads, c.device);
    const double bound = bandwidth.value / perStep; // steps/s
    m.add("decode_bytes_per_step", perStep, "bytes");
    m.add("memory_bandwidth_bytes_s", bandwidth.value, "bytes/s");
    m.add("bandwidth_bound_tokens_s", bound * static_cast<double>(B), "tokens/s");
    m.add("bandwidth_fraction", bound > 0 ? stepsPerSecond / bound : 0.0, "ratio");
    m.add("bandwidth_probe_busy", bandwidth.busy ? 1.0 : 0.0, "");
}

} // namespace

void preparePrompts(RunState &run)
{
    const auto &c = run.config;
    if (!run.languageModel || !dynamic_cast<const CachedDecoder *>(run.model))
        throw EngineError("task.mode: generation needs a decoder that keeps a KV cache (GPT-2, Llama, Mistral, "
                          "Qwen2); "
                          + c.modelPath + " is " + run.model->config().architecture);
    const int positions = run.model->config().maxPositions;
    if (c.generation.promptLength + c.generation.newTokens > positions)
        throw EngineError("task.prompt_length: " + std::to_string(c.generation.promptLength) + " prompt tokens and "
                          + std::to_string(c.generation.newTokens) + " new ones exceed " + c.modelPath + "'s "
                          + std::to_string(positions) + " positions");
    const auto stream = tokenStream(run);
    if (stream.empty())
        throw EngineError("task.dataset: " + c.dataset + " gave no text to cut prompts from");
    // Row r starts r prompts into the text, wrapping around a short text.
    const std::int64_t B = c.batchSize, P = c.generation.promptLength;
    auto prompts = at::empty({B, P}, at::kLong);
    auto *out = prompts.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < B * P; ++i)
        out[i] = stream[static_cast<std::size_t>(i) % stream.size()];
    run.prompts = prompts.to(run.device);
}

void computeGenerationBaseline(RunState &run)
{
    if (!run.modelAltered)
        return;
    c10::InferenceMode inference;
    run.progress("baseline", 0, 1, "greedy tokens of the fp32 baseline");
    run.baselineTokens = generate(*run.model, run.prompts, {}, greedyOptions(run.config)).tokens;
    run.progress("baseline", 1, 1, "");
}

struct GenerationMeasurement::State {
    RunReport report;
    Timed timed;
    Limits limits;
    std::chrono::steady_clock::time_point start;
};

GenerationMeasurement::GenerationMeasurement(RunState &run) : m_run(run), m_state(std::make_unique<State>()) {}

GenerationMeasurement::~GenerationMeasurement() = default;

// The probes first, so that the bandwidth probe's buffer is no part of the run's peak memory.
void GenerationMeasurement::warmUp()
{
    c10::InferenceMode inference;
    m_state->limits = machineLimits(m_run);
    resetPeakRss();
    resetDevicePeakMemory(m_run.device);
    warmUpGenerations(m_run);
    m_state->start = std::chrono::steady_clock::now();
}

void GenerationMeasurement::timeBlock()
{
    c10::InferenceMode inference;
    timeNextGeneration(m_run, m_state->report, m_state->timed, m_state->start);
}

RunReport GenerationMeasurement::finish(bool sharedProcess)
{
    c10::InferenceMode inference;
    auto &run = m_run;
    const auto &timed = m_state->timed;
    auto &report = m_state->report;
    if (timed.generations.empty())
        throw EngineError("GenerationMeasurement::finish called before a timed generation");
    const std::int64_t tokens = std::int64_t{run.config.blocks} * run.config.generation.newTokens;
    run.progress("timing", tokens, tokens);
    MetricBuilder m(report.metrics);
    addTimingMetrics(m, run, timed);
    m.add("noisy_blocks", static_cast<double>(recordNoisyBlocks(report, timed.noise)), "count");
    addSizeMetrics(m, run, sharedProcess);
    reportPruning(run, report);
    addBoundMetrics(m, run, timed, m_state->limits);
    addLanguageQuality(m, run);
    addGreedyAgreement(m, run, timed);
    return std::move(report);
}

RunReport measureGeneration(RunState &run)
{
    GenerationMeasurement m(run);
    m.warmUp();
    for (int block = 0; block < run.config.blocks; ++block)
        m.timeBlock();
    return m.finish(false);
}

std::int64_t tracedGenerations(RunState &run, int count)
{
    c10::InferenceMode inference;
    const auto options = timedOptions(run.config);
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        run.progress("tracing", i, count);
        timeGeneration(*run.model, run.prompts, {}, options, run.device);
    }
    run.progress("tracing", count, count);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace optibench::engine
