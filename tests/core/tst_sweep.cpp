// Sweep grids: key resolution, value parsing, expansion order and validation per combination.
#include <gtest/gtest.h>

#include "app/core/spec.h"
#include "app/core/sweep.h"

using namespace optibench::core;
namespace options = optibench::options;
using nlohmann::json;

TEST(Sweep, ShortKeysResolveToTheirOneFullPath)
{
    EXPECT_EQ(resolveSpecPath("quantization"), "optimizations.quantization");
    EXPECT_EQ(resolveSpecPath("padding"), "optimizations.padding");
    EXPECT_EQ(resolveSpecPath("precision"), "optimizations.precision");
    EXPECT_EQ(resolveSpecPath("pruning.method"), "optimizations.pruning.method");
    EXPECT_EQ(resolveSpecPath("batch_size"), "task.batch_size");
    EXPECT_EQ(resolveSpecPath("task.iterations"), "task.iterations");
    EXPECT_EQ(resolveSpecPath("threads"), "threads");
    EXPECT_EQ(resolveSpecPath("distillation.teacher"), "optimizations.distillation.teacher");
    try {
        resolveSpecPath("iterations");
        FAIL() << "ambiguous key accepted";
    } catch (const SpecError &e) {
        EXPECT_NE(std::string(e.what()).find("profiling.iterations or task.iterations"), std::string::npos) << e.what();
    }
    EXPECT_THROW(resolveSpecPath("colour"), SpecError);
    EXPECT_THROW(resolveSpecPath(""), SpecError);
}

TEST(Sweep, ValuesAreJsonWhenTheyParseElseStrings)
{
    const auto axes = parseSweepGrid(" batch_size = 4, 8 ; freeze_embeddings=true;quantization=none ;amount=0.5");
    ASSERT_EQ(axes.size(), 4u);
    EXPECT_EQ(axes[0].values, (std::vector<json>{4, 8}));
    EXPECT_EQ(axes[1].values, (std::vector<json>{true}));
    EXPECT_EQ(axes[2].values, (std::vector<json>{"none"}));
    EXPECT_EQ(axes[3].path, "optimizations.pruning.amount");
    EXPECT_THROW(parseSweepGrid(""), SpecError);
    EXPECT_THROW(parseSweepGrid("padding"), SpecError);
    EXPECT_THROW(parseSweepGrid("=fixed"), SpecError);
    EXPECT_THROW(parseSweepGrid("padding=fixed,,bucketed"), SpecError);
    EXPECT_THROW(parseSweepGrid("padding=fixed;optimizations.padding=bucketed"), SpecError);
}

// An object value sets fields that only make sense together (a method and its amount).
TEST(Sweep, ObjectValuesKeepTheirCommas)
{
    const auto axes = parseSweepGrid(R"(pruning={"method":"none"},{"method":"neurons","amount":0.3};padding=fixed)");
    ASSERT_EQ(axes.size(), 2u);
    EXPECT_EQ(axes[0].path, "optimizations.pruning");
    ASSERT_EQ(axes[0].values.size(), 2u);
    EXPECT_EQ(axes[0].values[1], json::parse(R"({"method":"neurons","amount":0.3})"));
    const auto combinations = expandSweep(json::object(), axes);
    ASSERT_EQ(combinations.size(), 2u);
    for (const auto &c : combinations)
        EXPECT_TRUE(c.valid) << c.label << ": " << c.error;
    EXPECT_EQ(combinations[1].spec.optimizations.pruning.method, options::PruningMethod::Neurons);
    EXPECT_EQ(parseSweepGrid(R"(name="a;b",c)")[0].values, (std::vector<json>{"a;b", "c"}));
}

TEST(Sweep, CartesianProductFirstAxisSlowestEachValidated)
{
    const json base = {{"name", "b"}, {"task", {{"batch_size", 2}}}};
    const auto combos =
        expandSweep(base, parseSweepGrid("quantization=none,dynamic-int8;padding=fixed,sideways,bucketed"));
    ASSERT_EQ(combos.size(), 6u);
    EXPECT_EQ(combos[0].label, "quantization=none padding=fixed");
    EXPECT_EQ(combos[1].label, "quantization=none padding=sideways");
    EXPECT_EQ(combos[5].label, "quantization=dynamic-int8 padding=bucketed");
    EXPECT_TRUE(combos[0].valid);
    EXPECT_FALSE(combos[1].valid);
    EXPECT_NE(combos[1].error.find("optimizations.padding"), std::string::npos) << combos[1].error;
    EXPECT_EQ(combos[5].spec.optimizations.quantization, options::Quantization::DynamicInt8);
    EXPECT_EQ(combos[5].spec.optimizations.padding, options::Padding::Bucketed);
    EXPECT_EQ(combos[5].spec.task.batchSize, 2);
    EXPECT_EQ(combos[5].specJson["name"], "b");
}

TEST(Sweep, SetPathCreatesObjectsAndReplacesNull)
{
    json spec = {{"optimizations", {{"distillation", nullptr}}}};
    setSpecPath(spec, "optimizations.distillation.teacher", "demo:tiny-bert");
    EXPECT_EQ(spec["optimizations"]["distillation"]["teacher"], "demo:tiny-bert");
    setSpecPath(spec, "task.batch_size", 3);
    EXPECT_EQ(spec["task"]["batch_size"], 3);
}
