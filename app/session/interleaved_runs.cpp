// RunExecutor::executeInterleaved: several inference runs' blocks in turn in one process.
#include "app/session/run_executor.h"

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

} // namespace

std::vector<RunOutcome> RunExecutor::executeInterleaved(const std::vector<core::ExperimentSpec> &specs,
                                                        const std::vector<RunCallbacks> &callbacks)
{
    m_cancelRequested = false;
    std::vector<Interleaved> runs(specs.size());
    std::vector<std::int64_t> ids;
    std::vector<std::string> environments;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        runs[i].spec = &specs[i];
        if (i < callbacks.size())
            runs[i].callbacks = callbacks[i];
        environments.push_back(engine::environmentJson(specs[i].threads));
        runs[i].outcome.runId = m_store.beginRun(specs[i].name, 0, core::toJsonText(specs[i], -1), environments[i]);
        ids.push_back(runs[i].outcome.runId);
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        m_store.setRunEnvironment(ids[i], interleavedEnvironment(environments[i], ids, i));
        if (i > 0)
            m_store.setBaseline(ids[i], ids[0]);
        if (runs[i].callbacks.started)
            runs[i].callbacks.started(ids[i]);
    }

    auto progressOf = [this](const RunCallbacks &c) {
        return [this, c](const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message) {
            if (c.progress)
                c.progress(stage, done, total, message);
            return !m_cancelRequested.load();
        };
    };
    // Runs `step` on every live run in `order`; a run whose step throws fails and leaves.
    auto each = [&](bool reverse, const std::function<void(Interleaved &)> &step) {
        for (std::size_t k = 0; k < runs.size(); ++k) {
            auto &r = runs[reverse ? runs.size() - 1 - k : k];
            if (!r.bench)
                continue;
            try {
                step(r);
            } catch (...) {
                failed(r.outcome, std::current_exception());
                r.bench.reset();
                if (r.outcome.status == core::RunStatus::Cancelled)
                    m_cancelRequested = true;
            }
        }
    };

    for (auto &r : runs)
        r.bench = std::make_unique<engine::Benchmark>(toEngineConfig(*r.spec), progressOf(r.callbacks));
    each(false, [&](Interleaved &r) {
        core::validateCombination(*r.spec);
        if (r.spec->task.mode != options::Mode::Inference)
            throw engine::EngineError("task.mode: only inference runs interleave; run training specs on their own");
        r.bench->prepare();
        m_store.setRunModel(r.outcome.runId, m_store.upsertModel(toModelRecord(r.bench->model())));
    });
    each(false, [](Interleaved &r) { r.bench->beginBlocks(); });
    int rounds = 0;
    for (const auto &r : runs)
        rounds = std::max(rounds, r.bench ? r.bench->blocks() : 0);
    for (int round = 0; round < rounds; ++round)
        each(round % 2 == 1, [&](Interleaved &r) {
            if (round < r.bench->blocks())
                r.bench->timeBlock();
        });
    each(false, [&](Interleaved &r) {
        core::RunResults results;
        append(results, r.bench->finishBlocks(true));
        addTracePass(results, *r.bench, *r.spec, progressOf(r.callbacks));
        m_store.finishRun(r.outcome.runId, core::RunStatus::Done, results);
        r.outcome.status = core::RunStatus::Done;
        r.bench.reset();
    });

    std::vector<RunOutcome> outcomes;
    for (auto &r : runs) {
        if (r.outcome.status != core::RunStatus::Done)
            m_store.finishRun(r.outcome.runId, r.outcome.status, {}, r.outcome.error);
        outcomes.push_back(r.outcome);
    }
    return outcomes;
}

} // namespace optibench::session
