#include "app/core/grouping.h"

#include "app/core/spec.h"
#include "app/core/sweep.h"
#include "stats/metric_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace optibench::core {

namespace {

// The spec as the runs ran it: every field, defaults filled in, whatever the stored text left out.
nlohmann::json fullSpec(const std::string &specJson)
{
    try {
        return toJson(parseSpecText(specJson));
    } catch (const std::exception &) {
        return nlohmann::json::parse(specJson, nullptr, false);
    }
}

std::string valueAt(const nlohmann::json &spec, const std::string &path)
{
    std::string pointer = "/" + path;
    std::replace(pointer.begin(), pointer.end(), '.', '/');
    const nlohmann::json::json_pointer p(pointer);
    if (!spec.is_object() || !spec.contains(p))
        return "-";
    const auto &v = spec.at(p);
    return v.is_string() ? v.get<std::string>() : v.dump();
}

} // namespace

std::vector<RunGroup> groupRuns(const std::vector<RunFigures> &runs, const std::vector<std::string> &keys)
{
    std::vector<std::string> paths;
    for (const auto &k : keys)
        paths.push_back(resolveSpecPath(k));
    std::vector<RunGroup> groups;
    std::map<std::string, std::size_t> byLabel;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto spec = fullSpec(runs[i].specJson);
        std::string label;
        for (std::size_t k = 0; k < keys.size(); ++k)
            label += (k == 0 ? "" : " ") + keys[k] + "=" + valueAt(spec, paths[k]);
        const auto [it, added] = byLabel.emplace(label, groups.size());
        if (added)
            groups.push_back({label, {}});
        groups[it->second].members.push_back(i);
    }
    return groups;
}

std::optional<Figure> groupFigure(const std::string &key, const std::vector<const RunFigures *> &runs)
{
    std::vector<double> values;
    const RunFigures *only = nullptr;
    for (const RunFigures *r : runs) {
        const auto it = r->metrics.find(key);
        if (it == r->metrics.end())
            continue;
        values.push_back(it->second);
        only = r;
    }
    if (values.empty())
        return std::nullopt;
    if (values.size() == 1)
        return figureOf(key, *only);
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    Figure f;
    f.value = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    const auto median = stats::percentile(values, 0.5);
    if (median.supported && median.interval) {
        f.interval = median.interval;
    } else {
        f.interval = stats::Interval{values.front(), values.back()};
        f.qualifier = "range of " + std::to_string(n);
    }
    return f;
}

stats::Judgement judgeGroup(const std::string &key, const std::vector<const RunFigures *> &group,
                            const std::vector<const RunFigures *> &baseline, double threshold)
{
    if (group.empty() || baseline.empty())
        return {};
    const auto first = judgeMetric(key, *group.front(), *baseline.front(), threshold);
    if (group.size() == 1 && baseline.size() == 1)
        return first;
    if (first.verdict == stats::Verdict::NotComparable)
        return first;
    const auto g = groupFigure(key, group), b = groupFigure(key, baseline);
    const stats::Better better = stats::betterOf(key);
    if (!g || !b || b->value == 0 || better == stats::Better::Neither)
        return {};
    std::optional<stats::Interval> interval;
    if (g->interval && b->interval && b->interval->lo > 0)
        interval = stats::Interval{g->interval->lo / b->interval->hi, g->interval->hi / b->interval->lo};
    const int n = static_cast<int>(std::min(group.size(), baseline.size()));
    return stats::judge(g->value / b->value, interval, better, threshold, n);
}

} // namespace optibench::core
