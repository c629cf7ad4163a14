// optibench-cli as a user and the GUI meet it: the real binary, a real SQLite file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "options/values.h"
#include "subprocess.h"

using nlohmann::json;
using optibench::test::Child;
using optibench::test::run;

namespace {

const std::string kCli = OPTIBENCH_CLI;

class CliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path()
            / ("optibench-cli-" + std::to_string(::getpid()) + "-"
               + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::string db() const { return (m_dir / "runs.sqlite").string(); }

    std::string writeSpec(const std::string &name, const json &spec) const
    {
        const auto path = (m_dir / name).string();
        std::ofstream(path) << spec.dump(2);
        return path;
    }

    static json smallSpec()
    {
        return {{"name", "cli test"},
                {"task", {{"batch_size", 4}, {"max_length", 64}, {"warmup", 1}, {"iterations", 3}}},
                {"threads", 1}};
    }

    std::filesystem::path m_dir;
};

} // namespace

TEST_F(CliTest, VersionAndHelp)
{
    const auto v = run({kCli, "--version"});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_NE(v.out.find("optibench-cli"), std::string::npos);
    const auto h = run({kCli, "--help"});
    EXPECT_EQ(h.exitCode, 0);
    for (const char *verb : {"run", "list", "show", "worker", "spec"})
        EXPECT_NE(h.out.find(verb), std::string::npos) << verb;
}

