// Chrome trace export, parsed back with nlohmann-json.
#include "profiler/trace/chrome_trace.h"

#include "hand_trace.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>

using namespace optibench::profiler;
using nlohmann::json;

TEST(ChromeTrace, CompleteEventsMetadataAndFlows)
{
    const Trace trace = optibench::profiler::testing::handTrace();
    const json doc = json::parse(chromeTraceJson(trace));
    ASSERT_TRUE(doc.contains("traceEvents"));
    const json &events = doc["traceEvents"];

    std::size_t complete = 0;
    std::map<std::int64_t, json> starts, finishes;
    std::set<std::string> processNames;
    std::map<int, std::string> pidOfDevice;
    for (const json &e : events) {
        const std::string ph = e.at("ph");
        if (ph == "X") {
            ++complete;
            for (const char *key : {"ph", "ts", "dur", "pid", "tid", "name", "cat"})
                EXPECT_TRUE(e.contains(key)) << key << " missing in " << e.dump();
            EXPECT_GE(e["dur"].get<double>(), 0.0);
        } else if (ph == "s") {
            EXPECT_TRUE(starts.emplace(e.at("id").get<std::int64_t>(), e).second);
        } else if (ph == "f") {
            EXPECT_EQ(e.at("bp"), "e");
            EXPECT_TRUE(finishes.emplace(e.at("id").get<std::int64_t>(), e).second);
        } else if (ph == "M" && e.at("name") == "process_name") {
            processNames.insert(e["args"]["name"].get<std::string>());
        }
    }
    EXPECT_EQ(complete, trace.events.size());
    EXPECT_EQ(processNames, (std::set<std::string>{"cpu", "cuda:0"}));

    // One flow per launched GPU activity: three kernels and the copy.
    EXPECT_EQ(starts.size(), 4u);
    ASSERT_EQ(starts.size(), finishes.size());
    for (const auto &[id, s] : starts) {
        ASSERT_TRUE(finishes.count(id)) << "flow " << id << " has no finish";
        const json &f = finishes[id];
        EXPECT_EQ(s["pid"], 0) << "flows start on the CPU";
        EXPECT_NE(f["pid"], 0) << "and end on the GPU";
        EXPECT_LE(s["ts"].get<double>(), f["ts"].get<double>());
    }

    // Times are microseconds; args carry correlation, bytes and shapes.
    bool sawCopy = false;
    for (const json &e : events) {
        if (e["ph"] == "X" && e["name"] == "Memcpy HtoD") {
            sawCopy = true;
            EXPECT_DOUBLE_EQ(e["ts"].get<double>(), 0.12);
            EXPECT_DOUBLE_EQ(e["dur"].get<double>(), 0.04);
            EXPECT_EQ(e["cat"], "memcpy");
            EXPECT_EQ(e["args"]["bytes"], 1 << 20);
            EXPECT_EQ(e["args"]["correlation"], 2);
        }
    }
    EXPECT_TRUE(sawCopy);
}

TEST(ChromeTrace, WritesAFileAndReportsFailure)
{
    Trace trace = optibench::profiler::testing::handTrace();
    trace.messages.push_back("no GPU tracing available: test");
    const std::string path = std::string(OPTIBENCH_BINARY_DIR) + "/tst_chrome_trace.json";
    std::string error;
    ASSERT_TRUE(writeChromeTrace(trace, path, &error)) << error;
    std::ifstream in(path);
    const json doc = json::parse(in);
    EXPECT_EQ(doc["otherData"]["messages"][0], "no GPU tracing available: test");
    std::remove(path.c_str());
    EXPECT_FALSE(writeChromeTrace(trace, "/nonexistent-dir/x.json", &error));
    EXPECT_NE(error.find("/nonexistent-dir/x.json"), std::string::npos);
}

TEST(ChromeTrace, EmptyTraceIsValid)
{
    const json doc = json::parse(chromeTraceJson(Trace{}));
    EXPECT_TRUE(doc["traceEvents"].is_array());
}
