#pragma once
// Helpers shared by the GUI tests: specs of short demo runs, and runs written straight into
// a store through core's API (the same calls the worker makes).
#include "app/core/spec.h"
#include "app/core/store.h"

#include <QString>

namespace optibench::ui::test {

inline core::ExperimentSpec shortDemoSpec(const std::string &name, int iterations = 3)
{
    core::ExperimentSpec spec;
    spec.name = name;
    spec.task.batchSize = 2;
    spec.task.maxLength = 32;
    spec.task.warmup = 1;
    spec.task.iterations = iterations;
    spec.threads = 1;
    return spec;
}

inline QString specJson(const core::ExperimentSpec &spec)
{
    return QString::fromStdString(core::toJsonText(spec, -1));
}

// A finished run with a latency series and a few metrics.
inline std::int64_t writeRun(core::Store &store, const core::ExperimentSpec &spec, double p50, double accuracy)
{
    const std::int64_t id = store.beginRun(spec.name, 0, core::toJsonText(spec), "{}");
    core::RunResults results;
    results.metrics = {{"latency_p50_ms", p50, "ms"}, {"throughput_seq_s", 1000.0 / p50, "seq/s"},
                       {"accuracy", accuracy, "ratio"}, {"peak_memory_bytes", 64.0 * 1024 * 1024, "bytes"}};
    for (int i = 0; i < 10; ++i)
        results.series.push_back({"latency_ms", i, p50 + (i % 3) * 0.5});
    store.finishRun(id, core::RunStatus::Done, results);
    return id;
}

} // namespace optibench::ui::test
