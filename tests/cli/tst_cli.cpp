// optibench-cli as a user and the GUI meet it: the real binary, a real SQLite file.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
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

// A run request with interleave_with: each run has its own started, progress and finished, the
// stored runs are one interleaved group with the request's own spec as baseline; a cancel of a
// queued group's second run cancels the whole group.
TEST_F(CliTest, WorkerRunsAnInterleavedRequest)
{
    Child worker({kCli, "worker"});
    ASSERT_EQ(json::parse(worker.readLine())["type"], "hello");
    auto fixed = smallSpec();
    fixed["optimizations"]["padding"] = "fixed";
    json group = {{"type", "run"},
                  {"request", "a"},
                  {"db", db()},
                  {"spec", smallSpec()},
                  {"interleave_with", {{{"request", "b"}, {"spec", fixed}}}}};
    worker.write(group.dump() + "\n");
    group["request"] = "c";
    group["interleave_with"][0]["request"] = "d";
    worker.write(group.dump() + "\n");
    worker.write(json{{"type", "cancel"}, {"request", "d"}}.dump() + "\n");

    std::map<std::string, json> finished;
    std::map<std::string, long long> started;
    while (finished.size() < 4) {
        const std::string line = worker.readLine();
        ASSERT_FALSE(line.empty()) << "worker stopped talking";
        const auto event = json::parse(line);
        if (event["type"] == "heartbeat") // every 5 s: a loaded machine's runs take longer
            continue;
        const std::string request = event.at("request");
        if (event["type"] == "started")
            started[request] = event["run_id"];
        else if (event["type"] == "finished")
            finished[request] = event;
    }
    EXPECT_EQ(finished["a"]["status"], "done") << finished["a"].dump();
    EXPECT_EQ(finished["b"]["status"], "done") << finished["b"].dump();
    EXPECT_EQ(finished["c"]["status"], "cancelled");
    EXPECT_EQ(finished["d"]["status"], "cancelled");
    ASSERT_EQ(started.size(), 2u) << "the cancelled group never started";
    EXPECT_NE(started["a"], started["b"]);
    const auto shown = json::parse(run({kCli, "show", std::to_string(started["b"]), "--db", db(), "--json"}).out);
    EXPECT_EQ(shown["baseline_run_id"].get<long long>(), started["a"]);
    const auto interleave = shown["environment"]["interleave"];
    EXPECT_EQ(interleave["runs"], (json{started["a"], started["b"]})) << shown["environment"].dump();

    worker.write("{\"type\":\"shutdown\"}\n");
    EXPECT_EQ(worker.wait(), 0);
}

// calibrate stores the A/A floor of this machine and model; compare then judges with it.
TEST_F(CliTest, CalibrateStoresTheFloorThatCompareJudgesWith)
{
    const auto spec = writeSpec("spec.json", smallSpec());
    const auto c = run({kCli, "calibrate", spec, "--pairs", "1", "--db", db(), "--json"});
    ASSERT_EQ(c.exitCode, 0) << c.err;
    const auto floors = json::parse(c.out)["floors"];
    ASSERT_TRUE(floors.contains("latency_mean_ms")) << c.out;
    const double floor = floors["latency_mean_ms"].get<double>();
    EXPECT_EQ(json::parse(c.out)["runs"].size(), 2u);

    const auto r = json::parse(run({kCli, "run", spec, spec, "--interleave", "--db", db(), "--json"}).out);
    const auto a = std::to_string(r[0]["run_id"].get<int>()), b = std::to_string(r[1]["run_id"].get<int>());
    const auto cmp = json::parse(run({kCli, "compare", a, b, "--db", db(), "--json"}).out);
    for (const auto &m : cmp["metrics"]) {
        if (m["key"] == "latency_mean_ms") {
            EXPECT_DOUBLE_EQ(m["threshold"].get<double>(), std::max(0.02, floor));
        }
    }
    EXPECT_TRUE(cmp["noise_floors"].contains("latency_mean_ms"));
}

