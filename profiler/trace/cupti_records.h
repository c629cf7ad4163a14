#pragma once
// Turns CUPTI activity records into TraceEvents: kernels, copies, memsets, synchronizations;
// runtime API and external correlation records tie each GPU activity to the op that launched
// it. No CUPTI types in this header; records are passed as the pointers CUPTI hands out.
// Compiled when the CUPTI headers are found (OPTIBENCH_HAVE_CUPTI_HEADERS), with or without
// CUDA LibTorch, so that synthetic buffers test it on machines without a GPU.
#include "profiler/trace/trace.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace optibench::profiler {

struct CuptiRecordCounts {
    std::int64_t kernels = 0;
    std::int64_t memcpys = 0;
    std::int64_t memsets = 0;
    std::int64_t syncs = 0;
    std::int64_t runtimeCalls = 0;
    std::int64_t externalCorrelations = 0;
    std::int64_t ignored = 0; // kinds this decoder does not turn into events
};

class CuptiRecordDecoder {
public:
    // timeOriginNs: the CUPTI timestamp that is time 0 of the trace (the op tracer's start).
    explicit CuptiRecordDecoder(std::int64_t timeOriginNs = 0) : m_origin(timeOriginNs) {}
    void setTimeOrigin(std::int64_t timeOriginNs) { m_origin = timeOriginNs; }

    // One record as cuptiActivityGetNextRecord hands it out (a CUpti_Activity *).
    // Everything needed is copied: the buffer may be freed afterwards.
    void addRecord(const void *record);

    // Walks records laid out back to back, each taking the size of its struct rounded up to
    // 8 bytes (cuptiRecordSize). This is the layout of synthetic test buffers; real CUPTI
    // buffers are walked with cuptiActivityGetNextRecord. Stops at a kind of unknown size,
    // with a message. Returns the number of records read.
    std::size_t addBuffer(const std::uint8_t *data, std::size_t validSize);

    // Records CUPTI reported lost (cuptiActivityGetNumDroppedRecords) or buffers it could
    // not hand out.
    void addDropped(std::int64_t records) { m_dropped += records; }
    void addMessage(std::string message) { m_messages.push_back(std::move(message)); }

    // Resolves correlations (kernel -> runtime call -> external id = op id) and returns the
    // GPU events sorted by start, with dropped records and messages. The decoder is reset.
    Trace finish();

    const CuptiRecordCounts &counts() const { return m_counts; }

private:
    struct Pending {
        TraceEvent event;
        std::uint32_t cuptiCorrelation = 0;
        std::uint32_t contextId = 0;
    };
    // Memcpy and memset records share their layout of stream, times, bytes and ids.
    template<class Record>
    void addTransfer(const Record &r, EventKind kind, std::string name);
    std::int64_t m_origin = 0;
    std::vector<Pending> m_pending;
    std::unordered_map<std::uint32_t, std::int64_t> m_externalIds;     // CUPTI correlation -> op id
    std::unordered_map<std::uint32_t, std::uint32_t> m_runtimeThreads; // correlation -> thread
    std::unordered_map<std::uint32_t, std::uint32_t> m_contextDevices; // context -> device
    std::int64_t m_dropped = 0;
    std::vector<std::string> m_messages;
    CuptiRecordCounts m_counts;
};

// Bytes one record of this CUPTI activity kind takes in a synthetic buffer (its struct size,
// rounded up to 8), or 0 for kinds the decoder does not know.
std::size_t cuptiRecordSize(int kind);

} // namespace optibench::profiler
