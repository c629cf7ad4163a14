#include "tests/bench/bench_modes.h"
#include "engine/kernels/quantize.h"
#include "engine/kernels/weight_quant.h"
#include "engine/models/bert.h"
#include "engine/optimize/precision.h"
#include "engine/run/benchmark.h"
#include "engine/run/run_options.h"
#include "engine/train/qat.h"
#if __has_include("engine/optimize/prune.h")
#include "engine/optimize/prune.h"
#define OPTIBENCH_BENCH_PRUNING 1
#endif

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

namespace optibench::bench {

using namespace optibench::engine;

namespace {

// Sequences the quality columns compare (timed batch plus extra random batches of its shape).
constexpr int kQualityBatches = 4;

double forwardMs(const Model &model, const at::Tensor &ids, const at::Tensor &mask)
{
    c10::InferenceMode guard;
    const auto t0 = std::chrono::steady_clock::now();
    model.forward(ids, mask);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

at::Tensor logitsOf(const Model &model, const std::vector<std::pair<at::Tensor, at::Tensor>> &batches)
{
    c10::InferenceMode guard;
    std::vector<at::Tensor> out;
    for (const auto &[ids, mask] : batches)
        out.push_back(model.forward(ids, mask).to(at::kFloat));
    return at::cat(out);
}

ParameterMap deepCopy(const ParameterMap &parameters)
{
    ParameterMap copy;
    for (const auto &[name, t] : parameters)
        copy.emplace(name, t.clone());
    return copy;
}

#if defined(OPTIBENCH_BENCH_PRUNING)
bool pruningMode(const std::string &mode, PruningOptions &options)
{
    using optibench::options::PruningMethod;
    static const std::map<std::string, std::pair<PruningMethod, double>> kModes =
        {{"magnitude-0.5", {PruningMethod::Magnitude, 0.5}},
         {"heads-0.5", {PruningMethod::Heads, 0.5}},
         {"neurons-0.5", {PruningMethod::Neurons, 0.5}},
         {"2:4", {PruningMethod::TwoFour, 0.5}}};
    auto it = kModes.find(mode);
    if (it == kModes.end())
        return false;
    options.method = it->second.first;
    options.amount = it->second.second;
    return true;
}
#endif

// Builds the model of one mode; throws what the engine throws for a mode it cannot run.
std::unique_ptr<Model> buildMode(const std::string &mode, const TransformerConfig &config,
                                 const ParameterMap &parameters,
                                 const std::vector<std::pair<at::Tensor, at::Tensor>> &calibration)
{
    std::unique_ptr<Model> model = std::make_unique<BertClassifier>(config, deepCopy(parameters));
    auto &native = dynamic_cast<NativeModel &>(*model);
    if (mode == "dynamic-int8") {
        if (!enableDynamicInt8())
            throw std::runtime_error("no ONEDNN quantized engine in this LibTorch");
        native.setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeDynamicInt8Linear(w, b); });
    } else if (mode == "weight-int8") {
        native.setLinearFactory(
            [](const std::string &, const at::Tensor &w, const at::Tensor &b) { return makeWeightInt8Linear(w, b); });
    } else if (mode == "fp16-weights" || mode == "bf16-weights") {
        const auto dtype = mode == "fp16-weights" ? at::kHalf : at::kBFloat16;
        native.setLinearFactory([dtype](const std::string &, const at::Tensor &w, const at::Tensor &b) {
            return makeHalfWeightLinear(w, b, dtype);
        });
    } else if (mode == "bf16" || mode == "amp-bf16") {
        RunConfig c;
        c.precision = optibench::options::parseOrThrow<optibench::options::Precision>(mode);
        validatePrecision(c);
        applyPrecision(model, c.precision, at::kCPU, "BERT-base");
    } else if (mode == "qat") {
        auto ops = insertFakeQuant(native);
        c10::InferenceMode guard;
        for (const auto &[ids, mask] : calibration)
            native.forward(ids, mask);
        convertQat(native);
    } else {
#if defined(OPTIBENCH_BENCH_PRUNING)
        PruningOptions options;
        if (!pruningMode(mode, options))
            throw std::runtime_error("unknown mode");
        prune(*model, options);
#else
        throw std::runtime_error("unknown mode (pruning is not in this engine)");
#endif
    }
    return model;
}

} // namespace

