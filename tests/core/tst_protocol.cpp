#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/core/protocol.h"

using namespace optibench::core::protocol;

namespace {

Message roundTrip(const Message &m)
{
    const std::string line = encode(m);
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    std::string error;
    auto decoded = decode(line, &error);
    EXPECT_TRUE(decoded.has_value()) << error << " in " << line;
    return decoded ? *decoded : Message{Shutdown{}};
}

} // namespace

TEST(Protocol, EveryMessageRoundTrips)
{
    const auto h = std::get<Hello>(roundTrip(Hello{1, "0.1.0", "1.13.1", "", {"cpu", "cuda:0"}, 0, "", ""}));
    EXPECT_EQ(h.appVersion, "0.1.0");
    EXPECT_EQ(h.libtorch, "1.13.1");
    EXPECT_EQ(h.devices, (std::vector<std::string>{"cpu", "cuda:0"}));

    const auto r =
        std::get<RunRequest>(roundTrip(RunRequest{"r1", "/tmp/runs.sqlite", R"({"name":"a\nb","threads":2})", {}}));
    EXPECT_EQ(r.request, "r1");
    EXPECT_EQ(r.db, "/tmp/runs.sqlite");
    EXPECT_EQ(nlohmann::json::parse(r.specJson), nlohmann::json::parse(R"({"name":"a\nb","threads":2})"));

    EXPECT_EQ(std::get<CancelRequest>(roundTrip(CancelRequest{"r7"})).request, "r7");
    EXPECT_TRUE(std::holds_alternative<Shutdown>(roundTrip(Shutdown{})));

    const auto s = std::get<Started>(roundTrip(Started{"r1", 12}));
    EXPECT_EQ(s.runId, 12);

    const auto p = std::get<Progress>(roundTrip(Progress{"r1", 12, "timing", 5, 20, "batch 5 of 20"}));
    EXPECT_EQ(p.stage, "timing");
    EXPECT_EQ(p.done, 5);
    EXPECT_EQ(p.total, 20);
    EXPECT_EQ(p.message, "batch 5 of 20");

    const auto f = std::get<Finished>(roundTrip(Finished{"r1", 12, "failed", "out of memory"}));
    EXPECT_EQ(f.status, "failed");
    EXPECT_EQ(f.error, "out of memory");

    const auto e = std::get<Error>(roundTrip(Error{"r2", "the spec is not valid"}));
    EXPECT_EQ(e.request, "r2");
    EXPECT_EQ(e.message, "the spec is not valid");
}

TEST(Protocol, AHelloNamesTheWorkersProcessAndMachineAndResultsCarryABundle)
{
    Hello hello{kVersion, "0.1.0", "2.11.0", "13.0", {"cpu", "cuda:0"}, 0, "", ""};
    hello.pid = 4242;
    hello.host = "gpu-1";
    hello.environmentJson = R"({"cpu":"Xeon","gpu":"H200"})";
    const auto h = std::get<Hello>(roundTrip(hello));
    EXPECT_EQ(h.pid, 4242);
    EXPECT_EQ(h.host, "gpu-1");
    EXPECT_EQ(nlohmann::json::parse(h.environmentJson)["gpu"], "H200");
    // A version-2 hello has none of them.
    const auto old = decode(R"({"type":"hello","protocol":2,"app_version":"x","libtorch":"y","devices":["cpu"]})");
    ASSERT_TRUE(old.has_value());
    EXPECT_EQ(std::get<Hello>(*old).pid, 0);

    EXPECT_TRUE(std::holds_alternative<Heartbeat>(roundTrip(Heartbeat{})));
    const auto r = std::get<Result>(roundTrip(Result{"r3", 7, R"({"format":"optibench-bundle","runs":[]})"}));
    EXPECT_EQ(r.request, "r3");
    EXPECT_EQ(r.runId, 7);
    EXPECT_EQ(nlohmann::json::parse(r.bundleJson)["format"], "optibench-bundle");
    std::string error;
    EXPECT_FALSE(decode(R"({"type":"result","request":"r3","run_id":7,"bundle":"text"})", &error));
    EXPECT_NE(error.find("bundle"), std::string::npos) << error;
}

