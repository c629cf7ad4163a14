#include "app/session/run_storage.h"
#include "app/session/trace_pass.h"

#include <new>

namespace optibench::session {

core::ModelRecord toModelRecord(const engine::ModelSummary &m)
{
    core::ModelRecord r;
    r.source = m.source;
    r.format = m.format;
    r.architecture = m.architecture;
    r.parameters = m.parameters;
    r.sizeBytes = m.sizeOnDiskBytes;
    r.sha256 = m.sha256;
    return r;
}

void append(core::RunResults &results, const engine::RunReport &report)
{
    for (const auto &m : report.metrics)
        results.metrics.push_back({m.key, m.value, m.unit});
    for (const auto &s : report.series)
        results.series.push_back({s.name, s.step, s.value});
}

void addTracePass(core::RunResults &results, engine::Benchmark &bench, const core::ExperimentSpec &spec,
                  const ProgressCheck &progress)
{
    if (!spec.profiling.ops && !spec.profiling.kernels)
        return;
    progress("tracing", 0, spec.profiling.iterations, "traced pass");
    TracePassResult trace = runTracePass(bench, spec);
    results.trace = std::move(trace.events);
    for (auto &m : trace.metrics)
        results.metrics.push_back(std::move(m));
}

void failed(RunOutcome &outcome, const std::exception_ptr &error)
{
    outcome.status = core::RunStatus::Failed;
    try {
        std::rethrow_exception(error);
    } catch (const engine::Cancelled &) {
        outcome.status = core::RunStatus::Cancelled;
        outcome.error = "cancelled by the user";
    } catch (const core::StoreError &) {
        throw;
    } catch (const core::SpecError &e) {
        outcome.error = e.what();
    } catch (const engine::EngineError &e) {
        outcome.error = e.what();
    } catch (const std::bad_alloc &) {
        outcome.error = "out of memory while running the model; try a smaller batch size or max length";
    } catch (const std::exception &e) {
        outcome.error = std::string("the engine failed: ") + e.what();
    }
}

} // namespace optibench::session
