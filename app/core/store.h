#pragma once
// The run store: one SQLite file holding models, runs, metrics, series and trace events.
// WAL, busy timeout, BEGIN IMMEDIATE for writes, prepared statements; one Store object per
// thread (each owns its connection). Schema versions through PRAGMA user_version; an older
// file is migrated in one transaction, a newer one is refused. Nothing here deletes data
// except deleteRuns(). Neither Qt nor LibTorch.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace optibench::core {

namespace sql {
class StatementCache;
}

// Every store failure. what() names the database file and the problem.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A file whose schema is newer than this build reads: written by a newer OptiBench. Front ends
// say so and offer another store; the file is not touched.
class NewerStoreError : public StoreError {
public:
    NewerStoreError(const std::string &what, int version, int supported)
        : StoreError(what), m_version(version), m_supported(supported)
    {}
    int version() const { return m_version; }
    int supported() const { return m_supported; }

private:
    int m_version;
    int m_supported;
};

enum class RunStatus { Running, Done, Failed, Cancelled, Interrupted };
std::string toString(RunStatus s);
std::optional<RunStatus> runStatusFromString(const std::string &s);

struct ModelRecord {
    std::int64_t id = 0;
    std::string source;       // path as the user gave it, or "demo:<name>"
    std::string format;       // hf | torchscript | demo
    std::string architecture; // e.g. BertForSequenceClassification
    std::int64_t parameters = 0;
    std::int64_t sizeBytes = 0;
    std::string sha256;
};

struct Metric {
    std::string key; // latency_p50_ms, throughput_tokens_s, peak_memory_bytes, ...
    double value = 0;
    std::string unit; // ms, tokens/s, bytes, ratio, ...
};

struct SeriesPoint {
    std::string name; // loss, latency_ms, memory_bytes, ...
    std::int64_t step = 0;
    double value = 0;
};

enum class TraceKind { Op = 0, Kernel = 1, Memcpy = 2, Memset = 3, Sync = 4, Range = 5 };

struct TraceEventRecord {
    TraceKind kind = TraceKind::Op;
    std::string name;
    std::string device;    // "cpu", "cuda:0"
    std::int64_t lane = 0; // thread id (CPU) or stream id (GPU)
    std::int64_t startNs = 0;
    std::int64_t durationNs = 0;
    std::int64_t correlation = 0; // links an op to the kernels it launched; 0: none
    std::int64_t parent = -1;     // index of the enclosing event within the same run; -1: none
    std::string shapes;           // op input shapes, e.g. "[[8,128,768],[768,768]]"
};

struct RunRecord {
    std::int64_t id = 0;
    std::int64_t modelId = 0; // 0: not recorded
    std::string modelSource;  // from the models table, for display
    std::string name;
    std::string notes;
    std::int64_t createdAtMs = 0;  // Unix epoch milliseconds
    std::int64_t finishedAtMs = 0; // 0 while running
    RunStatus status = RunStatus::Running;
    std::string error;
    std::string specJson;        // the spec with defaults filled
    std::string environmentJson; // CPU, GPU, driver, CUDA, LibTorch, threads, OS, app version, git revision
    std::optional<std::int64_t> baselineRunId;
    std::int64_t pid = 0; // process that writes the run while it is running
    std::string host;
    std::string uuid; // the run's identity across stores (bundles carry it)
};

struct RunFilter {
    std::optional<std::int64_t> modelId;
    std::optional<RunStatus> status;
    std::string text;        // substring of name, notes, model source or spec
    std::int64_t fromMs = 0; // created at or after (0: no bound)
    std::int64_t toMs = 0;   // created before (0: no bound)
    std::map<std::string, std::string>
        toggles;   // spec paths to values, e.g. {"optimizations.quantization": "dynamic-int8"}
    int limit = 0; // 0: all
    int offset = 0;
};

// A coarse picture of a stretch of a run's trace, for views zoomed out too far to show single
// events: [startNs, endNs) cut into equal buckets and, per thread or stream, how many events
// and how much busy time fall into each. Computed from the stored chunks without reading a
// string per event (a million events: tens of milliseconds).
struct TraceLaneOverview {
    std::string device; // "cpu", "cuda:0"
    std::int64_t lane = 0;
    std::vector<std::uint32_t> events; // per bucket: events whose visible part begins there
    std::vector<double> busyNs;        // per bucket: time covered by the lane's outermost events
                                       // (those without an enclosing event)
};

struct TraceOverview {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    int buckets = 0;
    std::int64_t eventCount = 0;          // events overlapping [startNs, endNs), each counted once
    std::vector<TraceLaneOverview> lanes; // by device, then lane

    double bucketNs() const
    {
        return buckets > 0 ? double(static_cast<std::uint64_t>(endNs) - static_cast<std::uint64_t>(startNs)) / buckets
                           : 0.0;
    }
};

// Everything a finished run writes, in one transaction.
struct RunResults {
    std::vector<Metric> metrics;
    std::vector<SeriesPoint> series;
    std::vector<TraceEventRecord> trace;
};

