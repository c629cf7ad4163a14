// optibench-cli worker: the process the GUI (or ssh) drives with the JSON-lines protocol of
// app/core/protocol.h. stdin carries requests, stdout events; stdout is reserved for the
// protocol (fd 1 is pointed at stderr so that no library print can corrupt it). When stdin
// closes (the client, or the ssh connection, went away) the worker cancels its run and exits
// within seconds, whether or not the run stops in time.
//
// A run request without a db (a client on another machine) runs in a scratch store of the
// worker's own and comes back as a result bundle before its finished event.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "app/core/export.h"
#include "app/core/process_info.h"
#include "app/core/protocol.h"
#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/session/run_executor.h"
#include "engine/measure/environment.h"
#include "engine/run/benchmark.h"

#ifndef OPTIBENCH_VERSION
#define OPTIBENCH_VERSION "unknown"
#endif

namespace optibench::cli {
namespace {

namespace proto = core::protocol;

// How long the worker waits for its run to stop after stdin closed before it exits anyway.
constexpr auto kExitGrace = std::chrono::seconds(3);

class ProtocolOut {
public:
    explicit ProtocolOut(FILE *out) : m_out(out) {}
    // False once a write failed: the client is gone.
    bool send(const proto::Message &m)
    {
        const std::string line = proto::encode(m) + "\n";
        std::lock_guard<std::mutex> lock(m_mutex);
        m_ok = m_ok && std::fwrite(line.data(), 1, line.size(), m_out) == line.size() && std::fflush(m_out) == 0;
        return m_ok;
    }

private:
    FILE *m_out;
    std::mutex m_mutex;
    bool m_ok = true;
};

// Milliseconds between heartbeats: OPTIBENCH_WORKER_HEARTBEAT_MS, else 5000.
std::chrono::milliseconds heartbeatInterval()
{
    const char *v = std::getenv("OPTIBENCH_WORKER_HEARTBEAT_MS");
    const long ms = v ? std::strtol(v, nullptr, 10) : 0;
    return std::chrono::milliseconds(ms > 0 ? ms : 5000);
}

class Worker {
public:
    explicit Worker(ProtocolOut &out) : m_out(out) {}
    ~Worker()
    {
        m_scratch.reset();
        if (!m_scratchDir.empty()) {
            std::error_code error;
            std::filesystem::remove_all(m_scratchDir, error);
        }
    }
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    int serve()
    {
        proto::Hello hello;
        hello.appVersion = OPTIBENCH_VERSION;
        hello.libtorch = engine::libtorchVersion();
        hello.cuda = engine::cudaVersion();
        hello.devices = engine::availableDevices();
        hello.pid = core::process::currentPid();
        hello.host = core::process::hostName();
        hello.environmentJson = engine::environmentJson(0);
        m_out.send(hello);

        std::thread executor([this] { executeLoop(); });
        std::thread heartbeat([this] { heartbeatLoop(); });
        std::string line;
        while (std::getline(std::cin, line)) {
            if (line.empty())
                continue;
            std::string error;
            const auto message = proto::decode(line, &error);
            if (!message) {
                m_out.send(proto::Error{"", "cannot read request: " + error});
                continue;
            }
            if (const auto *run = std::get_if<proto::RunRequest>(&*message)) {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_queue.push_back(*run);
                m_wake.notify_all();
            } else if (const auto *cancel = std::get_if<proto::CancelRequest>(&*message)) {
                cancelRequest(cancel->request);
            } else if (std::holds_alternative<proto::Shutdown>(*message)) {
                break;
            } else {
                m_out.send(proto::Error{"", "not a request: " + line.substr(0, 80)});
            }
        }
        // Shutdown or the client went away: drop the queue, stop the current run, then exit.
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_queue.clear();
            m_stopping = true;
            if (m_executor)
                m_executor->cancel();
            m_wake.notify_all();
        }
        heartbeat.join();
        // A run that does not stop in time (loading a model, one long op) does not keep the
        // worker alive: the client is gone, and a remote one expects the process to end.
        std::thread watchdog([this] {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (!m_wake.wait_for(lock, kExitGrace, [this] { return m_executorDone; }))
                std::_Exit(0);
        });
        executor.join();
        watchdog.join();
        return 0;
    }

private:
    // A request's runs: its own, then those interleaved with it.
    static std::vector<proto::InterleavedRun> runsOf(const proto::RunRequest &request)
    {
        std::vector<proto::InterleavedRun> runs{{request.request, request.specJson}};
        runs.insert(runs.end(), request.interleaveWith.begin(), request.interleaveWith.end());
        return runs;
    }

    static bool hasRun(const proto::RunRequest &request, const std::string &id)
    {
        const auto runs = runsOf(request);
        return std::any_of(runs.begin(), runs.end(), [&](const auto &run) { return run.request == id; });
    }

