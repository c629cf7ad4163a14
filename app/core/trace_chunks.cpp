#include "app/core/trace_chunks.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "app/core/schema.h"
#include "app/core/sqlite_util.h"

namespace optibench::core::trace_chunks {

namespace {

// Chunk layout, per event, all LEB128 varints: seq delta against the previous event (zigzag),
// kind, name id, device id, shapes id, lane (zigzag), start delta against the previous start
// (the first against the row's first_start_ns), duration, correlation (zigzag), seq - parent
// (zigzag; small for nested events). Deltas wrap, so hostile values round-trip too.
void putVarint(std::string &out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Wrapping arithmetic: deltas of arbitrary int64 values (hostile imports) must not overflow.
std::int64_t wrapSub(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

std::int64_t wrapAdd(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

// Interns strings in trace_strings for the duration of one write.
class Interner {
public:
    Interner(sqlite3 *db, const std::string &path)
        : m_insert(db, path, "INSERT INTO trace_strings (text) VALUES (?1) ON CONFLICT (text) DO NOTHING")
        , m_find(db, path, "SELECT id FROM trace_strings WHERE text = ?1")
    {}

    std::uint64_t id(const std::string &text)
    {
        // Consecutive events mostly repeat the device and often the name: skip the hash then.
        auto it = m_ids.find(std::string_view(text));
        if (it != m_ids.end())
            return it->second;
        m_insert.bind(1, text).run();
        m_find.bind(1, text);
        m_find.step();
        const auto id = static_cast<std::uint64_t>(m_find.int64(0));
        m_find.reset();
        m_texts.push_back(std::make_unique<std::string>(text));
        m_ids.emplace(std::string_view(*m_texts.back()), id);
        return id;
    }

private:
    sql::Statement m_insert, m_find;
    std::vector<std::unique_ptr<std::string>> m_texts; // stable storage for the keys
    std::unordered_map<std::string_view, std::uint64_t> m_ids;
};

} // namespace

std::int64_t chunkSpan(int spanClass)
{
    // 4 ms keeps chunks of busy classes near kChunkEvents events; long classes get their own span,
    // so the look-back of a window query grows at most twofold.
    return std::max<std::int64_t>(4'000'000,
                                  std::min<std::int64_t>(schema::spanClassLimit(spanClass),
                                                         std::numeric_limits<std::int64_t>::max() / 4));
}

void write(sqlite3 *db, const std::string &path, std::int64_t runId, std::int64_t firstSeq,
           const std::vector<TraceEventRecord> &events)
{
    if (events.empty())
        return;
    Interner strings(db, path);
    // Events of one class in start order (stable: equal starts keep the given order).
    std::vector<std::vector<std::uint32_t>> byClass(schema::kSpanClasses);
    for (std::uint32_t i = 0; i < events.size(); ++i)
        byClass[schema::spanClass(std::max<std::int64_t>(events[i].durationNs, 0))].push_back(i);

    sql::Statement insert(db, path,
                          "INSERT INTO trace_chunks (run_id, span_class, first_start_ns, last_start_ns, event_count, "
                          "events) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    std::string blob;
    blob.reserve(kChunkEvents * 24);
    for (int c = 0; c < schema::kSpanClasses; ++c) {
        auto &order = byClass[c];
        if (order.empty())
            continue;
        if (!std::is_sorted(order.begin(), order.end(),
                            [&](std::uint32_t a, std::uint32_t b) { return events[a].startNs < events[b].startNs; }))
            std::stable_sort(order.begin(), order.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return events[a].startNs < events[b].startNs; });
        const std::int64_t span = chunkSpan(c);
        std::size_t begin = 0;
        while (begin < order.size()) {
            const std::int64_t first = events[order[begin]].startNs;
            std::size_t end = begin;
            blob.clear();
            std::int64_t prevStart = first, prevSeq = 0;
            while (end < order.size() && end - begin < kChunkEvents
                   && static_cast<std::uint64_t>(events[order[end]].startNs) - static_cast<std::uint64_t>(first)
                       <= static_cast<std::uint64_t>(span)) {
                const auto &e = events[order[end]];
                const std::int64_t seq = firstSeq + order[end];
                putVarint(blob, zigzag(wrapSub(seq, prevSeq)));
                putVarint(blob, static_cast<std::uint64_t>(e.kind));
                putVarint(blob, strings.id(e.name));
                putVarint(blob, strings.id(e.device));
                putVarint(blob, strings.id(e.shapes));
                putVarint(blob, zigzag(e.lane));
                putVarint(blob, zigzag(wrapSub(e.startNs, prevStart)));
                putVarint(blob, static_cast<std::uint64_t>(std::max<std::int64_t>(e.durationNs, 0)));
                putVarint(blob, zigzag(e.correlation));
                putVarint(blob, zigzag(wrapSub(seq, e.parent))); // seq - parent: small for nested events
                prevStart = e.startNs;
                prevSeq = seq;
                ++end;
            }
            insert.bind(1, runId)
                .bind(2, c)
                .bind(3, first)
                .bind(4, prevStart)
                .bind(5, static_cast<std::int64_t>(end - begin))
                .bindBlobStatic(6, blob.data(), blob.size());
            insert.run();
            begin = end;
        }
    }
}

void Reader::damaged() const
{
    throw StoreError(m_path + ": a trace chunk is damaged");
}

const std::string &Reader::text(std::uint64_t id)
{
    if (id < m_known.size() && m_known[id])
        return m_strings[id];
    if (id > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max()))
        damaged();
    sql::Statement s(m_db, m_path, "SELECT text FROM trace_strings WHERE id = ?1");
    s.bind(1, static_cast<std::int64_t>(id));
    if (!s.step())
        damaged();
    if (id >= m_known.size()) {
        m_known.resize(id + 1, false);
        m_strings.resize(id + 1);
    }
    m_strings[id] = s.text(0);
    m_known[id] = true;
    return m_strings[id];
}

// Field by field, as write() lays them out; visit(seq, kind, name, device, shapes, lane, start,
// duration, correlation, parent) for each event.
template<typename Visit>
void Reader::walk(const unsigned char *data, std::size_t size, std::int64_t firstStartNs, std::int64_t count,
                  Visit &&visit)
{
    std::size_t pos = 0;
    auto next = [&]() -> std::uint64_t {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= size)
                damaged();
            const unsigned char b = data[pos++];
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        damaged();
        return 0;
    };
    std::int64_t prevStart = firstStartNs, prevSeq = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t seq = wrapAdd(prevSeq, unzigzag(next()));
        const std::uint64_t kind = next();
        const std::uint64_t name = next(), device = next(), shapes = next();
        const std::int64_t lane = unzigzag(next());
        const std::int64_t start = wrapAdd(prevStart, unzigzag(next()));
        const std::uint64_t duration = next();
        const std::int64_t correlation = unzigzag(next());
        const std::int64_t parent = wrapSub(seq, unzigzag(next()));
        if (kind > static_cast<std::uint64_t>(TraceKind::Range)
            || duration > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            damaged();
        prevStart = start;
        prevSeq = seq;
        visit(seq, static_cast<TraceKind>(kind), name, device, shapes, lane, start, static_cast<std::int64_t>(duration),
              correlation, parent);
    }
    if (pos != size)
        damaged();
}

void Reader::decode(const unsigned char *data, std::size_t size, std::int64_t firstStartNs, std::int64_t count,
                    std::int64_t startNs, std::int64_t endNs, std::vector<Decoded> &out)
{
    const bool all =
        startNs == std::numeric_limits<std::int64_t>::min() && endNs == std::numeric_limits<std::int64_t>::max();
    walk(data, size, firstStartNs, count,
         [&](std::int64_t seq, TraceKind kind, std::uint64_t name, std::uint64_t device, std::uint64_t shapes,
             std::int64_t lane, std::int64_t start, std::int64_t d, std::int64_t correlation, std::int64_t parent) {
             // Overlaps [startNs, endNs): starts before the end and ends after the start; an event
             // of duration 0 counts when it starts inside.
             if (!all && !(start < endNs && (start >= startNs || wrapAdd(start, d) > startNs)))
                 return;
             Decoded e;
             e.seq = seq;
             e.event.kind = kind;
             e.event.name = text(name);
             e.event.device = text(device);
             e.event.shapes = text(shapes);
             e.event.lane = lane;
             e.event.startNs = start;
             e.event.durationNs = d;
             e.event.correlation = correlation;
             e.event.parent = parent;
             out.push_back(std::move(e));
         });
}

void Reader::place(const unsigned char *data, std::size_t size, std::int64_t firstStartNs, std::int64_t count,
                   std::vector<Placed> &out)
{
    walk(data, size, firstStartNs, count,
         [&](std::int64_t, TraceKind kind, std::uint64_t, std::uint64_t device, std::uint64_t, std::int64_t lane,
             std::int64_t start, std::int64_t d, std::int64_t, std::int64_t parent) {
             out.push_back({start, d, lane, device, parent, kind});
         });
}

} // namespace optibench::core::trace_chunks
