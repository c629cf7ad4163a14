// CUPTI record decoding on synthetic activity buffers filled with the real CUDA 13 structs.
#include "profiler/trace/cupti_records.h"

#include <cupti_activity.h>
#include <gtest/gtest.h>

#include <cstring>

using namespace optibench::profiler;

namespace {

class Buffer {
public:
    template<typename T>
    void append(const T &record)
    {
        const std::size_t size = cuptiRecordSize(reinterpret_cast<const CUpti_Activity &>(record).kind);
        ASSERT_GE(size, sizeof(T));
        const std::size_t at = m_bytes.size();
        m_bytes.resize(at + size, 0);
        std::memcpy(m_bytes.data() + at, &record, sizeof(T));
    }
    const std::uint8_t *data() const { return m_bytes.data(); }
    std::size_t size() const { return m_bytes.size(); }
    std::vector<std::uint8_t> &bytes() { return m_bytes; }

private:
    std::vector<std::uint8_t> m_bytes;
};

CUpti_ActivityKernel10 kernel(const char *name, std::uint64_t start, std::uint64_t end, std::uint32_t correlation,
                              std::uint32_t stream = 7)
{
    CUpti_ActivityKernel10 k;
    std::memset(&k, 0, sizeof k);
    k.kind = CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL;
    k.name = name;
    k.start = start;
    k.end = end;
    k.deviceId = 0;
    k.contextId = 1;
    k.streamId = stream;
    k.correlationId = correlation;
    k.gridX = 48;
    k.gridY = 2;
    k.gridZ = 1;
    k.blockX = 256;
    k.blockY = 1;
    k.blockZ = 1;
    return k;
}

CUpti_ActivityAPI runtime(std::uint32_t correlation, std::uint64_t start)
{
    CUpti_ActivityAPI a;
    std::memset(&a, 0, sizeof a);
    a.kind = CUPTI_ACTIVITY_KIND_RUNTIME;
    a.start = start;
    a.end = start + 5;
    a.threadId = 4242;
    a.correlationId = correlation;
    return a;
}

CUpti_ActivityExternalCorrelation external(std::uint32_t correlation, std::uint64_t opId,
                                           CUpti_ExternalCorrelationKind kind = CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0)
{
    CUpti_ActivityExternalCorrelation x;
    std::memset(&x, 0, sizeof x);
    x.kind = CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION;
    x.externalKind = kind;
    x.externalId = opId;
    x.correlationId = correlation;
    return x;
}

} // namespace

TEST(CuptiRecords, KernelsMapToTheirLaunchingOp)
{
    const std::int64_t opA = (1LL << 32) | 3, opB = (1LL << 32) | 9;
    Buffer buf;
    buf.append(runtime(100, 1'000'050));
    buf.append(external(100, static_cast<std::uint64_t>(opA)));
    buf.append(runtime(101, 1'000'070));
    buf.append(external(101, static_cast<std::uint64_t>(opB)));
    // Completed out of order, as a buffer may hold them.
    buf.append(kernel("gemm_kernel", 1'002'000, 1'005'000, 101, 7));
    buf.append(kernel("elementwise_kernel", 1'001'000, 1'001'500, 100, 7));

    CuptiRecordDecoder decoder(1'000'000);
    EXPECT_EQ(decoder.addBuffer(buf.data(), buf.size()), 6u);
    EXPECT_EQ(decoder.counts().kernels, 2);
    EXPECT_EQ(decoder.counts().runtimeCalls, 2);
    EXPECT_EQ(decoder.counts().externalCorrelations, 2);
    const Trace trace = decoder.finish();
    ASSERT_EQ(trace.events.size(), 2u);
    const TraceEvent &first = trace.events[0];
    EXPECT_EQ(first.kind, EventKind::Kernel);
    EXPECT_EQ(first.name, "elementwise_kernel");
    EXPECT_EQ(first.device, "cuda:0");
    EXPECT_EQ(first.lane, 7);
    EXPECT_EQ(first.startNs, 1000);
    EXPECT_EQ(first.durationNs, 500);
    EXPECT_EQ(first.correlation, opA);
    EXPECT_EQ(first.shapes, "grid [48, 2, 1] block [256, 1, 1]");
    EXPECT_EQ(trace.events[1].name, "gemm_kernel");
    EXPECT_EQ(trace.events[1].correlation, opB);
    EXPECT_EQ(trace.events[1].durationNs, 3000);
    EXPECT_EQ(trace.droppedRecords, 0);
    EXPECT_TRUE(trace.messages.empty());
}

