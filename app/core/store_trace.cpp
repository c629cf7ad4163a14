// The store's result writing and trace event queries (the hot paths).
#include <algorithm>
#include <limits>

#include <sqlite3.h>

#include "app/core/schema.h"
#include "app/core/sqlite_util.h"
#include "app/core/store.h"

namespace optibench::core {

namespace {

const char *const kEventColumns =
    "SELECT kind, name, device, lane, start_ns, duration_ns, correlation, parent, shapes, seq FROM trace_events ";

TraceEventRecord readEvent(const sql::Statement &s)
{
    TraceEventRecord e;
    e.kind = static_cast<TraceKind>(s.int64(0));
    e.name = s.text(1);
    e.device = s.text(2);
    e.lane = s.int64(3);
    e.startNs = s.int64(4);
    e.durationNs = s.int64(5);
    e.correlation = s.int64(6);
    e.parent = s.int64(7);
    e.shapes = s.text(8);
    return e;
}

std::int64_t saturatingSub(std::int64_t a, std::int64_t b)
{
    if (b > 0 && a < std::numeric_limits<std::int64_t>::min() + b)
        return std::numeric_limits<std::int64_t>::min();
    return a - b;
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
    {
        // One reused statement, strings bound without copies: about a microsecond per event.
        sql::Use s(m_statements->get(
            "INSERT INTO trace_events (run_id, seq, kind, name, device, lane, start_ns, duration_ns, correlation, "
            "parent, shapes, span_class) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
        for (const auto &e : events) {
            const std::int64_t duration = std::max<std::int64_t>(e.durationNs, 0);
            s->bind(1, runId)
                .bind(2, seq++)
                .bind(3, static_cast<std::int64_t>(e.kind))
                .bindStatic(4, e.name)
                .bindStatic(5, e.device)
                .bind(6, e.lane)
                .bind(7, e.startNs)
                .bind(8, duration)
                .bind(9, e.correlation)
                .bind(10, e.parent)
                .bindStatic(11, e.shapes)
                .bind(12, schema::spanClass(duration));
            s->run();
            first = std::min(first, e.startNs);
            last = std::max(last, e.startNs + duration);
        }
    }
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
// span class c last less than 16^(c+1) ns, so in that class only starts after
// startNs - 16^(c+1) can overlap: one index range per class, never a scan of the run.
std::vector<TraceEventRecord> Store::traceWindow(std::int64_t runId, std::int64_t startNs, std::int64_t endNs,
                                                 int limit) const
{
    std::vector<std::pair<std::int64_t, TraceEventRecord>> found; // (seq, event)
    if (endNs <= startNs)
        return {};
    sql::Use s(m_statements->get(
        "SELECT kind, name, device, lane, start_ns, duration_ns, correlation, parent, shapes, seq FROM trace_events "
        "WHERE run_id = ?1 AND span_class = ?2 AND start_ns > ?3 AND start_ns < ?4 "
        "AND (start_ns >= ?5 OR start_ns + duration_ns > ?5) ORDER BY start_ns LIMIT ?6"));
    for (int c = 0; c < schema::kSpanClasses; ++c) {
        s->bind(1, runId)
            .bind(2, c)
            .bind(3, saturatingSub(startNs, schema::spanClassLimit(c)))
            .bind(4, endNs)
            .bind(5, startNs)
            .bind(6, static_cast<std::int64_t>(limit > 0 ? limit : -1));
        while (s->step())
            found.emplace_back(s->int64(9), readEvent(*s));
        s->reset();
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.second.startNs != b.second.startNs ? a.second.startNs < b.second.startNs : a.first < b.first;
    });
    if (limit > 0 && found.size() > static_cast<std::size_t>(limit))
        found.resize(static_cast<std::size_t>(limit));
    std::vector<TraceEventRecord> out;
    out.reserve(found.size());
    for (auto &f : found)
        out.push_back(std::move(f.second));
    return out;
}

std::vector<TraceEventRecord> Store::traceEvents(std::int64_t runId) const
{
    sql::Use s(m_statements->get(
        "SELECT kind, name, device, lane, start_ns, duration_ns, correlation, parent, shapes, seq FROM trace_events "
        "WHERE run_id = ?1 ORDER BY seq"));
    s->bind(1, runId);
    std::vector<TraceEventRecord> out;
    while (s->step())
        out.push_back(readEvent(*s));
    return out;
}

} // namespace optibench::core
