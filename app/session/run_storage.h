#pragma once
// What app/session's executors share between a benchmark and the store: the model's record,
// the report's metrics and series, the traced pass, and what a failure becomes.
#include <cstdint>
#include <exception>
#include <functional>
#include <string>

#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/session/run_executor.h"
#include "engine/run/benchmark.h"

namespace optibench::session {

core::ModelRecord toModelRecord(const engine::ModelSummary &m);
void append(core::RunResults &results, const engine::RunReport &report);

using ProgressCheck =
    std::function<bool(const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message)>;
// The spec's traced pass, when it asks for one, into `results` (events and the trace's metrics).
void addTracePass(core::RunResults &results, engine::Benchmark &bench, const core::ExperimentSpec &spec,
                  const ProgressCheck &progress);

// The run's failure as its outcome: Cancelled, or Failed with a message the user can act on.
// Rethrows core::StoreError, which is the store's failure, not the run's.
void failed(RunOutcome &outcome, const std::exception_ptr &error);

} // namespace optibench::session
