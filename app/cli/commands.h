#pragma once
// The verbs of optibench-cli. Each registers its subcommand on the CLI11 app and returns the
// exit code through the callback's result holder; errors are one line on stderr.
namespace CLI {
class App;
}

namespace optibench::cli {

struct ExitCode {
    int value = 0;
};

void addRunCommand(CLI::App &app, ExitCode &exit);
void addQueryCommands(CLI::App &app, ExitCode &exit); // list, show
void addSpecCommand(CLI::App &app, ExitCode &exit);
void addWorkerCommand(CLI::App &app, ExitCode &exit);
void addSweepCommand(CLI::App &app, ExitCode &exit);
void addSweepTaskCommand(CLI::App &app, ExitCode &exit);   // one point of a sweep folder
void addSweepStatusCommand(CLI::App &app, ExitCode &exit); // a sweep folder's points
void addCompareCommand(CLI::App &app, ExitCode &exit);
void addExportCommand(CLI::App &app, ExitCode &exit);
void addImportCommand(CLI::App &app, ExitCode &exit);
void addDeleteCommand(CLI::App &app, ExitCode &exit);
void addInspectCommands(CLI::App &app, ExitCode &exit); // inspect, predict
void addGenerateCommand(CLI::App &app, ExitCode &exit);
void addTraceDiffCommand(CLI::App &app, ExitCode &exit);
void addRecommendCommand(CLI::App &app, ExitCode &exit);
void addCalibrateCommand(CLI::App &app, ExitCode &exit);

} // namespace optibench::cli
