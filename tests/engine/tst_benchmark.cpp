// A tiny real run of the demo through the Benchmark facade.
#include "engine/models/demo.h"
#include "engine/run/benchmark.h"
#include "engine/run/optimization_steps.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

RunConfig tinyRun()
{
    RunConfig c;
    c.batchSize = 4;
    c.maxLength = 64;
    c.warmup = 1;
    c.iterations = 3;
    c.threads = 2;
    return c;
}

} // namespace

TEST(Benchmark, DemoRunProducesEveryMetric)
{
    std::set<std::string> stages;
    Benchmark bench(tinyRun(), [&](const std::string &stage, std::int64_t, std::int64_t, const std::string &) {
        stages.insert(stage);
        return true;
    });
    bench.prepare();
    EXPECT_EQ(bench.model().architecture, "BertForSequenceClassification");
    EXPECT_EQ(bench.model().layers, 4);
    EXPECT_FALSE(bench.model().note.empty());
    const auto report = bench.measure();
    std::map<std::string, Measurement> m;
    for (const auto &x : report.metrics)
        m[x.key] = x;
    for (const char *key :
         {"latency_p50_ms",    "latency_p90_ms",      "latency_p99_ms", "latency_mean_ms", "latency_stdev_ms",
          "throughput_seq_s",  "throughput_tokens_s", "real_tokens",    "padded_tokens",   "padding_ratio",
          "peak_memory_bytes", "model_bytes",         "parameters",     "sparsity",        "flops",
          "achieved_flops_s",  "peak_flops_s",        "peak_fraction",  "accuracy",        "agreement",
          "kl_divergence"})
        ASSERT_TRUE(m.count(key)) << key;
    EXPECT_GT(m["latency_p50_ms"].value, 0);
    EXPECT_EQ(m["latency_p50_ms"].unit, "ms");
    EXPECT_LE(m["latency_p50_ms"].value, m["latency_p99_ms"].value);
    EXPECT_GE(m["latency_stdev_ms"].value, 0);
    EXPECT_GT(m["throughput_tokens_s"].value, 0);
    EXPECT_GT(m["real_tokens"].value, 0);
    EXPECT_GE(m["padded_tokens"].value, m["real_tokens"].value);
    EXPECT_GE(m["padding_ratio"].value, 0);
    EXPECT_LT(m["padding_ratio"].value, 1);
    EXPECT_GT(m["peak_memory_bytes"].value, 1e6);
    EXPECT_DOUBLE_EQ(m["parameters"].value, static_cast<double>(bench.model().parameters));
    EXPECT_DOUBLE_EQ(m["model_bytes"].value, 4.0 * bench.model().parameters);
    // Unpruned: only the weights that are zero by themselves (the trained demo's fp16 storage
    // rounds a handful of tiny weights to zero), never a pruned fraction.
    EXPECT_GE(m["sparsity"].value, 0.0);
    EXPECT_LT(m["sparsity"].value, 1e-4);
    EXPECT_GT(m["flops"].value, 0);
    EXPECT_GT(m["peak_flops_s"].value, 1e8);
    EXPECT_GT(m["peak_fraction"].value, 0);
    EXPECT_LT(m["peak_fraction"].value, 2);
    EXPECT_GE(m["accuracy"].value, 0);
    EXPECT_LE(m["accuracy"].value, 1);
    EXPECT_DOUBLE_EQ(m["agreement"].value, 1.0);
    EXPECT_DOUBLE_EQ(m["kl_divergence"].value, 0.0);
    // Timed in blocks: every iteration's latency with its block and start time; each block's
    // own counts and the machine's noise during it.
    std::map<std::string, std::vector<SeriesSample>> series;
    for (const auto &s : report.series)
        series[s.name].push_back(s);
    const auto timed = static_cast<std::size_t>(m["timed_iterations"].value);
    EXPECT_GE(timed, 15u) << "at least one pass over the 3 batches in each of the 5 blocks";
    EXPECT_EQ(series["latency_ms"].size(), timed);
    EXPECT_EQ(series["latency_block"].size(), timed);
    EXPECT_EQ(series["latency_at_ms"].size(), timed);
    EXPECT_EQ(series["latency_block"].back().value, 4);
    for (const char *name : {"block_seconds", "block_iterations", "block_sequences", "block_tokens", "noise_other_cpu",
                             "noise_steal", "noise_iowait", "noise_load", "noise_frequency_mhz", "block_noisy"})
        EXPECT_EQ(series[name].size(), 5u) << name;
    double iterations = 0;
    for (const auto &b : series["block_iterations"]) {
        iterations += b.value;
        EXPECT_GE(b.value, 3);
        EXPECT_EQ(static_cast<int>(b.value) % 3, 0) << "whole passes over the workload";
    }
    EXPECT_EQ(iterations, static_cast<double>(timed));
    for (const auto &b : series["block_seconds"])
        EXPECT_GE(b.value, 0.05) << "min_block_ms is 50 by default";
    EXPECT_EQ(m["blocks"].value, 5);
    EXPECT_GE(m["noisy_blocks"].value, 0);
    EXPECT_LE(m["noisy_blocks"].value, 5);
    for (const char *s : {"loading", "preparing", "baseline", "warmup", "timing", "evaluating"})
        EXPECT_TRUE(stages.count(s)) << s;
    EXPECT_GT(bench.tracedPass(2), 0);
}

