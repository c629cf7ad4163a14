// optibench-cli delete RUN_ID... [--yes]: the only way runs leave a store. Asks on a terminal;
// without a terminal it needs --yes, so that no script deletes by accident.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/store.h"

namespace optibench::cli {
namespace {

struct DeleteOptions {
    std::vector<std::int64_t> ids;
    std::string db;
    bool yes = false;
};

int deleteRuns(const DeleteOptions &o)
{
    core::Store store(o.db.empty() ? defaultDatabasePath() : o.db);
    requireRuns(store, o.ids);
    if (!o.yes) {
        if (!stdinIsTerminal())
            throw std::runtime_error("delete: refusing to delete without --yes when stdin is not a terminal");
        std::cerr << "Delete " << o.ids.size() << (o.ids.size() == 1 ? " run" : " runs")
                  << " with their metrics and traces?\n";
        for (std::int64_t id : o.ids) {
            const auto r = store.run(id);
            std::cerr << "  " << id << "  " << core::toString(r->status) << "  " << r->name << '\n';
        }
        std::cerr << "[y/N] " << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y" && answer != "yes") {
            std::cerr << "nothing deleted\n";
            return 1;
        }
    }
    store.deleteRuns(o.ids);
    std::cout << "deleted " << o.ids.size() << (o.ids.size() == 1 ? " run" : " runs") << '\n';
    return 0;
}

} // namespace

void addDeleteCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<DeleteOptions>();
    auto *cmd = app.add_subcommand("delete", "Delete runs with their metrics, series and traces (asks first)");
    cmd->add_option("runs", o->ids, "Run ids")->required();
    cmd->add_option("--db", o->db, "Run store (SQLite file)");
    cmd->add_flag("-y,--yes", o->yes, "Do not ask (needed when stdin is not a terminal)");
    cmd->callback([o, &exit] { exit.value = deleteRuns(*o); });
}

} // namespace optibench::cli
