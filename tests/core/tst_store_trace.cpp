// Trace storage of schema version 3 (chunks and interned strings): exact round trips, windows
// across chunk boundaries, damaged chunks, and the migration of a version 2 file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <tuple>

#include <sqlite3.h>
#include <unistd.h>

#include "app/core/store.h"
#include "app/core/trace_chunks.h"

using namespace optibench::core;
namespace fs = std::filesystem;

namespace {

class StoreTraceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path()
            / ("optibench-store-trace-" + std::to_string(::getpid()) + "-"
               + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string file(const std::string &name = "runs.sqlite") const { return (m_dir / name).string(); }
    fs::path m_dir;
};

auto fields(const TraceEventRecord &e)
{
    return std::make_tuple(static_cast<int>(e.kind), e.name, e.device, e.lane, e.startNs, e.durationNs, e.correlation,
                           e.parent, e.shapes);
}

void expectSame(const std::vector<TraceEventRecord> &a, const std::vector<TraceEventRecord> &b)
{
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(fields(a[i]), fields(b[i])) << "event " << i;
}

std::int64_t scalar(sqlite3 *db, const std::string &sql)
{
    sqlite3_stmt *s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sql;
    EXPECT_EQ(sqlite3_step(s), SQLITE_ROW);
    const auto v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

} // namespace

TEST_F(StoreTraceTest, EveryFieldRoundTripsIncludingExtremes)
{
    Store store(file());
    const auto id = store.beginRun("t", 0, "{}", "{}");
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    std::vector<TraceEventRecord> events;
    auto add = [&](TraceKind kind, std::string name, std::string device, std::int64_t lane, std::int64_t start,
                   std::int64_t duration, std::int64_t correlation, std::int64_t parent, std::string shapes) {
        events.push_back(
            {kind, std::move(name), std::move(device), lane, start, duration, correlation, parent, std::move(shapes)});
    };
    add(TraceKind::Range, "encoder.layer.0", "cpu", 7, 0, 5'000'000, 0, -1, "");
    add(TraceKind::Op, "aten::linear", "cpu", 7, 10, 400, 3, 0, "[[8,128,768],[768,768]]");
    add(TraceKind::Kernel, "gemm \xE2\x9C\x93 \"quoted\"", "cuda:0", 13, 20, 300, 3, 1, "");
    add(TraceKind::Memcpy, "", "", 0, -50, 0, 0, -1, ""); // empty strings, negative start
    add(TraceKind::Sync, "far", "cpu", lo, hi - 1, 1, hi, lo, std::string(3000, 's'));
    add(TraceKind::Op, "early", "cpu", hi, lo, hi, lo, hi, "x");
    store.insertTraceEvents(id, events);
    expectSame(store.traceEvents(id), events);

    // A negative duration is stored as 0, as the span class rule needs.
    store.insertTraceEvents(id, {{TraceKind::Op, "neg", "cpu", 1, 100, -5, 0, -1, ""}});
    EXPECT_EQ(store.traceEvents(id).back().durationNs, 0);
    EXPECT_EQ(store.traceEventCount(id), 7);
    // Strings are interned once for the whole store.
    EXPECT_EQ(scalar(store.handle(), "SELECT count(*) FROM trace_strings WHERE text = 'cpu'"), 1);
}

TEST_F(StoreTraceTest, WindowsAcrossChunkBoundariesAndSeveralInserts)
{
    Store store(file());
    const auto id = store.beginRun("t", 0, "{}", "{}");
    std::mt19937_64 rng(11);
    std::vector<TraceEventRecord> all;
    // Three inserts over overlapping time ranges; dense enough that chunks fill up by count
    // (kChunkEvents) and by span (chunkSpan), with durations in several classes.
    for (int batch = 0; batch < 3; ++batch) {
        std::vector<TraceEventRecord> events;
        std::int64_t t = batch * 3'000'000;
        for (int i = 0; i < 4000; ++i) {
            t += std::uniform_int_distribution<std::int64_t>(0, 5'000)(rng);
            const std::int64_t d =
                i % 97 == 0 ? 30'000'000 : std::uniform_int_distribution<std::int64_t>(0, 60'000)(rng);
            events.push_back({TraceKind::Op, "op" + std::to_string(i % 13), "cpu", batch, t, d, i,
                              static_cast<std::int64_t>(all.size()) - 1, ""});
        }
        store.insertTraceEvents(id, events);
        all.insert(all.end(), events.begin(), events.end());
    }
    EXPECT_GT(scalar(store.handle(), "SELECT count(*) FROM trace_chunks"), 3 * 4000 / trace_chunks::kChunkEvents);
    expectSame(store.traceEvents(id), all);

    for (int q = 0; q < 60; ++q) {
        const std::int64_t s = std::uniform_int_distribution<std::int64_t>(-1'000'000, 25'000'000)(rng);
        const std::int64_t e = s + std::uniform_int_distribution<std::int64_t>(1, 8'000'000)(rng);
        std::vector<std::size_t> hits;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto &ev = all[i];
            if (ev.startNs < e && (ev.startNs >= s || ev.startNs + ev.durationNs > s))
                hits.push_back(i);
        }
        std::stable_sort(hits.begin(), hits.end(), [&](auto a, auto b) { return all[a].startNs < all[b].startNs; });
        std::vector<TraceEventRecord> expected;
        for (auto i : hits)
            expected.push_back(all[i]);
        const auto got = store.traceWindow(id, s, e);
        expectSame(got, expected);
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "window [" << s << ", " << e << ")";
            break;
        }
    }
}

TEST_F(StoreTraceTest, DamagedChunkIsAStoreErrorNamingTheFile)
{
    Store store(file());
    const auto id = store.beginRun("t", 0, "{}", "{}");
    store.insertTraceEvents(id, {{TraceKind::Op, "a", "cpu", 1, 0, 10, 0, -1, ""}});
    ASSERT_EQ(sqlite3_exec(store.handle(), "UPDATE trace_chunks SET events = x'ffff'", nullptr, nullptr, nullptr),
              SQLITE_OK);
    try {
        store.traceEvents(id);
        FAIL() << "a damaged chunk was read";
    } catch (const StoreError &e) {
        EXPECT_NE(std::string(e.what()).find(file()), std::string::npos) << e.what();
    }
    EXPECT_THROW(store.traceWindow(id, 0, 100), StoreError);
}

TEST_F(StoreTraceTest, VersionTwoFileIsMigratedAndKeepsItsTraces)
{
    const std::string path = file("v2.sqlite");
    fs::copy_file(std::string(OPTIBENCH_TEST_DATA_DIR) + "/core/store_v2.sqlite", path);
    Store store(path);
    EXPECT_EQ(store.schemaVersion(), Store::currentSchemaVersion());
    EXPECT_EQ(scalar(store.handle(), "SELECT count(*) FROM sqlite_master WHERE name = 'trace_events'"), 0);
    ASSERT_EQ(store.runs().size(), 3u);
    EXPECT_EQ(store.run(2)->baselineRunId, 1);
    EXPECT_DOUBLE_EQ(store.metrics(2).at(0).value, 4.25);

    // Run 3 as store_v2.sql wrote it, field by field, in its run-wide order.
    const std::vector<TraceEventRecord> run3{{TraceKind::Range, "encoder.layer.0", "cpu", 7, 0, 2'000'000, 0, -1, ""},
                                             {TraceKind::Op, "aten::linear", "cpu", 7, 100, 150'000, 11, 0,
                                              "[[4,32,64],[64,64]]"},
                                             {TraceKind::Kernel, "gemm_kernel", "cuda:0", 3, 5000, 90'000, 11, 1, ""},
                                             {TraceKind::Op, "aten::gelu", "cpu", 7, 200'000, 8, 12, 0, "[[4,32,64]]"},
                                             {TraceKind::Range, "encoder.layer.1", "cpu", 7, 2'000'000, 3'000'000'000,
                                              0, -1, ""},
                                             {TraceKind::Op, "aten::linear", "cpu", 7, 2'000'100, 150'000, 13, 4,
                                              "[[4,32,64],[64,64]]"}};
    expectSame(store.traceEvents(3), run3);
    EXPECT_EQ(store.traceEventCount(3), 6);
    EXPECT_EQ(store.traceExtent(3), (std::pair<std::int64_t, std::int64_t>{0, 3'002'000'000}));
    std::vector<std::string> names;
    for (const auto &e : store.traceWindow(3, 2'100'000, 2'200'000))
        names.push_back(e.name);
    EXPECT_EQ(names, (std::vector<std::string>{"encoder.layer.1", "aten::linear"}));
    EXPECT_EQ(store.traceEvents(2).at(1).shapes, "[[8,128,768],[768,768]]");

    // New events continue the run-wide numbering after the migrated ones.
    store.insertTraceEvents(3, {{TraceKind::Op, "late", "cpu", 7, 4'000'000, 10, 0, 4, ""}});
    const auto after = store.traceEvents(3);
    ASSERT_EQ(after.size(), 7u);
    EXPECT_EQ(after[6].name, "late");
    EXPECT_EQ(after[6].parent, 4);
}

// The overview against a direct computation over the events: counts per lane and bucket, and
// busy time of the outermost events, clipped to the range, for ranges cutting through events.
TEST_F(StoreTraceTest, OverviewCountsAndBusyTimeMatchTheEvents)
{
    Store store(file());
    const auto id = store.beginRun("t", 0, "{}", "{}");
    std::mt19937_64 rng(5);
    std::vector<TraceEventRecord> all;
    std::int64_t t = 0;
    for (int i = 0; i < 6000; ++i) {
        const std::int64_t lane = i % 3;
        const std::string device = lane == 2 ? "cuda:0" : "cpu";
        t += std::uniform_int_distribution<std::int64_t>(0, 3'000)(rng);
        // Every fifth event a long outermost one; the rest nested (parent set) or zero-length.
        const bool outer = i % 5 == 0;
        const std::int64_t d = outer ? std::uniform_int_distribution<std::int64_t>(1, 400'000)(rng)
                                     : std::uniform_int_distribution<std::int64_t>(0, 2'000)(rng);
        all.push_back({TraceKind::Op, "op", device, lane, t, d, 0, outer ? -1 : std::int64_t(all.size()) - 1, ""});
    }
    store.insertTraceEvents(id, all);

    for (const auto &[s, e, buckets] : {std::tuple<std::int64_t, std::int64_t, int>{-10, 10'000'000, 97},
                                        {1'234'567, 3'456'789, 400},
                                        {2'000'000, 2'000'500, 7}}) {
        const TraceOverview o = store.traceOverview(id, s, e, buckets);
        ASSERT_EQ(o.buckets, buckets);
        const double w = double(e - s) / buckets;
        std::map<std::pair<std::string, std::int64_t>, std::pair<std::vector<std::uint32_t>, std::vector<double>>> want;
        std::int64_t count = 0;
        for (const auto &ev : all) {
            const std::int64_t end = ev.startNs + ev.durationNs;
            if (!(ev.startNs < e && (ev.startNs >= s || end > s)))
                continue;
            ++count;
            auto &[events, busy] = want[{ev.device, ev.lane}];
            events.resize(std::size_t(buckets));
            busy.resize(std::size_t(buckets));
            const double from = double(std::max(ev.startNs, s) - s), to = double(std::min(end, e) - s);
            ++events[std::min(std::size_t(buckets) - 1, std::size_t(from / w))];
            if (ev.parent >= 0)
                continue;
            for (int b = 0; b < buckets; ++b)
                busy[std::size_t(b)] += std::max(0.0, std::min(to, (b + 1) * w) - std::max(from, b * w));
        }
        EXPECT_EQ(o.eventCount, count);
        ASSERT_EQ(o.lanes.size(), want.size());
        for (const auto &lane : o.lanes) {
            const auto &[events, busy] = want.at({lane.device, lane.lane});
            EXPECT_EQ(lane.events, events) << lane.device << " " << lane.lane;
            ASSERT_EQ(lane.busyNs.size(), busy.size());
            for (std::size_t b = 0; b < busy.size(); ++b)
                EXPECT_NEAR(lane.busyNs[b], busy[b], 1e-6 * w) << "bucket " << b;
        }
        // Lanes ordered by device, then lane.
        EXPECT_EQ(o.lanes.front().device, "cpu");
        EXPECT_EQ(o.lanes.back().device, "cuda:0");
    }
    EXPECT_TRUE(store.traceOverview(id, 10, 10, 5).lanes.empty());
    EXPECT_TRUE(store.traceOverview(id, 0, 10, 0).lanes.empty());
}
