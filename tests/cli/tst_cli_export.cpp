// optibench-cli compare, export, import and delete on a store with two real runs (one traced).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli_fixture.h"

using namespace optibench::test;
using nlohmann::json;

namespace {

class CliExport : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = makeTempDir("export");
        auto plain = tinySpec("plain");
        auto traced = tinySpec("traced int8");
        traced["optimizations"] = {{"quantization", "dynamic-int8"}};
        traced["profiling"] = {{"ops", true}, {"iterations", 1}};
        const auto r = run({kCli, "run", writeJson(s_dir / "plain.json", plain),
                            writeJson(s_dir / "traced.json", traced), "--db", db()});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto ids = lines(r.out);
        ASSERT_EQ(ids.size(), 2u);
        s_plain = ids[0];
        s_traced = ids[1];
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(s_dir); }

    static std::string db() { return (s_dir / "runs.sqlite").string(); }
    static json show(const std::string &id, const std::string &store)
    {
        const auto s = run({kCli, "show", id, "--db", store, "--json"});
        EXPECT_EQ(s.exitCode, 0) << s.err;
        return json::parse(s.out);
    }

    static std::filesystem::path s_dir;
    static std::string s_plain, s_traced;
};

std::filesystem::path CliExport::s_dir;
std::string CliExport::s_plain, CliExport::s_traced;

} // namespace

