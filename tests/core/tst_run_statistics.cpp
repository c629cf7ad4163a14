// Stored runs' figures with their intervals, and verdicts against a baseline, from series laid
// out as the engine writes them (engine/run/inference_pass.cpp).
#include "app/core/environment_drift.h"
#include "app/core/run_statistics.h"

#include <gtest/gtest.h>

#include <random>

namespace optibench::core {
namespace {

// A run of `blocks` blocks of 12 iterations whose latencies scatter around `meanMs`; each
// iteration is one sequence of 10 tokens.
RunFigures syntheticRun(std::uint64_t seed, double meanMs, int blocks = 10, double otherCpu = 0)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> blockShift(0, 0.01 * meanMs), jitter(0, 0.03 * meanMs);
    std::vector<SeriesPoint> series;
    std::vector<double> all;
    double sum = 0;
    std::int64_t i = 0;
    for (int b = 0; b < blocks; ++b) {
        const double shift = blockShift(rng);
        double seconds = 0;
        for (int n = 0; n < 12; ++n, ++i) {
            const double ms = meanMs + shift + jitter(rng);
            series.push_back({"latency_ms", i, ms});
            series.push_back({"latency_block", i, static_cast<double>(b)});
            seconds += ms / 1000;
            sum += ms;
            all.push_back(ms);
        }
        series.push_back({"block_seconds", b, seconds});
        series.push_back({"block_sequences", b, 12});
        series.push_back({"block_tokens", b, 120});
        series.push_back({"noise_other_cpu", b, b % 2 == 0 ? otherCpu : 0.0});
    }
    RunFigures r;
    r.blocks = runBlocks(series);
    const double total = static_cast<double>(all.size());
    r.metrics["latency_mean_ms"] = sum / total;
    r.metrics["throughput_seq_s"] = total / (sum / 1000);
    r.metrics["latency_p99_ms"] = meanMs * 1.1;
    r.metrics["model_bytes"] = 4e6;
    r.metrics["accuracy"] = 0.8;
    r.metrics["eval_examples"] = 160;
    return r;
}

TEST(RunStatistics, BlocksAreReadBackFromTheSeries)
{
    const auto r = syntheticRun(1, 10.0, 4, 0.9);
    ASSERT_EQ(r.blocks.count(), 4u);
    EXPECT_EQ(r.blocks.latencies.size(), 48u);
    EXPECT_DOUBLE_EQ(r.blocks.latency[0].denominator, 12);
    EXPECT_DOUBLE_EQ(r.blocks.sequences[1].numerator, 12);
    EXPECT_EQ(r.blocks.noisyCount(), 2);
    EXPECT_EQ(r.blocks.noise[0], "other processes used 0.90 cores");
    EXPECT_TRUE(r.blocks.noise[1].empty());
}

TEST(RunStatistics, RunsWithoutBlocksTakeEachIterationAsOne)
{
    const auto b = runBlocks({{"latency_ms", 0, 10}, {"latency_ms", 1, 12}, {"latency_ms", 2, 11}});
    EXPECT_EQ(b.count(), 3u);
    EXPECT_TRUE(b.sequences.empty());
}

TEST(RunStatistics, EveryFigureHasItsInterval)
{
    const auto r = syntheticRun(2, 10.0);
    const auto mean = figureOf("latency_mean_ms", r);
    ASSERT_TRUE(mean && mean->interval);
    EXPECT_TRUE(mean->interval->contains(mean->value));
    EXPECT_LT(mean->interval->hi - mean->interval->lo, 0.5);
    const auto size = figureOf("model_bytes", r);
    EXPECT_EQ(size->interval->lo, size->interval->hi); // exact
    const auto accuracy = figureOf("accuracy", r);
    EXPECT_NEAR(accuracy->interval->hi - accuracy->interval->lo, 0.125, 0.01);
    // 120 latencies cannot support a p99: it is the maximum, and says so.
    const auto p99 = figureOf("latency_p99_ms", r);
    EXPECT_FALSE(p99->interval);
    EXPECT_EQ(p99->qualifier, "max of 120");
    EXPECT_FALSE(figureOf("no_such_metric", r));
}

TEST(RunStatistics, VerdictsAgainstTheBaseline)
{
    const auto base = syntheticRun(3, 10.0), same = syntheticRun(4, 10.0), faster = syntheticRun(5, 7.0);
    const auto aa = judgeMetric("latency_mean_ms", same, base, stats::kDefaultThreshold);
    EXPECT_TRUE(aa.verdict == stats::Verdict::NoChange || aa.verdict == stats::Verdict::Inconclusive);
    const auto ab = judgeMetric("latency_mean_ms", faster, base, stats::kDefaultThreshold);
    EXPECT_EQ(ab.verdict, stats::Verdict::Better);
    ASSERT_TRUE(ab.interval);
    EXPECT_LT(ab.interval->hi, 0.98);
    EXPECT_EQ(judgeMetric("throughput_seq_s", faster, base, stats::kDefaultThreshold).verdict, stats::Verdict::Better);
    // p99 is not supported by 120 values: not decidable.
    EXPECT_EQ(judgeMetric("latency_p99_ms", faster, base, stats::kDefaultThreshold).verdict,
              stats::Verdict::Inconclusive);
    auto smaller = faster;
    smaller.metrics["model_bytes"] = 1e6;
    EXPECT_EQ(judgeMetric("model_bytes", smaller, base, stats::kDefaultThreshold).verdict, stats::Verdict::Better);
    EXPECT_EQ(judgeMetric("model_bytes", same, base, stats::kDefaultThreshold).verdict, stats::Verdict::NoChange);
    // One point of accuracy on 160 examples cannot be told from noise.
    smaller.metrics["accuracy"] = 0.81;
    EXPECT_EQ(judgeMetric("accuracy", smaller, base, stats::kDefaultThreshold).verdict, stats::Verdict::Inconclusive);
    EXPECT_EQ(judgeMetric("eval_examples", smaller, base, stats::kDefaultThreshold).verdict, stats::Verdict::NotJudged);
}

TEST(EnvironmentDrift, AnotherThreadCountIsNotComparableAnotherLibraryAWarning)
{
    const std::string base = R"({"cpu": "AMD EPYC 7B13", "cores": 2, "threads": 2, "libtorch": "1.13.1",
                                 "gpu": "", "int8_scheme_reason": "probe"})";
    const std::string spec = R"({"device": "cpu", "threads": 2})";
    EXPECT_TRUE(driftBetween(base, spec, base, spec).comparable());
    EXPECT_TRUE(driftBetween(base, spec, base, spec).soft.empty());

    const std::string oneThread = R"({"cpu": "AMD EPYC 7B13", "cores": 2, "threads": 1, "libtorch": "2.5.0",
                                      "gpu": "", "int8_scheme_reason": "another text"})";
    const auto d = driftBetween(oneThread, R"({"device": "cpu", "threads": 1})", base, spec);
    EXPECT_FALSE(d.comparable());
    ASSERT_EQ(d.hard.size(), 1u);
    EXPECT_EQ(Drift::describe(d.hard), "threads 1 (baseline 2)");
    ASSERT_EQ(d.soft.size(), 1u) << "the scheme's reason is no drift";
    EXPECT_EQ(d.soft[0].path, "libtorch");
    const auto cuda = driftBetween(base, R"({"device": "cuda:0", "threads": 2})", base, spec);
    ASSERT_EQ(cuda.hard.size(), 1u);
    EXPECT_EQ(cuda.hard[0].path, "device");
}

