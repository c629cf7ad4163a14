#pragma once
// A metric of one run against the baseline's: the ratio with its interval and what it means,
// "better", "worse", "no change" or "inconclusive" (with how many more blocks would tell).
// Neither Qt nor LibTorch.
#include "stats/intervals.h"

#include <optional>
#include <string>

namespace optibench::stats {

enum class Better { Lower, Higher, Neither };
// NotComparable: a timed figure of runs on different machines or settings (app/core/
// environment_drift.h), whose ratio says nothing about the optimization.
enum class Verdict { Better, Worse, NoChange, Inconclusive, NotJudged, NotComparable };

// "better", "worse", "no change", "inconclusive", "-", "not comparable": the one spelling of
// each verdict.
const char *verdictName(Verdict v);

constexpr double kDefaultThreshold = 0.02; // a change within 2% is no change

struct Judgement {
    double ratio = 0;                 // run / baseline
    std::optional<Interval> interval; // of the ratio; a zero-width one for exact figures
    Verdict verdict = Verdict::NotJudged;
    // Inconclusive: the smallest change this data could call (threshold plus the interval's half
    // width, relative), and about how many more blocks would decide (0: more blocks cannot).
    double detectable = 0;
    int moreBlocks = 0;
};

// Better: the whole interval beyond the threshold on the good side; worse: beyond it on the
// bad side; no change: the whole interval within [1 - threshold, 1 + threshold]; otherwise
// inconclusive (so is a figure without an interval). `blocks` is the smaller run's count.
Judgement judge(double ratio, std::optional<Interval> interval, Better better, double threshold, int blocks);

} // namespace optibench::stats
