// Inputs the libFuzzer targets (tests/fuzz/fuzz_spec.cpp, fuzz_bundle.cpp) found to crash, kept
// as plain tests so that the fix stays fixed in every build, not only the clang fuzz build.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "app/core/export.h"
#include "app/core/spec.h"
#include "app/core/store.h"

using namespace optibench::core;

// fuzz_spec, crash-440ed019: a number too large for a double made nlohmann throw out_of_range
// (406), which parseSpecText did not catch: a worker given this spec line would have died.
TEST(FuzzRegressions, SpecWithOverflowingNumberIsASpecError)
{
    const std::string input = "888888888888884444444e4444444444ting\",\"modetans\":5unt\"C0.3se:0.3";
    EXPECT_THROW(parseSpecText(input), SpecError);
    EXPECT_THROW(parseSpecText(R"({"task": {"batch_size": 1e999}})"), SpecError);
}

// fuzz_bundle, crash-6bdf426b: a "format" that is not a string made json::value() throw
// type_error out of importBundle (optibench-cli import would have died with "terminate").
TEST(FuzzRegressions, BundleWithNonStringFormatIsABundleError)
{
    Store store(":memory:");
    const auto input = nlohmann::json::parse(
        R"({"format":[{"modle":{"sonment":{},"base)line_run_id":null},"metrics":[{"key":"latency_p50_mtency_ms",)"
        R"("step":1.2}],"trace_columns":["kind","name","deent","shapes"],"trace":[]}]})");
    EXPECT_THROW(importBundle(store, input), BundleError);
    EXPECT_THROW(importBundle(store, nlohmann::json::array()), BundleError);
    EXPECT_THROW(importBundle(store, nlohmann::json{{"format", 1}}), BundleError);
}

// A trace kind far outside the enum must be refused, not truncated to an int that fits.
TEST(FuzzRegressions, BundleTraceKindIsCheckedAsA64BitValue)
{
    Store store(":memory:");
    nlohmann::json bundle = {{"format", kBundleFormat},
                             {"version", kBundleVersion},
                             {"runs",
                              {{{"model", nullptr},
                                {"run",
                                 {{"id", 1},
                                  {"name", "r"},
                                  {"notes", ""},
                                  {"created_at_ms", 1},
                                  {"finished_at_ms", 2},
                                  {"status", "done"},
                                  {"error", ""},
                                  {"spec", nlohmann::json::object()},
                                  {"environment", nlohmann::json::object()},
                                  {"baseline_run_id", nullptr}}},
                                {"metrics", nlohmann::json::array()},
                                {"series", nlohmann::json::array()},
                                {"trace_columns",
                                 {"kind", "name", "device", "lane", "start_ns", "duration_ns", "correlation", "parent",
                                  "shapes"}},
                                {"trace", {{4294967296LL + 1, "op", "cpu", 0, 0, 1, 0, -1, ""}}}}}}};
    EXPECT_THROW(importBundle(store, bundle), BundleError);
    bundle["runs"][0]["trace"][0][0] = 1;
    EXPECT_EQ(importBundle(store, bundle).size(), 1u);
}
