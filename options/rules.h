#pragma once
// The combination rules of the run options, defined once as a table: each rule names the field
// it refuses, when it applies, and its reason. The spec parser (app/core), the engine's run
// configuration (engine/run, engine/train, engine/optimize) and the GUI (which disables a control
// and shows the reason) all ask this table. Neither Qt nor LibTorch.
#include "options/values.h"

#include <optional>
#include <string>
#include <vector>

namespace optibench::options {

// What the rules read: the spec's choices that combine with each other. Each consumer fills it
// from its own structure; the defaults are the spec's, so a consumer that checks a part (the
// engine's pruning, say) leaves the rest as it is and no other rule fires.
struct Choices {
    Mode mode = Mode::Inference;
    std::string device = "cpu";
    Precision precision = Precision::Fp32;
    Quantization quantization = Quantization::None;
    bool quantizeEmbeddings = false;
    PruningMethod pruningMethod = PruningMethod::None;
    double pruningAmount = 0.0;
    PruningScope pruningScope = PruningScope::Global;
    bool pruneEmbeddings = false;
    int checkpointEvery = 0;
    int gradAccumulation = 1;
    bool freezeEmbeddings = false;
    int shareLayers = 0;
    bool distillation = false;
    bool hasTeacher = false; // distillation names a teacher model
    bool savesModel = false; // task.save_path is set
    int steps = 100;
    int evalEvery = 0;
    bool traceKernels = false;

    bool training() const { return mode == Mode::Training; }
    bool cuda() const { return isCudaDevice(device); }
};

// One rule. Its reason is an English template with %1, %2, ... filled from args(): the core
// and the engine show it filled in, the GUI translates the template (context "Rules") first.
struct Rule {
    const char *id;    // stable name, e.g. "int8-needs-fp32"
    const char *field; // the field the rule refuses, e.g. "optimizations.quantization"
    bool (*applies)(const Choices &);
    const char *reason;                                // e.g. "%1 needs a CUDA device (device is %2)"
    std::vector<std::string> (*args)(const Choices &); // the values of %1, %2, ...; may be null
};

struct Violation {
    const char *id;
    std::string field;
    const char *reasonTemplate;
    std::vector<std::string> args;
    std::string reason;                                           // the template filled in
    std::string message() const { return field + ": " + reason; } // "field: reason"
};

// The template with %1, %2, ... replaced by args (as QString::arg does).
std::string fill(const char *reasonTemplate, const std::vector<std::string> &args);

// Every rule, in the order they are checked.
const std::vector<Rule> &rules();

// The first rule the choices break, or nullopt.
std::optional<Violation> firstViolation(const Choices &choices);
// Every rule the choices break.
std::vector<Violation> violations(const Choices &choices);
// The first broken rule that refuses `field` (or a field below it), e.g. for one control.
std::optional<Violation> violationOf(const Choices &choices, const std::string &field);

} // namespace optibench::options