TEST(Benchmark, FixedPaddingComputesEveryPosition)
{
    auto config = tinyRun();
    config.padding = options::Padding::Fixed;
    Benchmark bench(config, nullptr);
    bench.prepare();
    const auto report = bench.measure();
    std::map<std::string, double> m;
    for (const auto &x : report.metrics)
        m[x.key] = x.value;
    EXPECT_DOUBLE_EQ(m["padded_tokens"], 3.0 * 4 * 64);
}

TEST(Benchmark, CancelFromProgressThrowsCancelled)
{
    int calls = 0;
    Benchmark bench(tinyRun(), [&](const std::string &stage, std::int64_t, std::int64_t, const std::string &) {
        ++calls;
        return stage != "timing";
    });
    bench.prepare();
    EXPECT_THROW(bench.measure(), Cancelled);
    EXPECT_GT(calls, 0);
}

TEST(Benchmark, UnsupportedConfigNamesTheField)
{
    auto expectError = [](RunConfig c, const std::string &field) {
        Benchmark bench(c, nullptr);
        try {
            bench.prepare();
            FAIL() << "no error for " << field;
        } catch (const EngineError &e) {
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
        }
    };
    // An unknown mode, precision or padding cannot be written into a RunConfig (they are enums
    // of options/values.h); out-of-range numbers and impossible combinations can.
    auto c = tinyRun();
    c.batchSize = 0;
    expectError(c, "task.batch_size");
    c = tinyRun();
    c.precision = options::Precision::Tf32;
    expectError(c, "optimizations.precision");
    c = tinyRun();
    c.gradAccumulation = 2; // an inference run
    expectError(c, "optimizations.grad_accumulation");
    c = tinyRun();
    c.modelPath = "/nonexistent/model";
    expectError(c, "model.path");
    c = tinyRun();
    c.maxLength = 1000;
    expectError(c, "max_length");
#if !defined(OPTIBENCH_HAVE_CUDA)
    c = tinyRun();
    c.device = "cuda";
    expectError(c, "device");
#endif
}

TEST(Benchmark, EnvironmentDescribesTheMachine)
{
    auto env = nlohmann::json::parse(environmentJson(2));
    EXPECT_EQ(env["threads"], 2);
    EXPECT_FALSE(env["cpu"].get<std::string>().empty());
    EXPECT_GT(env["memory_bytes"].get<std::int64_t>(), 0);
    EXPECT_EQ(env["libtorch"], libtorchVersion());
    EXPECT_TRUE(env.contains("git_revision"));
    EXPECT_TRUE(env.contains("app_version"));
    EXPECT_EQ(availableDevices().front(), "cpu");
}