TEST(CuptiRecords, CopiesMemsetsAndSyncs)
{
    CUpti_ActivityMemcpy6 copy;
    std::memset(&copy, 0, sizeof copy);
    copy.kind = CUPTI_ACTIVITY_KIND_MEMCPY;
    copy.copyKind = CUPTI_ACTIVITY_MEMCPY_KIND_HTOD;
    copy.bytes = 4096;
    copy.start = 10;
    copy.end = 30;
    copy.deviceId = 1;
    copy.contextId = 5;
    copy.streamId = 3;
    copy.correlationId = 200;

    CUpti_ActivityMemset4 set;
    std::memset(&set, 0, sizeof set);
    set.kind = CUPTI_ACTIVITY_KIND_MEMSET;
    set.bytes = 512;
    set.start = 40;
    set.end = 41;
    set.deviceId = 1;
    set.contextId = 5;
    set.streamId = 3;
    set.correlationId = 201;

    CUpti_ActivitySynchronization2 sync;
    std::memset(&sync, 0, sizeof sync);
    sync.kind = CUPTI_ACTIVITY_KIND_SYNCHRONIZATION;
    sync.type = CUPTI_ACTIVITY_SYNCHRONIZATION_TYPE_CONTEXT_SYNCHRONIZE;
    sync.start = 50;
    sync.end = 90;
    sync.contextId = 5;
    sync.streamId = 0xffffffffu;
    sync.correlationId = 202;

    Buffer buf;
    buf.append(external(200, 77));
    buf.append(external(201, 78));
    buf.append(copy);
    buf.append(set);
    buf.append(sync);
    CuptiRecordDecoder decoder;
    EXPECT_EQ(decoder.addBuffer(buf.data(), buf.size()), 5u);
    const Trace trace = decoder.finish();
    ASSERT_EQ(trace.events.size(), 3u);
    EXPECT_EQ(trace.events[0].kind, EventKind::Memcpy);
    EXPECT_EQ(trace.events[0].name, "Memcpy HtoD");
    EXPECT_EQ(trace.events[0].bytes, 4096);
    EXPECT_EQ(trace.events[0].device, "cuda:1");
    EXPECT_EQ(trace.events[0].correlation, 77);
    EXPECT_EQ(trace.events[1].kind, EventKind::Memset);
    EXPECT_EQ(trace.events[1].bytes, 512);
    EXPECT_EQ(trace.events[1].correlation, 78);
    EXPECT_EQ(trace.events[2].kind, EventKind::Sync);
    EXPECT_EQ(trace.events[2].name, "cudaDeviceSynchronize");
    EXPECT_EQ(trace.events[2].device, "cuda:1") << "resolved through the context";
    EXPECT_EQ(trace.events[2].lane, -1);
    EXPECT_EQ(trace.events[2].durationNs, 40);
}

TEST(CuptiRecords, UnattributedKernelsAndForeignExternalIds)
{
    Buffer buf;
    buf.append(runtime(300, 0));
    buf.append(external(300, 5, CUPTI_EXTERNAL_CORRELATION_KIND_OPENACC));
    buf.append(kernel("orphan", 100, 200, 300));
    buf.append(kernel("unlaunched", 300, 400, 301));
    CuptiRecordDecoder decoder;
    decoder.addBuffer(buf.data(), buf.size());
    const Trace trace = decoder.finish();
    ASSERT_EQ(trace.events.size(), 2u);
    EXPECT_EQ(trace.events[0].correlation, 0) << "OpenACC ids are not op ids";
    EXPECT_EQ(trace.events[1].correlation, 0);
    ASSERT_EQ(trace.messages.size(), 2u);
    EXPECT_NE(trace.messages[0].find("2 GPU activities have no launching op"), std::string::npos);
    EXPECT_NE(trace.messages[1].find("1 kernels have no runtime API record"), std::string::npos);
}

TEST(CuptiRecords, DroppedRecordsAreCountedAndReported)
{
    CuptiRecordDecoder decoder;
    decoder.addRecord(&static_cast<const CUpti_ActivityKernel10 &>(kernel("k", 1, 2, 1)));
    decoder.addDropped(5);
    decoder.addDropped(2);
    const Trace trace = decoder.finish();
    EXPECT_EQ(trace.droppedRecords, 7);
    bool reported = false;
    for (const auto &m : trace.messages)
        reported |= m.find("dropped 7") != std::string::npos;
    EXPECT_TRUE(reported);
    // finish() resets the decoder.
    const Trace empty = decoder.finish();
    EXPECT_TRUE(empty.events.empty());
    EXPECT_EQ(empty.droppedRecords, 0);
}

TEST(CuptiRecords, UnknownKindsAndCutRecordsStopTheWalk)
{
    Buffer buf;
    buf.append(kernel("first", 1, 2, 1));
    const std::size_t cut = buf.size();
    CUpti_ActivityAPI marker = runtime(2, 0);
    marker.kind = CUPTI_ACTIVITY_KIND_MARKER; // a kind of unknown size here
    const std::size_t at = buf.size();
    buf.bytes().resize(at + sizeof marker);
    std::memcpy(buf.bytes().data() + at, &marker, sizeof marker);
    buf.append(kernel("never", 3, 4, 2));

    CuptiRecordDecoder decoder;
    EXPECT_EQ(decoder.addBuffer(buf.data(), buf.size()), 1u);
    // A buffer that ends inside a record.
    EXPECT_EQ(decoder.addBuffer(buf.data(), cut - 8), 0u);
    const Trace trace = decoder.finish();
    ASSERT_EQ(trace.events.size(), 1u);
    EXPECT_EQ(trace.events[0].name, "first");
    ASSERT_GE(trace.messages.size(), 2u);
    EXPECT_NE(trace.messages[0].find("unknown size"), std::string::npos);
    EXPECT_NE(trace.messages[1].find("cut off"), std::string::npos);
}

TEST(CuptiRecords, RecordsTheDecoderIgnoresAreCounted)
{
    CUpti_ActivityAPI marker = runtime(2, 0);
    marker.kind = CUPTI_ACTIVITY_KIND_MARKER;
    CuptiRecordDecoder decoder;
    decoder.addRecord(&marker);
    EXPECT_EQ(decoder.counts().ignored, 1);
    EXPECT_TRUE(decoder.finish().events.empty());
}
