#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/core/export.h"
#include "app/core/store.h"

using namespace optibench::core;
namespace fs = std::filesystem;

namespace {

class ExportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string tmpl = (fs::temp_directory_path() / "optibench-export-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        m_dir = tmpl;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string file(const std::string &name) const { return (m_dir / name).string(); }

    // Two finished runs, the second with the first as its baseline.
    std::vector<std::int64_t> fill(Store &store)
    {
        const auto model = store.upsertModel(
            {0, "demo:tiny-bert", "demo", "BertForSequenceClassification", 4386178, 17544712, "ab12"});
        const auto a = store.beginRun("baseline", model, R"({"name":"baseline"})", R"({"threads":2,"os":"Debian 12"})");
        RunResults ra;
        ra.metrics = {{"latency_p50_ms", 12.5, "ms"}, {"accuracy", 0.875, "ratio"}};
        ra.series = {{"latency_ms", 0, 12.25}, {"latency_ms", 1, 12.75}};
        for (int i = 0; i < 20; ++i) {
            TraceEventRecord e;
            e.kind = i == 0 ? TraceKind::Range : TraceKind::Op;
            e.name = i == 0 ? "forward" : "aten::linear";
            e.device = "cpu";
            e.lane = 3;
            e.startNs = 100 + i * 1000;
            e.durationNs = i == 0 ? 100000 : 500;
            e.correlation = i;
            e.parent = i == 0 ? -1 : 0;
            e.shapes = i == 0 ? "" : "[[8,128,768],[768,768]]";
            ra.trace.push_back(e);
        }
        store.finishRun(a, RunStatus::Done, ra);
        store.setNotes(a, "a note, with \"quotes\"");
        const auto b =
            store.beginRun("int8, bucketed", model,
                           R"({"optimizations":{"quantization":"dynamic-int8","padding":"bucketed"}})", "{}", a);
        store.finishRun(b, RunStatus::Failed, {{{"latency_p50_ms", 4.25, "ms"}}, {}, {}}, "out of memory");
        return {a, b};
    }

    fs::path m_dir;
};

} // namespace

TEST_F(ExportTest, BundleRoundTripKeepsEveryField)
{
    Store source(file("a.sqlite"));
    const auto ids = fill(source);
    const auto bundle = exportBundle(source, ids);
    EXPECT_EQ(bundle["format"], kBundleFormat);
    EXPECT_EQ(bundle["version"], kBundleVersion);

    Store target(file("b.sqlite"));
    target.beginRun("already here", 0, "{}", "{}"); // ids in the target differ from the source's
    const auto text = bundle.dump();
    const auto imported = importBundle(target, nlohmann::json::parse(text));
    ASSERT_EQ(imported.size(), 2u);
    EXPECT_NE(imported[0], ids[0]);

    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto a = *source.run(ids[i]);
        const auto b = *target.run(imported[i]);
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.notes, b.notes);
        EXPECT_EQ(a.modelSource, b.modelSource);
        EXPECT_EQ(a.createdAtMs, b.createdAtMs);
        EXPECT_EQ(a.finishedAtMs, b.finishedAtMs);
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.error, b.error);
        EXPECT_EQ(nlohmann::json::parse(a.specJson), nlohmann::json::parse(b.specJson));
        EXPECT_EQ(nlohmann::json::parse(a.environmentJson), nlohmann::json::parse(b.environmentJson));
        const auto ma = source.metrics(ids[i]), mb = target.metrics(imported[i]);
        ASSERT_EQ(ma.size(), mb.size());
        for (std::size_t k = 0; k < ma.size(); ++k) {
            EXPECT_EQ(ma[k].key, mb[k].key);
            EXPECT_EQ(ma[k].value, mb[k].value);
            EXPECT_EQ(ma[k].unit, mb[k].unit);
        }
        const auto sa = source.series(ids[i]), sb = target.series(imported[i]);
        ASSERT_EQ(sa.size(), sb.size());
        for (std::size_t k = 0; k < sa.size(); ++k)
            EXPECT_TRUE(sa[k].name == sb[k].name && sa[k].step == sb[k].step && sa[k].value == sb[k].value);
        const auto ta = source.traceEvents(ids[i]), tb = target.traceEvents(imported[i]);
        ASSERT_EQ(ta.size(), tb.size());
        for (std::size_t k = 0; k < ta.size(); ++k) {
            EXPECT_EQ(ta[k].kind, tb[k].kind);
            EXPECT_EQ(ta[k].name, tb[k].name);
            EXPECT_EQ(ta[k].device, tb[k].device);
            EXPECT_EQ(ta[k].lane, tb[k].lane);
            EXPECT_EQ(ta[k].startNs, tb[k].startNs);
            EXPECT_EQ(ta[k].durationNs, tb[k].durationNs);
            EXPECT_EQ(ta[k].correlation, tb[k].correlation);
            EXPECT_EQ(ta[k].parent, tb[k].parent);
            EXPECT_EQ(ta[k].shapes, tb[k].shapes);
        }
    }
    // The model row is shared, and the baseline link points at the imported baseline.
    const auto ma = *source.model(source.run(ids[0])->modelId);
    const auto mb = *target.model(target.run(imported[0])->modelId);
    EXPECT_EQ(ma.sha256, mb.sha256);
    EXPECT_EQ(ma.parameters, mb.parameters);
    EXPECT_EQ(ma.architecture, mb.architecture);
    EXPECT_EQ(target.run(imported[1])->baselineRunId, imported[0]);

    // Importing again adds nothing: the runs are known by their uuids.
    const auto again = importBundles(target, {{"again.json", bundle}});
    EXPECT_TRUE(again.added.empty());
    EXPECT_EQ(again.alreadyStored, 2u);
    EXPECT_EQ(target.runs().size(), 3u);
    EXPECT_EQ(target.models().size(), 1u);
    for (std::size_t i = 0; i < ids.size(); ++i)
        EXPECT_EQ(target.run(imported[i])->uuid, source.run(ids[i])->uuid);
}

