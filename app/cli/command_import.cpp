// optibench-cli import BUNDLE --db FILE: the runs of a bundle (made by `export --format json`)
// added to a store as new runs; prints the new ids.
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/export.h"
#include "app/core/store.h"

namespace optibench::cli {
namespace {

struct ImportOptions {
    std::string bundle;
    std::string db;
    bool json = false;
};

int importRuns(const ImportOptions &o)
{
    const nlohmann::json bundle = readJsonFile(o.bundle, false);
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    std::vector<std::int64_t> ids;
    try {
        ids = core::importBundle(store, bundle);
    } catch (const core::BundleError &e) {
        throw std::runtime_error(o.bundle + ": " + e.what());
    }
    if (o.json) {
        std::cout << nlohmann::json(ids).dump() << '\n';
    } else {
        for (std::int64_t id : ids)
            std::cout << id << '\n';
    }
    return 0;
}

} // namespace

void addImportCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<ImportOptions>();
    auto *cmd = app.add_subcommand("import",
                                   "Add the runs of a bundle (from `export --format json`) to a store "
                                   "as new runs; prints their ids");
    cmd->add_option("bundle", o->bundle, "Bundle file (JSON)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_flag("--json", o->json, "Print the new ids as a JSON array");
    cmd->callback([o, &exit] { exit.value = importRuns(*o); });
}

} // namespace optibench::cli
