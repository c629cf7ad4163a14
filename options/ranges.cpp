#include "options/ranges.h"

#include <cmath>
#include <sstream>

namespace optibench::options {

namespace {

std::string number(double x)
{
    std::ostringstream s;
    s.precision(15);
    s << x;
    return s.str();
}

} // namespace

bool Range::contains(double value) const
{
    if (!std::isfinite(value) || (integer && value != std::floor(value)))
        return false;
    return (loOpen ? value > lo : value >= lo) && (hiOpen ? value < hi : value <= hi);
}

std::string Range::text() const
{
    return std::string(integer ? "an integer" : "a number") + " in " + (loOpen ? "(" : "[") + number(lo) + ", "
        + number(hi) + (hiOpen ? ")" : "]");
}

const std::vector<Range> &allRanges()
{
    static const std::vector<Range> all{
        range::batchSize,
        range::maxLength,
        range::warmup,
        range::iterations,
        range::blocks,
        range::minBlockMs,
        range::steps,
        range::evalEvery,
        range::learningRate,
        range::warmupSteps,
        range::pruningAmount,
        range::checkpointEvery,
        range::gradAccumulation,
        range::shareLayers,
        range::studentLayers,
        range::studentHidden,
        range::alpha,
        range::temperature,
        range::promptLength,
        range::newTokens,
        range::samplingTemperature,
        range::topK,
        range::topP,
        range::profilingIterations,
        range::threads,
    };
    return all;
}

std::optional<std::string> outOfRange(const Range &range, double value)
{
    if (range.contains(value))
        return std::nullopt;
    return "must be " + range.text() + ", is " + number(value);
}

} // namespace optibench::options
