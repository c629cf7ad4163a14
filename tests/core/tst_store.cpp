#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/core/store.h"

using namespace optibench::core;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test, removed afterwards.
class StoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string tmpl = (fs::temp_directory_path() / "optibench-store-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        m_dir = tmpl;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string file(const std::string &name = "runs.sqlite") const { return (m_dir / name).string(); }

    fs::path m_dir;
};

TraceEventRecord event(const std::string &name, std::int64_t start, std::int64_t duration, std::int64_t parent = -1)
{
    TraceEventRecord e;
    e.name = name;
    e.device = "cpu";
    e.lane = 1;
    e.startNs = start;
    e.durationNs = duration;
    e.parent = parent;
    return e;
}

std::vector<std::string> names(const std::vector<TraceEventRecord> &events)
{
    std::vector<std::string> out;
    for (const auto &e : events)
        out.push_back(e.name);
    return out;
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const StoreError &e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_F(StoreTest, BeginFinishAndReadBack)
{
    Store store(file());
    EXPECT_EQ(store.schemaVersion(), Store::currentSchemaVersion());
    ModelRecord m{0, "demo:tiny-bert", "demo", "BertForSequenceClassification", 4386178, 17544712, "ab12"};
    const auto modelId = store.upsertModel(m);
    EXPECT_EQ(store.upsertModel(m), modelId); // same source and hash: the same row
    m.sha256 = "cd34";
    EXPECT_NE(store.upsertModel(m), modelId);
    EXPECT_EQ(store.models().size(), 2u);
    EXPECT_EQ(store.model(modelId)->architecture, "BertForSequenceClassification");

    const auto id = store.beginRun("baseline", modelId, R"({"device":"cpu"})", R"({"threads":2})");
    auto r = store.run(id);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, RunStatus::Running);
    EXPECT_EQ(r->pid, getpid());
    EXPECT_FALSE(r->host.empty());
    EXPECT_EQ(r->modelSource, "demo:tiny-bert");
    EXPECT_GT(r->createdAtMs, 1600000000000);
    EXPECT_EQ(r->finishedAtMs, 0);

    RunResults results;
    results.metrics = {{"latency_p50_ms", 12.5, "ms"}, {"throughput_tokens_s", 8000, "tokens/s"}};
    results.series = {{"latency_ms", 0, 12.4}, {"latency_ms", 1, 12.6}, {"memory_bytes", 0, 1e6}};
    results.trace = {event("forward", 0, 1000), event("aten::linear", 10, 100, 0)};
    store.finishRun(id, RunStatus::Done, results);

    r = store.run(id);
    EXPECT_EQ(r->status, RunStatus::Done);
    EXPECT_GE(r->finishedAtMs, r->createdAtMs);
    EXPECT_EQ(r->specJson, R"({"device":"cpu"})");
    const auto metrics = store.metrics(id);
    ASSERT_EQ(metrics.size(), 2u);
    EXPECT_EQ(metrics[0].key, "latency_p50_ms");
    EXPECT_DOUBLE_EQ(metrics[0].value, 12.5);
    EXPECT_EQ(metrics[0].unit, "ms");
    EXPECT_EQ(store.series(id).size(), 3u);
    EXPECT_EQ(store.series(id, "latency_ms").size(), 2u);
    EXPECT_DOUBLE_EQ(store.series(id, "latency_ms")[1].value, 12.6);
    const auto trace = store.traceEvents(id);
    ASSERT_EQ(trace.size(), 2u);
    EXPECT_EQ(trace[1].parent, 0);
    EXPECT_EQ(trace[1].name, "aten::linear");

    // A finished run is final.
    EXPECT_NE(errorOf([&] { store.finishRun(id, RunStatus::Failed, {}); }).find("already finished"), std::string::npos);
    EXPECT_NE(errorOf([&] { store.finishRun(999, RunStatus::Done, {}); }).find("no run with id 999"),
              std::string::npos);
    EXPECT_THROW(store.finishRun(id, RunStatus::Running, {}), StoreError);
}

