#pragma once
// The numeric fields' ranges, defined once: the spec parser refuses a value outside them, the
// engine checks its run configuration against them, and the GUI's spin boxes take their limits
// from them. Neither Qt nor LibTorch.
#include <optional>
#include <string>
#include <vector>

namespace optibench::options {

struct Range {
    const char *field; // the spec field, e.g. "task.batch_size"
    double lo;
    double hi;
    bool integer = true;
    bool loOpen = false; // (lo, hi] rather than [lo, hi]
    bool hiOpen = false; // [lo, hi) rather than [lo, hi]

    bool contains(double value) const;
    std::string text() const; // "an integer in [1, 4096]", "a number in (0, 1]"
};

// share_layers = true in JSON ("all layers share one group"): a group size no model reaches, so
// consumers compute the group of layer i as i / shareLayers (always 0) without a special case.
constexpr int kShareAllLayers = 1 << 20;
constexpr double kMaxSteps = 10'000'000;

namespace range {
inline constexpr Range batchSize{"task.batch_size", 1, 4096};
inline constexpr Range maxLength{"task.max_length", 2, 65536};
inline constexpr Range warmup{"task.warmup", 0, 100000};
inline constexpr Range iterations{"task.iterations", 1, 1000000};
inline constexpr Range blocks{"task.blocks", 1, 10000};
inline constexpr Range minBlockMs{"task.min_block_ms", 0, 3600000, false};
inline constexpr Range steps{"task.steps", 1, kMaxSteps};
inline constexpr Range evalEvery{"task.eval_every", 0, kMaxSteps};
inline constexpr Range learningRate{"task.learning_rate", 0, 1, false, true, false};
inline constexpr Range warmupSteps{"task.warmup_steps", 0, kMaxSteps};
inline constexpr Range pruningAmount{"optimizations.pruning.amount", 0, 1, false, false, true};
inline constexpr Range checkpointEvery{"optimizations.checkpoint_every", 0, 1024};
inline constexpr Range gradAccumulation{"optimizations.grad_accumulation", 1, 4096};
inline constexpr Range shareLayers{"optimizations.share_layers", 0, kShareAllLayers};
inline constexpr Range studentLayers{"optimizations.distillation.student_layers", 0, 1024};
inline constexpr Range studentHidden{"optimizations.distillation.student_hidden", 0, 65536};
inline constexpr Range alpha{"optimizations.distillation.alpha", 0, 1, false};
inline constexpr Range temperature{"optimizations.distillation.temperature", 0, 100, false, true, false};
inline constexpr Range promptLength{"task.prompt_length", 1, 65536};
inline constexpr Range newTokens{"task.new_tokens", 1, 65536};
inline constexpr Range samplingTemperature{"task.temperature", 0, 100, false, true, false};
inline constexpr Range topK{"task.top_k", 0, 1000000};
inline constexpr Range topP{"task.top_p", 0, 1, false, true, false};
inline constexpr Range profilingIterations{"profiling.iterations", 1, 1000};
inline constexpr Range threads{"threads", 1, 1024};
} // namespace range

// Every range above, for tests and documentation.
const std::vector<Range> &allRanges();

// Empty when value is in range, else "must be an integer in [1, 4096], is 0". Each consumer
// raises it as its own error (core::SpecError, engine::EngineError), with the field.
std::optional<std::string> outOfRange(const Range &range, double value);

} // namespace optibench::options