    // Cancelling any run of an interleaved request cancels all of them: they share their blocks.
    void cancelRequest(const std::string &request)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (std::find(m_current.begin(), m_current.end(), request) != m_current.end()) {
            if (m_executor)
                m_executor->cancel();
            return;
        }
        for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
            if (hasRun(*it, request)) {
                for (const auto &run : runsOf(*it))
                    m_out.send(proto::Finished{run.request, 0, "cancelled", "cancelled before it started"});
                m_queue.erase(it);
                return;
            }
        }
    }

    void heartbeatLoop()
    {
        const auto interval = heartbeatInterval();
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_wake.wait_for(lock, interval, [this] { return m_stopping; })) {
            lock.unlock();
            const bool sent = m_out.send(proto::Heartbeat{});
            lock.lock();
            if (!sent && m_executor)
                m_executor->cancel(); // nobody reads the results any more
        }
    }

    void executeLoop()
    {
        for (;;) {
            proto::RunRequest request;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_stopping) {
                    m_executorDone = true;
                    m_wake.notify_all();
                    return;
                }
                request = m_queue.front();
                m_queue.pop_front();
                m_current.clear();
                for (const auto &run : runsOf(request))
                    m_current.push_back(run.request);
            }
            execute(request);
            std::lock_guard<std::mutex> lock(m_mutex);
            m_current.clear();
            m_executor = nullptr;
        }
    }

    // The run's events: started, then progress at most ten times a second but on every stage
    // change and every stage end.
    session::RunCallbacks eventsOf(const std::string &request)
    {
        struct State {
            std::int64_t runId = 0;
            std::string lastStage;
            std::chrono::steady_clock::time_point lastSent = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        };
        auto state = std::make_shared<State>();
        session::RunCallbacks callbacks;
        callbacks.started = [this, request, state](std::int64_t id) {
            state->runId = id;
            m_out.send(proto::Started{request, id});
        };
        callbacks.progress = [this, request, state](const std::string &stage, std::int64_t done, std::int64_t total,
                                                    const std::string &message) {
            const auto now = std::chrono::steady_clock::now();
            if (stage == state->lastStage && done != total && now - state->lastSent < std::chrono::milliseconds(100))
                return;
            state->lastStage = stage;
            state->lastSent = now;
            m_out.send(proto::Progress{request, state->runId, stage, done, total, message});
        };
        return callbacks;
    }

    // A request that could not run: an error naming the run at fault, and every run finished.
    void failAll(const std::vector<proto::InterleavedRun> &runs, const std::string &culprit, const std::string &error)
    {
        m_out.send(proto::Error{culprit, error});
        for (const auto &run : runs)
            m_out.send(proto::Finished{run.request, 0, "failed", error});
    }

    void setExecutor(session::RunExecutor *executor)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_executor = executor;
        if (executor && m_stopping)
            executor->cancel();
    }

    void execute(const proto::RunRequest &request)
    {
        const auto runs = runsOf(request);
        std::vector<core::ExperimentSpec> specs;
        for (const auto &run : runs) {
            try {
                specs.push_back(core::parseSpecText(run.specJson));
            } catch (const std::exception &e) {
                failAll(runs, run.request, e.what());
                return;
            }
        }
        try {
            core::Store &store = storeFor(request.db);
            session::RunExecutor executor(store);
            setExecutor(&executor);
            std::vector<session::RunCallbacks> callbacks;
            for (const auto &run : runs)
                callbacks.push_back(eventsOf(run.request));
            const std::vector<session::RunOutcome> outcomes = specs.size() == 1
                ? std::vector<session::RunOutcome>{executor.execute(specs[0], callbacks[0])}
                : executor.executeInterleaved(specs, callbacks);
            setExecutor(nullptr);
            for (std::size_t i = 0; i < runs.size(); ++i) {
                if (request.db.empty() && outcomes[i].runId > 0)
                    m_out.send(proto::Result{runs[i].request, outcomes[i].runId,
                                             core::exportBundle(store, {outcomes[i].runId}).dump()});
                m_out.send(proto::Finished{runs[i].request, outcomes[i].runId, core::toString(outcomes[i].status),
                                           outcomes[i].error});
            }
        } catch (const std::exception &e) {
            setExecutor(nullptr);
            failAll(runs, request.request, e.what());
        }
    }

    // One connection per database, owned by the executing thread. No path: the scratch store,
    // in a folder of its own under $TMPDIR that is removed when the worker exits.
    core::Store &storeFor(const std::string &path)
    {
        if (path.empty() && !m_scratch) {
            const char *tmp = std::getenv("TMPDIR");
            m_scratchDir = std::filesystem::path(tmp && *tmp ? tmp : "/tmp")
                / ("optibench-worker-" + std::to_string(core::process::currentPid()));
            std::filesystem::create_directories(m_scratchDir);
            m_scratch = std::make_unique<core::Store>((m_scratchDir / "runs.sqlite").string());
        }
        if (path.empty())
            return *m_scratch;
        auto it = m_stores.find(path);
        if (it == m_stores.end())
            it = m_stores.emplace(path, std::make_unique<core::Store>(path)).first;
        return *it->second;
    }

    ProtocolOut &m_out;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<proto::RunRequest> m_queue;
    std::vector<std::string> m_current; // the running request's runs
    session::RunExecutor *m_executor = nullptr;
    bool m_stopping = false;
    bool m_executorDone = false;
    std::map<std::string, std::unique_ptr<core::Store>> m_stores;
    std::filesystem::path m_scratchDir;
    std::unique_ptr<core::Store> m_scratch;
};

int runWorker()
{
    // Keep the real stdout for the protocol and send everything else printed to fd 1 to stderr.
    const int protocolFd = dup(STDOUT_FILENO);
    FILE *protocolOut = protocolFd >= 0 ? fdopen(protocolFd, "w") : nullptr;
    if (!protocolOut)
        throw std::runtime_error("worker: cannot duplicate stdout for the protocol");
    std::fflush(stdout);
    dup2(STDERR_FILENO, STDOUT_FILENO);

    // A client that went away makes writes fail (EPIPE) instead of killing the worker.
    std::signal(SIGPIPE, SIG_IGN);
    ProtocolOut out(protocolOut);
    Worker worker(out);
    const int code = worker.serve();
    std::fclose(protocolOut);
    return code;
}

} // namespace

void addWorkerCommand(CLI::App &app, ExitCode &exit)
{
    auto *cmd = app.add_subcommand("worker",
                                   "Serve run requests as JSON lines on stdin/stdout (the GUI's worker; "
                                   "see docs/worker-protocol.md)");
    cmd->callback([&exit] { exit.value = runWorker(); });
}

} // namespace optibench::cli