TEST(Protocol, EncodesTheDocumentedShape)
{
    const auto j = nlohmann::json::parse(encode(Started{"r1", 12}));
    EXPECT_EQ(j, nlohmann::json::parse(R"({"type":"started","request":"r1","run_id":12})"));
    const auto run = nlohmann::json::parse(encode(RunRequest{"r1", "db", R"({"threads":2})", {}}));
    EXPECT_TRUE(run["spec"].is_object());
    EXPECT_FALSE(run.contains("interleave_with")); // a run on its own reads as protocol 1 wrote it
}

TEST(Protocol, InterleavedRunsTravelWithTheirOwnRequestIds)
{
    RunRequest m{"r1", "db", R"({"name":"fp32"})", {{"r2", R"({"name":"int8"})"}, {"r3", R"({"name":"fp16"})"}}};
    const auto j = nlohmann::json::parse(encode(m));
    ASSERT_TRUE(j["interleave_with"].is_array());
    EXPECT_EQ(j["interleave_with"][1], nlohmann::json::parse(R"({"request":"r3","spec":{"name":"fp16"}})"));

    const auto r = std::get<RunRequest>(roundTrip(m));
    ASSERT_EQ(r.interleaveWith.size(), 2u);
    EXPECT_EQ(r.interleaveWith[0].request, "r2");
    EXPECT_EQ(nlohmann::json::parse(r.interleaveWith[0].specJson)["name"], "int8");
    EXPECT_EQ(r.interleaveWith[1].request, "r3");
}

TEST(Protocol, LargeIdsSurvive)
{
    EXPECT_EQ(std::get<Started>(roundTrip(Started{"r", INT64_MAX})).runId, INT64_MAX);
}

TEST(Protocol, TrailingNewlineIsAccepted)
{
    EXPECT_TRUE(decode("{\"type\":\"shutdown\"}\n").has_value());
    EXPECT_TRUE(decode("{\"type\":\"shutdown\"}\r\n").has_value());
}

TEST(Protocol, BadLinesAreRejectedWithAReason)
{
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"", "not valid JSON"},
        {"{", "not valid JSON"},
        {"[1,2]", "JSON object"},
        {"{}", "missing field \"type\""},
        {R"({"type":7})", "\"type\" must be a string"},
        {R"({"type":"launch"})", "unknown message type"},
        {R"({"type":"run","db":"x","spec":{}})", "missing field \"request\""},
        {R"({"type":"run","request":"r","db":"x","spec":3})", "\"spec\" must be an object"},
        {R"({"type":"run","request":"r","db":"x","spec":{},"interleave_with":{}})", "\"interleave_with\" must be"},
        {R"({"type":"run","request":"r","db":"x","spec":{},"interleave_with":[3]})", "\"interleave_with\" must be"},
        {R"({"type":"run","request":"r","db":"x","spec":{},"interleave_with":[{"spec":{}}]})",
         "missing field \"request\""},
        {R"({"type":"started","request":"r","run_id":"12"})", "\"run_id\" must be an integer"},
        {R"({"type":"started","request":"r","run_id":1.5})", "\"run_id\" must be an integer"},
        {R"({"type":"started","request":"r","run_id":18446744073709551615})", "out of range"},
        {R"({"type":"progress","request":"r","run_id":1,"stage":"timing","done":1})", "missing field \"total\""},
        {R"({"type":"finished","request":"r","run_id":1,"status":"ok"})", "\"status\" must be"},
        {R"({"type":"hello","protocol":1,"app_version":"x","libtorch":"y","devices":"cpu"})", "\"devices\""},
        {R"({"type":"hello","protocol":1,"app_version":"x","libtorch":"y","devices":[1]})", "\"devices\""},
        {R"({"type":"error","request":"r"})", "missing field \"message\""},
    };
    for (const auto &[line, reason] : bad) {
        std::string error;
        EXPECT_FALSE(decode(line, &error).has_value()) << line;
        EXPECT_NE(error.find(reason), std::string::npos) << line << " -> " << error;
    }
    EXPECT_FALSE(decode("{").has_value()); // no error pointer: still no crash
}

TEST(Protocol, InvalidUtf8IsReplacedNotThrown)
{
    const std::string line = encode(Error{"r", std::string("bad \xff byte")});
    std::string error;
    auto m = decode(line, &error);
    ASSERT_TRUE(m.has_value()) << error;
    EXPECT_NE(std::get<Error>(*m).message.find("bad"), std::string::npos);
}
