-- A run store as OptiBench schema version 2 wrote it, for the migration test (tst_store):
-- version 1's fixture migrated by version 2, plus a run whose trace spans several span classes.
-- Regenerate store_v2.sqlite with: sqlite3 store_v2.sqlite < store_v2.sql
PRAGMA journal_mode = DELETE;
BEGIN;

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
    host TEXT NOT NULL DEFAULT '',
    pid_start INTEGER NOT NULL DEFAULT 0
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
CREATE TABLE "trace_events" (
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
CREATE TABLE trace_summary (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    event_count INTEGER NOT NULL,
    first_start_ns INTEGER NOT NULL,
    last_end_ns INTEGER NOT NULL
);

INSERT INTO models (id, source, format, architecture, parameters, size_bytes, sha256)
    VALUES (1, 'demo:tiny-bert', 'demo', 'BertForSequenceClassification', 4386178, 17544712, 'ab12');
INSERT INTO runs (id, model_id, name, notes, created_at_ms, finished_at_ms, status, error, spec_json, environment_json,
                  baseline_run_id, pid, host, pid_start)
    VALUES (1, 1, 'baseline', 'first', 1700000000000, 1700000005000, 'done', '',
            '{"name":"baseline","optimizations":{"quantization":"none"}}', '{"threads":2}', NULL, 4242, 'oldhost', 0),
           (2, 1, 'int8', '', 1700000010000, 1700000015000, 'done', '',
            '{"name":"int8","optimizations":{"quantization":"dynamic-int8"}}', '{"threads":2}', 1, 4243, 'oldhost', 0);
INSERT INTO metrics (run_id, key, value, unit) VALUES
    (1, 'latency_p50_ms', 12.5, 'ms'), (2, 'latency_p50_ms', 4.25, 'ms'), (2, 'model_bytes', 4500000, 'bytes');
INSERT INTO series (run_id, name, step, value) VALUES (1, 'latency_ms', 0, 12.4), (1, 'latency_ms', 1, 12.6);
INSERT INTO runs (id, model_id, name, notes, created_at_ms, finished_at_ms, status, error, spec_json, environment_json,
                  baseline_run_id, pid, host, pid_start)
    VALUES (3, NULL, 'traced', '', 1700000020000, 1700000025000, 'done', '',
            '{"name":"traced","profiling":{"ops":true}}', '{"threads":1}', NULL, 4244, 'oldhost', 77);
INSERT INTO trace_events (run_id, span_class, start_ns, seq, kind, name, device, lane, duration_ns, correlation, parent, shapes) VALUES
    (2, 5, 1000, 0, 5, 'forward', 'cpu', 1, 5000000, 0, -1, ''),
    (2, 2, 2000, 1, 0, 'aten::linear', 'cpu', 1, 400, 0, 0, '[[8,128,768],[768,768]]'),
    (2, 1, 3000, 2, 0, 'aten::softmax', 'cpu', 1, 30, 0, 0, ''),
    (3, 5, 0, 0, 5, 'encoder.layer.0', 'cpu', 7, 2000000, 0, -1, ''),
    (3, 4, 100, 1, 0, 'aten::linear', 'cpu', 7, 150000, 11, 0, '[[4,32,64],[64,64]]'),
    (3, 4, 5000, 2, 1, 'gemm_kernel', 'cuda:0', 3, 90000, 11, 1, ''),
    (3, 0, 200000, 3, 0, 'aten::gelu', 'cpu', 7, 8, 12, 0, '[[4,32,64]]'),
    (3, 7, 2000000, 4, 5, 'encoder.layer.1', 'cpu', 7, 3000000000, 0, -1, ''),
    (3, 4, 2000100, 5, 0, 'aten::linear', 'cpu', 7, 150000, 13, 4, '[[4,32,64],[64,64]]');
INSERT INTO trace_summary
    SELECT run_id, count(*), min(start_ns), max(start_ns + duration_ns) FROM trace_events GROUP BY run_id;
PRAGMA user_version = 2;
COMMIT;
