// optibench-cli import BUNDLE|DIR --db FILE: the runs of a bundle (made by `export --format
// json`), or of every bundle in a folder (a `sweep --slurm` folder), added to a store in one
// transaction; runs the store holds already (by uuid) are skipped. Prints the new ids.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/export.h"
#include "app/core/store.h"
#include "app/core/sweep_folder.h"

namespace optibench::cli {
namespace {

struct ImportOptions {
    std::string bundle;
    std::string db;
    bool json = false;
};

int importRuns(const ImportOptions &o)
{
    const bool folder = std::filesystem::is_directory(o.bundle);
    std::vector<core::NamedBundle> bundles;
    if (!folder)
        bundles.push_back({o.bundle, readJsonFile(o.bundle, false)});
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    // Errors (BundleError, SweepFolderError) name the file; main prints them.
    const core::ImportResult result =
        folder ? core::importFolder(store, o.bundle) : core::importBundles(store, bundles);
    if (o.json) {
        std::cout << nlohmann::json(result.added).dump() << '\n';
    } else {
        for (std::int64_t id : result.added)
            std::cout << id << '\n';
    }
    if (result.alreadyStored > 0 || result.added.empty())
        std::cerr << "optibench-cli: imported " << result.added.size() << " run(s); " << result.alreadyStored
                  << " already in " << store.path() << '\n';
    return 0;
}

} // namespace

void addImportCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<ImportOptions>();
    auto *cmd = app.add_subcommand("import",
                                   "Add the runs of a bundle (from `export --format json`) or of a folder of "
                                   "bundles (a `sweep --slurm` folder) to a store; runs it holds already are "
                                   "skipped; prints the new ids");
    cmd->add_option("bundle", o->bundle, "Bundle file (JSON) or folder")->required()->check(CLI::ExistingPath);
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_flag("--json", o->json, "Print the new ids as a JSON array");
    cmd->callback([o, &exit] { exit.value = importRuns(*o); });
}

} // namespace optibench::cli
