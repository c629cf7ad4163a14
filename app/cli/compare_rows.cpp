#include "app/cli/compare_rows.h"

#include "app/cli/compare_text.h"
#include "app/core/grouping.h"
#include "app/core/recommend.h"
#include "stats/metric_table.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

namespace optibench::cli {

namespace {

using nlohmann::json;

struct Row {
    std::string label;
    std::vector<const core::RunFigures *> runs;
    bool baseline = false;
    std::vector<std::optional<core::Figure>> figures; // per metric
    std::vector<stats::Judgement> judgements;         // per metric; none for the baseline
};

std::vector<Row> rowsOf(const ComparedRuns &c, const RowOptions &o)
{
    std::vector<Row> rows;
    if (o.groupBy.empty()) {
        for (std::size_t i = 0; i < c.runs.size(); ++i)
            rows.push_back(
                {"#" + std::to_string(c.runs[i].id) + " " + c.runs[i].name, {&c.figures[i]}, i == c.base, {}, {}});
    } else {
        for (const auto &g : core::groupRuns(c.figures, o.groupBy)) {
            Row r{g.label, {}, false, {}, {}};
            for (std::size_t i : g.members) {
                r.runs.push_back(&c.figures[i]);
                r.baseline = r.baseline || i == c.base;
            }
            rows.push_back(std::move(r));
        }
    }
    const auto base = std::find_if(rows.begin(), rows.end(), [](const Row &r) { return r.baseline; });
    for (auto &r : rows) {
        for (const auto &key : o.metrics) {
            r.figures.push_back(core::groupFigure(key, r.runs));
            r.judgements.push_back(r.baseline ? stats::Judgement{}
                                              : core::judgeGroup(key, r.runs, base->runs, c.thresholds.of(key)));
        }
    }
    return rows;
}

// The baseline first, then best first by the first metric; rows without it last.
void sortRows(std::vector<Row> &rows, const std::string &key)
{
    const bool higher = stats::betterOf(key) == stats::Better::Higher;
    std::stable_sort(rows.begin(), rows.end(), [higher](const Row &a, const Row &b) {
        if (a.baseline != b.baseline)
            return a.baseline;
        const auto &x = a.figures.front(), &y = b.figures.front();
        if (x.has_value() != y.has_value())
            return x.has_value();
        if (!x)
            return false;
        return higher ? x->value > y->value : x->value < y->value;
    });
}

// With --top N, the baseline and the best and worst N; the number left out between them.
std::size_t keepTop(std::vector<Row> &rows, int top)
{
    if (top <= 0 || rows.size() <= 1 + 2 * static_cast<std::size_t>(top))
        return 0;
    const std::size_t omitted = rows.size() - 1 - 2 * static_cast<std::size_t>(top);
    rows.erase(rows.begin() + 1 + top, rows.end() - top);
    return omitted;
}

// "latency_mean_ms against the baseline: 12 better, 3 worse, 480 inconclusive", over every row.
std::string verdictCounts(const std::vector<Row> &rows, const std::string &key)
{
    std::map<std::string, int> counts;
    for (const auto &r : rows)
        if (!r.baseline)
            ++counts[stats::verdictName(r.judgements.front().verdict)];
    std::string text;
    for (const char *v : {"better", "worse", "no change", "inconclusive", "not comparable", "-"})
        if (counts.count(v))
            text += (text.empty() ? "" : ", ") + std::to_string(counts[v]) + " "
                + (std::string(v) == "-" ? "not judged" : v);
    return key + " against the baseline: " + text;
}

struct Shown {
    std::vector<Row> rows;
    std::size_t total = 0, omitted = 0;
    std::string counts;
};

Shown shownRows(const ComparedRuns &c, const RowOptions &o)
{
    Shown s;
    s.rows = rowsOf(c, o);
    s.total = s.rows.size();
    s.counts = verdictCounts(s.rows, o.metrics.front());
    sortRows(s.rows, o.metrics.front());
    s.omitted = keepTop(s.rows, o.top);
    return s;
}

} // namespace

std::vector<std::string> defaultRowMetrics(const std::vector<core::RunFigures> &figures)
{
    std::vector<std::string> metrics{"latency_mean_ms", "throughput_seq_s"};
    for (const auto &q : core::qualityMetrics()) {
        const bool any =
            std::any_of(figures.begin(), figures.end(), [&q](const auto &f) { return f.metrics.count(q); });
        if (any) {
            metrics.push_back(q);
            break;
        }
    }
    return metrics;
}

void printRows(const ComparedRuns &c, const RowOptions &o)
{
    const auto [rows, total, omitted, counts] = shownRows(c, o);
    std::cout << c.runs.size() << " runs";
    if (!o.groupBy.empty())
        std::cout << " in " << total << " groups (a group's figure: one run's own, or the median of its runs)";
    std::cout << "; sorted by " << o.metrics.front() << ", best first\n  " << counts << '\n';

    std::vector<std::string> headers;
    if (!o.groupBy.empty())
        headers.push_back("runs");
    for (const auto &key : o.metrics) {
        headers.push_back(key);
        headers.push_back("vs baseline");
    }
    std::vector<std::vector<std::string>> cells;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (omitted > 0 && r == rows.size() - static_cast<std::size_t>(o.top))
            cells.push_back({"... " + std::to_string(omitted) + " more (--top " + std::to_string(o.top) + ")"});
        const Row &row = rows[r];
        std::vector<std::string> line{row.label + (row.baseline ? " (baseline)" : "")};
        if (!o.groupBy.empty())
            line.push_back(std::to_string(row.runs.size()));
        for (std::size_t m = 0; m < o.metrics.size(); ++m) {
            line.push_back(row.figures[m] ? figureText(*row.figures[m]) : "-");
            line.push_back(row.baseline || !row.figures[m] ? "" : judgementText(row.judgements[m]));
        }
        cells.push_back(std::move(line));
    }
    for (auto &line : cells)
        line.resize(headers.size() + 1);
    printTable(o.groupBy.empty() ? "run" : "group", headers, cells);
    std::cout << "  value [95% interval], ratio to the baseline [95%] and verdict (threshold "
              << percent(100 * c.thresholds.threshold).substr(1) << ")\n";
}

