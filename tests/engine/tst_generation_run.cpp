// The generation benchmark (task.mode generation) through the Benchmark facade, on a tiny
// Llama checkpoint: the metrics, the per-block series the intervals resample, the KV cache's
// size, quality against the fp32 baseline, and the errors a user can meet.
#include "engine/run/benchmark.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

// llama-tiny: 2 layers, 4 heads over 2 kv heads of 8, 64 positions.
RunConfig generationRun()
{
    RunConfig c;
    c.modelPath = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/llama-tiny";
    c.mode = options::Mode::Generation;
    c.batchSize = 2;
    c.maxLength = 32;
    c.iterations = 3;
    c.warmup = 1;
    c.blocks = 4;
    c.generation.promptLength = 12;
    c.generation.newTokens = 10;
    c.threads = 1;
    return c;
}

struct Outcome {
    std::map<std::string, double> metrics;
    std::map<std::string, std::map<std::int64_t, double>> series;
};

Outcome run(const RunConfig &c)
{
    Benchmark bench(c, nullptr);
    bench.prepare();
    const auto report = bench.measure();
    Outcome o;
    for (const auto &m : report.metrics)
        o.metrics[m.key] = m.value;
    for (const auto &s : report.series)
        o.series[s.name][s.step] = s.value;
    return o;
}

} // namespace

TEST(GenerationRun, ReportsPrefillDecodeAndTheBandwidthBound)
{
    const auto o = run(generationRun());
    auto &m = o.metrics;
    for (const char *key :
         {"ttft_mean_ms", "ttft_p50_ms", "itl_mean_ms", "itl_p50_ms", "itl_p99_ms", "decode_tokens_s",
          "prefill_tokens_s", "e2e_latency_ms", "kv_cache_bytes", "peak_memory_bytes", "prefill_flops",
          "prefill_peak_fraction", "decode_bytes_per_step", "memory_bandwidth_bytes_s", "bandwidth_fraction",
          "perplexity", "kl_divergence", "greedy_agreement"})
        ASSERT_TRUE(m.count(key)) << key;
    // Each timed generation is a block: its time to first token, and 9 decoding steps.
    EXPECT_EQ(o.series.at("ttft_ms").size(), 4u);
    EXPECT_EQ(o.series.at("latency_ms").size(), 4u * 9);
    EXPECT_EQ(m.at("timed_iterations"), 36);
    double decodeSeconds = 0;
    for (const auto &[block, seconds] : o.series.at("block_seconds"))
        decodeSeconds += seconds;
    EXPECT_NEAR(m.at("decode_tokens_s"), 2.0 * 36 / decodeSeconds, 1e-6 * m.at("decode_tokens_s"));
    EXPECT_EQ(o.series.at("block_tokens").at(0), 2.0 * 9);
    // Keys and values of 2 layers x 2 kv heads x 8 dims, fp32, for 2 rows of 12 + 9 tokens.
    EXPECT_EQ(m.at("kv_cache_bytes"), 2.0 * 2 * 2 * 2 * (12 + 9) * 8 * 4);
    EXPECT_LE(m.at("ttft_p50_ms"), m.at("ttft_p90_ms"));
    EXPECT_GT(m.at("itl_mean_ms"), 0);
    EXPECT_GT(m.at("bandwidth_fraction"), 0);
    // The unoptimized model is its own baseline.
    EXPECT_EQ(m.at("greedy_agreement"), 1.0);
    EXPECT_EQ(m.at("agreement"), 1.0);
    EXPECT_GT(m.at("perplexity"), 1.0);
}

TEST(GenerationRun, Int4ShrinksTheModelAndIsComparedWithTheBaseline)
{
    auto c = generationRun();
    c.quantization = options::Quantization::WeightInt4G32;
    const auto o = run(c);
    const auto &m = o.metrics;
    EXPECT_LT(m.at("model_bytes"), 0.5 * m.at("model_bytes_baseline"));
    // The bytes a step reads fall with the weights.
    const auto fp32 = run(generationRun());
    EXPECT_LT(m.at("decode_bytes_per_step"), 0.5 * fp32.metrics.at("decode_bytes_per_step"));
    EXPECT_GT(m.at("kl_divergence"), 0);
    EXPECT_GE(m.at("greedy_agreement"), 0);
    EXPECT_LE(m.at("greedy_agreement"), 1);
    EXPECT_EQ(m.at("greedy_tokens"), 2.0 * 10);
}

