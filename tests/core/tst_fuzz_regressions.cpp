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
