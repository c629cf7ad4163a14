// CuptiTracer on CUPTI's activity API. CUPTI's buffer callbacks are process-wide, so one
// session at a time; the state they reach lives in g_state under a mutex.
#include "profiler/tracers/cupti_tracer.h"

#include "profiler/trace/cupti_records.h"

#include <cupti.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace optibench::profiler {

namespace {

constexpr std::size_t kBufferBytes = 4 * 1024 * 1024;
constexpr std::size_t kBufferAlign = 8; // CUPTI needs 8-byte aligned buffers

// The kinds a traced pass records, in enabling order.
constexpr CUpti_ActivityKind kKinds[] = {
    CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION,
    CUPTI_ACTIVITY_KIND_RUNTIME,
    CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL,
    CUPTI_ACTIVITY_KIND_MEMCPY,
    CUPTI_ACTIVITY_KIND_MEMSET,
    CUPTI_ACTIVITY_KIND_SYNCHRONIZATION,
};

struct State {
    std::mutex mutex;
    CuptiTracer *owner = nullptr; // guarded by mutex
    CuptiRecordDecoder decoder;   // guarded by mutex
    std::thread::id ownerThread;
};
State g_state;
std::atomic<bool> g_pushing{false};

std::string resultText(CUptiResult r)
{
    const char *text = nullptr;
    if (cuptiGetResultString(r, &text) != CUPTI_SUCCESS || !text)
        text = "unknown CUPTI error";
    return std::string(text) + " (" + std::to_string(static_cast<int>(r)) + ")";
}

// What an error starting CUPTI means for the user.
std::string startError(const char *call, CUptiResult r)
{
    std::string why;
    switch (r) {
    case CUPTI_ERROR_INSUFFICIENT_PRIVILEGES:
    case CUPTI_ERROR_VIRTUALIZED_DEVICE_INSUFFICIENT_PRIVILEGES:
        why = "insufficient permissions for GPU profiling (see NVIDIA's "
              "ERR_NVGPUCTRPERM: profiling may be restricted to admin users)";
        break;
    case CUPTI_ERROR_MULTIPLE_SUBSCRIBERS_NOT_SUPPORTED:
    case CUPTI_ERROR_NOT_COMPATIBLE:
        why = "another profiler (Nsight Systems, the PyTorch profiler, ...) is attached";
        break;
    case CUPTI_ERROR_NOT_INITIALIZED:
    case CUPTI_ERROR_UNKNOWN: why = "no usable CUDA driver or GPU"; break;
    default: why = "CUPTI could not start"; break;
    }
    return std::string("no GPU tracing available: ") + why + "; " + call + " returned " + resultText(r);
}

void CUPTIAPI bufferRequested(uint8_t **buffer, size_t *size, size_t *maxNumRecords)
{
    *buffer = static_cast<uint8_t *>(std::aligned_alloc(kBufferAlign, kBufferBytes));
    *size = *buffer ? kBufferBytes : 0;
    *maxNumRecords = 0; // as many as fit
}

void CUPTIAPI bufferCompleted(CUcontext context, uint32_t streamId, uint8_t *buffer, size_t, size_t validSize)
{
    {
        std::lock_guard<std::mutex> lock(g_state.mutex);
        if (g_state.owner) {
            CUpti_Activity *record = nullptr;
            CUptiResult r;
            while ((r = cuptiActivityGetNextRecord(buffer, validSize, &record)) == CUPTI_SUCCESS)
                g_state.decoder.addRecord(record);
            if (r != CUPTI_ERROR_MAX_LIMIT_REACHED)
                g_state.decoder.addMessage("CUPTI buffer walk ended with " + resultText(r));
            size_t dropped = 0;
            if (cuptiActivityGetNumDroppedRecords(context, streamId, &dropped) == CUPTI_SUCCESS && dropped > 0)
                g_state.decoder.addDropped(static_cast<std::int64_t>(dropped));
        }
    }
    std::free(buffer);
}

void pushOpId(std::int64_t opId, void *)
{
    if (g_pushing.load(std::memory_order_relaxed))
        cuptiActivityPushExternalCorrelationId(CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0, static_cast<uint64_t>(opId));
}

void popOpId(std::int64_t, void *)
{
    if (g_pushing.load(std::memory_order_relaxed)) {
        uint64_t last = 0;
        cuptiActivityPopExternalCorrelationId(CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0, &last);
    }
}

void disableKinds(std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i)
        cuptiActivityDisable(kKinds[i]);
}

} // namespace

