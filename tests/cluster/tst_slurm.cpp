// Sweeps as Slurm job arrays, through a real single-node cluster on loopback (munged,
// slurmctld, slurmd) that the test starts and stops itself: submit, wait, import once,
// a task cancelled mid-run, resubmission of exactly the missing point, a failed point.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

#include "../cli/cli_fixture.h"
#include "loopback_slurm.h"

using namespace optibench::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

LoopbackSlurm *g_cluster = nullptr;

class ClusterEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        g_cluster = new LoopbackSlurm(OPTIBENCH_TEST_CLUSTER_DIR);
        if (!g_cluster->start())
            std::cerr << "loopback Slurm: " << g_cluster->why() << '\n';
    }
    void TearDown() override
    {
        delete g_cluster; // stops every daemon by its pid
        g_cluster = nullptr;
    }
};

const auto *const g_environment = ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);

class Slurm : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!g_cluster || !g_cluster->why().empty())
            GTEST_SKIP() << "no loopback Slurm cluster: " << (g_cluster ? g_cluster->why() : "not started");
        m_dir = makeTempDir(std::string("slurm-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    void TearDown() override
    {
        if (!HasFailure())
            fs::remove_all(m_dir);
    }
    std::string db() const { return (m_dir / "runs.sqlite").string(); }
    std::string out() const { return (m_dir / "sweep").string(); }

    Result sweep(const json &spec, const std::string &grid, std::vector<std::string> extra)
    {
        std::vector<std::string> argv{kCli,     "sweep", writeJson(m_dir / "spec.json", spec),
                                      "--grid", grid,    "--slurm",
                                      "--out",  out(),   "--db",
                                      db()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return run(argv);
    }
    json status()
    {
        const auto r = run({kCli, "sweep-status", out(), "--json"});
        return json::parse(r.out, nullptr, false);
    }
    static std::string stateOf(const json &points, std::size_t i) { return points.at(i).at("state"); }

    fs::path m_dir;
};

// Polls until `done` holds or the time is up.
template<typename F>
bool eventually(F done, int seconds)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return done();
}

} // namespace

TEST_F(Slurm, AFourPointSweepRunsAsOneArrayAndImportsEachRunOnce)
{
    const auto started = std::chrono::steady_clock::now();
    const auto r = sweep(tinySpec("array"), "quantization=none,dynamic-int8;padding=fixed,bucketed", {"--wait"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("submitted job"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("4 of 4 point(s) (array 0-3)"), std::string::npos) << r.err;
    const auto ids = lines(r.out);
    EXPECT_EQ(ids.size(), 4u) << r.out;
    std::cout << "4-point sweep through Slurm, --wait and import: "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";

    // Each run came from a task on the node, with its environment and its grid point.
    std::set<std::string> points;
    for (const auto &id : ids) {
        const auto show = run({kCli, "show", id, "--db", db(), "--json"});
        ASSERT_EQ(show.exitCode, 0) << show.err;
        const auto j = json::parse(show.out);
        EXPECT_EQ(j["status"], "done") << j["error"];
        EXPECT_FALSE(j["environment"].value("cpu", std::string()).empty()) << "the node's fingerprint came along";
        points.insert(j["spec"]["optimizations"]["quantization"].get<std::string>() + "/"
                      + j["spec"]["optimizations"]["padding"].get<std::string>());
    }
    EXPECT_EQ(points.size(), 4u);

    // A second import adds nothing; so does resubmitting a finished sweep.
    const auto again = run({kCli, "import", out(), "--db", db()});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_TRUE(again.out.empty()) << again.out;
    EXPECT_NE(again.err.find("imported 0 run(s); 4 already"), std::string::npos) << again.err;
    const auto resubmit = sweep(tinySpec("array"), "quantization=none,dynamic-int8;padding=fixed,bucketed", {});
    EXPECT_EQ(resubmit.exitCode, 0) << resubmit.err;
    EXPECT_NE(resubmit.err.find("no point to submit"), std::string::npos) << resubmit.err;
    const auto listed = run({kCli, "list", "--db", db()});
    EXPECT_EQ(lines(listed.out).size(), 5u) << listed.out; // a header and four runs
}

TEST_F(Slurm, ACancelledTaskLeavesItsPointMissingAndResubmittingFillsExactlyThatPoint)
{
    json spec = tinySpec("cancel");
    spec["task"]["iterations"] = 400; // a few seconds a point, time to cancel one mid-run
    const std::string grid = "batch_size=2,3,4";
    const auto submitted = sweep(spec, grid, {"--parallel", "1"});
    ASSERT_EQ(submitted.exitCode, 0) << submitted.err;
    const auto job = submitted.err.substr(submitted.err.find("job ") + 4);
    const std::string jobId = job.substr(0, job.find(':'));

    // Point 1 runs (its task has written its marker): cancel the task.
    ASSERT_TRUE(eventually(
        [&] {
            const auto s = status();
            return stateOf(s, 1) == "running" && s.at(1).value("detail", std::string()).find("job") == 0;
        },
        120))
        << status().dump(2);
    const auto cancel = run({which("scancel"), jobId + "_1"});
    ASSERT_EQ(cancel.exitCode, 0) << cancel.out << cancel.err;
    ASSERT_TRUE(eventually(
        [&] {
            const auto s = status();
            return stateOf(s, 0) == "done" && stateOf(s, 2) == "done" && stateOf(s, 1) == "missing";
        },
        180))
        << status().dump(2);
    const auto shown = run({kCli, "sweep-status", out()});
    EXPECT_EQ(shown.exitCode, 1);
    EXPECT_NE(shown.out.find("2 done, 0 failed, 0 running, 0 pending, 1 missing"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("ended without a result"), std::string::npos) << shown.out;
    std::cout << "after scancel:\n" << shown.out;

    // The same command again submits point 1 alone.
    const auto resumed = sweep(spec, grid, {"--wait"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.out << resumed.err;
    EXPECT_NE(resumed.err.find("1 of 3 point(s) (array 1)"), std::string::npos) << resumed.err;
    EXPECT_EQ(lines(resumed.out).size(), 3u) << "the three points' runs land in the store";
    const auto points = status();
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(stateOf(points, i), "done") << points.dump(2);
}

TEST_F(Slurm, AFailedPointShowsItsMessageAndTheOthersLand)
{
    json spec = tinySpec("failing");
    const auto missing = (m_dir / "no-such-model").string();
    const auto r = sweep(spec, "model.path=demo:tiny-bert," + missing, {"--wait"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_EQ(lines(r.out).size(), 1u) << "the good point's run is imported: " << r.out;
    const auto shown = run({kCli, "sweep-status", out()});
    EXPECT_EQ(shown.exitCode, 1);
    EXPECT_NE(shown.out.find("1 done, 1 failed"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find(missing), std::string::npos) << "the failure names the model: " << shown.out;
    std::cout << "sweep-status with a failed point:\n" << shown.out;
}
