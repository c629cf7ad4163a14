#pragma once
// Helpers shared by the GUI tests: specs of short demo runs, runs written straight into a store
// through core's API (the same calls the worker makes), and acting on a dialog once it shows.
#include "app/core/spec.h"
#include "app/core/store.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

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
    results.metrics = {{"latency_p50_ms", p50, "ms"},
                       {"throughput_seq_s", 1000.0 / p50, "seq/s"},
                       {"accuracy", accuracy, "ratio"},
                       {"peak_memory_bytes", 64.0 * 1024 * 1024, "bytes"}};
    for (int i = 0; i < 10; ++i)
        results.series.push_back({"latency_ms", i, p50 + (i % 3) * 0.5});
    store.finishRun(id, core::RunStatus::Done, results);
    return id;
}

// Runs `act` every 20 ms until it returns true: for a popup menu or modal dialog that blocks
// the caller once it is shown.
inline void whenShown(std::function<bool()> act)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act] {
        if (act())
            timer->deleteLater();
    });
    timer->start();
}

} // namespace optibench::ui::test
