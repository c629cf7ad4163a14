#include "engine/run/generation_timing.h"
#include "engine/kernels/compat.h"

#include <chrono>
#include <numeric>

namespace optibench::engine {

double GenerationTiming::decodeMs() const
{
    return std::accumulate(stepMs.begin(), stepMs.end(), 0.0);
}

GenerationTiming timeGeneration(const Model &model, const at::Tensor &ids, const at::Tensor &mask,
                                const GenerationOptions &options, const at::Device &device,
                                const std::function<void(int step)> &afterToken)
{
    using Clock = std::chrono::steady_clock;
    GenerationTiming t;
    t.stepMs.reserve(static_cast<std::size_t>(options.maxNewTokens));
    auto last = Clock::now();
    const auto since = [&last] {
        const auto now = Clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - last).count();
        last = now;
        return ms;
    };
    // Each step's tokens decide the next step's input: on a GPU they are ready when synchronized.
    auto onStep = [&](int step, const at::Tensor &) {
        compat::synchronize(device);
        if (step == 0)
            t.prefillMs = since();
        else
            t.stepMs.push_back(since());
        if (afterToken) {
            afterToken(step);
            last = Clock::now(); // the hook's own time is no token's
        }
    };
    last = Clock::now();
    const auto out = generate(model, ids, mask, options, onStep);
    t.cacheBytes = out.cacheBytes;
    t.tokens = out.tokens;
    return t;
}

namespace {

// Weights a pass reads: every Linear as held, or the model's bytes.
double linearBytes(const Model &model)
{
    const auto *native = dynamic_cast<const NativeModel *>(&model);
    if (!native || model.linearNames().empty())
        return static_cast<double>(model.modelBytes());
    double bytes = 0;
    for (const auto &name : model.linearNames())
        bytes += static_cast<double>(native->linear(name).weightBytes());
    return bytes;
}

// Weights of the Linears (each product is 2 FLOPs per weight per token).
double linearWeights(const Model &model)
{
    const auto *native = dynamic_cast<const NativeModel *>(&model);
    if (!native || model.linearNames().empty())
        return static_cast<double>(model.parameterCount());
    double weights = 0;
    for (const auto &name : model.linearNames()) {
        const auto &l = native->linear(name);
        weights += static_cast<double>(l.inFeatures()) * static_cast<double>(l.outFeatures());
    }
    return weights;
}

} // namespace

double decodeBytesPerToken(const Model &model, std::int64_t cacheBytesAtEnd, int promptLength, int newTokens)
{
    // The cache at the end holds prompt + new - 1 tokens (the last token is never fed back); a
    // step reads, on average, the prompt and half the new tokens.
    const double held = promptLength + newTokens - 1;
    const double meanRead = promptLength + newTokens / 2.0;
    const double cache = held > 0 ? static_cast<double>(cacheBytesAtEnd) * meanRead / held : 0.0;
    return linearBytes(model) + cache;
}

double decoderFlops(const Model &model, std::int64_t batch, std::int64_t tokens, std::int64_t past)
{
    const auto &c = model.config();
    const double linears = 2.0 * linearWeights(model) * static_cast<double>(batch * tokens);
    // Query i (of `tokens`) sees past + i + 1 keys.
    const double pairs = static_cast<double>(tokens) * static_cast<double>(past)
        + static_cast<double>(tokens) * static_cast<double>(tokens + 1) / 2.0;
    const double attention = 4.0 * attentionWidthOfLayers(c) * pairs * static_cast<double>(batch);
    return linears + attention;
}

} // namespace optibench::engine
