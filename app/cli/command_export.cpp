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
#include "app/core/trace_records.h"
#include "profiler/trace/chrome_trace.h"
#include "profiler/trace/trace.h"

namespace optibench::cli {
namespace {

struct ExportOptions {
    std::vector<std::int64_t> ids;
    std::string format;
    std::string out = "-";
    std::string db;
};

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
            throw std::runtime_error("run " + std::to_string(o.ids[0])
                                     + " has no trace (run it with \"profiling\": {\"ops\": true})");
        writeOutput(o.out, profiler::chromeTraceJson(core::toTrace(store.traceEvents(o.ids[0]))) + "\n");
    }
    return 0;
}

} // namespace

void addExportCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<ExportOptions>();
    auto *cmd = app.add_subcommand("export",
                                   "Write runs as CSV, as a JSON bundle (for `import`), or one run's "
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