TEST_F(CliExport, CompareShowsDeltasAgainstTheBaseline)
{
    const auto r = run({kCli, "compare", s_plain, s_traced, "--db", db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("#" + s_plain + " (baseline)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("optimizations.quantization"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("dynamic-int8"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("latency_p50_ms (ms)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ratio to the baseline [95%] verdict (threshold 2.0%)"), std::string::npos) << r.out;
    // The model sizes are exact: int8 is smaller, and says so without an interval.
    EXPECT_NE(r.out.find("x better"), std::string::npos) << "a ratio with its verdict: " << r.out;

    const auto j =
        json::parse(run({kCli, "compare", s_plain, s_traced, "--db", db(), "--json", "--baseline", s_traced}).out);
    EXPECT_EQ(std::to_string(j["baseline"].get<long long>()), s_traced);
    ASSERT_TRUE(j["spec_differences"].contains("optimizations.quantization"));
    EXPECT_EQ(j["spec_differences"]["optimizations.quantization"], json({"none", "dynamic-int8"}));
    EXPECT_FALSE(j["spec_differences"].contains("task.batch_size")) << "only what differs";
    bool sawLatency = false;
    for (const auto &m : j["metrics"]) {
        if (m["key"] != "latency_p50_ms")
            continue;
        sawLatency = true;
        const double plain = m["values"][0], traced = m["values"][1];
        EXPECT_NEAR(m["delta"][0].get<double>(), plain - traced, 1e-9);
        EXPECT_NEAR(m["percent"][0].get<double>(), 100.0 * (plain - traced) / traced, 1e-6);
        EXPECT_TRUE(m["delta"][1].is_null()) << "the baseline has no delta";
        EXPECT_TRUE(m["verdict"][1].is_null()) << "nor a verdict";
        EXPECT_NE(m["verdict"][0], "-") << "latency is judged";
    }
    EXPECT_TRUE(sawLatency);
    for (const auto &m : j["metrics"]) {
        if (m["key"] == "model_bytes") { // exact: the fp32 model is larger than the int8 baseline
            EXPECT_EQ(m["verdict"][0], "worse") << m.dump();
            EXPECT_EQ(m["ratio_interval"][0][0], m["ratio_interval"][0][1]) << m.dump();
        }
        if (m["key"] == "latency_mean_ms") { // timed: an interval around the value, from the blocks
            ASSERT_TRUE(m["intervals"][0].is_array()) << m.dump();
            EXPECT_LE(m["intervals"][0][0].get<double>(), m["values"][0].get<double>());
            EXPECT_GE(m["intervals"][0][1].get<double>(), m["values"][0].get<double>());
        }
    }

    // --diff-only hides metrics equal in both runs (e.g. the same real token count).
    const auto d = json::parse(run({kCli, "compare", s_plain, s_traced, "--db", db(), "--json", "--diff-only"}).out);
    EXPECT_LT(d["metrics"].size(), j["metrics"].size());
    for (const auto &m : d["metrics"])
        EXPECT_NE(m["values"][0], m["values"][1]) << m.dump();

    const auto bad = run({kCli, "compare", s_plain, "999", "--db", db()});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.err.find("999"), std::string::npos);
}

// A run made with the project's kernels capped differs from the others in its environment, and
// compare says so; every run's environment names the ISA levels and the int8 scheme it ran.
TEST_F(CliExport, CompareShowsEnvironmentDifferences)
{
    const auto capped = run({"/usr/bin/env", "OPTIBENCH_MAX_ISA=scalar", kCli, "run",
                             writeJson(s_dir / "capped.json", tinySpec("capped")), "--db", db()});
    ASSERT_EQ(capped.exitCode, 0) << capped.err;
    const auto id = lines(capped.out).at(0);
    const auto env = show(id, db())["environment"];
    EXPECT_EQ(env["kernel_isa"], "scalar");
    EXPECT_EQ(env["isa_caps"]["OPTIBENCH_MAX_ISA"], "scalar");
    for (const char *key : {"onednn_isa", "int8_scheme", "int8_scheme_reason", "cpu"})
        EXPECT_TRUE(env.contains(key)) << key << " missing from " << env.dump();

    // The plain run carries whatever cap the test's own environment set (none, or the cap of an
    // ISA-capped test run); the capped run differs from it.
    const auto plainCaps = show(s_plain, db())["environment"]["isa_caps"];
    const json plainCap = plainCaps.contains("OPTIBENCH_MAX_ISA") ? plainCaps["OPTIBENCH_MAX_ISA"] : json(nullptr);
    if (plainCap == "scalar")
        GTEST_SKIP() << "the test itself runs with OPTIBENCH_MAX_ISA=scalar: no run differs from it by that cap";
    const auto j = json::parse(run({kCli, "compare", s_plain, id, "--db", db(), "--json"}).out);
    ASSERT_TRUE(j["environment_differences"].contains("isa_caps.OPTIBENCH_MAX_ISA")) << j.dump();
    EXPECT_EQ(j["environment_differences"]["isa_caps.OPTIBENCH_MAX_ISA"], json({plainCap, "scalar"}));
    EXPECT_FALSE(j["environment_differences"].contains("cpu")) << "the same machine";
    const auto text = run({kCli, "compare", s_plain, id, "--db", db()}).out;
    EXPECT_NE(text.find("Environment differences"), std::string::npos) << text;
    const auto same = run({kCli, "compare", s_plain, s_traced, "--db", db()}).out;
    EXPECT_NE(same.find("The runs' environments are the same."), std::string::npos) << same;
}

TEST_F(CliExport, JsonBundleImportsIntoAnotherStoreFieldByField)
{
    const auto bundle = (s_dir / "bundle.json").string();
    auto r = run({kCli, "export", s_plain, s_traced, "--format", "json", "--out", bundle, "--db", db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto other = (s_dir / "other.sqlite").string();
    r = run({kCli, "import", bundle, "--db", other});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto ids = lines(r.out);
    ASSERT_EQ(ids.size(), 2u);
    const std::vector<std::string> originals{s_plain, s_traced};
    for (std::size_t i = 0; i < 2; ++i) {
        auto a = show(originals[i], db());
        auto b = show(ids[i], other);
        EXPECT_EQ(b["id"], std::stoll(ids[i]));
        a.erase("id");
        b.erase("id");
        for (auto it = a.begin(); it != a.end(); ++it)
            EXPECT_EQ(it.value(), b[it.key()]) << "field " << it.key() << " of run " << originals[i];
        EXPECT_EQ(a.size(), b.size());
    }
    EXPECT_GT(show(ids[1], other)["trace_events"].get<long long>(), 0);

    // Not a bundle: one line naming the file.
    std::ofstream(s_dir / "junk.json") << R"({"format": "something else"})";
    r = run({kCli, "import", (s_dir / "junk.json").string(), "--db", other});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("junk.json"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// At sweep scale: 24 runs made from the plain run's bundle (quantization x padding, 6 repeats
// each, latency series scaled per configuration), imported, then compared as rows: grouped, the
// best and worst shown with --top, and the same in JSON.
TEST_F(CliExport, CompareGroupsManyRunsIntoReadableRows)
{
    const auto one = (s_dir / "one.json").string();
    ASSERT_EQ(run({kCli, "export", s_plain, "--format", "json", "--out", one, "--db", db()}).exitCode, 0);
    json bundle = json::parse(std::ifstream(one));
    const json entry = bundle["runs"][0];
    bundle["runs"] = json::array();
    const std::vector<std::pair<std::string, std::string>> configs{{"none", "dynamic"},
                                                                   {"none", "bucketed"},
                                                                   {"dynamic-int8", "dynamic"},
                                                                   {"dynamic-int8", "bucketed"}};
    const std::vector<double> scale{1.0, 0.5, 0.8, 0.4};
    for (int i = 0; i < 24; ++i) {
        json e = entry;
        const std::size_t c = std::size_t(i) % configs.size();
        e["run"]["id"] = 1000 + i;
        e["run"]["uuid"] = "copy-" + std::to_string(i); // each copy its own run
        e["run"]["name"] = configs[c].first + " " + configs[c].second + " #" + std::to_string(i / 4);
        e["run"]["spec"]["optimizations"]["quantization"] = configs[c].first;
        e["run"]["spec"]["optimizations"]["padding"] = configs[c].second;
        for (auto &m : e["metrics"])
            if (m["key"] == "latency_mean_ms")
                m["value"] = m["value"].get<double>() * scale[c] * (1 + 0.01 * (i / 4));
        bundle["runs"].push_back(e);
    }
    const auto many = writeJson(s_dir / "many.json", bundle);
    const auto store = (s_dir / "many.sqlite").string();
    const auto imported = run({kCli, "import", many, "--db", store});
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    auto ids = lines(imported.out);
    ASSERT_EQ(ids.size(), 24u);

    std::vector<std::string> args{kCli, "compare"};
    args.insert(args.end(), ids.begin(), ids.end());
    auto grouped = args;
    grouped.insert(grouped.end(), {"--group-by", "quantization,padding", "--metric", "latency_mean_ms", "--db", store});
    const auto text = run(grouped);
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("24 runs in 4 groups"), std::string::npos) << text.out;
    const auto base = text.out.find("quantization=none padding=dynamic (baseline)");
    const auto best = text.out.find("quantization=dynamic-int8 padding=bucketed");
    const auto worst = text.out.find("quantization=dynamic-int8 padding=dynamic");
    ASSERT_NE(base, std::string::npos) << text.out;
    EXPECT_LT(base, best) << "the baseline first, then best first";
    EXPECT_LT(best, worst) << text.out;
    EXPECT_NE(text.out.find("against the baseline: 3 better"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("0.400x"), std::string::npos) << "int8 + bucketed at 0.4 of the baseline\n" << text.out;

    auto top = args;
    top.insert(top.end(), {"--top", "2", "--json", "--db", store});
    const auto js = run(top);
    ASSERT_EQ(js.exitCode, 0) << js.err;
    const auto out = json::parse(js.out);
    EXPECT_EQ(out["total_rows"], 24);
    EXPECT_EQ(out["omitted"], 19);
    ASSERT_EQ(out["rows"].size(), 5u);
    EXPECT_TRUE(out["rows"][0]["baseline"].get<bool>());
    const double fastest = out["rows"][1]["metrics"]["latency_mean_ms"]["value"];
    const double slowest = out["rows"][4]["metrics"]["latency_mean_ms"]["value"];
    EXPECT_LT(fastest, slowest);
    EXPECT_NE(out["rows"][1]["label"].get<std::string>().find("dynamic-int8 bucketed"), std::string::npos);

    // More runs than columns can show turn to rows by themselves.
    auto plainRows = args;
    plainRows.insert(plainRows.end(), {"--db", store});
    const auto rows = run(plainRows);
    ASSERT_EQ(rows.exitCode, 0) << rows.err;
    EXPECT_NE(rows.out.find("24 runs; sorted by latency_mean_ms"), std::string::npos) << rows.out;
    auto bad = args;
    bad.insert(bad.end(), {"--group-by", "nosuchfield", "--db", store});
    const auto r = run(bad);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("--group-by"), std::string::npos) << r.err;
}

TEST_F(CliExport, ChromeTraceOfATracedRunParses)
{
    const auto path = (s_dir / "trace.json").string();
    auto r = run({kCli, "export", s_traced, "--format", "chrome-trace", "--out", path, "--db", db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream in(path);
    const auto j = json::parse(in);
    ASSERT_TRUE(j["traceEvents"].is_array());
    const auto &events = j["traceEvents"];
    const auto complete = std::count_if(events.begin(), events.end(), [](const json &e) { return e["ph"] == "X"; });
    EXPECT_EQ(complete, show(s_traced, db())["trace_events"].get<long long>());
    EXPECT_TRUE(std::any_of(events.begin(), events.end(),
                            [](const json &e) { return e.value("name", "").rfind("aten::", 0) == 0; }));

    r = run({kCli, "export", s_plain, "--format", "chrome-trace", "--out", path, "--db", db()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("no trace"), std::string::npos) << r.err;
    r = run({kCli, "export", s_plain, s_traced, "--format", "chrome-trace", "--db", db()});
    EXPECT_NE(r.exitCode, 0);
}

TEST_F(CliExport, CsvHasAHeaderAndOneRowPerRun)
{
    const auto r = run({kCli, "export", s_plain, s_traced, "--format", "csv", "--db", db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = lines(r.out);
    ASSERT_EQ(rows.size(), 3u) << r.out;
    EXPECT_EQ(rows[0].rfind("id,name,model,status", 0), 0u) << rows[0];
    EXPECT_NE(rows[0].find("latency_p50_ms"), std::string::npos);
    EXPECT_EQ(rows[1].rfind(s_plain + ",plain,", 0), 0u) << rows[1];
    EXPECT_EQ(rows[2].rfind(s_traced + ",traced int8,", 0), 0u) << rows[2];
}

TEST_F(CliExport, DeleteNeedsYesWithoutATerminal)
{
    // A copy, so that the other tests keep their runs whatever the order.
    const auto bundle = (s_dir / "delete.json").string();
    ASSERT_EQ(run({kCli, "export", s_plain, "--format", "json", "--out", bundle, "--db", db()}).exitCode, 0);
    const auto store = (s_dir / "delete.sqlite").string();
    const auto id = lines(run({kCli, "import", bundle, "--db", store}).out).at(0);

    auto r = run({kCli, "delete", id, "--db", store}, "y\n");
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("--yes"), std::string::npos) << r.err;
    EXPECT_EQ(json::parse(run({kCli, "list", "--db", store, "--json"}).out).size(), 1u);

    r = run({kCli, "delete", id, "4242", "--db", store, "--yes"});
    EXPECT_NE(r.exitCode, 0) << "an unknown id deletes nothing";
    EXPECT_NE(r.err.find("4242"), std::string::npos) << r.err;
    EXPECT_EQ(json::parse(run({kCli, "list", "--db", store, "--json"}).out).size(), 1u);

    r = run({kCli, "delete", id, "--db", store, "--yes"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(json::parse(run({kCli, "list", "--db", store, "--json"}).out).size(), 0u);
}

TEST_F(CliExport, TraceDiffNeedsTracesAndListsOps)
{
    auto r = run({kCli, "trace-diff", s_plain, s_traced, "--db", db()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("has no trace"), std::string::npos) << r.err;

    r = run({kCli, "trace-diff", s_traced, s_traced, "--db", db(), "--json", "--min-change", "0"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = json::parse(r.out);
    ASSERT_FALSE(j["ops"].empty());
    bool quantized = false;
    for (const auto &row : j["ops"]) {
        EXPECT_EQ(row["status"], "same") << row.dump(); // a trace against itself
        quantized = quantized || row["name"] == "onednn::linear_int8";
    }
    EXPECT_TRUE(quantized) << "the int8 run's linears are quantized ops";
}
