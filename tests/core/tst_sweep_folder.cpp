// The sweep folder a Slurm job array works in, and importing bundles by uuid in one transaction.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "app/core/export.h"
#include "app/core/schema.h"
#include "app/core/store.h"
#include "app/core/sweep_folder.h"
#include "app/core/uuid.h"

using namespace optibench::core;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

class SweepFolderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string tmpl = (fs::temp_directory_path() / "optibench-sweepdir-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        m_dir = tmpl;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    static SweepManifest manifest(int points)
    {
        SweepManifest m{"quantization=none,dynamic-int8", {{"name", "base"}}, {}};
        for (int i = 0; i < points; ++i)
            m.points.push_back({"point " + std::to_string(i), {{"name", "p" + std::to_string(i)}}});
        return m;
    }

    // A one-run bundle from a store of its own.
    json oneRunBundle(const std::string &name)
    {
        Store store((m_dir / (name + ".sqlite")).string());
        const auto id = store.beginRun(name, 0, R"({"name":"x"})", R"({"host":"node-1"})");
        store.finishRun(id, RunStatus::Done, {{{"latency_mean_ms", 10.0, "ms"}}, {}, {}});
        return exportBundle(store, {id});
    }

    fs::path m_dir;
};

} // namespace

TEST(Uuid, IsRandomVersionFour)
{
    const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto u = newUuid();
        EXPECT_TRUE(std::regex_match(u, form)) << u;
        seen.insert(u);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(SweepArray, ConsecutivePointsBecomeRanges)
{
    EXPECT_EQ(arraySpec({0, 1, 2, 3}), "0-3");
    EXPECT_EQ(arraySpec({1}), "1");
    EXPECT_EQ(arraySpec({0, 2, 3, 4, 7, 9, 10}), "0,2-4,7,9-10");
    EXPECT_EQ(arraySpec({}), "");
}

TEST_F(SweepFolderTest, TheManifestIsKeptForTheSameSweepAndRefusedForAnother)
{
    const SweepFolder folder(m_dir / "sweep");
    folder.create(manifest(3));
    EXPECT_EQ(folder.manifest().points.size(), 3u);
    EXPECT_EQ(folder.manifest().points[2].label, "point 2");
    EXPECT_NO_THROW(folder.create(manifest(3))); // a resubmission
    try {
        folder.create(manifest(4));
        FAIL() << "another sweep's points were accepted";
    } catch (const SweepFolderError &e) {
        EXPECT_NE(std::string(e.what()).find("sweep.json"), std::string::npos) << e.what();
    }
    std::ofstream(folder.manifestPath()) << "{\"format\": \"optibench-sweep\", \"version\": 1, \"points\": ";
    EXPECT_THROW(folder.manifest(), SweepFolderError); // truncated
}

TEST_F(SweepFolderTest, StatusTellsDoneFailedQueuedAndMissingPoints)
{
    const SweepFolder folder(m_dir / "sweep");
    const auto m = manifest(5);
    folder.create(m);
    folder.writeBundle(0, oneRunBundle("a"));
    folder.markFailed(1, {{"job", "7_1"}, {"host", "node-2"}, {"error", "failed: no such file /models/x"}});
    folder.markRunning(2, {{"job", "7_2"}, {"host", "node-1"}});
    folder.markRunning(3, {{"job", "7_3"}, {"host", "node-1"}}); // its task is gone from the queue

    const auto points = folder.status(m, {{2, "RUNNING"}, {4, "PENDING"}}, true);
    ASSERT_EQ(points.size(), 5u);
    EXPECT_EQ(points[0].state, PointState::Done);
    EXPECT_EQ(points[1].state, PointState::Failed);
    EXPECT_NE(points[1].detail.find("no such file /models/x"), std::string::npos) << points[1].detail;
    EXPECT_NE(points[1].detail.find("node-2"), std::string::npos);
    EXPECT_EQ(points[2].state, PointState::Running);
    EXPECT_EQ(points[3].state, PointState::Missing);
    EXPECT_NE(points[3].detail.find("without a result"), std::string::npos) << points[3].detail;
    EXPECT_EQ(points[4].state, PointState::Pending);
    EXPECT_EQ(folder.missingPoints(5), (std::vector<std::size_t>{1, 2, 3, 4}));

    // Without the queue, a marker is taken at its word.
    EXPECT_EQ(folder.status(m, {}, false)[3].state, PointState::Running);
    // Success clears the failure and the marker.
    folder.writeBundle(1, oneRunBundle("b"));
    EXPECT_FALSE(fs::exists(folder.failurePath(1)));
    EXPECT_EQ(folder.status(m, {}, true)[1].state, PointState::Done);
}

TEST_F(SweepFolderTest, ImportingTheFolderTwiceAddsEachRunOnce)
{
    const SweepFolder folder(m_dir / "sweep");
    folder.create(manifest(3));
    for (std::size_t i = 0; i < 3; ++i)
        folder.writeBundle(i, oneRunBundle("r" + std::to_string(i)));
    // A temporary file a task is still writing is not a bundle.
    std::ofstream(folder.bundlePath(0).parent_path() / ".point-0009.json.tmp.1") << "{\"format\":";

    Store store((m_dir / "runs.sqlite").string());
    const auto first = importFolder(store, folder.dir());
    EXPECT_EQ(first.added.size(), 3u);
    EXPECT_EQ(first.alreadyStored, 0u);
    const auto second = importFolder(store, folder.dir());
    EXPECT_TRUE(second.added.empty());
    EXPECT_EQ(second.alreadyStored, 3u);
    EXPECT_EQ(store.runs().size(), 3u);
    EXPECT_EQ(nlohmann::json::parse(store.run(first.added[0])->environmentJson)["host"], "node-1");
}

TEST_F(SweepFolderTest, ABadBundleLeavesTheStoreAsItWas)
{
    Store store((m_dir / "runs.sqlite").string());
    json broken = oneRunBundle("c");
    broken["runs"][0]["metrics"][0].erase("value");
    try {
        importBundles(store, {{"good.json", oneRunBundle("a")}, {"broken.json", broken}});
        FAIL() << "a broken bundle was imported";
    } catch (const BundleError &e) {
        EXPECT_NE(std::string(e.what()).find("broken.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("runs[0].metrics[0]"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(store.runs().empty());

    // An import inside a transaction that fails later is undone with it.
    store.inTransaction([&] { importBundles(store, {{"d.json", oneRunBundle("d")}}); });
    EXPECT_EQ(store.runs().size(), 1u);
    EXPECT_THROW(store.inTransaction([&] {
        importBundles(store, {{"e.json", oneRunBundle("e")}});
        throw StoreError("stop");
    }),
                 StoreError);
    EXPECT_EQ(store.runs().size(), 1u) << "the rolled-back import left a run";
}

TEST_F(SweepFolderTest, AStoreOfVersionFourGetsUuidsForItsRuns)
{
    const auto path = (m_dir / "old.sqlite").string();
    {
        Store store(path);
        store.beginRun("a", 0, "{}", "{}");
        store.beginRun("b", 0, "{}", "{}");
        // Back to version 4: no uuid column.
        ASSERT_EQ(sqlite3_exec(store.handle(),
                               "DROP INDEX runs_uuid; ALTER TABLE runs DROP COLUMN uuid; PRAGMA user_version = 4",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    Store store(path);
    EXPECT_EQ(store.schemaVersion(), schema::kVersion);
    const auto runs = store.runs();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].uuid.size(), 36u);
    EXPECT_NE(runs[0].uuid, runs[1].uuid);
    EXPECT_EQ(store.runIdByUuid(runs[1].uuid), runs[1].id);
}
