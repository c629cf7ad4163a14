// optibench-cli generate MODEL --prompt TEXT --max-new-tokens N: a decoder continuing a prompt,
// the text streamed to stdout as it comes, the timing on stderr.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "engine/run/generation.h"

#include <ATen/Parallel.h>

namespace optibench::cli {

namespace {

struct GenerateOptions {
    std::string model;
    std::string prompt;
    int threads = 0;
    bool quiet = false;
    engine::GenerationOptions generation;
};

int generateText(const GenerateOptions &o)
{
    if (o.threads > 0)
        at::set_num_threads(o.threads);
    engine::GenerationStats stats;
    engine::generateText(
        o.model, o.prompt, o.generation,
        [](const std::string &piece) {
            std::fwrite(piece.data(), 1, piece.size(), stdout);
            std::fflush(stdout);
        },
        &stats);
    std::cout << '\n' << std::flush;
    if (!o.quiet) {
        const double perToken = stats.newTokens > 1 ? stats.decodeMs / (stats.newTokens - 1) : 0;
        std::fprintf(stderr,
                     "optibench-cli: %d prompt tokens, %d new: first token after %.1f ms, then %.2f ms a token "
                     "(%.1f tokens/s); KV cache %lld bytes\n",
                     stats.promptTokens, stats.newTokens, stats.prefillMs, perToken,
                     perToken > 0 ? 1000.0 / perToken : 0.0, static_cast<long long>(stats.cacheBytes));
    }
    return 0;
}

} // namespace

void addGenerateCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<GenerateOptions>();
    auto *cmd = app.add_subcommand("generate",
                                   "Continue a prompt with a decoder model (GPT-2, Llama, Mistral, "
                                   "Qwen2), streaming the text");
    cmd->add_option("model", o->model, "Model folder (Hugging Face), or demo:tiny-llama (built in)")->required();
    cmd->add_option("--prompt", o->prompt, "Text to continue")->required();
    cmd->add_option("--max-new-tokens", o->generation.maxNewTokens, "At most this many new tokens")
        ->check(CLI::Range(1, 1 << 20));
    cmd->add_flag("--sample", o->generation.sampling.sample, "Sample instead of taking the most likely token");
    cmd->add_option("--temperature", o->generation.sampling.temperature, "Sampling temperature (> 0)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--top-k", o->generation.sampling.topK, "Sample among the k most likely tokens (0: all)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--top-p", o->generation.sampling.topP, "Sample among the most likely tokens holding p")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--seed", o->generation.sampling.seed, "Seed of the sampling");
    cmd->add_option("--threads", o->threads, "Intra-op threads (0: the default)")->check(CLI::NonNegativeNumber);
    cmd->add_flag("-q,--quiet", o->quiet, "No timing on stderr");
    cmd->callback([o, &exit] { exit.value = generateText(*o); });
}

} // namespace optibench::cli
