#include "options/rules.h"

// Marks a reason for the GUI's translations: lupdate reads this file and finds the reasons under
// context "Rules". Qt's macro of the same name is the same no-op; this file does not use Qt.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace optibench::options {

namespace {

using Args = std::vector<std::string>;

Args precisionAndDevice(const Choices &c)
{
    return {name(c.precision), c.device};
}
Args quantization(const Choices &c)
{
    return {name(c.quantization)};
}
Args quantizationAndPrecision(const Choices &c)
{
    return {name(c.quantization), name(c.precision)};
}
Args precision(const Choices &c)
{
    return {name(c.precision)};
}
Args method(const Choices &c)
{
    return {name(c.pruningMethod)};
}

// What needs CUDA, and what runs on the CPU only. TF32 is a tensor-core mode; fp16 arithmetic
// on the CPU is emulated and far slower than fp32, so such a run would measure nothing useful.
const std::vector<Rule> kDeviceRules{
    {"kernel-trace-needs-cuda", "profiling.kernels", [](const Choices &c) { return c.traceKernels && !c.cuda(); },
     QT_TRANSLATE_NOOP("Rules", "kernel tracing needs a CUDA device (device is %1)"),
     [](const Choices &c) { return Args{c.device}; }},
    {"precision-needs-cuda", "optimizations.precision",
     [](const Choices &c) { return needsCuda(c.precision) && !c.cuda(); },
     QT_TRANSLATE_NOOP("Rules", "%1 needs a CUDA device (device is %2); use fp32, bf16 or amp-bf16 on the CPU"),
     precisionAndDevice},
    {"int8-on-cpu-only", "optimizations.quantization",
     [](const Choices &c) { return isInt8(c.quantization) && c.cuda(); },
     QT_TRANSLATE_NOOP("Rules", "%1 runs on the CPU only in this version"), quantization},
};

// What each quantization computes in, and what it replaces.
const std::vector<Rule> kQuantizationRules{
    {"int8-needs-fp32", "optimizations.quantization",
     [](const Choices &c) { return isInt8(c.quantization) && c.precision != Precision::Fp32; },
     QT_TRANSLATE_NOOP("Rules", "%1 computes the rest of the model in fp32; set precision fp32"), quantization},
    {"half-weights-change-nothing", "optimizations.quantization",
     [](const Choices &c) {
         const auto q = c.quantization;
         const auto p = c.precision;
         return (q == Quantization::Fp16Weights && (p == Precision::Fp16 || p == Precision::AmpFp16))
             || (q == Quantization::Bf16Weights && (p == Precision::Bf16 || p == Precision::AmpBf16));
     },
     QT_TRANSLATE_NOOP("Rules", "%1 changes nothing with precision %2; the weights already have that type"),
     quantizationAndPrecision},
    {"autocast-keeps-linears", "optimizations.quantization",
     [](const Choices &c) { return isAutocast(c.precision) && c.quantization != Quantization::None; },
     QT_TRANSLATE_NOOP("Rules", "%1 replaces the Linears that %2 runs in autocast; combine %2 with quantization none"),
     quantizationAndPrecision},
    {"training-quantizes-with-qat", "optimizations.quantization",
     [](const Choices &c) {
         return c.training() && c.quantization != Quantization::None && c.quantization != Quantization::Qat;
     },
     QT_TRANSLATE_NOOP("Rules", "%1 is post-training quantization; training accepts none or qat"), quantization},
    {"int8-tables-need-int8", "optimizations.quantize_embeddings",
     [](const Choices &c) { return c.quantizeEmbeddings && !storesInt8Tables(c.quantization); },
     QT_TRANSLATE_NOOP("Rules",
                       "int8 embedding tables go with quantization dynamic-int8 or weight-int8 (quantization is %1)"),
     quantization},
};

// What acts on training only, and what training needs.
const std::vector<Rule> kTrainingRules{
    {"training-precision", "optimizations.precision",
     [](const Choices &c) { return c.training() && !isTrainingPrecision(c.precision); },
     QT_TRANSLATE_NOOP(
         "Rules", "%1 is not a training precision (fp32, amp-bf16 or amp-fp16: autocast with fp32 master weights)"),
     precision},
    {"checkpointing-trains", "optimizations.checkpoint_every",
     [](const Choices &c) { return !c.training() && c.checkpointEvery != 0; },
     QT_TRANSLATE_NOOP("Rules", "gradient checkpointing acts on training only; the mode is inference"), nullptr},
    {"accumulation-trains", "optimizations.grad_accumulation",
     [](const Choices &c) { return !c.training() && c.gradAccumulation != 1; },
     QT_TRANSLATE_NOOP("Rules", "gradient accumulation acts on training only; the mode is inference"), nullptr},
    {"freezing-trains", "optimizations.freeze_embeddings",
     [](const Choices &c) { return !c.training() && c.freezeEmbeddings; },
     QT_TRANSLATE_NOOP("Rules", "freezing embeddings acts on training only; the mode is inference"), nullptr},
    {"sharing-trains", "optimizations.share_layers",
     [](const Choices &c) { return !c.training() && c.shareLayers != 0; },
     QT_TRANSLATE_NOOP("Rules", "cross-layer sharing acts on training only; the mode is inference"), nullptr},
    {"distillation-trains", "optimizations.distillation",
     [](const Choices &c) { return !c.training() && c.distillation; },
     QT_TRANSLATE_NOOP("Rules", "distillation acts on training only; the mode is inference"), nullptr},
    {"distillation-needs-teacher", "optimizations.distillation.teacher",
     [](const Choices &c) { return c.distillation && !c.hasTeacher; },
     QT_TRANSLATE_NOOP("Rules", "distillation needs a teacher model path"), nullptr},
    {"saving-trains", "task.save_path", [](const Choices &c) { return !c.training() && c.savesModel; },
     QT_TRANSLATE_NOOP("Rules", "saving a trained model needs the mode training"), nullptr},
    {"saving-needs-one-ffn-width", "task.save_path",
     [](const Choices &c) { return c.savesModel && c.pruningMethod == PruningMethod::Neurons; },
     QT_TRANSLATE_NOOP("Rules",
                       "neurons pruning leaves each layer its own FFN width, which a Hugging Face config.json "
                       "cannot describe (it has one intermediate_size); prune heads or magnitude to save"),
     nullptr},
    {"eval-within-steps", "task.eval_every", [](const Choices &c) { return c.training() && c.evalEvery > c.steps; },
     QT_TRANSLATE_NOOP("Rules", "evaluating every %1 steps needs at least %1 training steps (steps is %2)"),
     [](const Choices &c) {
         return Args{std::to_string(c.evalEvery), std::to_string(c.steps)};
     }},
};

// An amount and a method go together; scope and embeddings only where they apply.
const std::vector<Rule> kPruningRules{
    {"amount-needs-method", "optimizations.pruning.amount",
     [](const Choices &c) { return c.pruningMethod == PruningMethod::None && c.pruningAmount != 0.0; },
     QT_TRANSLATE_NOOP("Rules", "an amount needs a pruning method (method is none)"), nullptr},
    {"two-four-is-half", "optimizations.pruning.amount",
     [](const Choices &c) { return c.pruningMethod == PruningMethod::TwoFour && c.pruningAmount != 0.5; },
     QT_TRANSLATE_NOOP("Rules", "2:4 sparsity removes exactly half: amount must be 0.5"), nullptr},
    {"method-needs-amount", "optimizations.pruning.amount",
     [](const Choices &c) {
         return c.pruningMethod != PruningMethod::None && c.pruningMethod != PruningMethod::TwoFour
             && c.pruningAmount == 0.0;
     },
     QT_TRANSLATE_NOOP("Rules", "%1 pruning needs an amount between 0 and 1"), method},
    {"layer-scope-is-magnitude", "optimizations.pruning.scope",
     [](const Choices &c) {
         return c.pruningScope == PruningScope::Layer && c.pruningMethod != PruningMethod::Magnitude;
     },
     QT_TRANSLATE_NOOP("Rules", "scope per layer applies to magnitude pruning only"), nullptr},
    {"pruned-tables-are-unstructured", "optimizations.pruning.include_embeddings",
     [](const Choices &c) {
         return c.pruneEmbeddings && c.pruningMethod != PruningMethod::Magnitude
             && c.pruningMethod != PruningMethod::TwoFour;
     },
     QT_TRANSLATE_NOOP("Rules", "applies to magnitude and 2:4 pruning only (method is %1)"), method},
};

bool within(const std::string &field, const std::string &prefix)
{
    return field == prefix
        || (field.size() > prefix.size() && field.compare(0, prefix.size(), prefix) == 0
            && field[prefix.size()] == '.');
}

Violation violation(const Rule &rule, const Choices &choices)
{
    Args args = rule.args ? rule.args(choices) : Args{};
    std::string reason = fill(rule.reason, args);
    return {rule.id, rule.field, rule.reason, std::move(args), std::move(reason)};
}

} // namespace

