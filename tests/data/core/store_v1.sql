-- A run store as OptiBench schema version 1 wrote it, for the migration test (tst_store).
-- Regenerate store_v1.sqlite with: sqlite3 store_v1.sqlite < store_v1.sql
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

INSERT INTO models (id, source, format, architecture, parameters, size_bytes, sha256)
    VALUES (1, 'demo:tiny-bert', 'demo', 'BertForSequenceClassification', 4386178, 17544712, 'ab12');
INSERT INTO runs (id, model_id, name, notes, created_at_ms, finished_at_ms, status, error, spec_json, environment_json,
                  baseline_run_id, pid, host)
    VALUES (1, 1, 'baseline', 'first', 1700000000000, 1700000005000, 'done', '',
            '{"name":"baseline","optimizations":{"quantization":"none"}}', '{"threads":2}', NULL, 4242, 'oldhost'),
           (2, 1, 'int8', '', 1700000010000, 1700000015000, 'done', '',
            '{"name":"int8","optimizations":{"quantization":"dynamic-int8"}}', '{"threads":2}', 1, 4243, 'oldhost');
INSERT INTO metrics (run_id, key, value, unit) VALUES
    (1, 'latency_p50_ms', 12.5, 'ms'), (2, 'latency_p50_ms', 4.25, 'ms'), (2, 'model_bytes', 4500000, 'bytes');
INSERT INTO series (run_id, name, step, value) VALUES (1, 'latency_ms', 0, 12.4), (1, 'latency_ms', 1, 12.6);
INSERT INTO trace_events (run_id, seq, kind, name, device, lane, start_ns, duration_ns, correlation, parent, shapes) VALUES
    (2, 0, 5, 'forward', 'cpu', 1, 1000, 5000000, 0, -1, ''),
    (2, 1, 0, 'aten::linear', 'cpu', 1, 2000, 400, 0, 0, '[[8,128,768],[768,768]]'),
    (2, 2, 0, 'aten::softmax', 'cpu', 1, 3000, 30, 0, 0, '');
PRAGMA user_version = 1;
COMMIT;
