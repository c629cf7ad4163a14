// Interval coverage on synthetic samples whose answer is known: each interval should contain
// the true value about 95% of the time, neither much less (too narrow to trust) nor much more
// (too wide to decide anything). The simulations are seeded, so the counts are fixed.
#include "stats/intervals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

namespace optibench::stats {
namespace {

constexpr int kTrials = 1000;

TEST(Intervals, WilsonCoversTheTrueProportion)
{
    std::mt19937_64 rng(1);
    for (const auto &[p, n] : {std::pair{0.8, 160}, std::pair{0.97, 400}, std::pair{0.5, 30}}) {
        std::binomial_distribution<int> draw(n, p);
        int covered = 0;
        for (int t = 0; t < kTrials; ++t)
            covered += wilson(draw(rng), n).contains(p) ? 1 : 0;
        EXPECT_GE(covered, 925) << p << " of " << n;
        EXPECT_LE(covered, 975) << p << " of " << n;
    }
}

TEST(Intervals, WilsonStaysInsideZeroAndOne)
{
    const auto all = wilson(50, 50), none = wilson(0, 50);
    EXPECT_DOUBLE_EQ(all.hi, 1.0);
    EXPECT_GT(all.lo, 0.9);
    EXPECT_DOUBLE_EQ(none.lo, 0.0);
    EXPECT_LT(none.hi, 0.1);
    // The example: 0.79 of 160 examples is about +-6 points.
    const auto i = wilson(0.79 * 160, 160);
    EXPECT_NEAR(i.hi - i.lo, 0.125, 0.01);
}

TEST(Intervals, PercentileNeedsTheCountThatSupportsIt)
{
    EXPECT_EQ(minimumCount(0.5), 6u);
    EXPECT_EQ(minimumCount(0.9), 36u); // 0.9^35 = 0.0250..., just above 2.5%
    EXPECT_EQ(minimumCount(0.99), 368u);
    std::vector<double> twenty;
    for (int i = 1; i <= 20; ++i)
        twenty.push_back(i);
    const auto p99 = percentile(twenty, 0.99);
    EXPECT_FALSE(p99.supported);
    EXPECT_FALSE(p99.interval);
    EXPECT_DOUBLE_EQ(p99.value, 20.0); // "max of 20"
    const auto p50 = percentile(twenty, 0.5);
    ASSERT_TRUE(p50.supported);
    EXPECT_DOUBLE_EQ(p50.value, 10.5);
    ASSERT_TRUE(p50.interval);
    EXPECT_LE(p50.interval->lo, 10.5);
    EXPECT_GE(p50.interval->hi, 10.5);
    EXPECT_GE(p50.interval->lo, 5.0);
    EXPECT_LE(p50.interval->hi, 16.0);
}

TEST(Intervals, PercentileIntervalCoversTheTrueQuantile)
{
    std::mt19937_64 rng(2);
    std::exponential_distribution<double> latency(0.5); // mean 2 ms
    for (const double q : {0.5, 0.9, 0.99}) {
        const double truth = -std::log(1 - q) / 0.5;
        int covered = 0;
        for (int t = 0; t < kTrials; ++t) {
            std::vector<double> v(500);
            for (auto &x : v)
                x = latency(rng);
            const auto p = percentile(v, q);
            ASSERT_TRUE(p.interval) << q;
            covered += p.interval->contains(truth) ? 1 : 0;
        }
        // Order statistics are conservative: at least 95%, by construction.
        EXPECT_GE(covered, 935) << q;
        EXPECT_LE(covered, 985) << q;
    }
}

std::vector<BlockValue> a4()
{
    return {{10, 1}, {12, 1}, {11, 1}, {13, 1}};
}

// Blocks whose iterations vary in count, as min_block_ms makes them.
std::vector<BlockValue> blocksOf(std::mt19937_64 &rng, double mean, double spread, int blocks = 10)
{
    std::normal_distribution<double> block(mean, spread);
    std::uniform_int_distribution<int> iterations(10, 20);
    std::vector<BlockValue> out(static_cast<std::size_t>(blocks));
    for (auto &b : out) {
        const int n = iterations(rng);
        b = {block(rng) * n, static_cast<double>(n)};
    }
    return out;
}

TEST(Intervals, BootstrapOverBlocksCoversTheTrueMean)
{
    std::mt19937_64 rng(3);
    int covered = 0;
    for (int t = 0; t < kTrials; ++t) {
        const auto i = bootstrapInterval(blocksOf(rng, 10.0, 0.5));
        ASSERT_TRUE(i);
        covered += i->contains(10.0) ? 1 : 0;
    }
    EXPECT_GE(covered, 910);
    EXPECT_LE(covered, 980);
}

TEST(Intervals, BootstrapOverFiveBlocksStillCoversNearNinetyFivePercent)
{
    std::mt19937_64 rng(5);
    int covered = 0, ratioCovered = 0;
    for (int t = 0; t < kTrials; ++t) {
        covered += bootstrapInterval(blocksOf(rng, 10.0, 0.5, 5))->contains(10.0) ? 1 : 0;
        const auto a = blocksOf(rng, 10.0, 0.5, 5), b = blocksOf(rng, 12.5, 0.8, 5);
        ratioCovered += bootstrapRatioInterval(a, b)->contains(0.8) ? 1 : 0;
    }
    std::printf("coverage of five blocks: mean %d, ratio %d of %d\n", covered, ratioCovered, kTrials);
    EXPECT_GE(covered, 900);
    EXPECT_LE(covered, 985);
    EXPECT_GE(ratioCovered, 900);
    EXPECT_LE(ratioCovered, 985);
}

TEST(Intervals, BootstrapRatioCoversTheTrueRatio)
{
    std::mt19937_64 rng(4);
    int covered = 0;
    for (int t = 0; t < kTrials; ++t) {
        const auto a = blocksOf(rng, 10.0, 0.5), b = blocksOf(rng, 12.5, 0.8);
        const auto i = bootstrapRatioInterval(a, b);
        ASSERT_TRUE(i);
        covered += i->contains(0.8) ? 1 : 0;
    }
    EXPECT_GE(covered, 910);
    EXPECT_LE(covered, 980);
}

// Two runs interleaved over five rounds whose machine speed drifts (each round's factor falls on
// both runs' blocks): pairing the rounds covers the true ratio and cancels the drift that
// resampling each run on its own counts as noise.
TEST(Intervals, PairedBootstrapCancelsTheDriftTheRoundsShare)
{
    std::mt19937_64 rng(6);
    std::uniform_real_distribution<double> drift(0.7, 1.3);
    int covered = 0;
    double pairedWidth = 0, independentWidth = 0;
    for (int t = 0; t < kTrials; ++t) {
        auto a = blocksOf(rng, 10.0, 0.3, 5), b = blocksOf(rng, 12.5, 0.375, 5);
        for (std::size_t k = 0; k < a.size(); ++k) {
            const double d = drift(rng);
            a[k].numerator *= d;
            b[k].numerator *= d;
        }
        const auto paired = bootstrapPairedRatioInterval(a, b);
        const auto independent = bootstrapRatioInterval(a, b);
        ASSERT_TRUE(paired && independent);
        covered += paired->contains(0.8) ? 1 : 0;
        pairedWidth += paired->hi - paired->lo;
        independentWidth += independent->hi - independent->lo;
    }
    std::printf("paired coverage %d of %d; mean width paired %.4f, independent %.4f\n", covered, kTrials,
                pairedWidth / kTrials, independentWidth / kTrials);
    EXPECT_GE(covered, 900);
    EXPECT_LE(covered, 990);
    EXPECT_LT(pairedWidth, independentWidth / 3);
    EXPECT_FALSE(bootstrapPairedRatioInterval(a4(), {{10, 1}, {11, 1}})); // unequal rounds
}

TEST(Intervals, BootstrapNeedsTwoBlocksAndIsDeterministic)
{
    EXPECT_FALSE(bootstrapInterval({{10, 1}}));
    EXPECT_FALSE(bootstrapRatioInterval({{10, 1}, {11, 1}}, {{10, 1}}));
    const std::vector<BlockValue> a{{10, 1}, {12, 1}, {11, 1}, {13, 1}};
    const auto first = bootstrapInterval(a), second = bootstrapInterval(a);
    EXPECT_EQ(first->lo, second->lo);
    EXPECT_EQ(first->hi, second->hi);
    EXPECT_DOUBLE_EQ(ratioOfSums(a), 11.5);
}

TEST(Intervals, StudentT)
{
    EXPECT_DOUBLE_EQ(studentT975(1), 12.706);
    EXPECT_DOUBLE_EQ(studentT975(30), 2.042);
    EXPECT_NEAR(studentT975(40), 2.021, 1e-3);
    EXPECT_NEAR(studentT975(120), 1.980, 1e-3);
}

} // namespace
} // namespace optibench::stats
