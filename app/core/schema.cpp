#include "app/core/schema.h"

#include <limits>
#include <vector>

#include <sqlite3.h>

#include "app/core/sqlite_util.h"
#include "app/core/store.h"
#include "app/core/trace_chunks.h"

namespace optibench::core::schema {

namespace {

// The schema as version 1 created it. Kept verbatim: migrations start from here.
const char *const kVersion1 = R"sql(
CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL DEFAULT '',
    architecture TEXT NOT NULL DEFAULT '',
    parameters INTEGER NOT NULL DEFAULT 0,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    UNIQUE (source, sha256)
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
    name TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
    error TEXT NOT NULL DEFAULT '',
    spec_json TEXT NOT NULL DEFAULT '{}',
    environment_json TEXT NOT NULL DEFAULT '{}',
    baseline_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    pid INTEGER NOT NULL DEFAULT 0,
    host TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_created ON runs (created_at_ms);
CREATE INDEX runs_status ON runs (status, host);
CREATE INDEX runs_model ON runs (model_id);
CREATE INDEX runs_baseline ON runs (baseline_run_id);
-- The primary key (run_id, key) is the metrics (run_id) index.
CREATE TABLE metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE TABLE series (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    step INTEGER NOT NULL,
    value REAL NOT NULL
);
CREATE INDEX series_run ON series (run_id, name, step);
-- Clustered by run, in insertion order: a run's events are read and deleted together.
CREATE TABLE trace_events (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    device TEXT NOT NULL DEFAULT 'cpu',
    lane INTEGER NOT NULL DEFAULT 0,
    start_ns INTEGER NOT NULL,
    duration_ns INTEGER NOT NULL,
    correlation INTEGER NOT NULL DEFAULT 0,
    parent INTEGER NOT NULL DEFAULT -1,
    shapes TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX trace_events_start ON trace_events (run_id, start_ns);
)sql";

std::string spanClassSql()
{
    std::string sql = "CASE";
    for (int c = 0; c < kSpanClasses - 1; ++c)
        sql += " WHEN duration_ns < " + std::to_string(spanClassLimit(c)) + " THEN " + std::to_string(c);
    return sql + " ELSE " + std::to_string(kSpanClasses - 1) + " END";
}

void toVersion2(sqlite3 *db, const std::string &path)
{
    sql::exec(db, path, "ALTER TABLE runs ADD COLUMN pid_start INTEGER NOT NULL DEFAULT 0");
    // The window key becomes the table's own (clustered) key: one b-tree per insert instead
    // of a table and an index, which halves the cost of a bulk trace insert.
    sql::exec(db, path, R"sql(
CREATE TABLE trace_events_v2 (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_class INTEGER NOT NULL,
    start_ns INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    device TEXT NOT NULL DEFAULT 'cpu',
    lane INTEGER NOT NULL DEFAULT 0,
    duration_ns INTEGER NOT NULL,
    correlation INTEGER NOT NULL DEFAULT 0,
    parent INTEGER NOT NULL DEFAULT -1,
    shapes TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, span_class, start_ns, seq)
) WITHOUT ROWID;
)sql");
    const std::string copy = "INSERT INTO trace_events_v2 SELECT run_id, " + spanClassSql()
        + ", start_ns, seq, kind, name, device, lane, max(duration_ns, 0), correlation, parent, shapes FROM "
          "trace_events";
    sql::exec(db, path, copy.c_str());
    sql::exec(db, path, R"sql(
DROP TABLE trace_events;
ALTER TABLE trace_events_v2 RENAME TO trace_events;
CREATE TABLE trace_summary (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    event_count INTEGER NOT NULL,
    first_start_ns INTEGER NOT NULL,
    last_end_ns INTEGER NOT NULL
);
INSERT INTO trace_summary
    SELECT run_id, count(*), min(start_ns), max(start_ns + duration_ns) FROM trace_events GROUP BY run_id;
)sql");
}

void toVersion3(sqlite3 *db, const std::string &path)
{
    sql::exec(db, path, R"sql(
CREATE TABLE trace_strings (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);
CREATE TABLE trace_chunks (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_class INTEGER NOT NULL,
    first_start_ns INTEGER NOT NULL,
    last_start_ns INTEGER NOT NULL,
    event_count INTEGER NOT NULL,
    events BLOB NOT NULL
);
CREATE INDEX trace_chunks_window ON trace_chunks (run_id, span_class, first_start_ns);
)sql");
    // Each run's events in their run-wide order (seq runs 0..n-1), packed as version 3 writes them.
    std::vector<std::int64_t> runs;
    {
        sql::Statement s(db, path, "SELECT DISTINCT run_id FROM trace_events ORDER BY run_id");
        while (s.step())
            runs.push_back(s.int64(0));
    }
    sql::Statement read(db, path,
                        "SELECT kind, name, device, lane, start_ns, duration_ns, correlation, parent, shapes "
                        "FROM trace_events WHERE run_id = ?1 ORDER BY seq");
    for (std::int64_t run : runs) {
        std::vector<TraceEventRecord> events;
        read.bind(1, run);
        while (read.step()) {
            TraceEventRecord e;
            e.kind = static_cast<TraceKind>(read.int64(0));
            e.name = read.text(1);
            e.device = read.text(2);
            e.lane = read.int64(3);
            e.startNs = read.int64(4);
            e.durationNs = read.int64(5);
            e.correlation = read.int64(6);
            e.parent = read.int64(7);
            e.shapes = read.text(8);
            events.push_back(std::move(e));
        }
        read.reset();
        trace_chunks::write(db, path, run, 0, events);
    }
    sql::exec(db, path, "DROP TABLE trace_events");
}

// Version 4: the noise floors `calibrate` measures, per machine, model and timed metric.
void toVersion4(sqlite3 *db, const std::string &path)
{
    sql::exec(db, path, R"sql(
CREATE TABLE noise_floors (
    machine TEXT NOT NULL,
    model TEXT NOT NULL,
    metric TEXT NOT NULL,
    floor REAL NOT NULL,
    pairs INTEGER NOT NULL,
    run_ids TEXT NOT NULL,
    measured_at_ms INTEGER NOT NULL,
    PRIMARY KEY (machine, model, metric)
);
)sql");
}

// Version 5: every run gets a random UUID (RFC 4122 version 4), unique in the store.
void toVersion5(sqlite3 *db, const std::string &path)
{
    sql::exec(db, path, R"sql(
ALTER TABLE runs ADD COLUMN uuid TEXT NOT NULL DEFAULT '';
UPDATE runs SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX runs_uuid ON runs (uuid);
)sql");
}

} // namespace

