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
    NoiseSample quiet;
    quiet.otherCpu = 0.3;
    quiet.steal = 0.27; // a virtual machine that steals a steady share while the run computes
    quiet.iowait = 0.04;
    NoiseSample busy = quiet;
    busy.otherCpu = 0.93;
    NoiseSample stolen = quiet;
    stolen.steal = 0.40;
    NoiseSample waiting = quiet;
    waiting.iowait = 0.08;
    const auto reasons = noiseReasons({quiet, busy, quiet, stolen, quiet, waiting});
    ASSERT_EQ(reasons.size(), 6u);
    EXPECT_TRUE(reasons[0].empty()) << reasons[0];
    EXPECT_EQ(reasons[1], "other processes used 0.93 cores");
    EXPECT_TRUE(reasons[2].empty());
    EXPECT_EQ(reasons[3], "the hypervisor stole 40.0% of the CPU time, against 27.0% in the run's other blocks");
    EXPECT_EQ(reasons[5], "8.0% of the CPU time waited for I/O");
    EXPECT_TRUE(noiseReasons({}).empty());
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