// recommend over an interleaved sweep: a choice with its reason, or exit 1 when nothing fits.
TEST_F(CliTest, RecommendChoosesFromAnInterleavedSweepAndSaysWhy)
{
    const auto spec = writeSpec("spec.json", smallSpec());
    const auto s = run({kCli, "sweep", spec, "--grid", "quantization=none,dynamic-int8;padding=dynamic,bucketed",
                        "--interleave", "--db", db(), "--json"});
    ASSERT_EQ(s.exitCode, 0) << s.err;
    const auto first = std::to_string(json::parse(s.out)[0]["run_id"].get<int>());
    const auto r = run({kCli, "recommend", "--baseline", first, "--db", db(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = json::parse(r.out);
    EXPECT_EQ(j["candidates"].size(), 4u) << "the baseline's interleaved group";
    EXPECT_FALSE(j["chosen"].is_null());
    EXPECT_FALSE(j["reason"].get<std::string>().empty());
    EXPECT_EQ(j["candidates"][1]["label"], "bucketed");
    EXPECT_EQ(j["candidates"][2]["label"], "dynamic-int8");

    const auto text = run({kCli, "recommend", "--baseline", first, "--db", db(), "--cost", "size"}).out;
    EXPECT_NE(text.find("Recommended: "), std::string::npos) << text;
    const auto none = run({kCli, "recommend", "--baseline", first, "--db", db(), "--budget", "accuracy>=99%"});
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.out.find("No run meets accuracy >= 99.0%."), std::string::npos) << none.out;
    const auto bad = run({kCli, "recommend", "--baseline", first, "--db", db(), "--budget", "agreement<=0.9"});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.err.find("--budget"), std::string::npos) << bad.err;
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
    EXPECT_EQ(hello["protocol"], 3);
    EXPECT_EQ(hello["pid"], worker.pid());
    EXPECT_FALSE(hello["host"].get<std::string>().empty());
    EXPECT_FALSE(hello["environment"]["cpu"].get<std::string>().empty());

    json request = {{"type", "run"}, {"request", "r1"}, {"db", db()}, {"spec", smallSpec()}};
    worker.write(request.dump() + "\n");
    bool sawStarted = false, sawProgress = false;
    json finished;
    for (int i = 0; i < 10000; ++i) {
        const std::string line = worker.readLine();
        ASSERT_FALSE(line.empty()) << "worker stopped talking";
        const auto event = json::parse(line);
        if (event["type"] == "heartbeat")
            continue;
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
    json answer = json::parse(worker.readLine());
    while (answer["type"] == "heartbeat")
        answer = json::parse(worker.readLine());
    EXPECT_EQ(answer["type"], "error");

    worker.write("{\"type\":\"shutdown\"}\n");
    EXPECT_EQ(worker.wait(), 0);
}

// A worker on another machine: no db, so the run comes back as a bundle; heartbeats meanwhile;
// and when stdin closes mid-run (the connection dropped) it exits within seconds.
TEST_F(CliTest, AWorkerWithoutADatabaseSendsTheRunBackAndExitsWhenStdinCloses)
{
    setenv("OPTIBENCH_WORKER_HEARTBEAT_MS", "200", 1);
    Child worker({kCli, "worker"});
    unsetenv("OPTIBENCH_WORKER_HEARTBEAT_MS");
    ASSERT_EQ(json::parse(worker.readLine())["type"], "hello");
    worker.write(json{{"type", "run"}, {"request", "r1"}, {"db", ""}, {"spec", smallSpec()}}.dump() + "\n");
    json result, finished;
    int heartbeats = 0;
    while (finished.is_null()) {
        const std::string line = worker.readLine();
        ASSERT_FALSE(line.empty()) << "worker stopped talking";
        const auto event = json::parse(line);
        if (event["type"] == "heartbeat")
            ++heartbeats;
        else if (event["type"] == "result")
            result = event;
        else if (event["type"] == "finished")
            finished = event;
    }
    EXPECT_EQ(finished["status"], "done") << finished.dump();
    ASSERT_TRUE(result.is_object()) << "no result before finished";
    EXPECT_EQ(result["request"], "r1");
    const auto &bundle = result["bundle"];
    EXPECT_EQ(bundle["format"], "optibench-bundle");
    ASSERT_EQ(bundle["runs"].size(), 1u);
    EXPECT_EQ(bundle["runs"][0]["run"]["status"], "done");
    EXPECT_EQ(bundle["runs"][0]["run"]["uuid"].get<std::string>().size(), 36u);
    EXPECT_GE(heartbeats, 1);
    EXPECT_FALSE(std::filesystem::exists(db())) << "no store was written here";

    // A long run, then stdin closes: the worker ends it and exits promptly.
    json longSpec = smallSpec();
    longSpec["task"]["iterations"] = 100000;
    worker.write(json{{"type", "run"}, {"request", "r2"}, {"db", ""}, {"spec", longSpec}}.dump() + "\n");
    for (std::string line; (line = worker.readLine()).find("\"progress\"") == std::string::npos;)
        ASSERT_FALSE(line.empty());
    const auto closed = std::chrono::steady_clock::now();
    worker.closeStdin();
    worker.wait();
    EXPECT_LT(std::chrono::steady_clock::now() - closed, std::chrono::seconds(5));
}
