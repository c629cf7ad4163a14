// optibench-cli: the headless face of OptiBench, and the worker process the GUI drives.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "app/cli/openmp_env.h"
#include "engine/run/benchmark.h"

#ifndef OPTIBENCH_VERSION
#define OPTIBENCH_VERSION "unknown"
#endif

int main(int argc, char **argv)
{
    using namespace optibench;
    cli::ensurePassiveOpenMpWait(argc, argv);
    CLI::App app{"OptiBench: measure which optimizations make a transformer model cheaper on your "
                 "hardware, and at what cost in quality.",
                 "optibench-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("optibench-cli ") + OPTIBENCH_VERSION);

    cli::ExitCode exit;
    cli::addRunCommand(app, exit);
    cli::addSweepCommand(app, exit);
    cli::addSweepStatusCommand(app, exit);
    cli::addSweepTaskCommand(app, exit);
    cli::addQueryCommands(app, exit);
    cli::addCompareCommand(app, exit);
    cli::addExportCommand(app, exit);
    cli::addImportCommand(app, exit);
    cli::addDeleteCommand(app, exit);
    cli::addInspectCommands(app, exit);
    cli::addGenerateCommand(app, exit);
    cli::addTraceDiffCommand(app, exit);
    cli::addRecommendCommand(app, exit);
    cli::addCalibrateCommand(app, exit);
    cli::addSpecCommand(app, exit);
    cli::addWorkerCommand(app, exit);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        return app.exit(e);
    } catch (const std::exception &e) {
        std::cerr << "optibench-cli: " << e.what() << '\n';
        return 1;
    }
    return exit.value;
}