TEST_F(StoreTest, FailedRunKeepsItsMessage)
{
    Store store(file());
    const auto id = store.beginRun("x", 0, "{}", "{}");
    store.finishRun(id, RunStatus::Failed, {}, "out of memory");
    EXPECT_EQ(store.run(id)->error, "out of memory");
    EXPECT_EQ(store.run(id)->modelId, 0);
    const auto id2 = store.beginRun("y", 0, "{}", "{}");
    store.markRun(id2, RunStatus::Failed, "the worker crashed");
    EXPECT_EQ(store.run(id2)->status, RunStatus::Failed);
    EXPECT_EQ(store.run(id2)->error, "the worker crashed");
}

TEST_F(StoreTest, FiltersHonourEveryField)
{
    Store store(file());
    const auto bert = store.upsertModel({0, "demo:tiny-bert", "demo", "", 0, 0, "a"});
    const auto gpt = store.upsertModel({0, "/models/gpt2", "hf", "", 0, 0, "b"});
    const auto a =
        store.beginRun("baseline", bert,
                       R"({"optimizations":{"quantization":"none","pruning":{"amount":0}},"threads":2})", "{}");
    const auto b = store.beginRun(
        "int8 run", bert,
        R"({"optimizations":{"quantization":"dynamic-int8","pruning":{"amount":0.5}},"profiling":{"ops":true},"threads":2})",
        "{}");
    const auto c =
        store.beginRun("gpt 100%_done", gpt, R"({"optimizations":{"quantization":"dynamic-int8"},"threads":4})", "{}");
    store.finishRun(a, RunStatus::Done, {});
    store.finishRun(b, RunStatus::Failed, {}, "boom");
    store.setNotes(c, "needs a rerun");
    // Distinct creation times for the time filter.
    sqlite3_exec(store.handle(), "UPDATE runs SET created_at_ms = 1000 * id", nullptr, nullptr, nullptr);

    auto ids = [&](const RunFilter &f) {
        std::vector<std::int64_t> out;
        for (const auto &r : store.runs(f))
            out.push_back(r.id);
        return out;
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(ids({}), (V{c, b, a})); // newest first
    RunFilter f;
    f.modelId = bert;
    EXPECT_EQ(ids(f), (V{b, a}));
    f = {};
    f.status = RunStatus::Failed;
    EXPECT_EQ(ids(f), (V{b}));
    f = {};
    f.text = "RERUN"; // notes, case-insensitive
    EXPECT_EQ(ids(f), (V{c}));
    f.text = "gpt2"; // model source
    EXPECT_EQ(ids(f), (V{c}));
    f.text = "100%_"; // LIKE wildcards are literal
    EXPECT_EQ(ids(f), (V{c}));
    f.text = "dynamic-int8"; // spec
    EXPECT_EQ(ids(f), (V{c, b}));
    f = {};
    f.fromMs = 2000;
    EXPECT_EQ(ids(f), (V{c, b}));
    f.toMs = 3000;
    EXPECT_EQ(ids(f), (V{b}));
    f = {};
    f.toggles["optimizations.quantization"] = "dynamic-int8";
    EXPECT_EQ(ids(f), (V{c, b}));
    f.toggles["threads"] = "4"; // an integer compares through its JSON form
    EXPECT_EQ(ids(f), (V{c}));
    f = {};
    f.toggles["profiling.ops"] = "true";
    EXPECT_EQ(ids(f), (V{b}));
    f = {};
    f.toggles["$.optimizations.pruning.amount"] = "0.5";
    EXPECT_EQ(ids(f), (V{b}));
    f = {};
    f.limit = 2;
    EXPECT_EQ(ids(f), (V{c, b}));
    f.offset = 1;
    EXPECT_EQ(ids(f), (V{b, a}));
    f.limit = 0;
    f.offset = 2;
    EXPECT_EQ(ids(f), (V{a}));
}

TEST_F(StoreTest, MetricsSideBySide)
{
    Store store(file());
    const auto a = store.beginRun("a", 0, "{}", "{}");
    const auto b = store.beginRun("b", 0, "{}", "{}");
    store.finishRun(a, RunStatus::Done, {{{"latency_p50_ms", 10, "ms"}, {"accuracy", 0.9, "ratio"}}, {}, {}});
    store.finishRun(b, RunStatus::Done, {{{"latency_p50_ms", 4, "ms"}}, {}, {}});
    const auto side = store.metrics(std::vector<std::int64_t>{a, b});
    ASSERT_EQ(side.size(), 2u);
    EXPECT_EQ(side.at(a).size(), 2u);
    EXPECT_DOUBLE_EQ(side.at(b).at(0).value, 4);
}

TEST_F(StoreTest, TraceWindowBoundaries)
{
    Store store(file());
    const auto id = store.beginRun("t", 0, "{}", "{}");
    // A long root range, nested ops, a zero-length marker and one op exactly at the edges.
    store.insertTraceEvents(id,
                            {event("root", 0, 1'000'000'000), // [0, 1 s)
                             event("a", 100, 50, 0),          // [100, 150)
                             event("b", 150, 50, 0),          // [150, 200)
                             event("marker", 200, 0, 0),      // instant at 200
                             event("c", 1000, 10, 0)});       // [1000, 1010)
    EXPECT_EQ(store.traceEventCount(id), 5);
    EXPECT_EQ(store.traceExtent(id), (std::pair<std::int64_t, std::int64_t>{0, 1'000'000'000}));

    using S = std::vector<std::string>;
    EXPECT_EQ(names(store.traceWindow(id, 150, 200)), (S{"root", "b"})); // a ends at 150: out
    EXPECT_EQ(names(store.traceWindow(id, 149, 151)), (S{"root", "a", "b"}));
    EXPECT_EQ(names(store.traceWindow(id, 200, 201)), (S{"root", "marker"})); // instant at the start: in
    EXPECT_EQ(names(store.traceWindow(id, 199, 200)), (S{"root", "b"}));      // instant at the end: out
    EXPECT_EQ(names(store.traceWindow(id, 1009, 5000)), (S{"root", "c"}));
    EXPECT_EQ(names(store.traceWindow(id, 999'999'999, 2'000'000'000)), (S{"root"})); // the long event's tail
    EXPECT_TRUE(store.traceWindow(id, 1'000'000'000, 2'000'000'000).empty());
    EXPECT_TRUE(store.traceWindow(id, 300, 300).empty());
    EXPECT_EQ(names(store.traceWindow(id, 0, 2000, 2)), (S{"root", "a"})); // limit keeps the earliest

    // A second insert continues the run-wide numbering; parents keep pointing at the same rows.
    store.insertTraceEvents(id, {event("d", 2000, 5, 0)});
    const auto all = store.traceEvents(id);
    ASSERT_EQ(all.size(), 6u);
    EXPECT_EQ(all[5].name, "d");
    EXPECT_EQ(all[0].name, "root");
    EXPECT_EQ(store.traceEventCount(id), 6);
    EXPECT_THROW(store.insertTraceEvents(12345, {event("x", 0, 1)}), StoreError);
}

TEST_F(StoreTest, TraceWindowMatchesBruteForce)
{
    Store store(file());
    const auto id = store.beginRun("t", 0, "{}", "{}");
    std::mt19937_64 rng(7);
    std::vector<TraceEventRecord> events;
    for (int i = 0; i < 3000; ++i) {
        // Durations over many orders of magnitude, so every span class is exercised.
        const std::int64_t duration =
            static_cast<std::int64_t>(std::pow(10.0, std::uniform_real_distribution<>(0, 9)(rng)));
        events.push_back(event("e" + std::to_string(i),
                               std::uniform_int_distribution<std::int64_t>(0, 1'000'000'000)(rng),
                               i % 50 == 0 ? 0 : duration));
    }
    store.insertTraceEvents(id, events);
    for (int q = 0; q < 50; ++q) {
        const std::int64_t s = std::uniform_int_distribution<std::int64_t>(0, 1'000'000'000)(rng);
        const std::int64_t e = s + std::uniform_int_distribution<std::int64_t>(1, 20'000'000)(rng);
        std::vector<std::string> expected;
        std::vector<const TraceEventRecord *> hits;
        for (const auto &ev : events) {
            const bool overlaps = ev.startNs < e && (ev.startNs >= s || ev.startNs + ev.durationNs > s);
            if (overlaps)
                hits.push_back(&ev);
        }
        std::stable_sort(hits.begin(), hits.end(), [](auto *a, auto *b) { return a->startNs < b->startNs; });
        for (auto *h : hits)
            expected.push_back(h->name);
        EXPECT_EQ(names(store.traceWindow(id, s, e)), expected) << "window [" << s << ", " << e << ")";
    }
}

TEST_F(StoreTest, DeleteCascadesAndUserEdits)
{
    Store store(file());
    const auto a = store.beginRun("a", 0, "{}", "{}");
    const auto b = store.beginRun("b", 0, "{}", "{}", a);
    store.finishRun(a, RunStatus::Done, {{{"m", 1, ""}}, {{"loss", 0, 1.0}}, {event("x", 0, 10)}});
    store.finishRun(b, RunStatus::Done, {{{"m", 2, ""}}, {}, {}});
    EXPECT_EQ(store.run(b)->baselineRunId, a);

    store.renameRun(a, "renamed");
    store.setNotes(a, "note");
    EXPECT_EQ(store.run(a)->name, "renamed");
    EXPECT_EQ(store.run(a)->notes, "note");
    store.setBaseline(a, b);
    EXPECT_EQ(store.run(a)->baselineRunId, b);
    store.setBaseline(a, std::nullopt);
    EXPECT_FALSE(store.run(a)->baselineRunId);
    EXPECT_THROW(store.setBaseline(a, a), StoreError);
    EXPECT_THROW(store.renameRun(999, "x"), StoreError);

    store.deleteRuns({a});
    EXPECT_FALSE(store.run(a));
    EXPECT_FALSE(store.run(b)->baselineRunId); // the baseline link is cleared, the run stays
    for (const char *table : {"metrics", "series", "trace_chunks", "trace_summary"}) {
        sqlite3_stmt *s = nullptr;
        const std::string q = std::string("SELECT count(*) FROM ") + table + " WHERE run_id = " + std::to_string(a);
        ASSERT_EQ(sqlite3_prepare_v2(store.handle(), q.c_str(), -1, &s, nullptr), SQLITE_OK);
        ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
        EXPECT_EQ(sqlite3_column_int64(s, 0), 0) << table;
        sqlite3_finalize(s);
    }
    EXPECT_EQ(store.metrics(b).size(), 1u);
}

TEST_F(StoreTest, RunOfADeadProcessIsInterrupted)
{
    {
        Store create(file());
    }
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child begins a run and dies without finishing it.
        try {
            Store store(file());
            store.beginRun("orphan", 0, "{}", "{}");
        } catch (...) {
            _exit(2);
        }
        _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    Store store(file());
    const auto runs = store.runs();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Interrupted);
    EXPECT_EQ(runs[0].error,
              "the process writing this run (pid " + std::to_string(child) + ") ended before it finished");
    EXPECT_GT(runs[0].finishedAtMs, 0);
}

TEST_F(StoreTest, LiveRunStaysAndReusedPidCounts)
{
    Store store(file());
    const auto live = store.beginRun("live", 0, "{}", "{}");
    const auto reused = store.beginRun("reused", 0, "{}", "{}");
    // This process's pid, but a different start time: the pid was reused by another process.
    sqlite3_exec(store.handle(),
                 ("UPDATE runs SET pid_start = pid_start + 1 WHERE id = " + std::to_string(reused)).c_str(), nullptr,
                 nullptr, nullptr);
    // Another host's run is never judged from here.
    sqlite3_exec(store.handle(),
                 "INSERT INTO runs (created_at_ms, status, pid, host) VALUES (1, 'running', 1, 'elsewhere')", nullptr,
                 nullptr, nullptr);
    EXPECT_EQ(store.markInterruptedRuns(), 1);
    EXPECT_EQ(store.run(live)->status, RunStatus::Running);
    EXPECT_EQ(store.run(reused)->status, RunStatus::Interrupted);
    RunFilter f;
    f.status = RunStatus::Running;
    EXPECT_EQ(store.runs(f).size(), 2u);
    // An interrupted run whose writer turns out alive may still finish.
    store.finishRun(reused, RunStatus::Done, {});
    EXPECT_EQ(store.run(reused)->status, RunStatus::Done);
}

TEST_F(StoreTest, ConcurrentWritersInThreadsAndProcesses)
{
    {
        Store create(file());
    }
    constexpr int kRuns = 200;
    auto writer = [&](const std::string &tag) {
        Store store(file());
        for (int i = 0; i < kRuns; ++i) {
            const auto id = store.beginRun(tag + std::to_string(i), 0, "{}", "{}");
            store.finishRun(id, RunStatus::Done, {{{"i", double(i), ""}}, {}, {event("op", i, 1)}});
        }
    };
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            writer("process-");
        } catch (const std::exception &e) {
            fprintf(stderr, "child: %s\n", e.what());
            _exit(1);
        }
        _exit(0);
    }
    std::string threadError;
    std::thread t1([&] {
        try {
            writer("thread1-");
        } catch (const std::exception &e) {
            threadError = e.what();
        }
    });
    writer("thread2-");
    t1.join();
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ(threadError, "");

    Store store(file());
    const auto runs = store.runs();
    EXPECT_EQ(runs.size(), 3u * kRuns);
    EXPECT_TRUE(std::all_of(runs.begin(), runs.end(), [](const RunRecord &r) { return r.status == RunStatus::Done; }));
    for (const auto &r : runs)
        ASSERT_EQ(store.traceEventCount(r.id), 1) << r.name;
}

TEST_F(StoreTest, NotADatabaseNamesTheFile)
{
    const std::string path = file("random.sqlite");
    {
        std::ofstream out(path, std::ios::binary);
        std::mt19937 rng(1);
        for (int i = 0; i < 8192; ++i)
            out.put(static_cast<char>(rng()));
    }
    const std::string error = errorOf([&] { Store s(path); });
    EXPECT_NE(error.find(path), std::string::npos) << error;
    EXPECT_NE(error.find("not a database"), std::string::npos) << error;
}

TEST_F(StoreTest, TruncatedFileNamesTheFile)
{
    const std::string path = file();
    {
        Store store(path);
        for (int r = 0; r < 5; ++r) {
            const auto id = store.beginRun("run", 0, "{}", "{}");
            std::vector<TraceEventRecord> events;
            for (int i = 0; i < 5000; ++i)
                events.push_back(event("aten::op" + std::to_string(i % 17), i * 100, 50));
            store.finishRun(id, RunStatus::Done, {{{"m", 1, ""}}, {}, events});
        }
    }
    ASSERT_FALSE(fs::exists(path + "-wal")); // checkpointed on close
    fs::resize_file(path, fs::file_size(path) / 2);
    const std::string error = errorOf([&] {
        Store store(path);
        for (const auto &r : store.runs())
            store.traceEvents(r.id);
    });
    EXPECT_NE(error.find(path), std::string::npos) << error;
}

TEST_F(StoreTest, MissingDirectoryNamesTheFile)
{
    const std::string path = file("no/such/dir/runs.sqlite");
    EXPECT_NE(errorOf([&] { Store s(path); }).find(path), std::string::npos);
}

TEST_F(StoreTest, NewerSchemaIsRefused)
{
    const std::string path = file();
    {
        Store create(path);
    }
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    const std::string error = errorOf([&] { Store s(path); });
    EXPECT_NE(error.find(path + ": database schema version 99 is newer than this OptiBench supports ("
                         + std::to_string(Store::currentSchemaVersion()) + ")"),
              std::string::npos)
        << error;
}

TEST_F(StoreTest, VersionOneFileIsMigratedAndKeepsItsRuns)
{
    const std::string path = file("v1.sqlite");
    fs::copy_file(std::string(OPTIBENCH_TEST_DATA_DIR) + "/core/store_v1.sqlite", path);
    Store store(path);
    EXPECT_EQ(store.schemaVersion(), Store::currentSchemaVersion());
    const auto runs = store.runs();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].name, "int8");
    EXPECT_EQ(runs[0].baselineRunId, 1);
    EXPECT_EQ(runs[0].modelSource, "demo:tiny-bert");
    EXPECT_EQ(runs[1].notes, "first");
    EXPECT_EQ(runs[1].status, RunStatus::Done);
    EXPECT_DOUBLE_EQ(store.metrics(2).at(0).value, 4.25);
    EXPECT_EQ(store.series(1, "latency_ms").size(), 2u);
    EXPECT_EQ(store.traceEventCount(2), 3);
    EXPECT_EQ(store.traceExtent(2), (std::pair<std::int64_t, std::int64_t>{1000, 5001000}));
    EXPECT_EQ(names(store.traceWindow(2, 2300, 2500)), (std::vector<std::string>{"forward", "aten::linear"}));
    EXPECT_EQ(store.traceEvents(2).at(1).shapes, "[[8,128,768],[768,768]]");
    RunFilter f;
    f.toggles["optimizations.quantization"] = "dynamic-int8";
    EXPECT_EQ(store.runs(f).size(), 1u);
    // New runs go in after the old ones.
    const auto id = store.beginRun("new", 1, "{}", "{}");
    EXPECT_EQ(id, 3);
}
