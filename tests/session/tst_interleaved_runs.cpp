// RunExecutor::executeInterleaved against the real engine and a real SQLite file.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/run_statistics.h"
#include "app/core/spec.h"
#include "app/core/store.h"
#include "app/session/run_executor.h"

using namespace optibench;

namespace {

class InterleavedRunsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path()
            / ("optibench-interleave-" + std::to_string(::getpid()) + "-"
               + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    static core::ExperimentSpec smallDemoSpec(const std::string &name)
    {
        core::ExperimentSpec spec;
        spec.name = name;
        spec.task.batchSize = 4;
        spec.task.maxLength = 32;
        spec.task.warmup = 1;
        spec.task.iterations = 2;
        spec.task.blocks = 3;
        spec.task.minBlockMs = 0;
        spec.threads = 1;
        return spec;
    }

    std::string dbPath() const { return (m_dir / "runs.sqlite").string(); }

    std::filesystem::path m_dir;
};

// Records which run timed which block, in the order the blocks started.
struct BlockOrder {
    std::vector<std::pair<std::size_t, std::string>> started; // (spec index, "block k of N")

    std::vector<session::RunCallbacks> callbacks(std::size_t runs)
    {
        std::vector<session::RunCallbacks> out(runs);
        for (std::size_t i = 0; i < runs; ++i)
            out[i].progress = [this, i](const std::string &stage, std::int64_t, std::int64_t,
                                        const std::string &message) {
                if (stage != "timing" || message.empty())
                    return;
                if (started.empty() || started.back() != std::make_pair(i, message))
                    started.emplace_back(i, message);
            };
        return out;
    }
};

bool hasMetric(const core::Store &store, std::int64_t runId, const std::string &key)
{
    for (const auto &m : store.metrics(runId))
        if (m.key == key)
            return true;
    return false;
}

} // namespace

TEST_F(InterleavedRunsTest, BlocksAlternateAbbaAndTheFirstIsTheBaseline)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto b = smallDemoSpec("b");
    b.optimizations.padding = options::Padding::Fixed;
    BlockOrder order;
    const auto outcomes = executor.executeInterleaved({smallDemoSpec("a"), b}, order.callbacks(2));
    ASSERT_EQ(outcomes.size(), 2u);
    for (const auto &o : outcomes)
        ASSERT_EQ(o.status, core::RunStatus::Done) << o.error;

    // Round 1 in order, round 2 reversed, round 3 in order again.
    const std::vector<std::pair<std::size_t, std::string>> expected{{0, "block 1 of 3"}, {1, "block 1 of 3"},
                                                                    {1, "block 2 of 3"}, {0, "block 2 of 3"},
                                                                    {0, "block 3 of 3"}, {1, "block 3 of 3"}};
    EXPECT_EQ(order.started, expected);

    const std::vector<std::int64_t> ids{outcomes[0].runId, outcomes[1].runId};
    EXPECT_EQ(store.run(ids[1])->baselineRunId, ids[0]);
    EXPECT_FALSE(store.run(ids[0])->baselineRunId.has_value());
    for (std::size_t i = 0; i < 2; ++i) {
        const auto env = nlohmann::json::parse(store.run(ids[i])->environmentJson);
        EXPECT_EQ(env["interleave"]["runs"].get<std::vector<std::int64_t>>(), ids);
        EXPECT_EQ(env["interleave"]["position"].get<std::size_t>(), i);
        EXPECT_EQ(core::runBlocks(store.series(ids[i])).count(), 3u);
        // Both models were resident during the blocks: the process's peak is not one run's.
        EXPECT_FALSE(hasMetric(store, ids[i], "peak_memory_bytes"));
        EXPECT_TRUE(hasMetric(store, ids[i], "latency_mean_ms"));
    }
    EXPECT_TRUE(core::runFigures(store, ids[1]).pairedWith(core::runFigures(store, ids[0])));
}

TEST_F(InterleavedRunsTest, ARunThatFailsToLoadLeavesTheOthersRunning)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto broken = smallDemoSpec("broken");
    broken.model.path = (m_dir / "no-such-model").string();
    const auto outcomes = executor.executeInterleaved({smallDemoSpec("a"), broken, smallDemoSpec("c")});
    EXPECT_EQ(outcomes[0].status, core::RunStatus::Done) << outcomes[0].error;
    EXPECT_EQ(outcomes[1].status, core::RunStatus::Failed);
    EXPECT_NE(outcomes[1].error.find("no-such-model"), std::string::npos) << outcomes[1].error;
    EXPECT_EQ(store.run(outcomes[1].runId)->status, core::RunStatus::Failed);
    EXPECT_EQ(outcomes[2].status, core::RunStatus::Done) << outcomes[2].error;
}

