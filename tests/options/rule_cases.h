#pragma once
// One spec per combination rule of options/rules.h that breaks that rule and no rule before
// it. The spec parser's test (tests/options), the engine's (tests/session) and the GUI's
// (tests/ui) each walk every case, and each asserts that it has a case for every rule, so a rule
// added to the table without one fails all three.
#include "app/core/spec.h"

#include <functional>
#include <string>
#include <vector>

namespace optibench::rulecases {

struct RuleCase {
    std::string rule; // options::Rule::id
    std::function<void(core::ExperimentSpec &)> breakIt;

    core::ExperimentSpec spec() const
    {
        core::ExperimentSpec s;
        s.name = rule;
        breakIt(s);
        return s;
    }
};

inline void train(core::ExperimentSpec &s)
{
    s.task.mode = options::Mode::Training;
    s.task.steps = 4;
}

inline const std::vector<RuleCase> &ruleCases()
{
    using namespace options;
    static const std::vector<RuleCase> cases{
        {"kernel-trace-needs-cuda", [](auto &s) { s.profiling.kernels = true; }},
        {"precision-needs-cuda", [](auto &s) { s.optimizations.precision = Precision::Tf32; }},
        {"int8-on-cpu-only",
         [](auto &s) {
             s.device = "cuda";
             s.optimizations.quantization = Quantization::DynamicInt8;
         }},
        {"int8-needs-fp32",
         [](auto &s) {
             s.optimizations.precision = Precision::Bf16;
             s.optimizations.quantization = Quantization::WeightInt8;
         }},
        {"half-weights-change-nothing",
         [](auto &s) {
             s.optimizations.precision = Precision::Bf16;
             s.optimizations.quantization = Quantization::Bf16Weights;
         }},
        {"autocast-keeps-linears",
         [](auto &s) {
             s.optimizations.precision = Precision::AmpBf16;
             s.optimizations.quantization = Quantization::Fp16Weights;
         }},
        {"training-quantizes-with-qat",
         [](auto &s) {
             train(s);
             s.optimizations.quantization = Quantization::DynamicInt8;
         }},
        {"int8-tables-need-int8", [](auto &s) { s.optimizations.quantizeEmbeddings = true; }},
        {"training-precision",
         [](auto &s) {
             train(s);
             s.optimizations.precision = Precision::Bf16;
         }},
        {"checkpointing-trains", [](auto &s) { s.optimizations.checkpointEvery = 1; }},
        {"accumulation-trains", [](auto &s) { s.optimizations.gradAccumulation = 2; }},
        {"freezing-trains", [](auto &s) { s.optimizations.freezeEmbeddings = true; }},
        {"sharing-trains", [](auto &s) { s.optimizations.shareLayers = 2; }},
        {"distillation-trains",
         [](auto &s) { s.optimizations.distillation = core::DistillationSpec{"demo:tiny-bert"}; }},
        {"distillation-needs-teacher",
         [](auto &s) {
             train(s);
             s.optimizations.distillation = core::DistillationSpec{};
         }},
        {"saving-trains", [](auto &s) { s.task.savePath = "/tmp/optibench-rule-case"; }},
        {"saving-needs-one-ffn-width",
         [](auto &s) {
             train(s);
             s.task.savePath = "/tmp/optibench-rule-case";
             s.optimizations.pruning.method = PruningMethod::Neurons;
             s.optimizations.pruning.amount = 0.25;
         }},
        {"eval-within-steps",
         [](auto &s) {
             train(s);
             s.task.evalEvery = 5;
         }},
        {"amount-needs-method", [](auto &s) { s.optimizations.pruning.amount = 0.3; }},
        {"two-four-is-half",
         [](auto &s) {
             s.optimizations.pruning.method = PruningMethod::TwoFour;
             s.optimizations.pruning.amount = 0.3;
         }},
        {"method-needs-amount", [](auto &s) { s.optimizations.pruning.method = PruningMethod::Magnitude; }},
        {"layer-scope-is-magnitude",
         [](auto &s) {
             s.optimizations.pruning.method = PruningMethod::Heads;
             s.optimizations.pruning.amount = 0.25;
             s.optimizations.pruning.scope = PruningScope::Layer;
         }},
        {"pruned-tables-are-unstructured",
         [](auto &s) {
             s.optimizations.pruning.method = PruningMethod::Heads;
             s.optimizations.pruning.amount = 0.25;
             s.optimizations.pruning.includeEmbeddings = true;
         }},
    };
    return cases;
}

// The rule ids that have no case: empty when every rule of the table has one.
inline std::vector<std::string> rulesWithoutCase()
{
    std::vector<std::string> missing;
    for (const auto &rule : options::rules()) {
        bool found = false;
        for (const auto &c : ruleCases())
            found = found || c.rule == rule.id;
        if (!found)
            missing.push_back(rule.id);
    }
    return missing;
}

} // namespace optibench::rulecases
