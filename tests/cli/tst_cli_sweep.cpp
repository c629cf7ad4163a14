// optibench-cli sweep: the cartesian product of a grid over a spec, each combination a stored run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli_fixture.h"

using namespace optibench::test;
using nlohmann::json;

namespace {

class CliSweep : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = makeTempDir(std::string("sweep-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string db() const { return (m_dir / "runs.sqlite").string(); }
    std::filesystem::path m_dir;
};

} // namespace

TEST_F(CliSweep, TwoByTwoGridGivesFourDoneRunsWithTheirToggles)
{
    const auto spec = writeJson(m_dir / "spec.json", tinySpec("grid"));
    const auto r =
        run({kCli, "sweep", spec, "--grid", "quantization=none,dynamic-int8;padding=fixed,bucketed", "--db", db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto ids = lines(r.out);
    ASSERT_EQ(ids.size(), 4u) << r.out;
    EXPECT_TRUE(r.err.empty()) << "no progress on stderr when it is not a terminal: " << r.err;

    // The first axis varies slowest.
    const std::vector<std::pair<std::string, std::string>> expected{{"none", "fixed"},
                                                                    {"none", "bucketed"},
                                                                    {"dynamic-int8", "fixed"},
                                                                    {"dynamic-int8", "bucketed"}};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto s = run({kCli, "show", ids[i], "--db", db(), "--json"});
        ASSERT_EQ(s.exitCode, 0) << s.err;
        const auto j = json::parse(s.out);
        EXPECT_EQ(j["status"], "done") << j["error"];
        EXPECT_EQ(j["spec"]["optimizations"]["quantization"], expected[i].first);
        EXPECT_EQ(j["spec"]["optimizations"]["padding"], expected[i].second);
        EXPECT_EQ(j["spec"]["task"]["batch_size"], 4); // the base spec is kept
        EXPECT_EQ(j["name"], "grid (quantization=" + expected[i].first + " padding=" + expected[i].second + ")");
    }
}

TEST_F(CliSweep, ValuesParseAsJsonAndLongPathsWork)
{
    const auto spec = writeJson(m_dir / "spec.json", tinySpec("json values"));
    const auto r =
        run({kCli, "sweep", spec, "--grid", "batch_size=2,3;optimizations.precision=fp32", "--db", db(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto out = json::parse(r.out);
    ASSERT_EQ(out.size(), 2u);
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(out[i]["status"], "done");
        const auto s = json::parse(
            run({kCli, "show", std::to_string(out[i]["run_id"].get<long long>()), "--db", db(), "--json"}).out);
        EXPECT_EQ(s["spec"]["task"]["batch_size"], 2 + i); // a number, not the string "2"
    }
    EXPECT_EQ(out[1]["label"], "batch_size=3 optimizations.precision=fp32");
}

TEST_F(CliSweep, InvalidCombinationsAreReportedBeforeAnythingRuns)
{
    const auto spec = writeJson(m_dir / "spec.json", tinySpec());
    // --strict: one bad value, nothing runs.
    auto r = run({kCli, "sweep", spec, "--grid", "padding=fixed,sideways", "--db", db(), "--strict"});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("[2/2] padding=sideways"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("optimizations.padding"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(json::parse(run({kCli, "list", "--db", db(), "--json"}).out).size(), 0u);

    // Without --strict the valid one runs; the exit code still says something was skipped.
    r = run({kCli, "sweep", spec, "--grid", "padding=fixed,sideways", "--db", db()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_EQ(lines(r.out).size(), 1u) << r.out;
    EXPECT_NE(r.err.find("skipped"), std::string::npos) << r.err;
    const auto list = json::parse(run({kCli, "list", "--db", db(), "--json"}).out);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["status"], "done");
}

TEST_F(CliSweep, GridErrorsAreOneLine)
{
    const auto spec = writeJson(m_dir / "spec.json", tinySpec());
    for (const auto &[grid, needle] :
         std::vector<std::pair<std::string, std::string>>{{"colour=red", "colour"},
                                                          {"iterations=1,2", "profiling.iterations or task.iterations"},
                                                          {"padding", "KEY=VALUE"},
                                                          {"padding=fixed,", "empty value"}}) {
        const auto r = run({kCli, "sweep", spec, "--grid", grid, "--db", db()});
        EXPECT_NE(r.exitCode, 0) << grid;
        EXPECT_NE(r.err.find(needle), std::string::npos) << grid << ": " << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(db())) << "no store is created for a bad grid";
}