TEST_F(CliTest, RunStoresADoneRunThatShowPrintsAsJson)
{
    const auto spec = writeSpec("spec.json", smallSpec());
    const auto r = run({kCli, "run", spec, "--db", db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string id = r.out.substr(0, r.out.find('\n'));
    ASSERT_FALSE(id.empty());

    const auto s = run({kCli, "show", id, "--db", db(), "--json"});
    ASSERT_EQ(s.exitCode, 0) << s.err;
    const auto j = json::parse(s.out);
    EXPECT_EQ(j["status"], "done");
    EXPECT_EQ(j["spec"]["task"]["iterations"], 3);
    for (const char *key : {"latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "throughput_tokens_s"})
        EXPECT_GT(j["metrics"][key]["value"].get<double>(), 0.0) << key;
    EXPECT_EQ(static_cast<double>(j["series"]["latency_ms"].size()), j["metrics"]["timed_iterations"]["value"]);
    EXPECT_EQ(j["spec"]["task"]["blocks"], 5);

    const auto l = run({kCli, "list", "--db", db(), "--json"});
    ASSERT_EQ(l.exitCode, 0) << l.err;
    EXPECT_EQ(json::parse(l.out).size(), 1u);
}

// `run A B --interleave`: two runs in one process, the second against the first, compared
// round by round.
TEST_F(CliTest, InterleavedRunsAreComparedRoundByRound)
{
    const auto a = writeSpec("a.json", smallSpec());
    auto fixed = smallSpec();
    fixed["optimizations"]["padding"] = "fixed";
    const auto b = writeSpec("b.json", fixed);
    const auto r = run({kCli, "run", a, b, "--interleave", "--db", db(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto runs = json::parse(r.out);
    ASSERT_EQ(runs.size(), 2u);
    const std::string first = std::to_string(runs[0]["run_id"].get<int>());
    const std::string second = std::to_string(runs[1]["run_id"].get<int>());

    const auto shown = json::parse(run({kCli, "show", second, "--db", db(), "--json"}).out);
    EXPECT_EQ(std::to_string(shown["baseline_run_id"].get<int>()), first) << "the first spec is the baseline";
    const auto c = json::parse(run({kCli, "compare", first, second, "--db", db(), "--json"}).out);
    EXPECT_TRUE(c["runs"][1]["paired_with_baseline"].get<bool>()) << c["runs"].dump();
    EXPECT_TRUE(c["environment_differences"].empty()) << c["environment_differences"].dump();
    const auto text = run({kCli, "compare", first, second, "--db", db()}).out;
    EXPECT_NE(text.find("interleaved with the baseline"), std::string::npos) << text;

    const auto one = run({kCli, "run", a, "--interleave", "--db", db()});
    EXPECT_NE(one.exitCode, 0);
    EXPECT_NE(one.err.find("--interleave needs two or more specs"), std::string::npos) << one.err;
}

TEST_F(CliTest, ErrorsAreOneLineOnStderrWithNonZeroExit)
{
    // A spec with a wrong value names the file and the field.
    auto bad = smallSpec();
    bad["optimizations"] = {{"padding", "sideways"}};
    const auto badSpec = writeSpec("bad.json", bad);
    auto r = run({kCli, "run", badSpec, "--db", db()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("optimizations.padding"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

    // A run whose model is missing is stored as failed and reported.
    auto missing = smallSpec();
    missing["model"] = {{"path", (m_dir / "nowhere").string()}};
    r = run({kCli, "run", writeSpec("missing.json", missing), "--db", db()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("nowhere"), std::string::npos) << r.err;

    r = run({kCli, "show", "4242", "--db", db()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("4242"), std::string::npos) << r.err;

    // Not a database.
    const auto junk = (m_dir / "junk.sqlite").string();
    std::ofstream(junk) << std::string(4096, 'x');
    r = run({kCli, "list", "--db", junk});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("junk.sqlite"), std::string::npos) << r.err;
}

TEST_F(CliTest, SpecTemplateRunsAsItIs)
{
    const auto t = run({kCli, "spec", "--template"});
    ASSERT_EQ(t.exitCode, 0);
    const auto path = (m_dir / "template.json").string();
    std::ofstream(path) << t.out;
    const auto c = run({kCli, "spec", "--check", path});
    ASSERT_EQ(c.exitCode, 0) << c.err;
    EXPECT_EQ(json::parse(c.out)["model"]["path"], "demo:tiny-bert");
}

// The template's comments list each option's values ("fp32 | tf32 | ..."): the table's, in its
// order (options/values.h), with the template's explanations in parentheses left out.
TEST_F(CliTest, SpecTemplateListsTheTablesValues)
{
    const std::string t = run({kCli, "spec", "--template"}).out;
    auto listed = [&t](const std::string &key) {
        const auto at = t.find("\"" + key + "\":");
        const auto from = t.find("// ", at) + 3;
        std::string comment = t.substr(from, t.find('\n', at) - from), plain;
        int depth = 0;
        for (char c : comment) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && c != ')')
                plain += c;
        }
        std::string out; // the plain words up to ": ", single-spaced
        for (char c : plain.substr(0, plain.find(": ")))
            if (c != ' ' || (!out.empty() && out.back() != ' '))
                out += c;
        return out.substr(0, out.find_last_not_of(' ') + 1);
    };
    auto bars = [](const std::vector<std::string> &names) {
        std::string out;
        for (const auto &n : names)
            out += (out.empty() ? "" : " | ") + n;
        return out;
    };
    using namespace optibench::options;
    EXPECT_EQ(listed("mode"), bars(names<Mode>()));
    EXPECT_EQ(listed("split"), bars(names<Split>()));
    EXPECT_EQ(listed("precision"), bars(names<Precision>()));
    EXPECT_EQ(listed("quantization"), bars(names<Quantization>()));
    EXPECT_EQ(listed("method"), bars(names<PruningMethod>()));
    EXPECT_EQ(listed("scope"), bars(names<PruningScope>()));
    EXPECT_EQ(listed("padding"), bars(names<Padding>()));
}

TEST_F(CliTest, WorkerSpeaksTheProtocol)
{
    Child worker({kCli, "worker"});
    const auto hello = json::parse(worker.readLine());
    EXPECT_EQ(hello["type"], "hello");
    EXPECT_EQ(hello["protocol"], 1);

    json request = {{"type", "run"}, {"request", "r1"}, {"db", db()}, {"spec", smallSpec()}};
    worker.write(request.dump() + "\n");
    bool sawStarted = false, sawProgress = false;
    json finished;
    for (int i = 0; i < 10000; ++i) {
        const std::string line = worker.readLine();
        ASSERT_FALSE(line.empty()) << "worker stopped talking";
        const auto event = json::parse(line);
        EXPECT_EQ(event["request"], "r1");
        if (event["type"] == "started")
            sawStarted = true;
        else if (event["type"] == "progress")
            sawProgress = true;
        else if (event["type"] == "finished") {
            finished = event;
            break;
        }
    }
    EXPECT_TRUE(sawStarted);
    EXPECT_TRUE(sawProgress);
    EXPECT_EQ(finished["status"], "done") << finished.dump();
    EXPECT_GT(finished["run_id"].get<long long>(), 0);

    worker.write("this is not json\n");
    EXPECT_EQ(json::parse(worker.readLine())["type"], "error");

    worker.write("{\"type\":\"shutdown\"}\n");
    EXPECT_EQ(worker.wait(), 0);
}
