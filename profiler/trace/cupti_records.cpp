#include "profiler/trace/cupti_records.h"

#include <cupti_activity.h>
#include <cupti_version.h>

#include <algorithm>

// CUPTI compatibility: the record structs carry a version suffix that moves with the toolkit.
// CUDA 13 (CUPTI API 130000+) defines CUpti_ActivityKernel10, Memcpy6, Memset4 and
// Synchronization2 as the structs CUPTI fills. Older toolkits (CUDA 12.x) are mapped to the
// previous versions; that branch follows CUPTI 12's documentation and is not built here.
namespace optibench::profiler::cupti {
#if CUPTI_API_VERSION >= 130000
using KernelRecord = CUpti_ActivityKernel10;
using MemcpyRecord = CUpti_ActivityMemcpy6;
using MemsetRecord = CUpti_ActivityMemset4;
using SyncRecord = CUpti_ActivitySynchronization2;
#else
using KernelRecord = CUpti_ActivityKernel9;
using MemcpyRecord = CUpti_ActivityMemcpy5;
using MemsetRecord = CUpti_ActivityMemset4;
using SyncRecord = CUpti_ActivitySynchronization;
#endif
} // namespace optibench::profiler::cupti

namespace optibench::profiler {

namespace {

constexpr std::size_t roundUp8(std::size_t n)
{
    return (n + 7) & ~std::size_t(7);
}

const char *memcpyName(std::uint8_t copyKind)
{
    switch (copyKind) {
    case CUPTI_ACTIVITY_MEMCPY_KIND_HTOD: return "Memcpy HtoD";
    case CUPTI_ACTIVITY_MEMCPY_KIND_DTOH: return "Memcpy DtoH";
    case CUPTI_ACTIVITY_MEMCPY_KIND_DTOD: return "Memcpy DtoD";
    case CUPTI_ACTIVITY_MEMCPY_KIND_HTOH: return "Memcpy HtoH";
    case CUPTI_ACTIVITY_MEMCPY_KIND_PTOP: return "Memcpy PtoP";
    case CUPTI_ACTIVITY_MEMCPY_KIND_HTOA: return "Memcpy HtoA";
    case CUPTI_ACTIVITY_MEMCPY_KIND_ATOH: return "Memcpy AtoH";
    case CUPTI_ACTIVITY_MEMCPY_KIND_ATOA: return "Memcpy AtoA";
    case CUPTI_ACTIVITY_MEMCPY_KIND_ATOD: return "Memcpy AtoD";
    case CUPTI_ACTIVITY_MEMCPY_KIND_DTOA: return "Memcpy DtoA";
    default: return "Memcpy";
    }
}

const char *syncName(CUpti_ActivitySynchronizationType type)
{
    switch (type) {
    case CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_EVENT_SYNCHRONIZE: return "cudaEventSynchronize";
    case CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_STREAM_WAIT_EVENT: return "cudaStreamWaitEvent";
    case CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_STREAM_SYNCHRONIZE: return "cudaStreamSynchronize";
    case CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_CONTEXT_SYNCHRONIZE: return "cudaDeviceSynchronize";
    default: return "Synchronization";
    }
}

std::string cudaDevice(std::uint32_t deviceId)
{
    return "cuda:" + std::to_string(deviceId);
}

std::int64_t duration(std::uint64_t start, std::uint64_t end)
{
    return end > start ? static_cast<std::int64_t>(end - start) : 0;
}

} // namespace

std::size_t cuptiRecordSize(int kind)
{
    switch (kind) {
    case CUPTI_ACTIVITY_KIND_KERNEL:
    case CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL: return roundUp8(sizeof(cupti::KernelRecord));
    case CUPTI_ACTIVITY_KIND_MEMCPY: return roundUp8(sizeof(cupti::MemcpyRecord));
    case CUPTI_ACTIVITY_KIND_MEMSET: return roundUp8(sizeof(cupti::MemsetRecord));
    case CUPTI_ACTIVITY_KIND_SYNCHRONIZATION: return roundUp8(sizeof(cupti::SyncRecord));
    case CUPTI_ACTIVITY_KIND_RUNTIME:
    case CUPTI_ACTIVITY_KIND_DRIVER: return roundUp8(sizeof(CUpti_ActivityAPI));
    case CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION: return roundUp8(sizeof(CUpti_ActivityExternalCorrelation));
    default: return 0;
    }
}

template<class Record>
void CuptiRecordDecoder::addTransfer(const Record &r, EventKind kind, std::string name)
{
    Pending p;
    p.event.kind = kind;
    p.event.name = std::move(name);
    p.event.device = cudaDevice(r.deviceId);
    p.event.lane = r.streamId;
    p.event.startNs = static_cast<std::int64_t>(r.start) - m_origin;
    p.event.durationNs = duration(r.start, r.end);
    p.event.bytes = static_cast<std::int64_t>(r.bytes);
    p.cuptiCorrelation = r.correlationId;
    p.contextId = r.contextId;
    m_contextDevices[r.contextId] = r.deviceId;
    m_pending.push_back(std::move(p));
}

void CuptiRecordDecoder::addRecord(const void *record)
{
    const auto *base = static_cast<const CUpti_Activity *>(record);
    switch (base->kind) {
    case CUPTI_ACTIVITY_KIND_KERNEL:
    case CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL: {
        const auto *k = static_cast<const cupti::KernelRecord *>(record);
        Pending p;
        p.event.kind = EventKind::Kernel;
        p.event.name = k->name ? k->name : "kernel";
        p.event.device = cudaDevice(k->deviceId);
        p.event.lane = k->streamId;
        p.event.startNs = static_cast<std::int64_t>(k->start) - m_origin;
        p.event.durationNs = duration(k->start, k->end);
        // Kernels have no input shapes; their launch configuration takes that column.
        p.event.shapes = "grid [" + std::to_string(k->gridX) + ", " + std::to_string(k->gridY) + ", "
            + std::to_string(k->gridZ) + "] block [" + std::to_string(k->blockX) + ", " + std::to_string(k->blockY)
            + ", " + std::to_string(k->blockZ) + "]";
        p.cuptiCorrelation = k->correlationId;
        p.contextId = k->contextId;
        m_contextDevices[k->contextId] = k->deviceId;
        m_pending.push_back(std::move(p));
        ++m_counts.kernels;
        break;
    }
    case CUPTI_ACTIVITY_KIND_MEMCPY: {
        const auto *m = static_cast<const cupti::MemcpyRecord *>(record);
        addTransfer(*m, EventKind::Memcpy, memcpyName(m->copyKind));
        ++m_counts.memcpys;
        break;
    }
    case CUPTI_ACTIVITY_KIND_MEMSET:
        addTransfer(*static_cast<const cupti::MemsetRecord *>(record), EventKind::Memset, "Memset");
        ++m_counts.memsets;
        break;
    case CUPTI_ACTIVITY_KIND_SYNCHRONIZATION: {
        const auto *s = static_cast<const cupti::SyncRecord *>(record);
        Pending p;
        p.event.kind = EventKind::Sync;
        p.event.name = syncName(s->type);
        p.event.device = "cuda"; // the device is resolved from the context in finish()
        // A context-wide synchronization has no stream (CUPTI's invalid value): lane -1.
        p.event.lane = s->streamId == 0xffffffffu ? -1 : static_cast<std::int64_t>(s->streamId);
        p.event.startNs = static_cast<std::int64_t>(s->start) - m_origin;
        p.event.durationNs = duration(s->start, s->end);
        p.cuptiCorrelation = s->correlationId;
        p.contextId = s->contextId;
        m_pending.push_back(std::move(p));
        ++m_counts.syncs;
        break;
    }
    case CUPTI_ACTIVITY_KIND_RUNTIME:
    case CUPTI_ACTIVITY_KIND_DRIVER: {
        const auto *a = static_cast<const CUpti_ActivityAPI *>(record);
        m_runtimeThreads[a->correlationId] = a->threadId;
        ++m_counts.runtimeCalls;
        break;
    }
    case CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION: {
        const auto *x = static_cast<const CUpti_ActivityExternalCorrelation *>(record);
        // CUSTOM0 is the op tracer's kind; other tools' ids (OpenACC, ...) are not ops.
        if (x->externalKind == CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0)
            m_externalIds[x->correlationId] = static_cast<std::int64_t>(x->externalId);
        ++m_counts.externalCorrelations;
        break;
    }
    default: ++m_counts.ignored; break;
    }
}

std::size_t CuptiRecordDecoder::addBuffer(const std::uint8_t *data, std::size_t validSize)
{
    std::size_t offset = 0, records = 0;
    while (offset + sizeof(CUpti_Activity) <= validSize) {
        const auto *base = reinterpret_cast<const CUpti_Activity *>(data + offset);
        const std::size_t size = cuptiRecordSize(base->kind);
        if (size == 0 || offset + size > validSize) {
            m_messages.push_back("CUPTI buffer: record of kind " + std::to_string(static_cast<int>(base->kind))
                                 + " at byte " + std::to_string(offset)
                                 + (size == 0 ? " has an unknown size" : " is cut off")
                                 + "; the rest of the buffer is skipped");
            break;
        }
        addRecord(base);
        offset += size;
        ++records;
    }
    return records;
}

Trace CuptiRecordDecoder::finish()
{
    Trace trace;
    trace.events.reserve(m_pending.size());
    std::int64_t unattributed = 0, unlaunched = 0;
    for (Pending &p : m_pending) {
        const auto ext = m_externalIds.find(p.cuptiCorrelation);
        if (ext != m_externalIds.end())
            p.event.correlation = ext->second;
        else if (p.event.kind != EventKind::Sync)
            ++unattributed;
        if (p.event.kind == EventKind::Kernel && !m_runtimeThreads.empty()
            && m_runtimeThreads.find(p.cuptiCorrelation) == m_runtimeThreads.end())
            ++unlaunched;
        if (p.event.kind == EventKind::Sync) {
            const auto dev = m_contextDevices.find(p.contextId);
            if (dev != m_contextDevices.end())
                p.event.device = cudaDevice(dev->second);
        }
        trace.events.push_back(std::move(p.event));
    }
    trace.sortByStart();
    trace.droppedRecords = m_dropped;
    trace.messages = std::move(m_messages);
    if (unattributed > 0)
        trace.messages.push_back(std::to_string(unattributed)
                                 + " GPU activities have no launching op (no external correlation)");
    if (unlaunched > 0)
        trace.messages.push_back(std::to_string(unlaunched) + " kernels have no runtime API record for their launch");
    if (m_dropped > 0)
        trace.messages.push_back("CUPTI dropped " + std::to_string(m_dropped)
                                 + " activity records: the GPU trace is incomplete");
    *this = CuptiRecordDecoder(m_origin);
    return trace;
}

} // namespace optibench::profiler