json rowsJson(const ComparedRuns &c, const RowOptions &o)
{
    const auto [rows, total, omitted, counts] = shownRows(c, o);
    json out{{"baseline", c.runs[c.base].id},
             {"threshold", c.thresholds.threshold},
             {"group_by", o.groupBy},
             {"sort", o.metrics.front()},
             {"total_rows", total},
             {"omitted", omitted},
             {"summary", counts}};
    out["rows"] = json::array();
    for (const Row &row : rows) {
        json ids = json::array(), metrics = json::object();
        for (const auto *f : row.runs)
            ids.push_back(f->runId);
        for (std::size_t m = 0; m < o.metrics.size(); ++m) {
            const auto &f = row.figures[m];
            const auto &j = row.judgements[m];
            const bool judged = !row.baseline && f && j.verdict != stats::Verdict::NotJudged;
            metrics[o.metrics[m]] = {{"value", f ? json(f->value) : json(nullptr)},
                                     {"interval", f ? intervalJson(f->interval) : json(nullptr)},
                                     {"qualifier", f && !f->qualifier.empty() ? json(f->qualifier) : json(nullptr)},
                                     {"ratio", judged ? json(j.ratio) : json(nullptr)},
                                     {"ratio_interval", judged ? intervalJson(j.interval) : json(nullptr)},
                                     {"verdict", row.baseline ? json(nullptr) : json(stats::verdictName(j.verdict))}};
        }
        out["rows"].push_back({{"label", row.label}, {"baseline", row.baseline}, {"runs", ids}, {"metrics", metrics}});
    }
    return out;
}

} // namespace optibench::cli
