#pragma once
// The one way the engine writes a run's metrics (engine/measure/report.h): add one, or set one
// (replacing a value already there). No LibTorch.
#include "engine/measure/report.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace optibench::engine {

class MetricBuilder {
public:
    explicit MetricBuilder(std::vector<Measurement> &metrics) : m_metrics(metrics) {}

    void add(std::string key, double value, std::string unit)
    {
        m_metrics.push_back({std::move(key), value, std::move(unit)});
    }
    void set(const std::string &key, double value, const std::string &unit)
    {
        auto it = std::find_if(m_metrics.begin(), m_metrics.end(), [&](const Measurement &m) { return m.key == key; });
        if (it == m_metrics.end())
            add(key, value, unit);
        else
            it->value = value;
    }

private:
    std::vector<Measurement> &m_metrics;
};

} // namespace optibench::engine
