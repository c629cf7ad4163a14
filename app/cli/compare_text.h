#pragma once
// How compare writes numbers, figures and verdicts as text (and an interval as JSON), and its
// aligned tables: shared by the runs-as-columns layout and the runs-as-rows one (compare_rows.h).
#include "app/core/run_statistics.h"

#include <nlohmann/json.hpp>

#include <optional>

#include <string>
#include <vector>

namespace optibench::cli {

// Fixed with 1 to 4 decimals by magnitude; scientific where fixed would hide the digits.
std::string number(double v);
// "+12.5%".
std::string percent(double p);
std::string intervalText(const stats::Interval &i);
// [lo, hi], or null without an interval.
nlohmann::json intervalJson(const std::optional<stats::Interval> &i);
// "12.35 [12.10, 12.61]", "20.10 (max of 20)", or the bare value of a figure without interval.
std::string figureText(const core::Figure &f);
// "0.83x [0.81, 0.85] better".
std::string judgementText(const stats::Judgement &j);
// A title column and the headers, then the cells; the first column left-aligned, the rest right.
void printTable(const std::string &title, const std::vector<std::string> &headers,
                const std::vector<std::vector<std::string>> &cells);

} // namespace optibench::cli
