// Runs grouped by spec fields for comparisons at sweep scale: groups in the order their first run
// comes, defaults for a field a spec leaves out, a group's figure (one run's own, the median with
// the range below 6 runs, the order statistics' interval from 6), and verdicts between groups.
#include "app/core/grouping.h"
#include "app/core/spec.h"

#include <gtest/gtest.h>

#include <random>

namespace optibench::core {
namespace {

// A run of five blocks around `meanMs` with the spec text given.
RunFigures run(std::int64_t id, const std::string &specJson, double meanMs, std::uint64_t seed = 1)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, 0.01 * meanMs);
    RunFigures r;
    r.runId = id;
    r.specJson = specJson;
    r.environmentJson = R"({"cpu":"test","threads":2})";
    for (int b = 0; b < 5; ++b) {
        r.blocks.latency.push_back({12 * (meanMs + noise(rng)), 12});
        r.blocks.noise.emplace_back();
    }
    r.metrics["latency_mean_ms"] = stats::ratioOfSums(r.blocks.latency);
    return r;
}

const std::string kInt8 = R"({"optimizations":{"quantization":"dynamic-int8"}})";
const std::string kInt8Bucketed = R"({"optimizations":{"quantization":"dynamic-int8","padding":"bucketed"}})";

std::vector<const RunFigures *> pointers(const std::vector<RunFigures> &runs)
{
    std::vector<const RunFigures *> out;
    for (const auto &r : runs)
        out.push_back(&r);
    return out;
}

TEST(Grouping, GroupsBySpecValuesInFirstSeenOrder)
{
    const std::vector<RunFigures> runs{run(1, "{}", 10), run(2, kInt8, 5), run(3, kInt8Bucketed, 4),
                                       run(4, R"({"optimizations":{"quantization":"none"}})", 10), run(5, kInt8, 5)};
    const auto groups = groupRuns(runs, {"quantization"});
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].label, "quantization=none"); // run 1 leaves the field out: its default
    EXPECT_EQ(groups[0].members, (std::vector<std::size_t>{0, 3}));
    EXPECT_EQ(groups[1].label, "quantization=dynamic-int8");
    EXPECT_EQ(groups[1].members, (std::vector<std::size_t>{1, 2, 4}));

    const auto two = groupRuns(runs, {"quantization", "optimizations.padding"});
    ASSERT_EQ(two.size(), 3u);
    EXPECT_EQ(two[2].label, "quantization=dynamic-int8 optimizations.padding=bucketed");
    EXPECT_THROW(groupRuns(runs, {"nosuchfield"}), SpecError);
}

TEST(Grouping, AGroupsFigureIsTheMedianWithItsRangeOrInterval)
{
    const std::vector<RunFigures> one{run(1, "{}", 10)};
    const auto single = groupFigure("latency_mean_ms", pointers(one));
    ASSERT_TRUE(single);
    EXPECT_EQ(single->value, figureOf("latency_mean_ms", one[0])->value);
    EXPECT_TRUE(single->qualifier.empty());
    EXPECT_FALSE(groupFigure("accuracy", pointers(one)));

    std::vector<RunFigures> three;
    for (double ms : {12.0, 10.0, 11.0})
        three.push_back(run(int(ms), "{}", ms));
    const auto f = groupFigure("latency_mean_ms", pointers(three));
    ASSERT_TRUE(f && f->interval);
    EXPECT_NEAR(f->value, three[2].metrics.at("latency_mean_ms"), 1e-12);
    EXPECT_EQ(f->qualifier, "range of 3");
    EXPECT_NEAR(f->interval->lo, three[1].metrics.at("latency_mean_ms"), 1e-12);
    EXPECT_NEAR(f->interval->hi, three[0].metrics.at("latency_mean_ms"), 1e-12);

    std::vector<RunFigures> seven;
    for (int i = 0; i < 7; ++i)
        seven.push_back(run(i, "{}", 10 + i));
    const auto g = groupFigure("latency_mean_ms", pointers(seven));
    ASSERT_TRUE(g && g->interval);
    EXPECT_TRUE(g->qualifier.empty()) << "6 or more runs support the median's interval";
    EXPECT_TRUE(g->interval->contains(g->value));
    EXPECT_LT(g->interval->hi - g->interval->lo, 6.5); // inside the whole range of 6 ms
}

TEST(Grouping, GroupVerdicts)
{
    std::vector<RunFigures> fast, slow, close;
    for (int i = 0; i < 3; ++i) {
        fast.push_back(run(10 + i, kInt8, 5 + 0.1 * i, i + 1));
        slow.push_back(run(20 + i, "{}", 10 + 0.2 * i, i + 4));
        close.push_back(run(30 + i, "{}", 9.5 + 1.0 * i, i + 7));
    }
    const auto better = judgeGroup("latency_mean_ms", pointers(fast), pointers(slow), 0.02);
    EXPECT_EQ(better.verdict, stats::Verdict::Better);
    EXPECT_NEAR(better.ratio, 5.1 / 10.2, 0.01);
    ASSERT_TRUE(better.interval);
    EXPECT_LT(better.interval->hi, 0.98);
    EXPECT_EQ(judgeGroup("latency_mean_ms", pointers(close), pointers(slow), 0.02).verdict,
              stats::Verdict::Inconclusive);
    // Two single runs: judged as two runs are, their blocks resampled.
    const auto pair = judgeGroup("latency_mean_ms", {&fast[0]}, {&slow[0]}, 0.02);
    EXPECT_EQ(pair.verdict, judgeMetric("latency_mean_ms", fast[0], slow[0], 0.02).verdict);
    // Another thread count is not comparable, group or not.
    auto other = fast;
    for (auto &r : other)
        r.environmentJson = R"({"cpu":"test","threads":1})";
    EXPECT_EQ(judgeGroup("latency_mean_ms", pointers(other), pointers(slow), 0.02).verdict,
              stats::Verdict::NotComparable);
}

} // namespace
} // namespace optibench::core
