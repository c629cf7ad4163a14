// The recommendation over stored runs' figures: the quality budget on the interval's pessimistic
// end, the cheapest run that is reliably cheaper, the Pareto front from intervals, the labels.
#include "app/core/recommend.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

namespace optibench::core {
namespace {

// A run of five blocks of 12 iterations around `meanMs`, with `agreement` over 1000 examples.
RunFigures run(std::int64_t id, double meanMs, double agreement, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, 0.01 * meanMs);
    RunFigures r;
    r.runId = id;
    for (int b = 0; b < 5; ++b) {
        r.blocks.latency.push_back({12 * (meanMs + noise(rng)), 12});
        r.blocks.noise.emplace_back();
    }
    r.metrics["latency_mean_ms"] = stats::ratioOfSums(r.blocks.latency);
    r.metrics["agreement"] = agreement;
    r.metrics["accuracy"] = 0.8;
    r.metrics["eval_examples"] = 1000;
    r.metrics["model_bytes"] = 4e6 * meanMs / 10;
    return r;
}

TEST(Recommend, BudgetsParseWithTheirDirection)
{
    auto b = parseBudget("agreement>=99%");
    EXPECT_EQ(b.metric, "agreement");
    EXPECT_FALSE(b.relative);
    EXPECT_DOUBLE_EQ(b.bound, 0.99);
    EXPECT_EQ(b.describe(), "agreement >= 99.0%");
    b = parseBudget(" accuracy >= baseline - 1% ");
    EXPECT_TRUE(b.relative);
    EXPECT_DOUBLE_EQ(b.bound, 0.01);
    EXPECT_EQ(b.describe(), "accuracy >= baseline - 1.0%");
    b = parseBudget("perplexity<=baseline+0.5");
    EXPECT_TRUE(b.relative);
    EXPECT_DOUBLE_EQ(b.bound, 0.5);
    EXPECT_DOUBLE_EQ(parseBudget("agreement>=0.995").bound, 0.995);
    for (const char *bad :
         {"agreement<=0.99", "latency_mean_ms<=10", "accuracy>=baseline+1%", "agreement", "", "agreement>=lots"})
        EXPECT_THROW(parseBudget(bad), std::invalid_argument) << bad;
    EXPECT_EQ(parseCost("latency"), Cost::Latency);
    EXPECT_EQ(parseCost("size"), Cost::ModelSize);
    EXPECT_FALSE(parseCost("speed"));
}

TEST(Recommend, TheCheapestRunWithinTheBudgetAndWhy)
{
    // #2 is cheap and keeps agreement; #3 is cheaper but its agreement's lower bound is under 99%.
    const std::vector<RunFigures> runs{run(1, 10, 1.0, 1), run(2, 5, 1.0, 2), run(3, 4, 0.95, 3), run(4, 6, 1.0, 4)};
    const auto r = recommend(runs, {"baseline", "dynamic-int8", "dynamic-int8 + neurons", "bucketed"}, Cost::Latency,
                             parseBudget("agreement>=99%"), Thresholds{});
    ASSERT_TRUE(r.chosen);
    EXPECT_EQ(r.candidates[*r.chosen].runId, 2);
    EXPECT_FALSE(r.candidates[2].meetsBudget);
    EXPECT_NE(r.candidates[2].budgetNote.find("lower bound"), std::string::npos) << r.candidates[2].budgetNote;
    EXPECT_TRUE(r.candidates[0].meetsBudget) << "the baseline agrees with itself";
    EXPECT_EQ(r.reason.rfind("#2 dynamic-int8: 2.0", 0), 0u) << r.reason;
    EXPECT_NE(r.reason.find("faster, agreement 100.0% [99.6, 100.0]"), std::string::npos) << r.reason;
    EXPECT_TRUE(r.ties.empty());
    // #3 is cheaper than every other: on the front although outside the budget; #4 is beaten by #2.
    EXPECT_TRUE(r.candidates[2].onFront);
    EXPECT_TRUE(r.candidates[1].onFront);
    EXPECT_FALSE(r.candidates[3].onFront);
    EXPECT_FALSE(r.candidates[0].onFront);
}

TEST(Recommend, ARunNotReliablyCheaperKeepsTheBaseline)
{
    const std::vector<RunFigures> runs{run(1, 10, 1.0, 5), run(2, 9.95, 1.0, 6)};
    const auto r =
        recommend(runs, {"baseline", "bucketed"}, Cost::Latency, parseBudget("agreement>=99%"), Thresholds{});
    ASSERT_TRUE(r.chosen);
    EXPECT_EQ(*r.chosen, 0u);
    EXPECT_EQ(r.reason.rfind("Keep the baseline (#1): no run within agreement >= 99.0% is reliably cheaper", 0), 0u)
        << r.reason;
}

TEST(Recommend, NoRunMeetsAnAbsoluteBudget)
{
    const std::vector<RunFigures> runs{run(1, 10, 1.0, 7), run(2, 5, 1.0, 8)};
    const auto r = recommend(runs, {"baseline", "x"}, Cost::ModelSize, parseBudget("accuracy>=95%"), Thresholds{});
    EXPECT_FALSE(r.chosen);
    EXPECT_EQ(r.reason, "No run meets accuracy >= 95.0%.");
    // Relative to the baseline, the same accuracy is within a point of it: the smaller model wins.
    const auto relative =
        recommend(runs, {"baseline", "x"}, Cost::ModelSize, parseBudget("accuracy>=baseline-5%"), Thresholds{});
    ASSERT_TRUE(relative.chosen);
    EXPECT_EQ(*relative.chosen, 1u);
    EXPECT_NE(relative.reason.find("0.50x the size"), std::string::npos) << relative.reason;

    // A point below the baseline: the run's own interval (1000 examples: about 2.5 points either
    // side) cannot show it, but the predictions differ on at most 0.4% of the examples (agreement
    // 100% [99.6, 100]), and accuracy changes only where they differ.
    const auto point =
        recommend(runs, {"baseline", "x"}, Cost::ModelSize, parseBudget("accuracy>=baseline-1%"), Thresholds{});
    ASSERT_TRUE(point.chosen);
    EXPECT_EQ(*point.chosen, 1u);
    auto disagreeing = runs;
    disagreeing[1].metrics["agreement"] = 0.985;
    const auto off =
        recommend(disagreeing, {"baseline", "x"}, Cost::ModelSize, parseBudget("accuracy>=baseline-1%"), Thresholds{});
    EXPECT_EQ(*off.chosen, 0u);
    EXPECT_FALSE(off.candidates[1].meetsBudget);
}

TEST(Recommend, TheFrontKeepsPointsWhoseCostIntervalsOverlap)
{
    const std::vector<TradeoffPoint> points{
        {1.0, 0.9, 1.1, 0.99, 0.98, 1.0},    // cheapest
        {1.05, 0.95, 1.15, 0.99, 0.98, 1.0}, // within the first's interval: stays
        {2.0, 1.9, 2.1, 0.98, 0.97, 0.99},   // beaten on both
        {3.0, 2.9, 3.1, 1.0, 0.99, 1.0},     // dearest but best in quality: stays
    };
    EXPECT_EQ(paretoFront(points), (std::vector<std::size_t>{0, 1, 3}));
    EXPECT_TRUE(paretoFront({}).empty());
    // Exact figures: (latency, accuracy); 1 beats 3 (faster and better), 2 beats 4 (as fast,
    // better); 0, 1, 2 trade off.
    auto exact = [](double cost, double quality) { return TradeoffPoint{cost, cost, cost, quality, quality, quality}; };
    EXPECT_EQ(paretoFront({exact(10, 0.90), exact(5, 0.88), exact(2, 0.80), exact(6, 0.85), exact(2, 0.70)}),
              (std::vector<std::size_t>{2, 1, 0}));
}

TEST(Recommend, LabelsNameWhatDiffersFromTheBaseline)
{
    const std::string base = R"({"name": "a", "optimizations": {"quantization": "none", "padding": "dynamic",
                                  "pruning": {"method": "none", "amount": 0}}, "threads": 1})";
    const std::string run = R"({"name": "b", "optimizations": {"quantization": "dynamic-int8", "padding": "bucketed",
                                 "pruning": {"method": "neurons", "amount": 0.3}}, "threads": 2})";
    EXPECT_EQ(configurationLabel(run, base), "dynamic-int8 + neurons + amount 0.3 + bucketed + threads 2");
    EXPECT_EQ(configurationLabel(base, base), "baseline");
}

} // namespace
} // namespace optibench::core