TEST(RunStatistics, TimingVerdictsAreWithheldAcrossMachines)
{
    auto base = syntheticRun(6, 10.0), other = syntheticRun(7, 5.0);
    base.environmentJson = R"({"cpu": "AMD EPYC 7B13", "threads": 2})";
    other.environmentJson = R"({"cpu": "Intel Xeon Platinum 8481C", "threads": 2})";
    EXPECT_EQ(judgeMetric("latency_mean_ms", other, base, stats::kDefaultThreshold).verdict,
              stats::Verdict::NotComparable);
    // A size does not depend on the machine.
    other.metrics["model_bytes"] = 1e6;
    EXPECT_EQ(judgeMetric("model_bytes", other, base, stats::kDefaultThreshold).verdict, stats::Verdict::Better);
}

TEST(EnvironmentDrift, TheRunsAnInterleavedRunRanWithAreNoDifference)
{
    const std::string a = R"({"cpu": "AMD EPYC 7B13", "threads": 2,
                              "interleave": {"runs": [4, 5], "order": "abba", "position": 0}})";
    const std::string b = R"({"cpu": "AMD EPYC 7B13", "threads": 2,
                              "interleave": {"runs": [4, 5], "order": "abba", "position": 1}})";
    const std::string alone = R"({"cpu": "AMD EPYC 7B13", "threads": 2})";
    EXPECT_TRUE(environmentDifferences({a, b}).differing.empty());
    EXPECT_TRUE(environmentDifferences({a, alone}).differing.empty());
    const auto d = driftBetween(a, "{}", alone, "{}");
    EXPECT_TRUE(d.hard.empty() && d.soft.empty());
    EXPECT_EQ(interleavedRuns(a), (std::vector<std::int64_t>{4, 5}));
    EXPECT_TRUE(interleavedRuns(alone).empty());
}

// Interleaved runs share each round's drift; their comparison resamples rounds as pairs, so a
// 10% change that the drift hides from independent resampling is called.
TEST(RunStatistics, InterleavedRunsAreComparedRoundByRound)
{
    auto base = syntheticRun(8, 10.0, 5), run = syntheticRun(9, 9.0, 5);
    const double drift[] = {1.0, 1.4, 0.8, 1.3, 0.7};
    for (auto *r : {&base, &run})
        for (std::size_t k = 0; k < 5; ++k)
            r->blocks.latency[k].numerator *= drift[k];
    base.runId = 4;
    run.runId = 5;
    base.metrics["latency_mean_ms"] = stats::ratioOfSums(base.blocks.latency);
    run.metrics["latency_mean_ms"] = stats::ratioOfSums(run.blocks.latency);
    EXPECT_NE(judgeMetric("latency_mean_ms", run, base, stats::kDefaultThreshold).verdict, stats::Verdict::Better);
    base.interleavedWith = run.interleavedWith = {4, 5};
    ASSERT_TRUE(run.pairedWith(base));
    const auto j = judgeMetric("latency_mean_ms", run, base, stats::kDefaultThreshold);
    EXPECT_EQ(j.verdict, stats::Verdict::Better);
    ASSERT_TRUE(j.interval);
    EXPECT_LT(j.interval->hi, 0.98);
    EXPECT_GT(j.interval->hi, 0.8);
}

} // namespace
} // namespace optibench::core
