#include "app/core/store.h"

#include <chrono>
#include <set>

#include <sqlite3.h>

#include "app/core/process_info.h"
#include "app/core/schema.h"
#include "app/core/sqlite_util.h"
#include "app/core/uuid.h"

namespace optibench::core {

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const char *const kRunColumns =
    "r.id, COALESCE(r.model_id, 0), COALESCE(m.source, ''), r.name, r.notes, r.created_at_ms, r.finished_at_ms, "
    "r.status, r.error, r.spec_json, r.environment_json, r.baseline_run_id, r.pid, r.host, r.uuid "
    "FROM runs r LEFT JOIN models m ON m.id = r.model_id";

RunRecord readRun(const sql::Statement &s)
{
    RunRecord r;
    r.id = s.int64(0);
    r.modelId = s.int64(1);
    r.modelSource = s.text(2);
    r.name = s.text(3);
    r.notes = s.text(4);
    r.createdAtMs = s.int64(5);
    r.finishedAtMs = s.int64(6);
    r.status = runStatusFromString(s.text(7)).value_or(RunStatus::Failed);
    r.error = s.text(8);
    r.specJson = s.text(9);
    r.environmentJson = s.text(10);
    if (!s.isNull(11))
        r.baselineRunId = s.int64(11);
    r.pid = s.int64(12);
    r.host = s.text(13);
    r.uuid = s.text(14);
    return r;
}

std::optional<std::int64_t> modelOrNull(std::int64_t modelId)
{
    return modelId == 0 ? std::nullopt : std::optional<std::int64_t>(modelId);
}

std::string likePattern(const std::string &text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

// A toggle path as given ("optimizations.quantization") or as a JSON path ("$.optimizations...").
std::string jsonPath(const std::string &path)
{
    return path.rfind('$', 0) == 0 ? path : "$." + path;
}

} // namespace

std::string toString(RunStatus s)
{
    switch (s) {
    case RunStatus::Running: return "running";
    case RunStatus::Done: return "done";
    case RunStatus::Failed: return "failed";
    case RunStatus::Cancelled: return "cancelled";
    case RunStatus::Interrupted: return "interrupted";
    }
    return "failed";
}

std::optional<RunStatus> runStatusFromString(const std::string &s)
{
    for (auto status :
         {RunStatus::Running, RunStatus::Done, RunStatus::Failed, RunStatus::Cancelled, RunStatus::Interrupted}) {
        if (toString(status) == s)
            return status;
    }
    return std::nullopt;
}

Store::Store(const std::string &path) : m_path(path)
{
    try {
        open();
    } catch (...) {
        m_statements.reset();
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

Store::~Store()
{
    m_statements.reset(); // statements first: close needs them finalized
    sqlite3_close_v2(m_db);
}

void Store::open()
{
    if (sqlite3_open_v2(m_path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        sql::fail(m_db, m_path, "cannot open the run store");
    sqlite3_extended_result_codes(m_db, 1);
    // Writers from other processes (the worker, the CLI, the GUI's edits) wait rather than fail.
    sqlite3_busy_timeout(m_db, 5000);
    // The first statement reads the header: a file that is not a database fails here.
    try {
        sql::exec(m_db, m_path, "PRAGMA journal_mode = WAL");
    } catch (const StoreError &e) {
        throw StoreError(std::string(e.what()) + " (is it an OptiBench run store?)");
    }
    // NORMAL is durable across application crashes in WAL mode; only a power loss may lose the
    // last transactions, never corrupt the file.
    sql::exec(m_db, m_path, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
    // Reads through a memory map instead of one pread per page: a whole-run trace overview reads
    // tens of megabytes of chunks, and the syscalls were a third of its time.
    sql::exec(m_db, m_path, "PRAGMA mmap_size = 1073741824");
    schema::migrate(m_db, m_path);
    m_statements = std::make_unique<sql::StatementCache>(m_db, m_path);
    markInterruptedRuns();
}

int Store::currentSchemaVersion()
{
    return schema::kVersion;
}

int Store::schemaVersion() const
{
    return schema::userVersion(m_db, m_path);
}

std::int64_t Store::upsertModel(const ModelRecord &model)
{
    sql::Transaction t(m_db, m_path);
    {
        sql::Use find(m_statements->get("SELECT id FROM models WHERE source = ?1 AND sha256 = ?2"));
        find->bind(1, model.source).bind(2, model.sha256);
        if (find->step())
            return find->int64(0); // the transaction rolls back: nothing was written
    }
    sql::Use insert(m_statements->get("INSERT INTO models (source, format, architecture, parameters, size_bytes, "
                                      "sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    insert->bind(1, model.source)
        .bind(2, model.format)
        .bind(3, model.architecture)
        .bind(4, model.parameters)
        .bind(5, model.sizeBytes)
        .bind(6, model.sha256)
        .run();
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    t.commit();
    return id;
}

namespace {
const char *const kModelColumns = "SELECT id, source, format, architecture, parameters, size_bytes, sha256 FROM models";

ModelRecord readModel(const sql::Statement &s)
{
    ModelRecord m;
    m.id = s.int64(0);
    m.source = s.text(1);
    m.format = s.text(2);
    m.architecture = s.text(3);
    m.parameters = s.int64(4);
    m.sizeBytes = s.int64(5);
    m.sha256 = s.text(6);
    return m;
}
} // namespace

std::optional<ModelRecord> Store::model(std::int64_t id) const
{
    static const std::string query = std::string(kModelColumns) + " WHERE id = ?1";
    sql::Use s(m_statements->get(query.c_str()));
    s->bind(1, id);
    if (!s->step())
        return std::nullopt;
    return readModel(*s);
}

std::vector<ModelRecord> Store::models() const
{
    sql::Statement s(m_db, m_path, std::string(kModelColumns) + " ORDER BY id");
    std::vector<ModelRecord> out;
    while (s.step())
        out.push_back(readModel(s));
    return out;
}

std::int64_t Store::beginRun(const std::string &name, std::int64_t modelId, const std::string &specJson,
                             const std::string &environmentJson, std::optional<std::int64_t> baselineRunId)
{
    sql::Transaction t(m_db, m_path);
    sql::Use s(m_statements->get(
        "INSERT INTO runs (model_id, name, created_at_ms, status, spec_json, environment_json, baseline_run_id, pid, "
        "pid_start, host, uuid) VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    const std::int64_t pid = process::currentPid();
    s->bind(1, modelOrNull(modelId))
        .bind(2, name)
        .bind(3, nowMs())
        .bind(4, specJson)
        .bind(5, environmentJson)
        .bind(6, baselineRunId)
        .bind(7, pid)
        .bind(8, process::startTime(pid))
        .bind(9, process::hostName())
        .bind(10, newUuid());
    s->run();
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    t.commit();
    return id;
}

namespace {
// Runs one single-row UPDATE in its own transaction and checks that the run exists.
void updateRun(sqlite3 *db, const std::string &path, sql::Statement &s, std::int64_t runId)
{
    sql::Transaction t(db, path);
    s.run();
    if (sqlite3_changes(db) == 0)
        throw StoreError(path + ": no run with id " + std::to_string(runId));
    t.commit();
}
} // namespace

void Store::setRunModel(std::int64_t runId, std::int64_t modelId)
{
    sql::Use s(m_statements->get("UPDATE runs SET model_id = ?1 WHERE id = ?2"));
    s->bind(1, modelOrNull(modelId)).bind(2, runId);
    updateRun(m_db, m_path, *s, runId);
}

void Store::setRunEnvironment(std::int64_t runId, const std::string &environmentJson)
{
    sql::Use s(m_statements->get("UPDATE runs SET environment_json = ?1 WHERE id = ?2"));
    s->bind(1, environmentJson).bind(2, runId);
    updateRun(m_db, m_path, *s, runId);
}

void Store::finishRun(std::int64_t runId, RunStatus status, const RunResults &results, const std::string &error)
{
    if (status != RunStatus::Done && status != RunStatus::Failed && status != RunStatus::Cancelled)
        throw StoreError(m_path + ": run " + std::to_string(runId) + " cannot finish as " + toString(status));
    sql::Transaction t(m_db, m_path);
    {
        // Finished runs are final; an `interrupted` one may still finish (its writer was alive).
        sql::Use s(m_statements->get("SELECT status FROM runs WHERE id = ?1"));
        s->bind(1, runId);
        if (!s->step())
            throw StoreError(m_path + ": no run with id " + std::to_string(runId));
        const std::string current = s->text(0);
        if (current != "running" && current != "interrupted")
            throw StoreError(m_path + ": run " + std::to_string(runId) + " already finished as " + current);
    }
    writeResults(runId, results);
    {
        sql::Use s(m_statements->get("UPDATE runs SET status = ?1, error = ?2, finished_at_ms = ?3 WHERE id = ?4"));
        s->bind(1, toString(status)).bind(2, error).bind(3, nowMs()).bind(4, runId).run();
    }
    t.commit();
}

void Store::markRun(std::int64_t runId, RunStatus status, const std::string &error)
{
    sql::Use s(m_statements->get("UPDATE runs SET status = ?1, error = ?2, finished_at_ms = ?3 WHERE id = ?4"));
    s->bind(1, toString(status)).bind(2, error).bind(3, status == RunStatus::Running ? 0 : nowMs()).bind(4, runId);
    updateRun(m_db, m_path, *s, runId);
}

int Store::markInterruptedRuns()
{
    const std::string host = process::hostName();
    struct Candidate {
        std::int64_t id, pid, pidStart;
    };
    std::vector<Candidate> dead;
    {
        sql::Use s(m_statements->get("SELECT id, pid, pid_start FROM runs WHERE status = 'running' AND host = ?1"));
        s->bind(1, host);
        while (s->step()) {
            Candidate c{s->int64(0), s->int64(1), s->int64(2)};
            if (!process::isAlive(c.pid, c.pidStart))
                dead.push_back(c);
        }
    }
    if (dead.empty())
        return 0;
    sql::Transaction t(m_db, m_path);
    int marked = 0;
    sql::Use s(m_statements->get("UPDATE runs SET status = 'interrupted', error = ?1, finished_at_ms = ?2 WHERE id = "
                                 "?3 AND status = 'running'"));
    for (const auto &c : dead) {
        s->bind(1, "the process writing this run (pid " + std::to_string(c.pid) + ") ended before it finished")
            .bind(2, nowMs())
            .bind(3, c.id)
            .run();
        marked += sqlite3_changes(m_db);
    }
    t.commit();
    return marked;
}

std::int64_t Store::importRun(const RunRecord &run, const RunResults &results)
{
    sql::Transaction t(m_db, m_path);
    {
        sql::Use s(m_statements->get(
            "INSERT INTO runs (model_id, name, notes, created_at_ms, finished_at_ms, status, error, spec_json, "
            "environment_json, baseline_run_id, pid, pid_start, host, uuid) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, 0, '', ?11)"));
        const RunStatus status = run.status == RunStatus::Running ? RunStatus::Interrupted : run.status;
        s->bind(1, modelOrNull(run.modelId))
            .bind(2, run.name)
            .bind(3, run.notes)
            .bind(4, run.createdAtMs)
            .bind(5, run.finishedAtMs)
            .bind(6, toString(status))
            .bind(7, run.error)
            .bind(8, run.specJson)
            .bind(9, run.environmentJson)
            .bind(10, run.baselineRunId)
            .bind(11, run.uuid.empty() ? newUuid() : run.uuid)
            .run();
    }
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    writeResults(id, results);
    t.commit();
    return id;
}

std::optional<std::int64_t> Store::runIdByUuid(const std::string &uuid) const
{
    sql::Use s(m_statements->get("SELECT id FROM runs WHERE uuid = ?1"));
    s->bind(1, uuid);
    if (!s->step())
        return std::nullopt;
    return s->int64(0);
}

void Store::inTransaction(const std::function<void()> &work)
{
    sql::Transaction t(m_db, m_path);
    work();
    t.commit();
}

std::vector<RunRecord> Store::runs(const RunFilter &filter) const
{
    std::string where;
    auto add = [&](const std::string &clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; };
    int next = 1;
    // Parameters are numbered as the clauses are added; each keeps its index and value.
    struct Bind {
        int index;
        std::optional<std::int64_t> i;
        std::string t;
    };
    std::vector<Bind> binds;
    auto bindInt = [&](std::int64_t v) {
        binds.push_back({next, v, {}});
        return "?" + std::to_string(next++);
    };
    auto bindText = [&](const std::string &v) {
        binds.push_back({next, std::nullopt, v});
        return "?" + std::to_string(next++);
    };
    if (filter.modelId)
        add("r.model_id = " + bindInt(*filter.modelId));
    if (filter.status)
        add("r.status = " + bindText(toString(*filter.status)));
    if (!filter.text.empty()) {
        const std::string p = bindText(likePattern(filter.text));
        add("(r.name LIKE " + p + " ESCAPE '\\' OR r.notes LIKE " + p + " ESCAPE '\\' OR m.source LIKE " + p
            + " ESCAPE '\\' OR r.spec_json LIKE " + p + " ESCAPE '\\')");
    }
    if (filter.fromMs != 0)
        add("r.created_at_ms >= " + bindInt(filter.fromMs));
    if (filter.toMs != 0)
        add("r.created_at_ms < " + bindInt(filter.toMs));
    for (const auto &[path, value] : filter.toggles) {
        const std::string p = bindText(jsonPath(path));
        const std::string v = bindText(value);
        // A string compares as text; a number, boolean or null as its JSON form.
        add("CASE WHEN json_valid(r.spec_json) THEN (json_extract(r.spec_json, " + p + ") = " + v
            + " OR (r.spec_json -> " + p + ") = " + v + ") ELSE 0 END");
    }
    std::string sqlText = std::string("SELECT ") + kRunColumns + where + " ORDER BY r.created_at_ms DESC, r.id DESC";
    if (filter.limit > 0 || filter.offset > 0) {
        sqlText += " LIMIT " + bindInt(filter.limit > 0 ? filter.limit : -1);
        sqlText += " OFFSET " + bindInt(filter.offset);
    }
    sql::Statement s(m_db, m_path, sqlText);
    for (const auto &b : binds) {
        if (b.i)
            s.bind(b.index, *b.i);
        else
            s.bind(b.index, b.t);
    }
    std::vector<RunRecord> out;
    while (s.step())
        out.push_back(readRun(s));
    return out;
}

std::optional<RunRecord> Store::run(std::int64_t runId) const
{
    static const std::string query = std::string("SELECT ") + kRunColumns + " WHERE r.id = ?1";
    sql::Use s(m_statements->get(query.c_str()));
    s->bind(1, runId);
    if (!s->step())
        return std::nullopt;
    return readRun(*s);
}

std::vector<Metric> Store::metrics(std::int64_t runId) const
{
    sql::Use s(m_statements->get("SELECT key, value, unit FROM metrics WHERE run_id = ?1 ORDER BY key"));
    s->bind(1, runId);
    std::vector<Metric> out;
    while (s->step())
        out.push_back({s->text(0), s->real(1), s->text(2)});
    return out;
}

std::map<std::int64_t, std::vector<Metric>> Store::metrics(const std::vector<std::int64_t> &runIds) const
{
    std::map<std::int64_t, std::vector<Metric>> out;
    for (std::int64_t id : runIds)
        out[id] = metrics(id);
    return out;
}

std::vector<SeriesPoint> Store::series(std::int64_t runId, const std::string &name) const
{
    std::vector<SeriesPoint> out;
    if (name.empty()) {
        sql::Use s(m_statements->get("SELECT name, step, value FROM series WHERE run_id = ?1 ORDER BY name, step"));
        s->bind(1, runId);
        while (s->step())
            out.push_back({s->text(0), s->int64(1), s->real(2)});
    } else {
        sql::Use s(
            m_statements->get("SELECT name, step, value FROM series WHERE run_id = ?1 AND name = ?2 ORDER BY step"));
        s->bind(1, runId).bind(2, name);
        while (s->step())
            out.push_back({s->text(0), s->int64(1), s->real(2)});
    }
    return out;
}

std::vector<RunRecord> Store::runsById(const std::vector<std::int64_t> &runIds) const
{
    std::vector<RunRecord> out;
    for (std::int64_t id : runIds)
        if (auto r = run(id))
            out.push_back(std::move(*r));
    return out;
}

std::map<std::int64_t, std::vector<SeriesPoint>> Store::series(const std::vector<std::int64_t> &runIds,
                                                               const std::vector<std::string> &names) const
{
    const std::set<std::string> wanted(names.begin(), names.end());
    std::map<std::int64_t, std::vector<SeriesPoint>> out;
    for (std::int64_t id : runIds) {
        auto &points = out[id];
        for (auto &p : series(id))
            if (wanted.count(p.name))
                points.push_back(std::move(p));
    }
    return out;
}

void Store::renameRun(std::int64_t runId, const std::string &name)
{
    sql::Use s(m_statements->get("UPDATE runs SET name = ?1 WHERE id = ?2"));
    s->bind(1, name).bind(2, runId);
    updateRun(m_db, m_path, *s, runId);
}

void Store::setNotes(std::int64_t runId, const std::string &notes)
{
    sql::Use s(m_statements->get("UPDATE runs SET notes = ?1 WHERE id = ?2"));
    s->bind(1, notes).bind(2, runId);
    updateRun(m_db, m_path, *s, runId);
}

void Store::setBaseline(std::int64_t runId, std::optional<std::int64_t> baselineRunId)
{
    if (baselineRunId && *baselineRunId == runId)
        throw StoreError(m_path + ": run " + std::to_string(runId) + " cannot be its own baseline");
    sql::Use s(m_statements->get("UPDATE runs SET baseline_run_id = ?1 WHERE id = ?2"));
    s->bind(1, baselineRunId).bind(2, runId);
    updateRun(m_db, m_path, *s, runId);
}

void Store::deleteRuns(const std::vector<std::int64_t> &runIds)
{
    sql::Transaction t(m_db, m_path);
    sql::Use s(m_statements->get("DELETE FROM runs WHERE id = ?1"));
    for (std::int64_t id : runIds)
        s->bind(1, id).run();
    t.commit();
}

} // namespace optibench::core
