#include "stats/verdict.h"

#include <cmath>

namespace optibench::stats {

const char *verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Better: return "better";
    case Verdict::Worse: return "worse";
    case Verdict::NoChange: return "no change";
    case Verdict::Inconclusive: return "inconclusive";
    case Verdict::NotComparable: return "not comparable";
    case Verdict::NotJudged: break;
    }
    return "-";
}

namespace {

// The interval's half width shrinks as 1/sqrt(blocks): the blocks that would shrink it to what
// deciding needs, the distance between the ratio's change and the threshold.
int blocksToDecide(const Judgement &j, double threshold, int blocks)
{
    const double needed = std::fabs(std::fabs(j.ratio - 1) - threshold);
    const double half = j.interval->halfWidth();
    if (needed < 1e-9 || blocks < 1)
        return 0;
    const double total = std::ceil(blocks * (half / needed) * (half / needed) - 1e-9);
    return static_cast<int>(std::max(1.0, std::min(total - blocks, 1e6)));
}

} // namespace

Judgement judge(double ratio, std::optional<Interval> interval, Better better, double threshold, int blocks)
{
    Judgement j;
    j.ratio = ratio;
    j.interval = interval;
    if (better == Better::Neither || !std::isfinite(ratio))
        return j;
    if (!interval) {
        j.verdict = Verdict::Inconclusive;
        return j;
    }
    const bool above = interval->lo > 1 + threshold, below = interval->hi < 1 - threshold;
    if (above || below)
        j.verdict = (above == (better == Better::Higher)) ? Verdict::Better : Verdict::Worse;
    else if (interval->lo >= 1 - threshold && interval->hi <= 1 + threshold)
        j.verdict = Verdict::NoChange;
    else {
        j.verdict = Verdict::Inconclusive;
        j.detectable = threshold + interval->halfWidth();
        j.moreBlocks = blocksToDecide(j, threshold, blocks);
    }
    return j;
}

} // namespace optibench::stats
