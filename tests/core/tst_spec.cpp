#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/core/spec.h"

using namespace optibench::core;
namespace options = optibench::options;
using nlohmann::json;

namespace {

// The field a spec error names, or "" when the spec parses.
std::string errorField(const json &j)
{
    try {
        parseSpec(j);
    } catch (const SpecError &e) {
        return e.field();
    }
    return "";
}

json training()
{
    return json{{"task", {{"mode", "training"}}}};
}

} // namespace

TEST(Spec, EmptyObjectGivesDefaultsAndRoundTrips)
{
    const ExperimentSpec spec = parseSpec(json::object());
    EXPECT_EQ(spec.model.path, "demo:tiny-bert");
    EXPECT_EQ(spec.task.batchSize, 8);
    EXPECT_EQ(spec.optimizations.precision, options::Precision::Fp32);
    EXPECT_FALSE(spec.optimizations.distillation.has_value());
    const json full = toJson(spec);
    for (const char *key : {"name", "model", "task", "optimizations", "profiling", "device", "threads", "seed"})
        EXPECT_TRUE(full.contains(key)) << key;
    EXPECT_EQ(toJson(parseSpec(full)), full);
    EXPECT_EQ(toJson(parseSpecText(toJsonText(spec))), full);
}

TEST(Spec, EveryFieldRoundTrips)
{
    const json j = {
        {"name", "all"},
        {"model", {{"path", "/models/bert"}, {"format", "hf"}}},
        {"task",
         {{"mode", "training"},
          {"dataset", "demo:qa"},
          {"split", "train"},
          {"batch_size", 32},
          {"max_length", 256},
          {"warmup", 1},
          {"iterations", 7},
          {"blocks", 4},
          {"min_block_ms", 12.5},
          {"quality", "timed"},
          {"steps", 500},
          {"eval_every", 50},
          {"learning_rate", 1e-4},
          {"warmup_steps", 20}}},
        {"optimizations",
         {{"precision", "bf16"},
          {"quantization", "qat"},
          {"quantize_embeddings", false},
          {"pruning", {{"method", "magnitude"}, {"amount", 0.3}, {"scope", "layer"}, {"include_embeddings", true}}},
          {"padding", "bucketed"},
          {"checkpoint_every", 2},
          {"grad_accumulation", 4},
          {"freeze_embeddings", true},
          {"share_layers", 3},
          {"distillation",
           {{"teacher", "/models/big"},
            {"student_layers", 4},
            {"student_hidden", 384},
            {"alpha", 0.7},
            {"temperature", 3.0}}}}},
        {"profiling", {{"ops", true}, {"kernels", false}, {"iterations", 5}, {"shapes", true}}},
        {"device", "cpu"},
        {"threads", 4},
        {"seed", 18446744073709551615ull},
    };
    // qat needs fp32: swap precision so the combination is valid.
    json valid = j;
    valid["optimizations"]["precision"] = "fp32";
    const ExperimentSpec spec = parseSpec(valid);
    EXPECT_EQ(spec.optimizations.distillation->studentHidden, 384);
    EXPECT_EQ(spec.seed, 18446744073709551615ull);
    EXPECT_EQ(toJson(spec), valid);
}

TEST(Spec, SketchBooleansAreAccepted)
{
    json j = training();
    j["optimizations"] = {{"checkpointing", true}, {"share_layers", true}, {"distillation", nullptr}};
    const ExperimentSpec spec = parseSpec(j);
    EXPECT_EQ(spec.optimizations.checkpointEvery, 1);
    EXPECT_EQ(spec.optimizations.shareLayers, kShareAllLayers);
    EXPECT_EQ(toJson(spec)["optimizations"]["checkpoint_every"], 1);
    j["optimizations"] = {{"checkpointing", false}, {"share_layers", false}};
    EXPECT_EQ(parseSpec(j).optimizations.checkpointEvery, 0);
    EXPECT_EQ(parseSpec(j).optimizations.shareLayers, 0);
    j["optimizations"] = {{"checkpointing", true}, {"checkpoint_every", 2}};
    EXPECT_EQ(errorField(j), "optimizations.checkpointing");
}

TEST(Spec, TwoFourImpliesHalf)
{
    const ExperimentSpec spec = parseSpec(json{{"optimizations", {{"pruning", {{"method", "2:4"}}}}}});
    EXPECT_DOUBLE_EQ(spec.optimizations.pruning.amount, 0.5);
    EXPECT_EQ(errorField(json{{"optimizations", {{"pruning", {{"method", "2:4"}, {"amount", 0.3}}}}}}),
              "optimizations.pruning.amount");
}

