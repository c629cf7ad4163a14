// RunExecutor::executeInterleaved: several inference (or generation) runs' blocks in turn in one
// process.
#include "app/session/run_executor.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/session/engine_config.h"
#include "app/session/run_storage.h"
#include "engine/run/benchmark.h"

namespace optibench::session {
namespace {

// One of the interleaved runs while it lives: its outcome, and its benchmark until it fails.
struct Interleaved {
    const core::ExperimentSpec *spec = nullptr;
    RunCallbacks callbacks;
    RunOutcome outcome;
    std::unique_ptr<engine::Benchmark> bench;
};

// The run's environment with the group it ran in: which runs, their order, its place.
std::string interleavedEnvironment(const std::string &environment, const std::vector<std::int64_t> &runIds,
                                   std::size_t position)
{
    auto env = nlohmann::json::parse(environment);
    env["interleave"] = {{"runs", runIds}, {"order", "abba"}, {"position", position}};
    return env.dump();
}

// Inference and generation runs interleave, each with runs of the baseline's mode: their
// blocks are alike (a pass over the batches, or one generation) and their figures compare.
void checkInterleavable(const core::ExperimentSpec &spec, const core::ExperimentSpec &baseline)
{
    const auto mode = spec.task.mode;
    if (mode == options::Mode::Training)
        throw engine::EngineError("task.mode: training runs do not interleave; run training specs on their own");
    if (mode != baseline.task.mode)
        throw engine::EngineError("task.mode: " + options::name(mode) + " does not interleave with the baseline's "
                                  + options::name(baseline.task.mode) + " run");
}

// The interleaved runs from their rows in the store to their outcomes. Each step runs on every
// live run; a run whose step throws fails and leaves, and a cancelled one cancels the rest.
class InterleavedGroup {
public:
    InterleavedGroup(core::Store &store, std::atomic<bool> &cancel, const std::vector<core::ExperimentSpec> &specs,
                     const std::vector<RunCallbacks> &callbacks)
        : m_store(store), m_cancel(cancel), m_runs(specs.size())
    {
        std::vector<std::int64_t> ids;
        std::vector<std::string> environments;
        for (std::size_t i = 0; i < specs.size(); ++i) {
            m_runs[i].spec = &specs[i];
            if (i < callbacks.size())
                m_runs[i].callbacks = callbacks[i];
            environments.push_back(engine::environmentJson(specs[i].threads));
            m_runs[i].outcome.runId =
                m_store.beginRun(specs[i].name, 0, core::toJsonText(specs[i], -1), environments[i]);
            ids.push_back(m_runs[i].outcome.runId);
        }
        for (std::size_t i = 0; i < m_runs.size(); ++i) {
            m_store.setRunEnvironment(ids[i], interleavedEnvironment(environments[i], ids, i));
            if (i > 0)
                m_store.setBaseline(ids[i], ids[0]);
            if (m_runs[i].callbacks.started)
                m_runs[i].callbacks.started(ids[i]);
        }
    }

    // Loads, checks and prepares every run, then warms each up.
    void prepare()
    {
        for (auto &r : m_runs)
            r.bench = std::make_unique<engine::Benchmark>(toEngineConfig(*r.spec), progressOf(r.callbacks));
        each(false, [this](Interleaved &r) {
            core::validateCombination(*r.spec);
            checkInterleavable(*r.spec, *m_runs.front().spec);
            r.bench->prepare();
            m_store.setRunModel(r.outcome.runId, m_store.upsertModel(toModelRecord(r.bench->model())));
        });
        each(false, [](Interleaved &r) { r.bench->beginBlocks(); });
    }

    // Round r times block r of each run, in order when r is even and reversed when odd (ABBA).
    void timeRounds()
    {
        int rounds = 0;
        for (const auto &r : m_runs)
            rounds = std::max(rounds, r.bench ? r.bench->blocks() : 0);
        for (int round = 0; round < rounds; ++round)
            each(round % 2 == 1, [round](Interleaved &r) {
                if (round < r.bench->blocks())
                    r.bench->timeBlock();
            });
    }

    // Quality, peak and metrics (without peak memory: every model was resident), the traced pass.
    void finish()
    {
        each(false, [this](Interleaved &r) {
            core::RunResults results;
            append(results, r.bench->finishBlocks(true));
            addTracePass(results, *r.bench, *r.spec, progressOf(r.callbacks));
            m_store.finishRun(r.outcome.runId, core::RunStatus::Done, results);
            r.outcome.status = core::RunStatus::Done;
            r.bench.reset();
        });
    }

    // One per spec; the runs that did not finish are stored failed or cancelled.
    std::vector<RunOutcome> outcomes()
    {
        std::vector<RunOutcome> out;
        for (auto &r : m_runs) {
            if (r.outcome.status != core::RunStatus::Done)
                m_store.finishRun(r.outcome.runId, r.outcome.status, {}, r.outcome.error);
            out.push_back(r.outcome);
        }
        return out;
    }

private:
    ProgressCheck progressOf(const RunCallbacks &c) const
    {
        return [this, c](const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message) {
            if (c.progress)
                c.progress(stage, done, total, message);
            return !m_cancel.load();
        };
    }

    void each(bool reverse, const std::function<void(Interleaved &)> &step)
    {
        for (std::size_t k = 0; k < m_runs.size(); ++k) {
            auto &r = m_runs[reverse ? m_runs.size() - 1 - k : k];
            if (!r.bench)
                continue;
            try {
                step(r);
            } catch (...) {
                failed(r.outcome, std::current_exception());
                r.bench.reset();
                if (r.outcome.status == core::RunStatus::Cancelled)
                    m_cancel = true;
            }
        }
    }

    core::Store &m_store;
    std::atomic<bool> &m_cancel;
    std::vector<Interleaved> m_runs;
};

} // namespace

std::vector<RunOutcome> RunExecutor::executeInterleaved(const std::vector<core::ExperimentSpec> &specs,
                                                        const std::vector<RunCallbacks> &callbacks)
{
    m_cancelRequested = false;
    InterleavedGroup group(m_store, m_cancelRequested, specs, callbacks);
    group.prepare();
    group.timeRounds();
    group.finish();
    return group.outcomes();
}

} // namespace optibench::session
