#pragma once
// The experiment spec: what one run executes. Parsed from JSON, validated with messages that
// name the field and the allowed values, and written back with every default filled, so a
// stored run records exactly what it ran. Neither Qt nor LibTorch.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "options/generation.h"
#include "options/ranges.h"
#include "options/rules.h"
#include "options/values.h"

#include <nlohmann/json_fwd.hpp>

namespace optibench::core {

// A spec that does not validate. field() is the JSON path, e.g. "optimizations.pruning.amount".
class SpecError : public std::runtime_error {
public:
    SpecError(std::string field, const std::string &message);
    const std::string &field() const { return m_field; }

private:
    std::string m_field;
};

struct ModelSpec {
    std::string path = "demo:tiny-bert"; // "demo:<name>", a Hugging Face folder, or a TorchScript file
    std::string format = "auto";         // auto | hf | torchscript | demo
};

struct TaskSpec {
    options::Mode mode = options::Mode::Inference;
    std::string dataset = "demo:reviews";
    options::Split split = options::Split::Eval; // which split inference runs on
    int batchSize = 8;
    int maxLength = 128;
    int warmup = 3;         // inference: untimed iterations before timing
    int iterations = 20;    // inference: the workload, timed batches a block passes over whole
    int blocks = 5;         // inference: timed blocks, the units the intervals and verdicts resample
    double minBlockMs = 50; // inference: a block repeats whole passes until it has timed this long
    options::QualityScope quality = options::QualityScope::Auto; // inference: which examples quality is scored on
    int steps = 100;                                             // training: optimizer steps
    int evalEvery = 0; // training: evaluate every N steps (0: only at the end)
    double learningRate = 5e-5;
    int warmupSteps = 10;                   // training: linear warm-up of the learning rate
    options::GenerationSettings generation; // generation: prompt length, new tokens, sampling
    std::string savePath; // training: save the trained model as a Hugging Face folder here (empty: not saved)
};

struct PruningSpec {
    options::PruningMethod method = options::PruningMethod::None;
    double amount = 0.0;                                         // fraction removed, [0, 1)
    options::PruningScope scope = options::PruningScope::Global; // layer: magnitude only
    bool includeEmbeddings = false;
};

struct DistillationSpec {
    std::string teacher;   // model path of the teacher
    int studentLayers = 0; // 0: same as the teacher
    int studentHidden = 0; // 0: same as the teacher
    double alpha = 0.5;    // weight of the soft-target loss
    double temperature = 2.0;
};

// share_layers = true in JSON: all layers share one group (options/ranges.h).
constexpr int kShareAllLayers = options::kShareAllLayers;

struct OptimizationSpec {
    options::Precision precision = options::Precision::Fp32;
    options::Quantization quantization = options::Quantization::None;
    bool quantizeEmbeddings = false; // with dynamic-int8 / weight-int8: embedding tables stored int8 too
    PruningSpec pruning;
    options::Padding padding = options::Padding::Dynamic;
    int checkpointEvery =
        0; // gradient checkpointing every k-th layer (0: off); JSON also takes "checkpointing": bool (true = 1)
    int gradAccumulation = 1;
    bool freezeEmbeddings = false;
    int shareLayers =
        0; // cross-layer sharing: layers per shared group (0: off; kShareAllLayers: one group); JSON also takes a bool
    std::optional<DistillationSpec> distillation;
};

struct ProfilingSpec {
    bool ops = false;     // CPU op trace via RecordFunction, in a separate traced pass
    bool kernels = false; // CUDA kernel trace via CUPTI (CUDA devices only)
    int iterations = 3;   // traced iterations
    // Input shapes of every traced op. Off by default: LibTorch then boxes every op's
    // arguments for the tracer, which costs several times the tracing itself.
    bool shapes = false;
};

struct ExperimentSpec {
    std::string name;
    ModelSpec model;
    TaskSpec task;
    OptimizationSpec optimizations;
    ProfilingSpec profiling;
    std::string device = "cpu"; // cpu | cuda | cuda:N
    int threads = 2;
    std::uint64_t seed = 0;
};

// Parses and validates, validateCombination() included; unknown keys are errors (a typo must not
// silently run the default). A 2:4 pruning method without an amount gets amount 0.5.
ExperimentSpec parseSpec(const nlohmann::json &j);
ExperimentSpec parseSpecText(const std::string &jsonText); // also reports JSON syntax errors
// The complete spec with every default filled in.
nlohmann::json toJson(const ExperimentSpec &spec);
std::string toJsonText(const ExperimentSpec &spec, int indent = 2);

// The spec's choices as the rule table (options/rules.h) reads them.
options::Choices choicesOf(const ExperimentSpec &spec);
// Checks that need more than one field (e.g. kernels tracing needs a CUDA device): the rule
// table's first broken rule, as a SpecError naming its field.
void validateCombination(const ExperimentSpec &spec);

// A short human label of what differs from the defaults, e.g. "dynamic-int8, bucketed".
std::string describeToggles(const ExperimentSpec &spec);

} // namespace optibench::core
