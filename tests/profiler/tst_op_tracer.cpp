// The op tracer on real ATen ops: nesting under USER_SCOPE ranges, shapes, threads, start/stop.
#include "profiler/tracers/cupti_tracer.h"
#include "profiler/tracers/op_tracer.h"

#include <ATen/ATen.h>
#include <ATen/record_function.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

using namespace optibench::profiler;

namespace {

std::vector<const TraceEvent *> named(const Trace &t, const std::string &name)
{
    std::vector<const TraceEvent *> out;
    for (const auto &e : t.events)
        if (e.name == name)
            out.push_back(&e);
    return out;
}

// True when `ancestor` is the event itself or one of its enclosing events.
bool hasAncestor(const Trace &t, std::int64_t index, const std::string &ancestor)
{
    for (std::int64_t i = index; i >= 0; i = t.events[static_cast<std::size_t>(i)].parent)
        if (t.events[static_cast<std::size_t>(i)].name == ancestor)
            return true;
    return false;
}

void twoLayers(const at::Tensor &x, const at::Tensor &w)
{
    for (int layer = 0; layer < 2; ++layer) {
        RECORD_USER_SCOPE(layer == 0 ? "layer.0" : "layer.1");
        at::Tensor y = at::relu(at::matmul(x, w));
        (void)y;
    }
}

} // namespace

TEST(OpTracer, OpsNestUnderRangesWithShapes)
{
    const at::Tensor x = at::randn({8, 16});
    const at::Tensor w = at::randn({16, 4});
    OpTracer tracer;
    OpTracerOptions options;
    options.shapes = true;
    ASSERT_TRUE(tracer.start(options)) << tracer.error();
    EXPECT_TRUE(tracer.running());
    twoLayers(x, w);
    const Trace trace = tracer.stop();
    EXPECT_FALSE(tracer.running());

    const auto ranges0 = named(trace, "layer.0");
    const auto ranges1 = named(trace, "layer.1");
    ASSERT_EQ(ranges0.size(), 1u);
    ASSERT_EQ(ranges1.size(), 1u);
    EXPECT_EQ(ranges0[0]->kind, EventKind::Range);
    EXPECT_LE(ranges0[0]->endNs(), ranges1[0]->startNs);

    const auto matmuls = named(trace, "aten::matmul");
    const auto relus = named(trace, "aten::relu");
    ASSERT_EQ(matmuls.size(), 2u);
    ASSERT_EQ(relus.size(), 2u);
    EXPECT_EQ(matmuls[0]->kind, EventKind::Op);
    EXPECT_EQ(matmuls[0]->shapes, "[[8, 16], [16, 4]]");
    EXPECT_EQ(relus[0]->shapes, "[[8, 4]]");

    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceEvent &e = trace.events[i];
        EXPECT_TRUE(ids.insert(e.correlation).second) << "ids are unique";
        EXPECT_GE(e.startNs, 0);
        EXPECT_EQ(e.device, "cpu");
        if (i > 0) {
            EXPECT_LE(trace.events[i - 1].startNs, e.startNs) << "sorted by start";
        }
        if (e.parent >= 0) {
            ASSERT_LT(e.parent, static_cast<std::int64_t>(i)) << "parents come first";
            const TraceEvent &p = trace.events[static_cast<std::size_t>(e.parent)];
            EXPECT_GE(e.startNs, p.startNs) << e.name << " inside " << p.name;
            EXPECT_LE(e.endNs(), p.endNs()) << e.name << " inside " << p.name;
            EXPECT_EQ(e.lane, p.lane);
        }
        if (e.kind == EventKind::Op) {
            EXPECT_TRUE(hasAncestor(trace, static_cast<std::int64_t>(i), "layer.0")
                        || hasAncestor(trace, static_cast<std::int64_t>(i), "layer.1"))
                << e.name << " outside any layer";
        }
    }
    // matmul on 2-D inputs goes through aten::mm, recorded as its child.
    bool mmUnderMatmul = false;
    for (std::size_t i = 0; i < trace.events.size(); ++i)
        if (trace.events[i].name == "aten::mm" && trace.events[i].parent >= 0
            && trace.events[static_cast<std::size_t>(trace.events[i].parent)].name == "aten::matmul")
            mmUnderMatmul = true;
    EXPECT_TRUE(mmUnderMatmul);
    EXPECT_TRUE(trace.messages.empty()) << trace.messages.front();
}

