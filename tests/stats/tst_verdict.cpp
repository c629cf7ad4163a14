// The verdicts' boundaries and the noisy-block rule.
#include "stats/metric_table.h"
#include "stats/noise.h"
#include "stats/verdict.h"

#include <gtest/gtest.h>

namespace optibench::stats {
namespace {

Verdict verdictOf(double lo, double hi, Better better)
{
    return judge((lo + hi) / 2, Interval{lo, hi}, better, kDefaultThreshold, 10).verdict;
}

TEST(Verdict, TheWholeIntervalBeyondTheThresholdDecides)
{
    EXPECT_EQ(verdictOf(1.03, 1.07, Better::Higher), Verdict::Better);
    EXPECT_EQ(verdictOf(1.03, 1.07, Better::Lower), Verdict::Worse);
    EXPECT_EQ(verdictOf(0.90, 0.97, Better::Lower), Verdict::Better);
    EXPECT_EQ(verdictOf(0.90, 0.97, Better::Higher), Verdict::Worse);
    // Just inside the threshold on one end: not yet better.
    EXPECT_EQ(verdictOf(1.02, 1.07, Better::Higher), Verdict::Inconclusive);
    EXPECT_EQ(verdictOf(1.0201, 1.07, Better::Higher), Verdict::Better);
}

TEST(Verdict, NoChangeNeedsTheWholeIntervalWithinTheThreshold)
{
    EXPECT_EQ(verdictOf(0.99, 1.01, Better::Lower), Verdict::NoChange);
    EXPECT_EQ(verdictOf(0.98, 1.02, Better::Lower), Verdict::NoChange);
    EXPECT_EQ(verdictOf(0.97, 1.01, Better::Lower), Verdict::Inconclusive);
    // Different from 1 but not by the threshold: still no change.
    EXPECT_EQ(verdictOf(1.005, 1.015, Better::Higher), Verdict::NoChange);
}

TEST(Verdict, InconclusiveSaysWhatWouldDecide)
{
    const auto j = judge(1.03, Interval{1.00, 1.06}, Better::Higher, kDefaultThreshold, 10);
    EXPECT_EQ(j.verdict, Verdict::Inconclusive);
    EXPECT_NEAR(j.detectable, 0.05, 1e-12); // the threshold plus the half width
    // Deciding needs a half width of 0.01 (1.03 - 1.02); it is 0.03: nine times the blocks.
    EXPECT_EQ(j.moreBlocks, 80);
}

TEST(Verdict, WithoutIntervalOrDirection)
{
    EXPECT_EQ(judge(1.5, std::nullopt, Better::Lower, kDefaultThreshold, 1).verdict, Verdict::Inconclusive);
    EXPECT_EQ(judge(1.5, Interval{1.5, 1.5}, Better::Neither, kDefaultThreshold, 1).verdict, Verdict::NotJudged);
    // An exact figure: a zero-width interval.
    EXPECT_EQ(judge(0.5, Interval{0.5, 0.5}, Better::Lower, kDefaultThreshold, 1).verdict, Verdict::Better);
    EXPECT_EQ(judge(1.01, Interval{1.01, 1.01}, Better::Lower, kDefaultThreshold, 1).verdict, Verdict::NoChange);
    EXPECT_EQ(judge(1.0, Interval{0.9, 1.1}, Better::Lower, 0.15, 10).verdict, Verdict::NoChange);
}

TEST(Verdict, Names)
{
    EXPECT_STREQ(verdictName(Verdict::Better), "better");
    EXPECT_STREQ(verdictName(Verdict::NoChange), "no change");
    EXPECT_STREQ(verdictName(Verdict::Inconclusive), "inconclusive");
}

TEST(Noise, BusyBlocksAreFlagged)
{
    EXPECT_TRUE(noiseReason(NoiseSample{}).empty());
    NoiseSample busy;
    busy.otherCpu = 0.93;
    EXPECT_EQ(noiseReason(busy), "other processes used 0.93 cores");
    NoiseSample quiet;
    quiet.otherCpu = 0.2;
    quiet.steal = 0.01;
    quiet.iowait = 0.04;
    EXPECT_TRUE(noiseReason(quiet).empty());
    quiet.steal = 0.03;
    EXPECT_EQ(noiseReason(quiet), "the hypervisor stole 3.0% of the CPU time");
}

TEST(MetricTable, DirectionsAndSpreads)
{
    EXPECT_EQ(betterOf("latency_mean_ms"), Better::Lower);
    EXPECT_EQ(betterOf("throughput_seq_s"), Better::Higher);
    EXPECT_EQ(betterOf("no_such_metric"), Better::Neither);
    EXPECT_EQ(describeMetric("accuracy")->spread, Spread::Proportion);
    EXPECT_EQ(describeMetric("model_bytes")->spread, Spread::Exact);
    EXPECT_EQ(describeMetric("latency_p99_ms")->spread, Spread::Percentile99);
}

} // namespace
} // namespace optibench::stats
