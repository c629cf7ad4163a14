// optibench-cli export RUN_ID... --format csv|json|chrome-trace --out FILE: runs out of the
// store, as a spreadsheet, a bundle that `import` reads back, or a trace for chrome://tracing.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/export.h"
#include "app/core/store.h"
#include "profiler/chrome_trace.h"
#include "profiler/trace.h"

namespace optibench::cli {
namespace {

struct ExportOptions {
    std::vector<std::int64_t> ids;
    std::string format;
    std::string out = "-";
    std::string db;
};

profiler::EventKind toProfilerKind(core::TraceKind kind)
{
    switch (kind) {
    case core::TraceKind::Op: return profiler::EventKind::Op;
    case core::TraceKind::Kernel: return profiler::EventKind::Kernel;
    case core::TraceKind::Memcpy: return profiler::EventKind::Memcpy;
    case core::TraceKind::Memset: return profiler::EventKind::Memset;
    case core::TraceKind::Sync: return profiler::EventKind::Sync;
    case core::TraceKind::Range: return profiler::EventKind::Range;
    }
    return profiler::EventKind::Op;
}

// The stored rows back as the profiler's trace; parent indices are the run's event order.
profiler::Trace toTrace(std::vector<core::TraceEventRecord> records)
{
    profiler::Trace trace;
    trace.events.reserve(records.size());
    for (auto &r : records) {
        profiler::TraceEvent e;
        e.kind = toProfilerKind(r.kind);
        e.name = std::move(r.name);
        e.device = std::move(r.device);
        e.lane = r.lane;
        e.startNs = r.startNs;
        e.durationNs = r.durationNs;
        e.correlation = r.correlation;
        e.parent = r.parent;
        e.shapes = std::move(r.shapes);
        trace.events.push_back(std::move(e));
    }
    return trace;
}

int exportRuns(const ExportOptions &o)
{
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    requireRuns(store, o.ids);
    if (o.format == "csv") {
        writeOutput(o.out, core::exportRunsCsv(store, o.ids));
    } else if (o.format == "json") {
        writeOutput(o.out, core::exportBundle(store, o.ids).dump() + "\n");
    } else {
        if (o.ids.size() != 1)
            throw std::runtime_error("--format chrome-trace: give one run (one trace per file)");
        if (store.traceEventCount(o.ids[0]) == 0)
            throw std::runtime_error("run " + std::to_string(o.ids[0]) +
                                     " has no trace (run it with \"profiling\": {\"ops\": true})");
        writeOutput(o.out, profiler::chromeTraceJson(toTrace(store.traceEvents(o.ids[0]))) + "\n");
    }
    return 0;
}

} // namespace

void addExportCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<ExportOptions>();
    auto *cmd = app.add_subcommand("export", "Write runs as CSV, as a JSON bundle (for `import`), or one run's "
                                             "trace as Chrome trace JSON (chrome://tracing, Perfetto)");
    cmd->add_option("runs", o->ids, "Run ids")->required();
    cmd->add_option("--format", o->format, "csv | json | chrome-trace")
        ->required()
        ->check(CLI::IsMember({"csv", "json", "chrome-trace"}));
    cmd->add_option("--out", o->out, "Output file (default: stdout)");
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->callback([o, &exit] { exit.value = exportRuns(*o); });
}

} // namespace optibench::cli