// An interleaved group's environment names its members by id: imported where the ids differ,
// they name the imported runs, and a member left out of the bundle is dropped.
TEST_F(ExportTest, ImportRemapsAnInterleavedGroupsRunIds)
{
    Store source(file("source.sqlite"));
    std::vector<std::int64_t> ids;
    for (const char *name : {"a", "b", "c"})
        ids.push_back(source.beginRun(name, 0, R"({"name":"x"})", "{}"));
    for (auto id : ids) {
        const nlohmann::json env = {{"threads", 2}, {"interleave", {{"runs", ids}, {"order", "abba"}}}};
        source.setRunEnvironment(id, env.dump());
        source.finishRun(id, RunStatus::Done, {{{"latency_mean_ms", 10.0, "ms"}}, {}, {}});
    }
    Store target(file("target.sqlite"));
    fill(target); // ids 1 and 2 are taken: the imported runs get others
    const auto imported = importBundle(target, exportBundle(source, {ids[0], ids[1]}));
    ASSERT_EQ(imported.size(), 2u);
    EXPECT_NE(imported[0], ids[0]);
    for (auto id : imported) {
        const auto env = nlohmann::json::parse(target.run(id)->environmentJson);
        EXPECT_EQ(env["interleave"]["runs"].get<std::vector<std::int64_t>>(), imported) << "run " << id;
        EXPECT_EQ(env["interleave"]["order"], "abba");
        EXPECT_EQ(env["threads"], 2);
    }
    // A run that was not interleaved keeps its environment as it was.
    Store third(file("third.sqlite"));
    const auto plain = importBundle(third, exportBundle(target, {1}));
    EXPECT_EQ(nlohmann::json::parse(third.run(plain[0])->environmentJson),
              nlohmann::json::parse(target.run(1)->environmentJson));
}

TEST_F(ExportTest, BadBundlesNameThePath)
{
    Store source(file("a.sqlite"));
    const auto bundle = exportBundle(source, fill(source));
    Store target(file("b.sqlite"));
    auto errorOf = [&](const nlohmann::json &b) {
        try {
            importBundle(target, b);
        } catch (const BundleError &e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(errorOf(nlohmann::json::object()).find("not an OptiBench bundle"), std::string::npos);
    auto b = bundle;
    b["version"] = 99;
    EXPECT_NE(errorOf(b).find("newer"), std::string::npos);
    b = bundle;
    b["runs"][1]["metrics"][0]["value"] = "fast";
    EXPECT_NE(errorOf(b).find("runs[1].metrics[0].value"), std::string::npos);
    b = bundle;
    b["runs"][0]["trace"][3] = {1, 2};
    EXPECT_NE(errorOf(b).find("runs[0].trace[3]"), std::string::npos);
    b = bundle;
    b["runs"][0]["run"].erase("status");
    EXPECT_NE(errorOf(b).find("runs[0].run.status"), std::string::npos);
    EXPECT_TRUE(target.runs().empty()); // checked before anything was written
}

TEST_F(ExportTest, CsvHasOneRowPerRunAndAColumnPerMetric)
{
    Store store(file("a.sqlite"));
    const auto ids = fill(store);
    const std::string csv = exportRunsCsv(store, ids);
    const std::string header = csv.substr(0, csv.find('\n'));
    EXPECT_EQ(header,
              "id,name,model,status,created,toggles,mode,precision,quantization,pruning,padding,"
              "accuracy,latency_p50_ms");
    EXPECT_NE(csv.find(std::to_string(ids[0]) + ",baseline,demo:tiny-bert,done,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",fp32 baseline,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",0.875,12.5\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"int8, bucketed\",demo:tiny-bert,failed,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"dynamic-int8, bucketed padding\",,,dynamic-int8,,bucketed,,4.25\n"), std::string::npos)
        << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
    EXPECT_THROW(exportRunsCsv(store, {999}), StoreError);
}