int spanClass(std::int64_t durationNs)
{
    int c = 0;
    while (c < kSpanClasses - 1 && durationNs >= spanClassLimit(c))
        ++c;
    return c;
}

std::int64_t spanClassLimit(int spanClass)
{
    if (spanClass >= kSpanClasses - 1)
        return std::numeric_limits<std::int64_t>::max();
    return std::int64_t(1) << (4 * (spanClass + 1));
}

int userVersion(sqlite3 *db, const std::string &path)
{
    sql::Statement s(db, path, "PRAGMA user_version");
    const int v = s.step() ? static_cast<int>(s.int64(0)) : 0;
    s.reset();
    return v;
}

void migrate(sqlite3 *db, const std::string &path)
{
    auto refuseNewer = [&](int version) {
        if (version > kVersion)
            throw NewerStoreError(path + ": database schema version " + std::to_string(version)
                                      + " is newer than this OptiBench supports (" + std::to_string(kVersion)
                                      + "); open it with a newer OptiBench, or export the runs from there",
                                  version, kVersion);
    };
    // A read first: refuses a newer file without taking the write lock.
    int version = userVersion(db, path);
    refuseNewer(version);
    while (version < kVersion) {
        // Each step is one transaction; the version is read again under the write lock, since
        // another process may have migrated the file meanwhile.
        sql::Transaction t(db, path);
        version = userVersion(db, path);
        refuseNewer(version);
        if (version >= kVersion)
            break;
        switch (version) {
        case 0: sql::exec(db, path, kVersion1); break;
        case 1: toVersion2(db, path); break;
        case 2: toVersion3(db, path); break;
        case 3: toVersion4(db, path); break;
        case 4: toVersion5(db, path); break;
        default: break;
        }
        ++version;
        const std::string set = "PRAGMA user_version = " + std::to_string(version);
        sql::exec(db, path, set.c_str());
        t.commit();
    }
}

} // namespace optibench::core::schema
