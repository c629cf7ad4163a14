#pragma once
// The worker protocol: JSON lines over the worker's stdin/stdout (one JSON object per line,
// UTF-8, '\n' terminated). The GUI (or anything else, e.g. over ssh) sends requests; the worker
// answers with events. Documented in docs/worker-protocol.md. Neither Qt nor LibTorch.
//
//   worker -> client  {"type":"hello","protocol":3,"app_version":"0.1.0","libtorch":"1.13.1","cuda":"","devices":["cpu"],
//                      "pid":4242,"host":"gpu-1","environment":{...}}
//   worker -> client  {"type":"heartbeat"}   (every few seconds, so a client sees a dead connection)
//   client -> worker  {"type":"run","request":"r1","db":"/path/runs.sqlite","spec":{...}}
//   worker -> client  {"type":"started","request":"r1","run_id":12}
//   worker -> client  {"type":"progress","request":"r1","run_id":12,"stage":"timing","done":5,"total":20,"message":"..."}
//   worker -> client  {"type":"result","request":"r1","run_id":12,"bundle":{...}}   (a run without db: the run itself)
//   worker -> client  {"type":"finished","request":"r1","run_id":12,"status":"done","error":""}
//   client -> worker  {"type":"run","request":"r2","db":"...","spec":{...},"interleave_with":[{"request":"r3","spec":{...}}]}
//   client -> worker  {"type":"cancel","request":"r1"}
//   client -> worker  {"type":"shutdown"}
//   worker -> client  {"type":"error","request":"r1","message":"..."}   (a request it could not accept)
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace optibench::core::protocol {

// 2: a run request may carry the runs it is interleaved with (interleave_with), which a worker
// speaking 1 would have ignored, running the first alone.
// 3: hello names the worker's pid, host and environment; heartbeats; a run request without a
// db (a worker on another machine) gets each run back as a result bundle before its finished.
constexpr int kVersion = 3;

struct Hello {
    int protocol = kVersion;
    std::string appVersion;
    std::string libtorch;
    std::string cuda;                 // empty without CUDA
    std::vector<std::string> devices; // "cpu", "cuda:0", ...
    std::int64_t pid = 0;             // the worker process, on its host
    std::string host;
    std::string environmentJson; // the machine the worker runs on (engine's environmentJson)
};
struct Heartbeat {};
// A run timed in alternating blocks with the request's own, which is its baseline.
struct InterleavedRun {
    std::string request; // its own client-chosen id: it gets its own started, progress and finished
    std::string specJson;
};
struct RunRequest {
    std::string request;  // client-chosen id, echoed in every event of this run
    std::string db;       // the store the worker writes the run into; empty: results come back as bundles
    std::string specJson; // the spec as JSON text
    std::vector<InterleavedRun> interleaveWith; // empty: a run on its own
};
struct CancelRequest {
    std::string request;
};
struct Shutdown {};
struct Started {
    std::string request;
    std::int64_t runId = 0;
};
struct Progress {
    std::string request;
    std::int64_t runId = 0;
    std::string stage; // loading | preparing | baseline | warmup | timing | tracing | training | evaluating | saving
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string message;
};
struct Finished {
    std::string request;
    std::int64_t runId = 0;
    std::string status; // done | failed | cancelled
    std::string error;
};
// A run of a request without db, as an optibench bundle of that one run (JSON text).
struct Result {
    std::string request;
    std::int64_t runId = 0; // its id in the worker's own store
    std::string bundleJson;
};
struct Error {
    std::string request;
    std::string message;
};

using Message =
    std::variant<Hello, RunRequest, CancelRequest, Shutdown, Started, Progress, Finished, Error, Heartbeat, Result>;

// One line of JSON, without the trailing newline.
std::string encode(const Message &message);
// Parses one line; std::nullopt with `error` set when the line is not a valid message.
std::optional<Message> decode(const std::string &line, std::string *error = nullptr);

} // namespace optibench::core::protocol
