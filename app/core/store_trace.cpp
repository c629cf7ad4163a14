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
        sql::Use s(
            m_statements->get("INSERT OR REPLACE INTO metrics (run_id, key, value, unit) VALUES (?1, ?2, ?3, ?4)"));
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
        last =
            std::max(last,
                     e.startNs > std::numeric_limits<std::int64_t>::max() - d ? std::numeric_limits<std::int64_t>::max()
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
void Store::forEachChunkIn(
    std::int64_t runId, std::int64_t startNs, std::int64_t endNs,
    const std::function<void(const unsigned char *, std::size_t, std::int64_t, std::int64_t)> &visit) const
{
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
            visit(data, size, s->int64(0), s->int64(1));
        }
        s->reset();
    }
}

std::vector<TraceEventRecord> Store::traceWindow(std::int64_t runId, std::int64_t startNs, std::int64_t endNs,
                                                 int limit) const
{
    if (endNs <= startNs)
        return {};
    std::vector<trace_chunks::Decoded> found;
    trace_chunks::Reader reader(m_db, m_path);
    forEachChunkIn(runId, startNs, endNs,
                   [&](const unsigned char *data, std::size_t size, std::int64_t first, std::int64_t count) {
                       reader.decode(data, size, first, count, startNs, endNs, found);
                   });
    return inOrder(std::move(found), limit);
}

TraceOverview Store::traceOverview(std::int64_t runId, std::int64_t startNs, std::int64_t endNs, int buckets) const
{
    TraceOverview out;
    if (endNs <= startNs || buckets < 1)
        return out;
    out.startNs = startNs;
    out.endNs = endNs;
    out.buckets = std::min(buckets, 1'000'000);
    const auto n = static_cast<std::size_t>(out.buckets);
    const double width = double(static_cast<std::uint64_t>(endNs) - static_cast<std::uint64_t>(startNs)) / n;
    // Per lane: busy time of partly covered buckets, and a difference array of fully covered
    // ones, so an event costs O(1) however many buckets it spans.
    struct Lane {
        std::uint64_t device;
        std::int64_t lane;
        std::vector<std::uint32_t> events;
        std::vector<double> busy;
        std::vector<std::int32_t> full;
    };
    std::vector<Lane> lanes;
    std::size_t current = 0;
    auto laneOf = [&](std::uint64_t device, std::int64_t lane) -> Lane & {
        if (current < lanes.size() && lanes[current].device == device && lanes[current].lane == lane)
            return lanes[current];
        for (current = 0; current < lanes.size(); ++current) {
            if (lanes[current].device == device && lanes[current].lane == lane)
                return lanes[current];
        }
        lanes.push_back(
            {device, lane, std::vector<std::uint32_t>(n), std::vector<double>(n), std::vector<std::int32_t>(n + 1)});
        return lanes.back();
    };
    // a - b for a >= b, exact whatever the magnitudes.
    auto since = [](std::int64_t a, std::int64_t b) {
        return double(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
    };
    auto bucketOf = [&](double rel) { return std::min(n - 1, static_cast<std::size_t>(std::max(0.0, rel / width))); };
    trace_chunks::Reader reader(m_db, m_path);
    std::vector<trace_chunks::Placed> placed;
    placed.reserve(trace_chunks::kChunkEvents);
    forEachChunkIn(runId, startNs, endNs,
                   [&](const unsigned char *data, std::size_t size, std::int64_t first, std::int64_t count) {
                       placed.clear();
                       reader.place(data, size, first, count, placed);
                       for (const auto &e : placed) {
                           const std::int64_t end = e.startNs > std::numeric_limits<std::int64_t>::max() - e.durationNs
                               ? std::numeric_limits<std::int64_t>::max()
                               : e.startNs + e.durationNs;
                           if (!(e.startNs < endNs && (e.startNs >= startNs || end > startNs)))
                               continue;
                           ++out.eventCount;
                           Lane &lane = laneOf(e.device, e.lane);
                           const double from = since(std::max(e.startNs, startNs), startNs);
                           const std::size_t b0 = bucketOf(from);
                           ++lane.events[b0];
                           if (e.parent >= 0 || end <= e.startNs)
                               continue;
                           const double to = since(std::min(end, endNs), startNs);
                           const std::size_t b1 = bucketOf(to);
                           if (b0 == b1) {
                               lane.busy[b0] += to - from;
                               continue;
                           }
                           lane.busy[b0] += double(b0 + 1) * width - from;
                           lane.busy[b1] += to - double(b1) * width;
                           ++lane.full[b0 + 1];
                           --lane.full[b1];
                       }
                   });
    std::sort(lanes.begin(), lanes.end(), [&](const Lane &a, const Lane &b) {
        const std::string &da = reader.text(a.device), &db = reader.text(b.device);
        return da != db ? da < db : a.lane < b.lane;
    });
    out.lanes.reserve(lanes.size());
    for (auto &l : lanes) {
        std::int64_t covering = 0;
        for (std::size_t b = 0; b < n; ++b) {
            covering += l.full[b];
            l.busy[b] += double(covering) * width;
        }
        out.lanes.push_back({reader.text(l.device), l.lane, std::move(l.events), std::move(l.busy)});
    }
    return out;
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