// A user's text (plain lines, or JSONL with a text field) gives the prompts and the perplexity
// set; pruning whole grouped-query groups halves the KV cache.
TEST(GenerationRun, UserTextFilesAndHeadPruning)
{
    const auto dir = std::filesystem::temp_directory_path() / "optibench-generation-text";
    std::filesystem::create_directories(dir);
    const std::string lines[] = {"The battery lasts all day and the screen is bright.",
                                 "Shipping was fast, the price fair, the box a little dented.",
                                 "Clear sound, but the case feels cheap in the hand."};
    std::ofstream txt(dir / "reviews.txt"), jsonl(dir / "reviews.jsonl");
    for (int repeat = 0; repeat < 4; ++repeat)
        for (const auto &line : lines) {
            txt << line << "\n";
            jsonl << "{\"text\": \"" << line << "\"}\n";
        }
    txt.close();
    jsonl.close();
    std::map<std::string, Outcome> outcomes;
    for (const char *file : {"reviews.txt", "reviews.jsonl"}) {
        auto c = generationRun();
        c.dataset = (dir / file).string();
        outcomes[file] = run(c);
        EXPECT_GT(outcomes[file].metrics.at("perplexity"), 1.0) << file;
        EXPECT_GT(outcomes[file].metrics.at("eval_tokens"), 0) << file;
    }
    auto c = generationRun();
    c.dataset = (dir / "reviews.txt").string();
    c.pruningMethod = options::PruningMethod::Heads;
    c.pruningAmount = 0.5; // one of llama-tiny's two groups per layer
    const auto pruned = run(c);
    EXPECT_EQ(pruned.metrics.at("pruned_heads"), 2.0 * 2);
    EXPECT_EQ(2 * pruned.metrics.at("kv_cache_bytes"), outcomes["reviews.txt"].metrics.at("kv_cache_bytes"));
    EXPECT_LT(pruned.metrics.at("prefill_flops"), outcomes["reviews.txt"].metrics.at("prefill_flops"));
    EXPECT_LE(pruned.metrics.at("greedy_agreement"), 1.0);
    std::filesystem::remove_all(dir);
}

TEST(GenerationRun, SampledGenerationIsReproducibleFromItsSeed)
{
    auto c = generationRun();
    c.generation.sample = true;
    c.generation.topK = 20;
    c.generation.temperature = 0.8;
    c.seed = 7;
    c.blocks = 1;
    const auto a = run(c), b = run(c);
    EXPECT_EQ(a.metrics.at("kv_cache_bytes"), b.metrics.at("kv_cache_bytes"));
    EXPECT_EQ(a.metrics.at("greedy_agreement"), 1.0);
}

TEST(GenerationRun, ErrorsNameTheField)
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
    auto c = generationRun();
    c.modelPath = "demo:tiny-bert"; // a classifier
    expectError(c, "task.mode: generation needs a decoder");
    c = generationRun();
    c.generation.promptLength = 60; // + 10 new tokens > 64 positions
    expectError(c, "task.prompt_length");
    c = generationRun();
    c.generation.newTokens = 0;
    expectError(c, "task.new_tokens");
    c = generationRun();
    c.generation.topP = 0;
    expectError(c, "task.top_p");
}

TEST(GenerationRun, CancelStopsMidGeneration)
{
    int tokens = 0;
    Benchmark bench(generationRun(), [&](const std::string &stage, std::int64_t, std::int64_t, const std::string &) {
        return stage != "timing" || ++tokens < 5;
    });
    bench.prepare();
    EXPECT_THROW(bench.measure(), Cancelled);
    EXPECT_EQ(tokens, 5);
}

// The measurement in steps, as interleaved runs take it: one timed generation a block.
TEST(GenerationRun, BlocksOneGenerationAtATime)
{
    Benchmark bench(generationRun(), nullptr);
    bench.prepare();
    EXPECT_THROW(bench.timeBlock(), EngineError); // before beginBlocks
    bench.beginBlocks();
    ASSERT_EQ(bench.blocks(), 4);
    for (int b = 0; b < bench.blocks(); ++b)
        bench.timeBlock();
    const auto report = bench.finishBlocks(true);
    std::map<std::string, double> m;
    std::size_t ttft = 0;
    for (const auto &metric : report.metrics)
        m[metric.key] = metric.value;
    for (const auto &s : report.series)
        ttft += s.name == "ttft_ms" ? 1 : 0;
    EXPECT_EQ(ttft, 4u);
    EXPECT_EQ(m.at("timed_iterations"), 36);
    EXPECT_GT(m.at("bandwidth_fraction"), 0);
    EXPECT_FALSE(m.count("peak_memory_bytes")); // other runs' models shared the process
}
