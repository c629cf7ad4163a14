#include "app/session/run_executor.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <new>

#include "app/session/engine_config.h"
#include "app/session/run_storage.h"
#include "app/session/trace_pass.h"
#include "engine/run/benchmark.h"
#include "engine/text/dataset.h"

namespace optibench::session {
namespace {

// A distillation run's teacher as an inference run of its own: fp32, untraced, over the whole
// eval split in the student's batches, so that its accuracy is measured on the examples the
// student's evaluation reads.
core::ExperimentSpec teacherSpec(const core::ExperimentSpec &spec)
{
    const auto &d = *spec.optimizations.distillation;
    core::ExperimentSpec t;
    t.name = "teacher " + d.teacher + (spec.name.empty() ? "" : " (for " + spec.name + ")");
    t.model.path = d.teacher;
    t.task.mode = options::Mode::Inference;
    t.task.dataset = spec.task.dataset;
    t.task.split = options::Split::Eval;
    t.task.batchSize = spec.task.batchSize;
    t.task.maxLength = spec.task.maxLength;
    const auto examples = static_cast<int>(engine::loadDataset(spec.task.dataset, "eval", spec.seed).examples.size());
    t.task.iterations = std::max(1, (examples + t.task.batchSize - 1) / t.task.batchSize);
    t.task.warmup = std::min(3, t.task.iterations);
    t.optimizations.padding = spec.optimizations.padding;
    t.device = spec.device;
    t.threads = spec.threads;
    t.seed = spec.seed;
    return t;
}

} // namespace

RunOutcome RunExecutor::execute(const core::ExperimentSpec &spec, const RunCallbacks &callbacks)
{
    m_cancelRequested = false;
    RunOutcome outcome;
    const std::string specJson = core::toJsonText(spec, -1);
    const std::string environment = engine::environmentJson(spec.threads);
    outcome.runId = m_store.beginRun(spec.name, 0, specJson, environment);
    if (callbacks.started)
        callbacks.started(outcome.runId);

    auto progress = [&](const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message) {
        if (callbacks.progress)
            callbacks.progress(stage, done, total, message);
        return !m_cancelRequested.load();
    };

    core::RunResults results;
    try {
        core::validateCombination(spec);
        if (spec.optimizations.distillation && spec.task.mode == options::Mode::Training) {
            // The teacher is evaluated as a run of its own and becomes the student's baseline,
            // so the comparison shows the two side by side.
            progress("teacher", 0, 1, "evaluating the teacher " + spec.optimizations.distillation->teacher);
            RunCallbacks teacherCallbacks;
            teacherCallbacks.progress = [&](const std::string &stage, std::int64_t done, std::int64_t total,
                                            const std::string &message) {
                if (callbacks.progress)
                    callbacks.progress("teacher " + stage, done, total, message);
            };
            const RunOutcome teacher = execute(teacherSpec(spec), teacherCallbacks);
            if (teacher.status == core::RunStatus::Cancelled)
                throw engine::Cancelled();
            if (teacher.status != core::RunStatus::Done)
                throw engine::EngineError("optimizations.distillation.teacher: evaluating the teacher failed (run "
                                          + std::to_string(teacher.runId) + "): " + teacher.error);
            m_store.setBaseline(outcome.runId, teacher.runId);
            progress("teacher", 1, 1, "teacher run " + std::to_string(teacher.runId));
        }

        engine::Benchmark bench(toEngineConfig(spec), progress);
        bench.prepare();
        m_store.setRunModel(outcome.runId, m_store.upsertModel(toModelRecord(bench.model())));
        append(results, bench.measure());
        addTracePass(results, bench, spec, progress);
        m_store.finishRun(outcome.runId, core::RunStatus::Done, results);
        outcome.status = core::RunStatus::Done;
    } catch (...) {
        failed(outcome, std::current_exception());
    }
    if (outcome.status != core::RunStatus::Done)
        m_store.finishRun(outcome.runId, outcome.status, {}, outcome.error);
    return outcome;
}

} // namespace optibench::session
