#pragma once
// Executes one experiment spec end to end: the model through the engine, the optional traced
// pass through the profiler, everything written to the run store. The run row is written as
// `running` before any work starts and finished in one transaction, so a crash leaves a row
// that the store later reports as `interrupted`. No Qt, and no LibTorch in this header.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/core/spec.h"
#include "app/core/store.h"

namespace optibench::session {

struct RunCallbacks {
    // The run row exists; called once, before any engine work.
    std::function<void(std::int64_t runId)> started;
    // Stage and position within it; called often, from the executing thread.
    std::function<void(const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message)>
        progress;
};

struct RunOutcome {
    std::int64_t runId = 0;
    core::RunStatus status = core::RunStatus::Failed;
    std::string error;
};

class RunExecutor {
public:
    explicit RunExecutor(core::Store &store) : m_store(store) {}

    // Validates the spec's combination rules, records the run, executes it and stores the
    // results. Failures of the run itself (bad model file, out of memory, cancellation) end in
    // a stored `failed` or `cancelled` run, not an exception. Throws core::StoreError only when
    // the store itself cannot be written.
    RunOutcome execute(const core::ExperimentSpec &spec, const RunCallbacks &callbacks = {});

    // Executes inference specs (or generation specs: a block is one timed generation) of one
    // mode in one process with their timed blocks interleaved, so that the
    // machine's drift during the runs falls on every one alike: each spec is prepared and warmed
    // up, then round r times block r of each, in the specs' order when r is even and in reverse
    // when it is odd (ABBA). Each spec is a stored run whose environment names the runs it was
    // interleaved with; the first is every other's baseline. A run that fails (to load, or in a
    // block) is stored failed and the others go on; cancelling cancels them all. Peak memory is
    // not reported, since every run's model is resident at once. `callbacks` is empty or one
    // per spec. Returns one outcome per spec, in order.
    std::vector<RunOutcome> executeInterleaved(const std::vector<core::ExperimentSpec> &specs,
                                               const std::vector<RunCallbacks> &callbacks = {});

    // Asks the run in progress to stop at its next progress check (thread-safe).
    void cancel() { m_cancelRequested = true; }

private:
    core::Store &m_store;
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace optibench::session
