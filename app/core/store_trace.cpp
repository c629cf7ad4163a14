// The store's result writing and trace event queries (the hot paths).
#include <algorithm>
#include <limits>

#include <sqlite3.h>

#include "app/core/schema.h"
#include "app/core/sqlite_util.h"
#include "app/core/store.h"
#include "app/core/trace_chunks.h"

namespace optibench::core {

namespace {

std::int64_t saturatingSub(std::int64_t a, std::int64_t b)
{
    if (b > 0 && a < std::numeric_limits<std::int64_t>::min() + b)
        return std::numeric_limits<std::int64_t>::min();
    return a - b;
}

std::vector<TraceEventRecord> inOrder(std::vector<trace_chunks::Decoded> found, int limit)
{
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.event.startNs != b.event.startNs ? a.event.startNs < b.event.startNs : a.seq < b.seq;
    });
    if (limit > 0 && found.size() > static_cast<std::size_t>(limit))
        found.resize(static_cast<std::size_t>(limit));
    std::vector<TraceEventRecord> out;
    out.reserve(found.size());
    for (auto &f : found)
        out.push_back(std::move(f.event));
    return out;
}

} // namespace

void Store::writeResults(std::int64_t runId, const RunResults &results)
{
    if (!results.metrics.empty()) {
        // A metric reported twice keeps its last value.
        sql::Use s(m_statements->get("INSERT OR REPLACE INTO metrics (run_id, key, value, unit) VALUES (?1, ?2, ?3, ?4)"));
        for (const auto &m : results.metrics)
            s->bind(1, runId).bind(2, m.key).bind(3, m.value).bind(4, m.unit).run();
    }
    if (!results.series.empty()) {
        sql::Use s(m_statements->get("INSERT INTO series (run_id, name, step, value) VALUES (?1, ?2, ?3, ?4)"));
        for (const auto &p : results.series)
            s->bind(1, runId).bind(2, p.name).bind(3, p.step).bind(4, p.value).run();
    }
    writeTrace(runId, results.trace);
}

void Store::writeTrace(std::int64_t runId, const std::vector<TraceEventRecord> &events)
{
    if (events.empty())
        return;
    std::int64_t seq = 0;
    {
        sql::Use s(m_statements->get("SELECT event_count FROM trace_summary WHERE run_id = ?1"));
        s->bind(1, runId);
        if (s->step())
            seq = s->int64(0);
    }
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
    for (const auto &e : events) {
        first = std::min(first, e.startNs);
        const std::int64_t d = std::max<std::int64_t>(e.durationNs, 0);
        // Saturating: an imported bundle may hold any values.
        last = std::max(last, e.startNs > std::numeric_limits<std::int64_t>::max() - d
                                  ? std::numeric_limits<std::int64_t>::max()
                                  : e.startNs + d);
    }
    trace_chunks::write(m_db, m_path, runId, seq, events);
    sql::Use s(m_statements->get(
        "INSERT INTO trace_summary (run_id, event_count, first_start_ns, last_end_ns) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (run_id) DO UPDATE SET event_count = event_count + excluded.event_count, "
        "first_start_ns = min(first_start_ns, excluded.first_start_ns), "
        "last_end_ns = max(last_end_ns, excluded.last_end_ns)"));
    s->bind(1, runId).bind(2, static_cast<std::int64_t>(events.size())).bind(3, first).bind(4, last).run();
}

void Store::insertTraceEvents(std::int64_t runId, const std::vector<TraceEventRecord> &events)
{
    sql::Transaction t(m_db, m_path);
    {
        sql::Use s(m_statements->get("SELECT 1 FROM runs WHERE id = ?1"));
        s->bind(1, runId);
        if (!s->step())
            throw StoreError(m_path + ": no run with id " + std::to_string(runId));
    }
    writeTrace(runId, events);
    t.commit();
}

std::int64_t Store::traceEventCount(std::int64_t runId) const
{
    sql::Use s(m_statements->get("SELECT event_count FROM trace_summary WHERE run_id = ?1"));
    s->bind(1, runId);
    return s->step() ? s->int64(0) : 0;
}

std::pair<std::int64_t, std::int64_t> Store::traceExtent(std::int64_t runId) const
{
    sql::Use s(m_statements->get("SELECT first_start_ns, last_end_ns FROM trace_summary WHERE run_id = ?1"));
    s->bind(1, runId);
    if (!s->step())
        return {0, 0};
    return {s->int64(0), s->int64(1)};
}

// An event [start, start + duration) overlaps [startNs, endNs) when it starts before endNs and
// ends after startNs; an event of duration 0 counts when startNs <= start < endNs. Events of
// span class c last less than 16^(c+1) ns and a chunk of class c spans at most chunkSpan(c), so
// only chunks of class c that start after startNs - 16^(c+1) - chunkSpan(c) can hold an
// overlapping event: one index range per class, never a scan of the run.
std::vector<TraceEventRecord> Store::traceWindow(std::int64_t runId, std::int64_t startNs, std::int64_t endNs,
                                                 int limit) const
{
    if (endNs <= startNs)
        return {};
    std::vector<trace_chunks::Decoded> found;
    trace_chunks::Reader reader(m_db, m_path);
    sql::Use s(m_statements->get(
        "SELECT first_start_ns, event_count, events FROM trace_chunks "
        "WHERE run_id = ?1 AND span_class = ?2 AND first_start_ns > ?3 AND first_start_ns < ?4 AND last_start_ns > ?5 "
        "ORDER BY first_start_ns"));
    for (int c = 0; c < schema::kSpanClasses; ++c) {
        const std::int64_t reach = saturatingSub(startNs, schema::spanClassLimit(c));
        s->bind(1, runId)
            .bind(2, c)
            .bind(3, saturatingSub(reach, trace_chunks::chunkSpan(c)))
            .bind(4, endNs)
            .bind(5, reach);
        while (s->step()) {
            const auto [data, size] = s->blob(2);
            reader.decode(data, size, s->int64(0), s->int64(1), startNs, endNs, found);
        }
        s->reset();
    }
    return inOrder(std::move(found), limit);
}

std::vector<TraceEventRecord> Store::traceEvents(std::int64_t runId) const
{
    std::vector<trace_chunks::Decoded> found;
    found.reserve(static_cast<std::size_t>(traceEventCount(runId)));
    trace_chunks::Reader reader(m_db, m_path);
    sql::Use s(m_statements->get("SELECT first_start_ns, event_count, events FROM trace_chunks WHERE run_id = ?1"));
    s->bind(1, runId);
    while (s->step()) {
        const auto [data, size] = s->blob(2);
        reader.decode(data, size, s->int64(0), s->int64(1), std::numeric_limits<std::int64_t>::min(),
                      std::numeric_limits<std::int64_t>::max(), found);
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    std::vector<TraceEventRecord> out;
    out.reserve(found.size());
    for (auto &f : found)
        out.push_back(std::move(f.event));
    return out;
}

} // namespace optibench::core
