#include "profiler/tracers/op_tracer.h"

#include <ATen/core/Tensor.h>
#include <ATen/record_function.h>
#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_set>

// LibTorch compatibility. The RecordFunction API used here is the same in 1.13 and 2.x:
// RecordFunctionCallback(start, end).needsInputs().scopes(), addGlobalCallback/removeCallback,
// rf.name() as const char*, rf.scope(), rf.inputs(), RecordFunction::currentThreadId().
// rf.name() points into the RecordFunction itself for string-named records (USER_SCOPE ranges)
// in both versions, so names are copied, never kept as pointers.
#if !defined(TORCH_VERSION_MAJOR) || (TORCH_VERSION_MAJOR == 1 && TORCH_VERSION_MINOR < 13)
#error "optibench_profiler needs LibTorch 1.13 or newer"
#endif

namespace optibench::profiler {

namespace {

// Growable storage with stable addresses: never moves what it handed out, grows by chunks.
template<typename T, std::size_t ChunkSize>
class Arena {
public:
    T *allocate(std::size_t n)
    {
        if (m_chunks.empty() || m_used + n > m_capacity) {
            m_capacity = std::max(n, ChunkSize);
            m_chunks.push_back(std::make_unique<T[]>(m_capacity));
            m_used = 0;
        }
        T *p = m_chunks.back().get() + m_used;
        m_used += n;
        return p;
    }
    void clear()
    {
        m_chunks.clear();
        m_used = m_capacity = 0;
    }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_used = 0;
    std::size_t m_capacity = 0;
};

struct RawEvent {
    const void *record = nullptr;         // the RecordFunction, to match its end callback
    const char *name = nullptr;           // in the thread's name arena
    const std::int64_t *shapes = nullptr; // encoded input shapes (see encodeShapes), or null
    std::int64_t startNs = 0;
    std::int64_t endNs = -1;  // -1 while open
    std::int32_t parent = -1; // index in the same thread's events
    bool range = false;
};

// Indexable event storage in fixed chunks: appends never move earlier events.
class EventStore {
public:
    static constexpr std::size_t kChunkBits = 13;
    static constexpr std::size_t kChunk = std::size_t(1) << kChunkBits;