class Store {
public:
    // Opens or creates the file, migrates it, and marks runs left `running` by a process that
    // no longer exists (same host) as `interrupted`. Throws StoreError naming the file.
    explicit Store(const std::string &path);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    const std::string &path() const { return m_path; }
    static int currentSchemaVersion();
    int schemaVersion() const;

    // Models: one row per (source, sha256); returns the existing id when already known.
    std::int64_t upsertModel(const ModelRecord &model);
    std::optional<ModelRecord> model(std::int64_t id) const;
    std::vector<ModelRecord> models() const;

    // Runs. beginRun writes the row as `running` with this process's pid and host and a new
    // uuid.
    std::int64_t beginRun(const std::string &name, std::int64_t modelId, const std::string &specJson,
                          const std::string &environmentJson, std::optional<std::int64_t> baselineRunId = std::nullopt);
    void setRunModel(std::int64_t runId, std::int64_t modelId);
    void setRunEnvironment(std::int64_t runId, const std::string &environmentJson);
    // Writes all results and the final status (Done, Failed or Cancelled) in one transaction.
    void finishRun(std::int64_t runId, RunStatus status, const RunResults &results, const std::string &error = {});
    // Sets the status of a run without results (e.g. the GUI marking a run whose worker died).
    void markRun(std::int64_t runId, RunStatus status, const std::string &error);
    // Marks `running` runs of dead processes on this host as `interrupted`; returns how many.
    int markInterruptedRuns();

    // Inserts a complete run (e.g. from an imported bundle) under a new id and returns it. The
    // record's id, pid and host are not used (an imported run has no writer); a `running`
    // record is stored as `interrupted`. Everything is written in one transaction.
    // The record's uuid is kept (a fresh one when it has none); one the store holds already is
    // refused with StoreError.
    std::int64_t importRun(const RunRecord &run, const RunResults &results);
    // The run with this uuid, if the store holds it.
    std::optional<std::int64_t> runIdByUuid(const std::string &uuid) const;
    // Runs `work` in one transaction: every write inside it lands, or none (work threw).
    void inTransaction(const std::function<void()> &work);

    // Newest first (created_at, then id). toggles compare the spec's value at that path with
    // the given text, as a string or as its JSON form ("true", "0.5", "dynamic-int8").
    std::vector<RunRecord> runs(const RunFilter &filter = {}) const;
    std::optional<RunRecord> run(std::int64_t runId) const;
    std::vector<Metric> metrics(std::int64_t runId) const;
    // Metrics of several runs side by side: run id -> metrics.
    std::map<std::int64_t, std::vector<Metric>> metrics(const std::vector<std::int64_t> &runIds) const;
    std::vector<SeriesPoint> series(std::int64_t runId, const std::string &name = {}) const;
    // Several runs at once, for comparisons of thousands: the runs in the ids' order (ids not in
    // the store left out), and their series of `names` (run id -> points by name, then step).
    std::vector<RunRecord> runsById(const std::vector<std::int64_t> &runIds) const;
    std::map<std::int64_t, std::vector<SeriesPoint>> series(const std::vector<std::int64_t> &runIds,
                                                            const std::vector<std::string> &names) const;

    // Trace events: bulk insert in one transaction; window queries for the timeline. Parent
    // indices are run-wide: a second call for the same run continues the numbering.
    void insertTraceEvents(std::int64_t runId, const std::vector<TraceEventRecord> &events);
    std::int64_t traceEventCount(std::int64_t runId) const;
    // [first start, last end] of the run's events; {0, 0} when it has none.
    std::pair<std::int64_t, std::int64_t> traceExtent(std::int64_t runId) const;
    // Events overlapping [startNs, endNs), ordered by start; at most `limit` (0: no limit).
    std::vector<TraceEventRecord> traceWindow(std::int64_t runId, std::int64_t startNs, std::int64_t endNs,
                                              int limit = 0) const;
    std::vector<TraceEventRecord> traceEvents(std::int64_t runId) const;
    // Events overlapping [startNs, endNs) summarised per lane into `buckets` equal parts (at
    // most 1,000,000); empty when the range is empty or buckets < 1.
    TraceOverview traceOverview(std::int64_t runId, std::int64_t startNs, std::int64_t endNs, int buckets) const;

    // User edits (the GUI's only writes).
    void renameRun(std::int64_t runId, const std::string &name);
    void setNotes(std::int64_t runId, const std::string &notes);
    void setBaseline(std::int64_t runId, std::optional<std::int64_t> baselineRunId);
    void deleteRuns(const std::vector<std::int64_t> &runIds);

    sqlite3 *handle() const { return m_db; }

private:
    void open();
    void writeResults(std::int64_t runId, const RunResults &results);
    void writeTrace(std::int64_t runId, const std::vector<TraceEventRecord> &events);
    // Calls visit(blob, size, first start, event count) for each chunk that may hold an event
    // overlapping [startNs, endNs).
    void forEachChunkIn(
        std::int64_t runId, std::int64_t startNs, std::int64_t endNs,
        const std::function<void(const unsigned char *, std::size_t, std::int64_t, std::int64_t)> &visit) const;

    std::string m_path;
    sqlite3 *m_db = nullptr;
    std::unique_ptr<sql::StatementCache> m_statements; // hot statements, prepared once
};

} // namespace optibench::core
