#pragma once
// What a run reports: its metrics and its time series. No LibTorch.
#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

struct Measurement {
    std::string key; // latency_p50_ms, throughput_tokens_s, ... (docs/architecture.md, "The run store")
    double value = 0;
    std::string unit;
};

struct SeriesSample {
    std::string name; // latency_ms, loss, memory_bytes, ...
    std::int64_t step = 0;
    double value = 0;
};

struct RunReport {
    std::vector<Measurement> metrics;
    std::vector<SeriesSample> series;
};

} // namespace optibench::engine
