// Summaries and diffs on hand-made traces whose answers are worked out by hand.
#include "profiler/trace/summary.h"
#include "profiler/trace/trace_diff.h"

#include "hand_trace.h"

#include <gtest/gtest.h>

#include <map>

using namespace optibench::profiler;
using optibench::profiler::testing::ev;
using optibench::profiler::testing::handTrace;

namespace {

template<typename Row>
const Row *find(const std::vector<Row> &rows, const std::string &name)
{
    for (const Row &r : rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

} // namespace

TEST(Trace, SortKeepsParentsAndKindNamesRoundTrip)
{
    const Trace t = handTrace();
    // Parents by the ids given in hand_trace.h: child id -> parent id.
    const std::map<std::int64_t, std::int64_t> parentIds = {{2, 1}, {3, 2}, {4, 1}, {6, 5}, {7, 6}};
    for (std::size_t i = 0; i < t.events.size(); ++i) {
        const TraceEvent &e = t.events[i];
        if (i > 0) {
            EXPECT_LE(t.events[i - 1].startNs, e.startNs);
        }
        if (e.kind != EventKind::Op && e.kind != EventKind::Range)
            continue;
        const auto expected = parentIds.find(e.correlation);
        if (expected == parentIds.end()) {
            EXPECT_EQ(e.parent, -1) << e.name;
            continue;
        }
        ASSERT_GE(e.parent, 0) << e.name;
        EXPECT_LT(e.parent, static_cast<std::int64_t>(i)) << "parents come first";
        EXPECT_EQ(t.events[static_cast<std::size_t>(e.parent)].correlation, expected->second) << e.name;
    }
    for (EventKind k :
         {EventKind::Op, EventKind::Kernel, EventKind::Memcpy, EventKind::Memset, EventKind::Sync, EventKind::Range})
        EXPECT_EQ(kindFromName(kindName(k)), k);
    EXPECT_FALSE(kindFromName("nope").has_value());
}

TEST(Summary, SelfTotalLayersKernelsCopies)
{
    const TraceSummary s = summarize(handTrace());
    const OpStat *linear = find(s.ops, "aten::linear");
    const OpStat *addmm = find(s.ops, "aten::addmm");
    const OpStat *relu = find(s.ops, "aten::relu");
    ASSERT_TRUE(linear && addmm && relu);
    EXPECT_EQ(linear->count, 2);
    EXPECT_EQ(linear->totalNs, 1100);
    EXPECT_EQ(linear->selfNs, 100 + 100);
    EXPECT_EQ(addmm->totalNs, 900);
    EXPECT_EQ(addmm->selfNs, 900);
    EXPECT_EQ(relu->selfNs, 200);
    EXPECT_EQ(s.ops.front().name, "aten::addmm") << "largest self time first";
    EXPECT_EQ(s.opSelfNs, 1300);

    const RangeStat *l0 = find(s.ranges, "layer.0");
    const RangeStat *l1 = find(s.ranges, "layer.1");
    ASSERT_TRUE(l0 && l1);
    EXPECT_EQ(l0->totalNs, 1000);
    EXPECT_EQ(l1->totalNs, 600);
    EXPECT_EQ(l0->kernelNs, 350);
    EXPECT_EQ(l1->kernelNs, 300);

    ASSERT_EQ(s.kernels.size(), 2u);
    EXPECT_EQ(s.kernels[0].name, "gemm");
    EXPECT_EQ(s.kernels[0].count, 2);
    EXPECT_EQ(s.kernels[0].totalNs, 600);
    EXPECT_DOUBLE_EQ(s.kernels[0].meanNs, 300.0);
    EXPECT_DOUBLE_EQ(s.kernels[0].share, 600.0 / 650.0);
    EXPECT_EQ(s.kernelNs, 650);
    EXPECT_EQ(s.memcpyCount, 1);
    EXPECT_EQ(s.memcpyBytes, 1 << 20);
    EXPECT_EQ(s.spanNs, 1600);

    const auto top = topOpsByTotal(s, 1);
    ASSERT_EQ(top.size(), 1u);
    EXPECT_EQ(top[0].name, "aten::linear");
    EXPECT_EQ(topOpsBySelf(s, 10).size(), 3u);
}

TEST(Summary, RecursiveOpsAreNotCountedTwice)
{
    Trace t;
    t.events = {ev(EventKind::Op, "aten::to", 0, 100, 1), ev(EventKind::Op, "aten::to", 10, 50, 2, 0)};
    const TraceSummary s = summarize(t);
    ASSERT_EQ(s.ops.size(), 1u);
    EXPECT_EQ(s.ops[0].count, 2);
    EXPECT_EQ(s.ops[0].totalNs, 100);
    EXPECT_EQ(s.ops[0].selfNs, 100);
}

TEST(Diff, AddedRemovedChangedSortedByTimeDifference)
{
    Trace a = handTrace(300);
    Trace b = handTrace(100); // a faster gemm
    // b drops relu and gains a quantize op at the end.
    for (TraceEvent &e : b.events)
        if (e.name == "aten::relu")
            e.name = "aten::quantize_per_tensor";
    const TraceDiff d = diffTraces(a, b);

    const DiffRow *relu = find(d.ops, "aten::relu");
    const DiffRow *quant = find(d.ops, "aten::quantize_per_tensor");
    const DiffRow *linear = find(d.ops, "aten::linear");
    ASSERT_TRUE(relu && quant && linear);
    EXPECT_EQ(relu->status, DiffStatus::Removed);
    EXPECT_EQ(relu->countB, 0);
    EXPECT_EQ(quant->status, DiffStatus::Added);
    EXPECT_EQ(quant->totalNsB, 200);
    EXPECT_EQ(linear->status, DiffStatus::Same);

    ASSERT_FALSE(d.kernels.empty());
    EXPECT_EQ(d.kernels[0].name, "gemm");
    EXPECT_EQ(d.kernels[0].status, DiffStatus::Changed);
    EXPECT_EQ(d.kernels[0].deltaNs(), -400);
    EXPECT_EQ(find(d.kernels, "relu_kernel")->status, DiffStatus::Same);
    for (std::size_t i = 1; i < d.ops.size(); ++i)
        EXPECT_GE(std::llabs(d.ops[i - 1].deltaNs()), std::llabs(d.ops[i].deltaNs()));
    EXPECT_STREQ(diffStatusName(DiffStatus::Added), "added");

    // A tolerance hides small time changes but never count changes.
    const TraceDiff loose = diffTraces(handTrace(300), handTrace(290), 0.05);
    EXPECT_EQ(find(loose.kernels, "gemm")->status, DiffStatus::Same);
    const TraceDiff strict = diffTraces(handTrace(300), handTrace(290));
    EXPECT_EQ(find(strict.kernels, "gemm")->status, DiffStatus::Changed);
}
