#include "app/cli/compare_text.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace optibench::cli {

std::string number(double v)
{
    std::ostringstream s;
    const double a = std::fabs(v);
    if (a != 0 && (a >= 1e7 || a < 1e-3))
        s << std::setprecision(4) << v; // scientific where fixed would hide the digits
    else
        s << std::fixed << std::setprecision(a >= 100 ? 1 : a >= 1 ? 3 : 4) << v;
    return s.str();
}

std::string percent(double p)
{
    std::ostringstream s;
    s << std::showpos << std::fixed << std::setprecision(1) << p << '%';
    return s.str();
}

std::string intervalText(const stats::Interval &i)
{
    return "[" + number(i.lo) + ", " + number(i.hi) + "]";
}

nlohmann::json intervalJson(const std::optional<stats::Interval> &i)
{
    return i ? nlohmann::json::array({i->lo, i->hi}) : nlohmann::json(nullptr);
}

// "12.35 [12.10, 12.61]", "20.10 (max of 20)", or the bare value of a figure without interval.
std::string figureText(const core::Figure &f)
{
    if (!f.qualifier.empty())
        return number(f.value) + " (" + f.qualifier + ")";
    if (f.interval && f.interval->lo != f.interval->hi)
        return number(f.value) + " " + intervalText(*f.interval);
    return number(f.value);
}

// "0.83x [0.81, 0.85] better".
std::string judgementText(const stats::Judgement &j)
{
    if (!std::isfinite(j.ratio))
        return stats::verdictName(j.verdict);
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << j.ratio << 'x';
    if (j.interval && j.interval->lo != j.interval->hi)
        s << " [" << j.interval->lo << ", " << j.interval->hi << ']';
    if (j.verdict != stats::Verdict::NotJudged)
        s << ' ' << stats::verdictName(j.verdict);
    return s.str();
}

void printTable(const std::string &title, const std::vector<std::string> &headers,
                const std::vector<std::vector<std::string>> &cells)
{
    std::vector<std::string> head{title};
    head.insert(head.end(), headers.begin(), headers.end());
    std::vector<std::size_t> width(head.size(), 0);
    for (const auto *row : {&head})
        for (std::size_t c = 0; c < row->size(); ++c)
            width[c] = std::max(width[c], (*row)[c].size());
    for (const auto &row : cells)
        for (std::size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    std::cout << '\n';
    for (std::size_t c = 0; c < head.size(); ++c)
        std::cout << (c == 0 ? "" : "  ") << std::left << std::setw(static_cast<int>(width[c])) << head[c];
    std::cout << '\n';
    for (const auto &row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c)
            std::cout << (c == 0 ? "" : "  ") << (c == 0 ? std::left : std::right)
                      << std::setw(static_cast<int>(width[c])) << row[c];
        std::cout << '\n';
    }
}

} // namespace optibench::cli