struct BadField {
    const char *name;
    json spec;
    const char *field;
};

class SpecFieldErrors : public ::testing::TestWithParam<BadField> {};

TEST_P(SpecFieldErrors, NamesTheField)
{
    const BadField &c = GetParam();
    try {
        parseSpec(c.spec);
        FAIL() << "accepted " << c.spec.dump();
    } catch (const SpecError &e) {
        EXPECT_EQ(e.field(), c.field) << e.what();
        EXPECT_NE(std::string(e.what()).find(c.field), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, SpecFieldErrors,
    ::testing::Values(
        BadField{"not_object", json::array(), ""}, BadField{"unknown_top", {{"nmae", "x"}}, "nmae"},
        BadField{"unknown_nested", {{"task", {{"batchsize", 8}}}}, "task.batchsize"},
        BadField{"name_type", {{"name", 3}}, "name"}, BadField{"model_type", {{"model", "bert"}}, "model"},
        BadField{"model_path_empty", {{"model", {{"path", ""}}}}, "model.path"},
        BadField{"model_format", {{"model", {{"format", "onnx"}}}}, "model.format"},
        BadField{"mode", {{"task", {{"mode", "serve"}}}}, "task.mode"},
        BadField{"split", {{"task", {{"split", "test"}}}}, "task.split"},
        BadField{"batch_zero", {{"task", {{"batch_size", 0}}}}, "task.batch_size"},
        BadField{"batch_float", {{"task", {{"batch_size", 8.5}}}}, "task.batch_size"},
        BadField{"batch_string", {{"task", {{"batch_size", "8"}}}}, "task.batch_size"},
        BadField{"batch_huge", {{"task", {{"batch_size", 18446744073709551615ull}}}}, "task.batch_size"},
        BadField{"max_length", {{"task", {{"max_length", -1}}}}, "task.max_length"},
        BadField{"warmup", {{"task", {{"warmup", -1}}}}, "task.warmup"},
        BadField{"iterations", {{"task", {{"iterations", 0}}}}, "task.iterations"},
        BadField{"steps", {{"task", {{"steps", 0}}}}, "task.steps"},
        BadField{"eval_every", {{"task", {{"eval_every", -2}}}}, "task.eval_every"},
        BadField{"lr_zero", {{"task", {{"learning_rate", 0}}}}, "task.learning_rate"},
        BadField{"lr_string", {{"task", {{"learning_rate", "fast"}}}}, "task.learning_rate"},
        BadField{"precision", {{"optimizations", {{"precision", "fp8"}}}}, "optimizations.precision"},
        BadField{"quantization", {{"optimizations", {{"quantization", "int4"}}}}, "optimizations.quantization"},
        BadField{"pruning_method",
                 {{"optimizations", {{"pruning", {{"method", "random"}}}}}},
                 "optimizations.pruning.method"},
        BadField{"pruning_amount_one",
                 {{"optimizations", {{"pruning", {{"method", "magnitude"}, {"amount", 1.0}}}}}},
                 "optimizations.pruning.amount"},
        BadField{"pruning_scope",
                 {{"optimizations", {{"pruning", {{"scope", "model"}}}}}},
                 "optimizations.pruning.scope"},
        BadField{"pruning_unknown",
                 {{"optimizations", {{"pruning", {{"ratio", 0.3}}}}}},
                 "optimizations.pruning.ratio"},
        BadField{"padding", {{"optimizations", {{"padding", "none"}}}}, "optimizations.padding"},
        BadField{"grad_acc", {{"optimizations", {{"grad_accumulation", 0}}}}, "optimizations.grad_accumulation"},
        BadField{"freeze_type", {{"optimizations", {{"freeze_embeddings", 1}}}}, "optimizations.freeze_embeddings"},
        BadField{"share_negative", {{"optimizations", {{"share_layers", -1}}}}, "optimizations.share_layers"},
        BadField{"distill_type", {{"optimizations", {{"distillation", true}}}}, "optimizations.distillation"},
        BadField{"distill_alpha",
                 {{"task", {{"mode", "training"}}},
                  {"optimizations", {{"distillation", {{"teacher", "t"}, {"alpha", 1.5}}}}}},
                 "optimizations.distillation.alpha"},
        BadField{"distill_temperature",
                 {{"task", {{"mode", "training"}}},
                  {"optimizations", {{"distillation", {{"teacher", "t"}, {"temperature", 0}}}}}},
                 "optimizations.distillation.temperature"},
        BadField{"profiling_ops", {{"profiling", {{"ops", "yes"}}}}, "profiling.ops"},
        BadField{"profiling_iterations", {{"profiling", {{"iterations", 0}}}}, "profiling.iterations"},
        BadField{"profiling_shapes", {{"profiling", {{"shapes", 1}}}}, "profiling.shapes"},
        BadField{"device", {{"device", "gpu"}}, "device"}, BadField{"device_index", {{"device", "cuda:x"}}, "device"},
        BadField{"threads", {{"threads", 0}}, "threads"}, BadField{"seed", {{"seed", -1}}, "seed"}),
    [](const ::testing::TestParamInfo<BadField> &info) { return std::string(info.param.name); });

TEST(Spec, MessagesNameAllowedValuesAndRanges)
{
    try {
        parseSpec(json{{"optimizations", {{"precision", "fp8"}}}});
        FAIL();
    } catch (const SpecError &e) {
        EXPECT_NE(std::string(e.what()).find("fp32, tf32, fp16, bf16, amp-fp16, amp-bf16"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("\"fp8\""), std::string::npos) << e.what();
    }
    try {
        parseSpec(json{{"task", {{"batch_size", 0}}}});
        FAIL();
    } catch (const SpecError &e) {
        EXPECT_NE(std::string(e.what()).find("[1, 4096]"), std::string::npos) << e.what();
    }
}

TEST(Spec, SyntaxErrorIsReported)
{
    EXPECT_THROW(parseSpecText("{\"name\": "), SpecError);
}

TEST(Spec, CombinationRules)
{
    // name, spec, field the error must name ("" = valid)
    const std::vector<std::tuple<const char *, json, std::string>> cases = {
        {"kernels on cpu", {{"profiling", {{"kernels", true}}}}, "profiling.kernels"},
        {"kernels on cuda", {{"profiling", {{"kernels", true}}}, {"device", "cuda:0"}}, ""},
        {"fp16 on cpu", {{"optimizations", {{"precision", "fp16"}}}}, "optimizations.precision"},
        {"amp-fp16 on cpu", {{"optimizations", {{"precision", "amp-fp16"}}}}, "optimizations.precision"},
        {"tf32 on cpu", {{"optimizations", {{"precision", "tf32"}}}}, "optimizations.precision"},
        {"fp16 on cuda", {{"optimizations", {{"precision", "fp16"}}}, {"device", "cuda"}}, ""},
        {"bf16 on cpu", {{"optimizations", {{"precision", "bf16"}}}}, ""},
        {"int8 on cuda",
         {{"optimizations", {{"quantization", "dynamic-int8"}}}, {"device", "cuda"}},
         "optimizations.quantization"},
        {"int8 with bf16",
         {{"optimizations", {{"quantization", "weight-int8"}, {"precision", "bf16"}}}},
         "optimizations.quantization"},
        {"bf16 weights with bf16",
         {{"optimizations", {{"quantization", "bf16-weights"}, {"precision", "bf16"}}}},
         "optimizations.quantization"},
        {"ptq in training",
         {{"task", {{"mode", "training"}}}, {"optimizations", {{"quantization", "dynamic-int8"}}}},
         "optimizations.quantization"},
        {"qat in inference (calibrated, converted)", {{"optimizations", {{"quantization", "qat"}}}}, ""},
        {"qat with bf16",
         {{"optimizations", {{"quantization", "qat"}, {"precision", "bf16"}}}},
         "optimizations.quantization"},
        {"qat in training", {{"task", {{"mode", "training"}}}, {"optimizations", {{"quantization", "qat"}}}}, ""},
        {"int8 tables with weight-int8",
         {{"optimizations", {{"quantization", "weight-int8"}, {"quantize_embeddings", true}}}},
         ""},
        {"int8 tables with dynamic-int8",
         {{"optimizations", {{"quantization", "dynamic-int8"}, {"quantize_embeddings", true}}}},
         ""},
        {"int8 tables alone",
         {{"optimizations", {{"quantize_embeddings", true}}}},
         "optimizations.quantize_embeddings"},
        {"int8 tables with fp16 weights",
         {{"optimizations", {{"quantization", "fp16-weights"}, {"quantize_embeddings", true}}}},
         "optimizations.quantize_embeddings"},
        {"saving a neuron-pruned model",
         {{"task", {{"mode", "training"}, {"save_path", "/tmp/out"}}},
          {"optimizations", {{"pruning", {{"method", "neurons"}, {"amount", 0.2}}}}}},
         "task.save_path"},
        {"saving a head-pruned model",
         {{"task", {{"mode", "training"}, {"save_path", "/tmp/out"}}},
          {"optimizations", {{"pruning", {{"method", "heads"}, {"amount", 0.2}}}}}},
         ""},
        {"checkpoint in inference", {{"optimizations", {{"checkpoint_every", 1}}}}, "optimizations.checkpoint_every"},
        {"accumulation in inference",
         {{"optimizations", {{"grad_accumulation", 2}}}},
         "optimizations.grad_accumulation"},
        {"freeze in inference", {{"optimizations", {{"freeze_embeddings", true}}}}, "optimizations.freeze_embeddings"},
        {"share in inference", {{"optimizations", {{"share_layers", true}}}}, "optimizations.share_layers"},
        {"distill in inference",
         {{"optimizations", {{"distillation", {{"teacher", "t"}}}}}},
         "optimizations.distillation"},
        {"distill without teacher",
         {{"task", {{"mode", "training"}}}, {"optimizations", {{"distillation", json::object()}}}},
         "optimizations.distillation.teacher"},
        {"eval_every beyond steps",
         {{"task", {{"mode", "training"}, {"steps", 10}, {"eval_every", 20}}}},
         "task.eval_every"},
        {"amount without method",
         {{"optimizations", {{"pruning", {{"amount", 0.2}}}}}},
         "optimizations.pruning.amount"},
        {"method without amount",
         {{"optimizations", {{"pruning", {{"method", "heads"}}}}}},
         "optimizations.pruning.amount"},
        {"layer scope for heads",
         {{"optimizations", {{"pruning", {{"method", "heads"}, {"amount", 0.2}, {"scope", "layer"}}}}}},
         "optimizations.pruning.scope"},
        {"embeddings for neurons",
         {{"optimizations", {{"pruning", {{"method", "neurons"}, {"amount", 0.2}, {"include_embeddings", true}}}}}},
         "optimizations.pruning.include_embeddings"},
        {"magnitude per layer",
         {{"optimizations", {{"pruning", {{"method", "magnitude"}, {"amount", 0.2}, {"scope", "layer"}}}}}},
         ""},
    };
    for (const auto &[name, spec, field] : cases)
        EXPECT_EQ(errorField(spec), field) << name;
}

TEST(Spec, ValidateCombinationOnStructs)
{
    ExperimentSpec spec;
    spec.optimizations.pruning.method =
        options::PruningMethod::TwoFour; // amount left at 0: the struct path has no implied amount
    EXPECT_THROW(validateCombination(spec), SpecError);
    spec.optimizations.pruning.amount = 0.5;
    EXPECT_NO_THROW(validateCombination(spec));
}

TEST(Spec, DescribeToggles)
{
    EXPECT_EQ(describeToggles(ExperimentSpec{}), "fp32 baseline");
    ExperimentSpec spec = parseSpec(json{{"optimizations",
                                          {{"quantization", "dynamic-int8"},
                                           {"padding", "bucketed"},
                                           {"pruning", {{"method", "magnitude"}, {"amount", 0.3}}}}}});
    EXPECT_EQ(describeToggles(spec), "dynamic-int8, magnitude pruned 30%, bucketed padding");
    spec.optimizations.quantizeEmbeddings = true;
    EXPECT_EQ(describeToggles(spec), "dynamic-int8, int8 embeddings, magnitude pruned 30%, bucketed padding");
    spec =
        parseSpec(json{{"task", {{"mode", "training"}}},
                       {"optimizations", {{"checkpointing", true}, {"grad_accumulation", 4}, {"share_layers", true}}}});
    EXPECT_EQ(describeToggles(spec), "checkpointing, grad accumulation 4, all layers shared");
}

TEST(Spec, SavePathIsForTrainingAndRoundTrips)
{
    const json j = {{"task", {{"mode", "training"}, {"save_path", "/tmp/trained"}}}};
    const ExperimentSpec spec = parseSpec(j);
    EXPECT_EQ(spec.task.savePath, "/tmp/trained");
    EXPECT_EQ(toJson(spec)["task"]["save_path"], "/tmp/trained");
    EXPECT_EQ(toJson(parseSpec(toJson(spec))), toJson(spec));
    // Not written when unset, so stored specs of runs that save nothing stay as they were.
    EXPECT_FALSE(toJson(ExperimentSpec{})["task"].contains("save_path"));
    try {
        parseSpec(json{{"task", {{"save_path", "/tmp/trained"}}}});
        FAIL() << "save_path in an inference run must be refused";
    } catch (const SpecError &e) {
        EXPECT_EQ(e.field(), "task.save_path");
    }
}
