#include "stats/intervals.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>

namespace optibench::stats {

namespace {

constexpr double kZ = 1.959963984540054; // two-sided 95%
constexpr double kTail = 0.025;
constexpr int kResamples = 4000;
constexpr std::uint64_t kSeed = 0x6f707469u; // fixed: the same data give the same interval

// P(B <= k) for k = 0..n, B ~ Binomial(n, q) with 0 < q < 1, each term in log space so that
// large n do not underflow.
std::vector<double> binomialCdf(std::size_t n, double q)
{
    std::vector<double> cdf(n + 1);
    const double lq = std::log(q), lp = std::log1p(-q), nn = static_cast<double>(n);
    double sum = 0;
    for (std::size_t j = 0; j <= n; ++j) {
        const double jj = static_cast<double>(j);
        sum +=
            std::exp(std::lgamma(nn + 1) - std::lgamma(jj + 1) - std::lgamma(nn - jj + 1) + jj * lq + (nn - jj) * lp);
        cdf[j] = std::min(1.0, sum);
    }
    return cdf;
}

double interpolated(const std::vector<double> &sorted, double q)
{
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(sorted.size() - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// Hesterberg's expanded percentile bootstrap: the tail that widens the plain percentile
// interval by the small-sample factor sqrt(n / (n - 1)) * t / z, which keeps its coverage near
// 95% with as few as five or ten blocks.
double expandedTail(std::size_t n)
{
    const double nn = static_cast<double>(n);
    return normalCdf(-std::sqrt(nn / (nn - 1)) * studentT975(static_cast<int>(n) - 1));
}

std::vector<BlockValue> resample(const std::vector<BlockValue> &blocks, std::mt19937_64 &rng)
{
    std::vector<BlockValue> out(blocks.size());
    for (auto &b : out)
        b = blocks[static_cast<std::size_t>(rng() % blocks.size())];
    return out;
}

Interval tails(std::vector<double> stats, double tail)
{
    std::sort(stats.begin(), stats.end());
    return {interpolated(stats, tail), interpolated(stats, 1 - tail)};
}

} // namespace

Interval wilson(double successes, double n)
{
    if (n <= 0)
        return {0, 1};
    const double p = successes / n, z2 = kZ * kZ;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = kZ / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::size_t minimumCount(double q)
{
    if (q <= 0 || q >= 1)
        return 1; // the minimum and the maximum need no more than one value
    // Both ends inside the sample: P(B = 0) = (1-q)^n and P(B = n) = q^n at most 2.5%.
    const double worst = std::max(q, 1 - q);
    return static_cast<std::size_t>(std::ceil(std::log(kTail) / std::log(worst)));
}

Percentile percentile(std::vector<double> values, double q)
{
    Percentile p;
    p.count = values.size();
    if (values.empty())
        return p;
    std::sort(values.begin(), values.end());
    p.supported = values.size() >= minimumCount(q);
    if (!p.supported) {
        p.value = values.back();
        return p;
    }
    p.value = interpolated(values, q);
    if (q <= 0 || q >= 1)
        return p;
    const auto n = values.size();
    // Ranks l and u (1-based) with P(B < l) <= 2.5% and P(B >= u) <= 2.5%: [x(l), x(u)].
    const auto cdf = binomialCdf(n, q);
    std::size_t l = 1, u = n;
    while (l + 1 <= n && cdf[l] <= kTail) // P(B <= l) = P(B < l + 1)
        ++l;
    while (u > 1 && cdf[u - 2] >= 1 - kTail) // P(B <= u - 2) = P(B < u - 1)
        --u;
    p.interval = Interval{values[l - 1], values[u - 1]};
    return p;
}

double ratioOfSums(const std::vector<BlockValue> &blocks)
{
    double num = 0, den = 0;
    for (const auto &b : blocks) {
        num += b.numerator;
        den += b.denominator;
    }
    return den != 0 ? num / den : 0.0;
}

std::optional<Interval> bootstrapInterval(const std::vector<BlockValue> &blocks)
{
    if (blocks.size() < 2)
        return std::nullopt;
    std::mt19937_64 rng(kSeed);
    std::vector<double> stats(kResamples);
    for (auto &s : stats)
        s = ratioOfSums(resample(blocks, rng));
    return tails(std::move(stats), expandedTail(blocks.size()));
}

std::optional<Interval> bootstrapRatioInterval(const std::vector<BlockValue> &a, const std::vector<BlockValue> &b)
{
    if (a.size() < 2 || b.size() < 2)
        return std::nullopt;
    std::mt19937_64 rng(kSeed);
    std::vector<double> stats;
    stats.reserve(kResamples);
    for (int i = 0; i < kResamples; ++i) {
        const double den = ratioOfSums(resample(b, rng));
        const double num = ratioOfSums(resample(a, rng));
        if (den != 0)
            stats.push_back(num / den);
    }
    if (stats.empty())
        return std::nullopt;
    return tails(std::move(stats), expandedTail(std::min(a.size(), b.size())));
}

std::optional<Interval> bootstrapPairedRatioInterval(const std::vector<BlockValue> &a, const std::vector<BlockValue> &b)
{
    if (a.size() < 2 || a.size() != b.size())
        return std::nullopt;
    std::mt19937_64 rng(kSeed);
    std::vector<double> stats;
    stats.reserve(kResamples);
    std::vector<BlockValue> ra(a.size()), rb(b.size());
    for (int i = 0; i < kResamples; ++i) {
        for (std::size_t k = 0; k < a.size(); ++k) { // the same rounds on both sides
            const auto pick = static_cast<std::size_t>(rng() % a.size());
            ra[k] = a[pick];
            rb[k] = b[pick];
        }
        const double den = ratioOfSums(rb);
        if (den != 0)
            stats.push_back(ratioOfSums(ra) / den);
    }
    if (stats.empty())
        return std::nullopt;
    return tails(std::move(stats), expandedTail(a.size()));
}

double studentT975(int df)
{
    static constexpr std::array<double, 30> kTable{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                                   2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                                   2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                                   2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1)
        df = 1;
    if (df <= 30)
        return kTable[static_cast<std::size_t>(df - 1)];
    // Cornish-Fisher expansion around the normal quantile: within 1e-4 beyond 30 df.
    const double z = kZ, d = df, z3 = z * z * z, z5 = z3 * z * z;
    return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d);
}

} // namespace optibench::stats