TEST_F(InterleavedRunsTest, TrainingSpecsAreRefusedByName)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto training = smallDemoSpec("training");
    training.task.mode = options::Mode::Training;
    training.task.steps = 2;
    const auto outcomes = executor.executeInterleaved({smallDemoSpec("a"), training});
    EXPECT_EQ(outcomes[0].status, core::RunStatus::Done) << outcomes[0].error;
    EXPECT_EQ(outcomes[1].status, core::RunStatus::Failed);
    EXPECT_NE(outcomes[1].error.find("task.mode"), std::string::npos) << outcomes[1].error;
}

TEST_F(InterleavedRunsTest, GenerationRunsInterleaveOneGenerationABlock)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto generation = [](const std::string &name) {
        core::ExperimentSpec spec;
        spec.name = name;
        spec.model.path = "demo:tiny-llama";
        spec.task.mode = options::Mode::Generation;
        spec.task.batchSize = 1;
        spec.task.warmup = 1;
        spec.task.blocks = 3;
        spec.task.generation.promptLength = 8;
        spec.task.generation.newTokens = 6;
        spec.threads = 1;
        return spec;
    };
    auto int4 = generation("int4");
    int4.optimizations.quantization = options::Quantization::WeightInt4G32;
    BlockOrder order;
    const auto outcomes = executor.executeInterleaved({generation("fp32"), int4}, order.callbacks(2));
    for (const auto &o : outcomes)
        ASSERT_EQ(o.status, core::RunStatus::Done) << o.error;
    const std::vector<std::pair<std::size_t, std::string>> expected{{0, "generation 1 of 3"}, {1, "generation 1 of 3"},
                                                                    {1, "generation 2 of 3"}, {0, "generation 2 of 3"},
                                                                    {0, "generation 3 of 3"}, {1, "generation 3 of 3"}};
    EXPECT_EQ(order.started, expected);
    const std::vector<std::int64_t> ids{outcomes[0].runId, outcomes[1].runId};
    EXPECT_EQ(store.run(ids[1])->baselineRunId, ids[0]);
    for (auto id : ids) {
        EXPECT_EQ(core::runBlocks(store.series(id)).count(), 3u);
        EXPECT_TRUE(hasMetric(store, id, "ttft_mean_ms"));
        EXPECT_TRUE(hasMetric(store, id, "bandwidth_fraction"));
        EXPECT_FALSE(hasMetric(store, id, "peak_memory_bytes"));
    }
    EXPECT_TRUE(hasMetric(store, ids[1], "greedy_agreement"));
    EXPECT_TRUE(core::runFigures(store, ids[1]).pairedWith(core::runFigures(store, ids[0])));
}

TEST_F(InterleavedRunsTest, ARunOfAnotherModeThanTheBaselineIsRefused)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto generation = smallDemoSpec("generation");
    generation.model.path = "demo:tiny-llama";
    generation.task.mode = options::Mode::Generation;
    const auto outcomes = executor.executeInterleaved({smallDemoSpec("a"), generation});
    EXPECT_EQ(outcomes[0].status, core::RunStatus::Done) << outcomes[0].error;
    EXPECT_EQ(outcomes[1].status, core::RunStatus::Failed);
    EXPECT_NE(outcomes[1].error.find("does not interleave with the baseline's inference run"), std::string::npos)
        << outcomes[1].error;
}

TEST_F(InterleavedRunsTest, CancellingCancelsEveryRun)
{
    core::Store store(dbPath());
    session::RunExecutor executor(store);
    auto a = smallDemoSpec("a"), b = smallDemoSpec("b");
    a.task.blocks = b.task.blocks = 50;
    std::vector<session::RunCallbacks> callbacks(2);
    callbacks[1].progress = [&](const std::string &stage, std::int64_t done, std::int64_t, const std::string &) {
        if (stage == "timing" && done >= 4)
            executor.cancel();
    };
    const auto outcomes = executor.executeInterleaved({a, b}, callbacks);
    for (const auto &o : outcomes) {
        EXPECT_EQ(o.status, core::RunStatus::Cancelled) << o.error;
        EXPECT_TRUE(store.metrics(o.runId).empty());
    }
}