TEST(OpTracer, NoShapesUnlessAsked)
{
    const at::Tensor x = at::randn({4, 4});
    OpTracer tracer;
    ASSERT_TRUE(tracer.start());
    at::Tensor y = at::add(x, x);
    const Trace trace = tracer.stop();
    const auto adds = named(trace, "aten::add");
    ASSERT_EQ(adds.size(), 1u);
    EXPECT_TRUE(adds[0]->shapes.empty());
}

TEST(OpTracer, NothingRecordedAfterStopAndRestartIsClean)
{
    const at::Tensor x = at::randn({4, 4});
    OpTracer tracer;
    ASSERT_TRUE(tracer.start());
    at::Tensor a = at::mul(x, x);
    const Trace first = tracer.stop();
    EXPECT_EQ(named(first, "aten::mul").size(), 1u);
    EXPECT_TRUE(tracer.stop().events.empty()) << "a second stop returns nothing";

    at::Tensor b = at::sub(x, x); // untraced
    ASSERT_TRUE(tracer.start());
    at::Tensor c = at::div(x, x);
    const Trace second = tracer.stop();
    EXPECT_TRUE(named(second, "aten::sub").empty());
    EXPECT_TRUE(named(second, "aten::mul").empty()) << "the first session's events are gone";
    EXPECT_EQ(named(second, "aten::div").size(), 1u);
}

TEST(OpTracer, OneSessionAtATime)
{
    OpTracer first, second;
    ASSERT_TRUE(first.start());
    EXPECT_FALSE(second.start());
    EXPECT_FALSE(second.error().empty());
    first.stop();
    EXPECT_TRUE(second.start()) << second.error();
    second.stop();
}

TEST(OpTracer, SecondThreadHasItsOwnLane)
{
    const at::Tensor x = at::randn({4, 4});
    OpTracer tracer;
    ASSERT_TRUE(tracer.start());
    {
        RECORD_USER_SCOPE("main");
        at::Tensor y = at::mul(x, x);
        std::thread worker([&x] {
            RECORD_USER_SCOPE("worker");
            at::Tensor z = at::sub(x, x);
        });
        worker.join();
    }
    const Trace trace = tracer.stop();
    const auto mul = named(trace, "aten::mul");
    const auto sub = named(trace, "aten::sub");
    ASSERT_EQ(mul.size(), 1u);
    ASSERT_EQ(sub.size(), 1u);
    EXPECT_NE(mul[0]->lane, sub[0]->lane);
    EXPECT_EQ(trace.events[static_cast<std::size_t>(sub[0]->parent)].name, "worker")
        << "the worker's op nests under the worker's range, not under main";
    EXPECT_EQ(trace.events[static_cast<std::size_t>(mul[0]->parent)].name, "main");
}

TEST(OpTracer, InferenceModeIsTracedAndDisabledRecordFunctionIsNot)
{
    const at::Tensor x = at::randn({4, 4});
    OpTracer tracer;
    ASSERT_TRUE(tracer.start());
    {
        c10::InferenceMode guard;
        at::Tensor y = at::mul(x, x);
    }
    {
        at::DisableRecordFunctionGuard off;
        at::Tensor z = at::sub(x, x);
    }
    const Trace trace = tracer.stop();
    EXPECT_EQ(named(trace, "aten::mul").size(), 1u);
    EXPECT_TRUE(named(trace, "aten::sub").empty());
}

