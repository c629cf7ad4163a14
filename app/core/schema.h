#pragma once
// The store's schema and its migrations, versioned through PRAGMA user_version.
#include <cstdint>
#include <string>

struct sqlite3;

namespace optibench::core::schema {

// Version 1: models, runs, metrics, series, trace_events indexed by (run_id, start_ns).
// Version 2: runs.pid_start (start time of the writing process, so a reused pid is not taken
//            for the writer); trace_events keyed by (run_id, span_class, start_ns, seq), so a
//            window query is one range per span class (one long event cannot turn it into a
//            scan) and a bulk insert writes one b-tree; trace_summary (count, extent per run).
// Version 3: trace events packed into trace_chunks (see trace_chunks.h) with their strings in
//            trace_strings: a bulk insert writes a few thousand small rows instead of one row
//            of text per event (a million events: about 5x less CPU, 8x fewer bytes).
// Version 4: noise_floors, the A/A spread `calibrate` measures per machine, model and metric
//            (noise_floor.h).
// Version 5: runs.uuid, a run's identity across stores (bundles carry it, so importing a
//            bundle twice, or a sweep's folder after each of its tasks, adds each run once).
constexpr int kVersion = 5;

// Brings the database to kVersion, one transaction per step. Throws StoreError when the file
// is newer than kVersion or is not a database.
void migrate(sqlite3 *db, const std::string &path);
int userVersion(sqlite3 *db, const std::string &path);

// Events of span class c last less than 16^(c+1) ns; a window query looks back that far
// in class c only.
constexpr int kSpanClasses = 16;
int spanClass(std::int64_t durationNs);
std::int64_t spanClassLimit(int spanClass); // 16^(c+1), saturated at INT64_MAX

} // namespace optibench::core::schema