std::string fill(const char *reasonTemplate, const std::vector<std::string> &args)
{
    std::string out;
    for (const char *p = reasonTemplate; *p; ++p) {
        const auto index = static_cast<std::size_t>(p[1] - '1');
        if (*p == '%' && p[1] >= '1' && p[1] <= '9' && index < args.size()) {
            out += args[index];
            ++p;
        } else {
            out += *p;
        }
    }
    return out;
}

const std::vector<Rule> &rules()
{
    static const std::vector<Rule> all = [] {
        std::vector<Rule> r;
        for (const auto *group : {&kDeviceRules, &kQuantizationRules, &kTrainingRules, &kPruningRules})
            r.insert(r.end(), group->begin(), group->end());
        return r;
    }();
    return all;
}

std::vector<Violation> violations(const Choices &choices)
{
    std::vector<Violation> out;
    for (const Rule &rule : rules())
        if (rule.applies(choices))
            out.push_back(violation(rule, choices));
    return out;
}

std::optional<Violation> firstViolation(const Choices &choices)
{
    for (const Rule &rule : rules())
        if (rule.applies(choices))
            return violation(rule, choices);
    return std::nullopt;
}

std::optional<Violation> violationOf(const Choices &choices, const std::string &field)
{
    for (const Rule &rule : rules())
        if (within(rule.field, field) && rule.applies(choices))
            return violation(rule, choices);
    return std::nullopt;
}

} // namespace optibench::options