TEST(OpTracer, OpHooksBracketEveryOp)
{
    // +id at start, -id at end, in call order.
    std::vector<std::int64_t> log;
    OpTracerOptions options;
    options.onOpStart = [](std::int64_t id, void *d) { static_cast<std::vector<std::int64_t> *>(d)->push_back(id); };
    options.onOpEnd = [](std::int64_t id, void *d) { static_cast<std::vector<std::int64_t> *>(d)->push_back(-id); };
    options.hookData = &log;
    const at::Tensor x = at::randn({4, 4});
    OpTracer tracer;
    ASSERT_TRUE(tracer.start(options));
    {
        RECORD_USER_SCOPE("layer.0");
        at::Tensor y = at::matmul(x, x);
    }
    const Trace trace = tracer.stop();
    std::set<std::int64_t> opIds;
    for (const auto &e : trace.events)
        if (e.kind == EventKind::Op)
            opIds.insert(e.correlation);
    ASSERT_EQ(log.size(), 2 * opIds.size()) << "ops only, ranges are not pushed";
    // Pushes and pops nest like brackets, which is what CUPTI's correlation stack needs.
    std::vector<std::int64_t> stack;
    for (std::int64_t v : log) {
        if (v > 0) {
            EXPECT_TRUE(opIds.count(v));
            stack.push_back(v);
        } else {
            ASSERT_FALSE(stack.empty());
            EXPECT_EQ(stack.back(), -v);
            stack.pop_back();
        }
    }
    EXPECT_TRUE(stack.empty());
}

// Per-event cost of tracing: 100k small at::add calls, untraced, traced, traced with shapes.
TEST(OpTracer, OverheadPerEvent)
{
    const at::Tensor a = at::randn({4});
    const at::Tensor b = at::randn({4});
    constexpr int kCalls = 100000;
    auto run = [&] {
        const std::int64_t t0 = OpTracer::steadyNowNs();
        for (int i = 0; i < kCalls; ++i)
            at::Tensor c = at::add(a, b);
        return OpTracer::steadyNowNs() - t0;
    };
    run(); // warm up allocator and dispatcher
    const std::int64_t plain = std::min(run(), run());
    // What RecordFunction itself costs with an empty callback: the floor for any tracer.
    const auto empty = at::addGlobalCallback(
        at::RecordFunctionCallback([](const at::RecordFunction &)
                                       -> std::unique_ptr<at::ObserverContext> { return nullptr; },
                                   [](const at::RecordFunction &, at::ObserverContext *) {}));
    const std::int64_t floor = run();
    at::removeCallback(empty);
    std::int64_t traced = 0, withShapes = 0;
    std::size_t events = 0;
    for (bool shapes : {false, true}) {
        OpTracer tracer;
        OpTracerOptions options;
        options.shapes = shapes;
        ASSERT_TRUE(tracer.start(options));
        const std::int64_t ns = run();
        const Trace trace = tracer.stop();
        (shapes ? withShapes : traced) = ns;
        events = trace.events.size();
    }
    ASSERT_GE(events, static_cast<std::size_t>(kCalls));
    const double perCall = double(plain) / kCalls;
    const double perEvent = double(traced - plain) / double(events);
    const double perEventShapes = double(withShapes - plain) / double(events);
    const double perEventFloor = double(floor - plain) / kCalls;
    std::printf("at::add untraced %.0f ns/call; empty RecordFunction callback +%.0f ns; "
                "traced +%.0f ns/event (%zu events), with shapes +%.0f ns/event\n",
                perCall, perEventFloor, perEvent, events, perEventShapes);
    RecordProperty("untraced_ns_per_call", static_cast<int>(perCall));
    RecordProperty("overhead_ns_per_event", static_cast<int>(perEvent));
    RecordProperty("overhead_ns_per_event_shapes", static_cast<int>(perEventShapes));
    // A loose bound: tracing must stay in the microsecond range per event on any machine.
    EXPECT_LT(perEvent, 20000.0);
}

// Without a GPU (or without CUDA in the build) GPU tracing says why and ops are still traced;
// with one, kernels come back tied to the ops.
TEST(OpTracer, WithCuptiTracerHooked)
{
    CuptiTracer gpu;
    OpTracerOptions options;
    gpu.hookOpTracer(options);
    OpTracer ops;
    ASSERT_TRUE(ops.start(options));
    const bool gpuOn = gpu.start(ops.sessionStartSteadyNs());
    if (!gpuOn) {
        EXPECT_NE(gpu.error().find("no GPU tracing available"), std::string::npos) << gpu.error();
    }
    const at::Tensor x = at::randn({4, 4});
    at::Tensor y = at::mul(x, x);
    Trace trace = ops.stop();
    if (gpuOn)
        trace.merge(gpu.stop());
    EXPECT_FALSE(gpu.running());
    EXPECT_EQ(named(trace, "aten::mul").size(), 1u);
}