TEST(Benchmark, DynamicInt8StaysCloseToTheFp32Baseline)
{
    auto config = tinyRun();
    config.quantization = options::Quantization::DynamicInt8;
    Benchmark bench(config, nullptr);
    bench.prepare();
    const auto report = bench.measure();
    std::map<std::string, double> m;
    for (const auto &x : report.metrics)
        m[x.key] = x.value;
    // Weights take a quarter of fp32 plus per-channel scales; embeddings stay fp32.
    EXPECT_LT(m["model_bytes"], 4.0 * bench.model().parameters);
    EXPECT_GT(m["kl_divergence"], 0.0);
    EXPECT_LT(m["kl_divergence"], 1e-2);
    EXPECT_GE(m["agreement"], 0.75);
}

// task.quality: the whole eval split (1000 demo examples) or the timed batches only; auto takes
// the split when the fp32 model passes over it within 10 s, as the demo does.
TEST(Benchmark, QualityIsScoredOnTheWholeSplitOrTheTimedBatches)
{
    auto examples = [](options::QualityScope scope) {
        auto config = tinyRun();
        config.quantization = options::Quantization::DynamicInt8;
        config.blocks = 1;
        config.minBlockMs = 0;
        config.quality = scope;
        Benchmark bench(config, nullptr);
        bench.prepare();
        for (const auto &m : bench.measure().metrics)
            if (m.key == "eval_examples")
                return m.value;
        return -1.0;
    };
    EXPECT_EQ(examples(options::QualityScope::Timed), 12.0); // 3 batches of 4
    EXPECT_EQ(examples(options::QualityScope::Split), 1000.0);
    EXPECT_EQ(examples(options::QualityScope::Auto), 1000.0);
}

// The optimizations are one ordered list of steps; each applies where its field is set.
TEST(Benchmark, OptimizationStepsHaveTheirFixedOrder)
{
    std::vector<std::string> fields;
    for (const auto &step : optimizationSteps())
        fields.push_back(step->field());
    EXPECT_EQ(fields,
              (std::vector<std::string>{"optimizations.pruning", "optimizations.share_layers",
                                        "optimizations.quantization", "optimizations.quantize_embeddings",
                                        "optimizations.precision"}));
    const RunConfig defaults;
    for (const auto &step : optimizationSteps())
        EXPECT_FALSE(step->applies(defaults)) << step->field();
    RunConfig c;
    c.pruningMethod = options::PruningMethod::Magnitude;
    c.shareLayers = 2;
    c.quantization = options::Quantization::WeightInt8;
    c.quantizeEmbeddings = true;
    c.precision = options::Precision::Bf16;
    for (const auto &step : optimizationSteps())
        EXPECT_TRUE(step->applies(c)) << step->field();
    c.mode = options::Mode::Training; // training autocasts in its runner: no precision step
    EXPECT_FALSE(optimizationSteps().back()->applies(c));
}

// A run with pruning and quantization applies them in that order, and both change the model.
TEST(Benchmark, PreparingAppliesPruningBeforeQuantization)
{
    RunConfig c = tinyRun();
    c.pruningMethod = options::PruningMethod::Magnitude;
    c.pruningAmount = 0.3;
    c.quantization = options::Quantization::WeightInt8;
    std::vector<std::string> messages;
    Benchmark bench(c, [&](const std::string &stage, std::int64_t, std::int64_t, const std::string &message) {
        if (stage == "preparing" && !message.empty())
            messages.push_back(message);
        return true;
    });
    bench.prepare();
    auto find = [&](const std::string &text) {
        return std::find_if(messages.begin(), messages.end(),
                            [&](const std::string &m) { return m.find(text) != std::string::npos; });
    };
    const auto pruning = find("magnitude pruning");
    const auto quantization = find("storing linear weights as weight-int8");
    ASSERT_NE(pruning, messages.end());
    ASSERT_NE(quantization, messages.end());
    EXPECT_LT(pruning - messages.begin(), quantization - messages.begin());
    std::map<std::string, double> metrics;
    for (const auto &m : bench.measure().metrics)
        metrics[m.key] = m.value;
    EXPECT_NEAR(metrics.at("sparsity"), 0.3, 0.02);
    EXPECT_LT(metrics.at("model_bytes"), 0.5 * metrics.at("model_bytes_baseline")); // int8 Linears
}