    RawEvent &append()
    {
        if ((m_size & (kChunk - 1)) == 0 && (m_size >> kChunkBits) == m_chunks.size())
            m_chunks.push_back(std::make_unique<RawEvent[]>(kChunk));
        RawEvent &e = (*this)[m_size];
        ++m_size;
        return e;
    }
    void prepare()
    {
        if (m_chunks.empty())
            m_chunks.push_back(std::make_unique<RawEvent[]>(kChunk));
    }
    RawEvent &operator[](std::size_t i) { return m_chunks[i >> kChunkBits][i & (kChunk - 1)]; }
    std::size_t size() const { return m_size; }
    void clear()
    {
        m_chunks.clear();
        m_size = 0;
    }

private:
    std::vector<std::unique_ptr<RawEvent[]>> m_chunks;
    std::size_t m_size = 0;
};

// One per thread and session; only its own thread writes to it while the session is active.
struct ThreadBuffer {
    std::atomic<bool> busy{false}; // inside a callback; stop() waits for it to clear
    std::uint64_t generation = 0;
    std::int64_t lane = 0;
    std::int64_t slot = 0; // high half of the ids of this thread's events
    EventStore events;
    Arena<char, 64 * 1024> names;
    Arena<std::int64_t, 16 * 1024> shapes;
    std::vector<std::uint32_t> stack;
    std::int64_t dropped = 0;   // events over maxEvents
    std::int64_t unmatched = 0; // end callbacks whose start this thread did not see
};

struct Session {
    std::mutex mutex;
    const OpTracer *owner = nullptr;
    std::vector<std::shared_ptr<ThreadBuffer>> buffers;
    std::atomic<bool> active{false};
    std::atomic<std::uint64_t> generation{0};
    // Written before active becomes true, read by callbacks after they see it true.
    std::int64_t startSteadyNs = 0;
    OpTracerOptions options;
    at::CallbackHandle handle = 0;
};

Session g_session;
thread_local std::shared_ptr<ThreadBuffer> tl_buffer;

constexpr std::size_t kMaxEventsPerThread = std::size_t(1) << 31;

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

ThreadBuffer *currentBuffer()
{
    ThreadBuffer *tb = tl_buffer.get();
    if (tb && tb->generation == g_session.generation.load(std::memory_order_acquire))
        return tb;
    return nullptr;
}

// Registration is the only locked step, once per thread and session.
ThreadBuffer *registerThread()
{
    std::lock_guard<std::mutex> lock(g_session.mutex);
    if (!g_session.active.load())
        return nullptr;
    auto tb = std::make_shared<ThreadBuffer>();
    tb->generation = g_session.generation.load();
    tb->lane = static_cast<std::int64_t>(at::RecordFunction::currentThreadId());
    tb->slot = static_cast<std::int64_t>(g_session.buffers.size()) + 1;
    tb->stack.reserve(256);
    tb->events.prepare(); // the first chunk now, not inside the first op
    g_session.buffers.push_back(tb);
    tl_buffer = tb;
    return tb.get();
}

// Marks the thread as inside a callback; seq_cst pairs with stop()'s store of active=false.
class BusyScope {
public:
    explicit BusyScope(ThreadBuffer &tb) : m_tb(tb) { m_tb.busy.store(true); }
    ~BusyScope() { m_tb.busy.store(false, std::memory_order_release); }
    BusyScope(const BusyScope &) = delete;
    BusyScope &operator=(const BusyScope &) = delete;

private:
    ThreadBuffer &m_tb;
};

std::int64_t eventId(const ThreadBuffer &tb, std::size_t index)
{
    return (tb.slot << 32) | static_cast<std::int64_t>(index + 1);
}

// Input shapes as [count, (rank or -1, dims...)...]; -1 marks an input that is not a tensor.
const std::int64_t *encodeShapes(ThreadBuffer &tb, const at::RecordFunction &rf)
{
    const auto inputs = rf.inputs();
    std::size_t total = 1;
    for (const c10::IValue &v : inputs)
        total += 1 + ((v.isTensor() && v.toTensor().defined()) ? v.toTensor().dim() : 0);
    std::int64_t *out = tb.shapes.allocate(total);
    std::int64_t *p = out;
    *p++ = static_cast<std::int64_t>(inputs.size());
    for (const c10::IValue &v : inputs) {
        if (!v.isTensor() || !v.toTensor().defined()) {
            *p++ = -1;
            continue;
        }
        const at::Tensor &t = v.toTensor();
        *p++ = t.dim();
        if (t.is_nested()) { // nested tensors have no sizes(); keep the rank only
            for (std::int64_t d = 0; d < t.dim(); ++d)
                *p++ = -1;
            continue;
        }
        for (std::int64_t d : t.sizes())
            *p++ = d;
    }
    return out;
}

std::string formatShapes(const std::int64_t *s)
{
    if (!s)
        return {};
    std::string out = "[";
    const std::int64_t count = *s++;
    for (std::int64_t i = 0; i < count; ++i) {
        if (i)
            out += ", ";
        out += '[';
        const std::int64_t rank = *s++;
        for (std::int64_t d = 0; d < rank; ++d) {
            if (d)
                out += ", ";
            out += std::to_string(*s++);
        }
        out += ']';
    }
    out += ']';
    return out;
}

std::unique_ptr<at::ObserverContext> onStart(const at::RecordFunction &rf)
{
    ThreadBuffer *tb = currentBuffer();
    if (!tb && !(tb = registerThread()))
        return nullptr;
    BusyScope busy(*tb);
    if (!g_session.active.load())
        return nullptr;
    if (tb->events.size() >= kMaxEventsPerThread) {
        ++tb->dropped;
        return nullptr;
    }
    const bool range = rf.scope() == at::RecordScope::USER_SCOPE;
    const std::size_t index = tb->events.size();
    RawEvent &e = tb->events.append();
    e.record = &rf;
    const char *name = rf.name();
    const std::size_t len = name ? std::strlen(name) : 0;
    char *copy = tb->names.allocate(len + 1);
    if (len)
        std::memcpy(copy, name, len);
    copy[len] = '\0';
    e.name = copy;
    e.range = range;
    e.parent = tb->stack.empty() ? -1 : static_cast<std::int32_t>(tb->stack.back());
    e.shapes = (g_session.options.shapes && !range) ? encodeShapes(*tb, rf) : nullptr;
    e.endNs = -1;
    tb->stack.push_back(static_cast<std::uint32_t>(index));
    if (!range && g_session.options.onOpStart)
        g_session.options.onOpStart(eventId(*tb, index), g_session.options.hookData);
    // Taken last, so that the bookkeeping above is not charged to the op.
    e.startNs = nowNs() - g_session.startSteadyNs;
    return nullptr;
}

void onEnd(const at::RecordFunction &rf, at::ObserverContext *)
{
    const std::int64_t now = nowNs(); // taken first, for the same reason
    ThreadBuffer *tb = currentBuffer();
    if (!tb)
        return;
    BusyScope busy(*tb);
    if (!g_session.active.load())
        return;
    const std::int64_t end = now - g_session.startSteadyNs;
    auto &stack = tb->stack;
    for (std::size_t i = stack.size(); i-- > 0;) {
        RawEvent &e = tb->events[stack[i]];
        if (e.record != &rf)
            continue;
        // Anything opened above it and never ended here ends with it.
        for (std::size_t j = i; j < stack.size(); ++j) {
            RawEvent &open = tb->events[stack[j]];
            open.endNs = end;
            open.record = nullptr;
            if (!open.range && g_session.options.onOpEnd)
                g_session.options.onOpEnd(eventId(*tb, stack[j]), g_session.options.hookData);
        }
        tb->unmatched += static_cast<std::int64_t>(stack.size() - i - 1);
        stack.resize(i);
        return;
    }
    if (tb->dropped == 0)
        ++tb->unmatched;
}

} // namespace

OpTracer::OpTracer() = default;

OpTracer::~OpTracer()
{
    if (m_running)
        stop();
}

std::int64_t OpTracer::steadyNowNs()
{
    return nowNs();
}

bool OpTracer::running() const
{
    return m_running;
}

bool OpTracer::start(const OpTracerOptions &options)
{
    m_error.clear();
    m_messages.clear();
    if (m_running) {
        m_error = "this op tracer is already running";
        return false;
    }
    {
        std::lock_guard<std::mutex> lock(g_session.mutex);
        if (g_session.owner) {
            m_error = "another op tracing session is running in this process";
            return false;
        }
        g_session.owner = this;
        g_session.buffers.clear();
        g_session.options = options;
        g_session.generation.fetch_add(1);
        m_startSteadyNs = nowNs();
        g_session.startSteadyNs = m_startSteadyNs;
    }
    std::unordered_set<at::RecordScope, std::hash<at::RecordScope>> scopes;
    if (options.ops)
        scopes.insert(at::RecordScope::FUNCTION);
    if (options.ranges)
        scopes.insert(at::RecordScope::USER_SCOPE);
    if (scopes.empty()) {
        std::lock_guard<std::mutex> lock(g_session.mutex);
        g_session.owner = nullptr;
        m_error = "nothing to trace: neither ops nor ranges were asked for";
        return false;
    }
    g_session.handle =
        at::addGlobalCallback(at::RecordFunctionCallback(&onStart, &onEnd).needsInputs(options.shapes).scopes(scopes));
    g_session.active.store(true);
    m_running = true;
    // RecordFunction can be switched off per thread (at::enableRecordFunction(false),
    // DisableRecordFunctionGuard); c10::InferenceMode does not switch it off.
    if (!at::isRecordFunctionEnabled())
        m_messages.push_back("RecordFunction is disabled on the thread that started tracing: "
                             "its ops are not recorded");
    registerThread();
    return true;
}

Trace OpTracer::stop()
{
    Trace trace;
    if (!m_running)
        return trace;
    const std::int64_t stopNs = nowNs() - m_startSteadyNs;
    g_session.active.store(false);
    at::removeCallback(g_session.handle);
    std::vector<std::shared_ptr<ThreadBuffer>> buffers;
    {
        std::lock_guard<std::mutex> lock(g_session.mutex);
        buffers.swap(g_session.buffers);
        g_session.owner = nullptr;
    }
    m_running = false;
    for (const auto &tb : buffers) {
        while (tb->busy.load())
            std::this_thread::yield();
    }

    std::size_t total = 0;
    for (const auto &tb : buffers)
        total += tb->events.size();
    trace.events.reserve(total);
    std::int64_t open = 0, unmatched = 0;
    for (const auto &tb : buffers) {
        const auto base = static_cast<std::int64_t>(trace.events.size());
        for (std::size_t i = 0; i < tb->events.size(); ++i) {
            const RawEvent &r = tb->events[i];
            TraceEvent e;
            e.kind = r.range ? EventKind::Range : EventKind::Op;
            e.name = r.name;
            e.lane = tb->lane;
            e.startNs = r.startNs;
            std::int64_t end = r.endNs;
            if (end < 0) {
                end = stopNs;
                ++open;
            }
            e.durationNs = std::max<std::int64_t>(0, end - r.startNs);
            e.correlation = eventId(*tb, i);
            e.parent = r.parent >= 0 ? base + r.parent : -1;
            e.shapes = formatShapes(r.shapes);
            trace.events.push_back(std::move(e));
        }
        trace.droppedRecords += tb->dropped;
        unmatched += tb->unmatched;
        // The thread keeps its (now stale) buffer object; free the storage now.
        tb->events.clear();
        tb->names.clear();
        tb->shapes.clear();
    }
    trace.sortByStart();
    trace.messages = std::move(m_messages);
    m_messages.clear();
    if (open > 0)
        trace.messages.push_back(std::to_string(open)
                                 + " ops or ranges were still open at stop and end at the stop time");
    if (unmatched > 0)
        trace.messages.push_back(std::to_string(unmatched) + " op ends did not match an op start on the same thread");
    if (trace.droppedRecords > 0)
        trace.messages.push_back(std::to_string(trace.droppedRecords)
                                 + " ops were not recorded: per-thread event limit reached");
    return trace;
}

} // namespace optibench::profiler