CuptiTracer::CuptiTracer() = default;

CuptiTracer::~CuptiTracer()
{
    if (m_running)
        stop();
}

bool CuptiTracer::compiledIn()
{
    return true;
}

OpTracerOptions &CuptiTracer::hookOpTracer(OpTracerOptions &options)
{
    options.onOpStart = &pushOpId;
    options.onOpEnd = &popOpId;
    options.hookData = nullptr;
    return options;
}

bool CuptiTracer::start(std::int64_t opTracerStartSteadyNs)
{
    m_error.clear();
    {
        std::lock_guard<std::mutex> lock(g_state.mutex);
        if (g_state.owner) {
            m_error = "no GPU tracing available: another GPU tracing session is running";
            return false;
        }
        g_state.owner = this;
        g_state.ownerThread = std::this_thread::get_id();
        g_state.decoder = CuptiRecordDecoder();
    }
    auto fail = [this](std::string message) {
        std::lock_guard<std::mutex> lock(g_state.mutex);
        g_state.owner = nullptr;
        m_error = std::move(message);
        return false;
    };
    CUptiResult r = cuptiActivityRegisterCallbacks(&bufferRequested, &bufferCompleted);
    if (r != CUPTI_SUCCESS)
        return fail(startError("cuptiActivityRegisterCallbacks", r));
    for (std::size_t i = 0; i < std::size(kKinds); ++i) {
        r = cuptiActivityEnable(kKinds[i]);
        if (r != CUPTI_SUCCESS) {
            disableKinds(i);
            return fail(startError("cuptiActivityEnable", r));
        }
    }
    // CUPTI's clock and steady_clock differ by an offset: read both now and map CUPTI's
    // timestamps onto the op tracer's time axis.
    uint64_t cuptiNow = 0;
    r = cuptiGetTimestamp(&cuptiNow);
    const std::int64_t steadyNow = OpTracer::steadyNowNs();
    if (r != CUPTI_SUCCESS) {
        disableKinds(std::size(kKinds));
        return fail(startError("cuptiGetTimestamp", r));
    }
    {
        std::lock_guard<std::mutex> lock(g_state.mutex);
        g_state.decoder.setTimeOrigin(static_cast<std::int64_t>(cuptiNow) - (steadyNow - opTracerStartSteadyNs));
    }
    g_pushing.store(true);
    m_running = true;
    return true;
}

Trace CuptiTracer::stop()
{
    if (!m_running)
        return {};
    m_running = false;
    g_pushing.store(false);
    // Forced: also hands over buffers that are not full yet, so nothing stays behind.
    const CUptiResult flushed = cuptiActivityFlushAll(CUPTI_ACTIVITY_FLAG_FLUSH_FORCED);
    disableKinds(std::size(kKinds));
    cuptiActivityFlushAll(CUPTI_ACTIVITY_FLAG_FLUSH_FORCED);
    std::lock_guard<std::mutex> lock(g_state.mutex);
    if (flushed != CUPTI_SUCCESS)
        g_state.decoder.addMessage("cuptiActivityFlushAll returned " + resultText(flushed)
                                   + ": GPU events may be missing");
    if (g_state.ownerThread != std::this_thread::get_id())
        g_state.decoder.addMessage("GPU tracing was stopped on another thread than it started on");
    Trace trace = g_state.decoder.finish();
    g_state.owner = nullptr;
    return trace;
}

} // namespace optibench::profiler