std::vector<double> timeForwards(const Model &model, const at::Tensor &ids, const at::Tensor &mask, int warmup,
                                 int iterations)
{
    c10::InferenceMode guard;
    for (int i = 0; i < warmup; ++i)
        model.forward(ids, mask);
    std::vector<double> ms;
    for (int i = 0; i < iterations; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        model.forward(ids, mask);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return ms;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

std::vector<std::string> allModes()
{
    std::vector<std::string> modes = {"dynamic-int8", "weight-int8", "fp16-weights", "bf16-weights",
                                      "bf16",         "amp-bf16",    "qat"};
#if defined(OPTIBENCH_BENCH_PRUNING)
    for (const auto *m : {"magnitude-0.5", "heads-0.5", "neurons-0.5", "2:4"})
        modes.push_back(m);
#endif
    return modes;
}

void runModes(const TransformerConfig &config, const ParameterMap &parameters, const at::Tensor &ids,
              const at::Tensor &mask, int rounds, const std::vector<std::string> &modes)
{
    if (modes.empty())
        return;
    std::vector<std::pair<at::Tensor, at::Tensor>> quality{{ids, mask}};
    for (int i = 1; i < kQualityBatches; ++i)
        quality.emplace_back(at::randint(1, config.vocabSize, ids.sizes(), at::kLong), mask);
    const std::vector<std::pair<at::Tensor, at::Tensor>> calibration{
        {at::randint(1, config.vocabSize, ids.sizes(), at::kLong), mask}};
    // Every model is built first; then each round times one forward of fp32 and of every mode,
    // the start rotating from round to round, so load changes and cache warmth hit all alike.
    // A mode's speed-up is the median over rounds of fp32's time in that round over its own.
    struct Entry {
        std::string mode;
        std::unique_ptr<Model> model;
        std::vector<double> ms;
    };
    std::vector<Entry> entries;
    entries.push_back({"fp32", std::make_unique<BertClassifier>(config, parameters), {}});
    for (const auto &mode : modes) {
        try {
            entries.push_back({mode, buildMode(mode, config, parameters, calibration), {}});
        } catch (const std::exception &e) {
            std::printf("  %-14s skipped: %s\n", mode.c_str(), e.what());
        }
    }
    const auto reference = logitsOf(*entries.front().model, quality);
    const double fp32Bytes = static_cast<double>(entries.front().model->modelBytes());
    for (const auto &e : entries) // warm-up: first-call allocations and packed weights
        forwardMs(*e.model, ids, mask);
    for (int r = 0; r < rounds; ++r)
        for (std::size_t k = 0; k < entries.size(); ++k) {
            auto &e = entries[(k + static_cast<std::size_t>(r)) % entries.size()];
            e.ms.push_back(forwardMs(*e.model, ids, mask));
        }
    const auto &fp32Ms = entries.front().ms;
    std::printf("\nmodes, interleaved over %d rounds (median ms; speed-up: median over rounds of fp32/mode, with its "
                "range; agreement and max relative logit error on %lld random sequences; model bytes in memory "
                "against fp32 %.1f MB):\n",
                rounds, static_cast<long long>(reference.size(0)), fp32Bytes / 1e6);
    std::printf("  %-14s %8.1f ms\n", "fp32", median(fp32Ms));
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const auto &e = entries[i];
        std::vector<double> ratios;
        for (std::size_t r = 0; r < e.ms.size(); ++r)
            ratios.push_back(fp32Ms[r] / e.ms[r]);
        const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
        const auto logits = logitsOf(*e.model, quality);
        const double agreement = logits.argmax(-1).eq(reference.argmax(-1)).to(at::kDouble).mean().item<double>();
        const double relError = ((logits - reference).abs().max() / reference.abs().max()).item<double>();
        const double bytes = static_cast<double>(e.model->modelBytes());
        std::printf("  %-14s %8.1f ms  %5.2fx fp32 (%.2f-%.2f)  agreement %5.1f%%  rel. error %.1e  %7.1f MB (%.2f)\n",
                    e.mode.c_str(), median(e.ms), median(ratios), *lo, *hi, 100 * agreement, relError, bytes / 1e6,
                    bytes / fp32Bytes);
        std::fflush(stdout);
    }
}

void runDemoDynamicInt8(int threads)
{
    auto run = [&](const std::string &quantization) {
        RunConfig c;
        c.quantization = optibench::options::parseOrThrow<optibench::options::Quantization>(quantization);
        c.batchSize = 32;
        c.maxLength = 128;
        c.warmup = 2;
        c.iterations = 32; // the whole eval split (1000 reviews, 32 batches)
        c.blocks = 1;      // one pass over the workload: quality is what this checks, not timing
        c.minBlockMs = 0;
        c.quality = options::QualityScope::Timed; // the workload's batches, as the bounds here were set
        c.threads = threads;
        Benchmark bench(c, nullptr);
        bench.prepare();
        std::map<std::string, double> m;
        for (const auto &x : bench.measure().metrics)
            m[x.key] = x.value;
        return m;
    };
    try {
        const auto fp32 = run("none");
        const auto int8 = run("dynamic-int8");
        std::printf("\ndemo:tiny-bert dynamic-int8 on demo:reviews eval (%.0f examples, batch 32): agreement %.1f%%, "
                    "KL %.2e, latency p50 %.2f ms vs fp32 %.2f ms (%.2fx)\n",
                    int8.at("eval_examples"), 100 * int8.at("agreement"), int8.at("kl_divergence"),
                    int8.at("latency_p50_ms"), fp32.at("latency_p50_ms"),
                    fp32.at("latency_p50_ms") / int8.at("latency_p50_ms"));
    } catch (const std::exception &e) {
        std::printf("\ndemo dynamic-int8: %s\n", e.what());
    }
}

} // namespace optibench::bench
