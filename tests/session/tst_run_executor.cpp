// RunExecutor against the real engine and a real SQLite file.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/session/run_executor.h"

using namespace optibench;

namespace {

class RunExecutorTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path()
            / ("optibench-session-" + std::to_string(::getpid()) + "-"
               + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    static core::ExperimentSpec smallDemoSpec()
    {
        core::ExperimentSpec spec;
        spec.name = "session test";
        spec.task.batchSize = 4;
        spec.task.maxLength = 64;
        spec.task.warmup = 1;
        spec.task.iterations = 3;
        spec.threads = 1;
        return spec;
    }

    std::string dbPath() const { return (m_dir / "runs.sqlite").string(); }

    std::filesystem::path m_dir;
};

double metric(const std::vector<core::Metric> &metrics, const std::string &key)
{
    for (const auto &m : metrics)
        if (m.key == key)
            return m.value;
    ADD_FAILURE() << "metric " << key << " missing";
    return -1;
}

} // namespace

TEST_F(RunExecutorTest, DemoRunIsStoredWithLatencyMetrics)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    std::int64_t startedId = 0;
    int progressEvents = 0;
    session::RunCallbacks callbacks;
    callbacks.started = [&](std::int64_t id) {
        startedId = id;
        // The row exists, as `running`, before the engine starts.
        core::Store reader(dbPath());
        const auto run = reader.run(id);
        ASSERT_TRUE(run.has_value());
        EXPECT_EQ(run->status, core::RunStatus::Running);
    };
    callbacks.progress = [&](const std::string &, std::int64_t, std::int64_t, const std::string &) {
        ++progressEvents;
    };

    const auto outcome = executor.execute(smallDemoSpec(), callbacks);
    ASSERT_EQ(outcome.status, core::RunStatus::Done) << outcome.error;
    EXPECT_EQ(outcome.runId, startedId);
    EXPECT_GT(progressEvents, 3);

    const auto run = store.run(outcome.runId);
    ASSERT_TRUE(run.has_value());
    EXPECT_EQ(run->status, core::RunStatus::Done);
    EXPECT_GT(run->finishedAtMs, 0);
    EXPECT_NE(run->modelId, 0);
    EXPECT_EQ(run->modelSource, "demo:tiny-bert");
    // The stored spec has every default filled and parses back to what ran.
    const auto stored = core::parseSpecText(run->specJson);
    EXPECT_EQ(stored.task.iterations, 3);
    EXPECT_NE(run->environmentJson.find("libtorch"), std::string::npos);

    const auto metrics = store.metrics(outcome.runId);
    const double p50 = metric(metrics, "latency_p50_ms");
    const double p90 = metric(metrics, "latency_p90_ms");
    const double p99 = metric(metrics, "latency_p99_ms");
    EXPECT_GT(p50, 0);
    EXPECT_LE(p50, p90);
    EXPECT_LE(p90, p99);
    EXPECT_GT(metric(metrics, "throughput_seq_s"), 0);
    EXPECT_GT(metric(metrics, "throughput_tokens_s"), 0);
    const auto timed = store.series(outcome.runId, "latency_ms").size();
    EXPECT_GE(timed, 3u);
    EXPECT_EQ(static_cast<double>(timed), metric(metrics, "timed_iterations"));
    EXPECT_EQ(store.series(outcome.runId, "block_seconds").size(), 5u);
}

TEST_F(RunExecutorTest, MissingModelFailsWithMessageNamingThePath)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto spec = smallDemoSpec();
    spec.model.path = (m_dir / "no-such-model").string();
    const auto outcome = executor.execute(spec);
    EXPECT_EQ(outcome.status, core::RunStatus::Failed);
    EXPECT_NE(outcome.error.find("no-such-model"), std::string::npos) << outcome.error;
    const auto run = store.run(outcome.runId);
    ASSERT_TRUE(run.has_value());
    EXPECT_EQ(run->status, core::RunStatus::Failed);
    EXPECT_EQ(run->error, outcome.error);
}

TEST_F(RunExecutorTest, CancelFromAnotherThreadEndsAsCancelled)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto spec = smallDemoSpec();
    spec.task.iterations = 100000; // far longer than the test waits
    session::RunCallbacks callbacks;
    callbacks.progress = [&](const std::string &stage, std::int64_t done, std::int64_t, const std::string &) {
        if (stage == "timing" && done >= 2)
            executor.cancel();
    };
    const auto outcome = executor.execute(spec, callbacks);
    EXPECT_EQ(outcome.status, core::RunStatus::Cancelled);
    EXPECT_EQ(store.run(outcome.runId)->status, core::RunStatus::Cancelled);
    // A cancelled run stores no partial results.
    EXPECT_TRUE(store.metrics(outcome.runId).empty());
}

TEST_F(RunExecutorTest, InvalidCombinationIsRefusedAndStoredAsFailed)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto spec = smallDemoSpec();
    spec.profiling.kernels = true; // needs a CUDA device
    const auto outcome = executor.execute(spec);
    EXPECT_EQ(outcome.status, core::RunStatus::Failed);
    EXPECT_NE(outcome.error.find("profiling.kernels"), std::string::npos) << outcome.error;
}

TEST_F(RunExecutorTest, TracedRunStoresOpsNestedUnderLayerRanges)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto spec = smallDemoSpec();
    spec.profiling.ops = true;
    spec.profiling.iterations = 2;
    const auto outcome = executor.execute(spec);
    ASSERT_EQ(outcome.status, core::RunStatus::Done) << outcome.error;

    const auto events = store.traceEvents(outcome.runId);
    ASSERT_FALSE(events.empty());
    int layerRanges = 0, opsUnderLayers = 0, linearOps = 0;
    for (const auto &e : events) {
        // The matrix products show up as ops whether they run through ATen or oneDNN directly.
        if (e.kind == core::TraceKind::Op && e.name.find("linear") != std::string::npos)
            ++linearOps;
        if (e.kind == core::TraceKind::Range && e.name == "encoder.layer.0")
            ++layerRanges;
        if (e.kind != core::TraceKind::Op || e.parent < 0)
            continue;
        // Walk up to the outermost enclosing range: an op inside a layer has one.
        std::int64_t p = e.parent;
        while (p >= 0 && events[static_cast<size_t>(p)].parent >= 0)
            p = events[static_cast<size_t>(p)].parent;
        ASSERT_GE(p, 0);
        const auto &outer = events[static_cast<size_t>(p)];
        EXPECT_LE(outer.startNs, e.startNs);
        EXPECT_GE(outer.startNs + outer.durationNs, e.startNs + e.durationNs);
        if (outer.name.rfind("encoder.layer.", 0) == 0)
            ++opsUnderLayers;
    }
    EXPECT_EQ(layerRanges, 2); // one per traced iteration
    EXPECT_GT(opsUnderLayers, 10);
    EXPECT_GE(linearOps, 2 * 4 * 6); // 2 iterations x 4 layers x (q, k, v, out, ffn in, ffn out)

    const auto metrics = store.metrics(outcome.runId);
    EXPECT_EQ(metric(metrics, "dropped_records"), 0.0);
    EXPECT_GT(metric(metrics, "traced_ops"), 10.0);
    metric(metrics, "tracing_overhead"); // present
}
