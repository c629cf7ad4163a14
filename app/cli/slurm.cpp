#include "app/cli/slurm.h"
#include "app/core/files.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace optibench::cli {

namespace {

// 'text' for sh, with embedded quotes closed, escaped and reopened.
std::string shellQuoted(const std::string &text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string trimmed(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t\r\n");
    const auto end = text.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

std::string firstLine(const std::string &text)
{
    return trimmed(text.substr(0, text.find('\n')));
}

} // namespace

CommandResult runCommand(const std::vector<std::string> &argv)
{
    CommandResult result;
    int fds[2];
    if (argv.empty() || ::pipe2(fds, O_CLOEXEC) != 0)
        return result;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        result.exitCode = 127;
        result.output = argv[0] + ": cannot run it (" + std::string(std::strerror(spawned)) + ")";
        return result;
    }
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        result.output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return result;
}

std::string currentExecutable()
{
    std::error_code error;
    const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string("optibench-cli") : path.string();
}

std::string submitArray(const core::SweepFolder &folder, const std::vector<std::size_t> &points,
                        const SlurmOptions &options)
{
    const auto dir = std::filesystem::absolute(folder.dir());
    const auto script = dir / "job.sh";
    core::writeFileAtomically(script,
                              "#!/bin/sh\n"
                              "# Written by optibench-cli sweep --slurm: array task i runs point i of the "
                              "sweep in this folder.\n"
                              "exec "
                                  + shellQuoted(options.cli) + " sweep-task " + shellQuoted(dir.string())
                                  + " \"$SLURM_ARRAY_TASK_ID\"\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
    std::string array = core::arraySpec(points);
    if (options.parallel > 0)
        array += "%" + std::to_string(options.parallel);
    std::vector<std::string> argv{"sbatch",
                                  "--parsable",
                                  "--job-name=optibench-sweep",
                                  "--array=" + array,
                                  "--output=" + (dir / "logs" / "%A_%a.out").string(),
                                  "--chdir=" + dir.string()};
    if (!options.partition.empty())
        argv.push_back("--partition=" + options.partition);
    if (!options.time.empty())
        argv.push_back("--time=" + options.time);
    if (!options.gres.empty())
        argv.push_back("--gres=" + options.gres);
    argv.push_back(script.string());
    const auto r = runCommand(argv);
    const std::string id = firstLine(r.output).substr(0, firstLine(r.output).find(';'));
    if (r.exitCode != 0 || id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        throw std::runtime_error("sbatch failed (exit " + std::to_string(r.exitCode) + "): " + trimmed(r.output));
    folder.addJob(id, points);
    return id;
}

std::optional<core::QueueStates> queueStates(const std::vector<std::string> &jobIds)
{
    core::QueueStates states;
    if (jobIds.empty())
        return states;
    std::string list;
    for (const auto &id : jobIds)
        list += (list.empty() ? "" : ",") + id;
    // -r: one line per array task ("12_3 RUNNING"), pending ones too.
    const auto r = runCommand({"squeue", "-h", "-r", "-o", "%i %T", "-j", list});
    if (r.exitCode != 0) {
        // Jobs that ended long ago are forgotten by the controller: no task of them is queued.
        if (r.output.find("Invalid job id") != std::string::npos)
            return states;
        return std::nullopt;
    }
    std::size_t start = 0;
    while (start < r.output.size()) {
        const auto end = r.output.find('\n', start);
        const std::string line = r.output.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? r.output.size() : end + 1;
        const auto underscore = line.find('_'), space = line.find(' ');
        if (underscore == std::string::npos || space == std::string::npos || space < underscore)
            continue;
        const std::string task = line.substr(underscore + 1, space - underscore - 1);
        if (task.empty() || task.find_first_not_of("0123456789") != std::string::npos)
            continue;
        states[std::stoul(task)] = trimmed(line.substr(space + 1));
    }
    return states;
}

void waitForJobs(const std::vector<std::string> &jobIds, const std::function<void(const core::QueueStates &)> &progress)
{
    int failures = 0;
    for (;;) {
        const auto states = queueStates(jobIds);
        if (!states) {
            if (++failures >= 5)
                throw std::runtime_error("squeue failed five times in a row: the jobs' states cannot be read");
        } else {
            failures = 0;
            if (progress)
                progress(*states);
            if (states->empty())
                return;
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

} // namespace optibench::cli
