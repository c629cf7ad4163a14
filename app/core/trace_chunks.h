#pragma once
// Trace events as the store keeps them since schema version 3: runs of events of one span class
// packed into blobs ("chunks") of at most kChunkEvents events whose starts lie within
// chunkSpan(c), with names, devices and shapes interned in trace_strings. A million events are a
// few thousand rows of varint-packed integers instead of a million rows of text: the bulk insert
// writes a fraction of the bytes, and a window query still reads only the chunks near the window.
#include <cstdint>
#include <string>
#include <vector>

#include "app/core/store.h"

struct sqlite3;

namespace optibench::core::trace_chunks {

constexpr std::size_t kChunkEvents = 512;
// A chunk of class c holds events whose starts lie within chunkSpan(c) of its first start, so a
// window query looks back by spanClassLimit(c) + chunkSpan(c) in class c.
std::int64_t chunkSpan(int spanClass);

// Writes `events` of run `runId` numbered from `firstSeq` (parent indices are run-wide, as
// given). Must be called inside a transaction. Interns strings as it goes.
void write(sqlite3 *db, const std::string &path, std::int64_t runId, std::int64_t firstSeq,
           const std::vector<TraceEventRecord> &events);

// An event read back, with its run-wide sequence number.
struct Decoded {
    std::int64_t seq = 0;
    TraceEventRecord event;
};

// What places an event on the timeline, without its strings: for overviews, which visit every
// event of a range and must not pay for a string copy per event.
struct Placed {
    std::int64_t startNs = 0;
    std::int64_t durationNs = 0;
    std::int64_t lane = 0;
    std::uint64_t device = 0; // trace_strings id; Reader::text resolves it
    std::int64_t parent = -1;
    TraceKind kind = TraceKind::Op;
};

// Decodes chunk blobs; throws StoreError naming `path` when a blob is damaged. Strings are read
// from trace_strings once per reader.
class Reader {
public:
    Reader(sqlite3 *db, const std::string &path) : m_db(db), m_path(path) {}
    // Appends the chunk's events that overlap [startNs, endNs) (see Store::traceWindow).
    void decode(const unsigned char *data, std::size_t size, std::int64_t firstStartNs, std::int64_t count,
                std::int64_t startNs, std::int64_t endNs, std::vector<Decoded> &out);
    // Appends every event of the chunk as Placed, reading no strings.
    void place(const unsigned char *data, std::size_t size, std::int64_t firstStartNs, std::int64_t count,
               std::vector<Placed> &out);
    const std::string &text(std::uint64_t id);

private:
    template<typename Visit>
    void walk(const unsigned char *data, std::size_t size, std::int64_t firstStartNs, std::int64_t count,
              Visit &&visit);
    void damaged() const;

    sqlite3 *m_db;
    const std::string &m_path;
    std::vector<std::string> m_strings; // by id; ids are small and dense
    std::vector<bool> m_known;
};

} // namespace optibench::core::trace_chunks
