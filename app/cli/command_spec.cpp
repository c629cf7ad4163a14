// optibench-cli spec --template | --check FILE
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/cli_util.h"
#include "app/cli/commands.h"
#include "app/core/spec.h"

namespace optibench::cli {
namespace {

// A complete spec with every default, each field explained. `run` accepts the comments.
const char *kTemplate = R"(// OptiBench experiment spec. Every field is optional; shown here with its default.
// Run it with: optibench-cli run this-file.json --db runs.sqlite
{
  "name": "",                          // a label for the run
  "model": {
    "path": "demo:tiny-bert",          // "demo:tiny-bert", "demo:tiny-llama", a Hugging Face folder, or a TorchScript file
    "format": "auto"                   // auto | hf | torchscript | demo
  },
  "task": {
    "mode": "inference",               // inference | training | generation (a decoder's tokens: TTFT,
                                       // inter-token latency, decode tokens/s)
    "dataset": "demo:reviews",         // "demo:reviews", or a CSV/TSV/JSONL file with text,label
                                       // (language models and generation: a .txt file of lines,
                                       // or JSONL/CSV with a text field alone)
    "split": "eval",                   // train | eval: which split inference runs on
    "batch_size": 8,
    "max_length": 128,                 // tokens; longer texts are truncated
    "warmup": 3,                       // inference: untimed iterations first; generation: generations
    "iterations": 20,                  // inference: the workload, timed batches each block passes over
    "blocks": 5,                       // inference: timed blocks; intervals and verdicts resample them;
                                       // generation: timed generations (each a block)
    "min_block_ms": 50,                // inference: a block repeats whole passes until this long
    "quality": "auto",                 // inference: auto (the whole eval split when the fp32 model passes
                                       // over it within 10 s) | split | timed (the timed batches only)
    "steps": 100,                      // training: optimizer steps
    "eval_every": 0,                   // training: evaluate every N steps (0: at the end)
    "learning_rate": 5e-05,
    "warmup_steps": 10,                // training: linear learning-rate warm-up
    "prompt_length": 128,              // generation: tokens of each prompt, cut from the dataset's text
    "new_tokens": 128,                 // generation: tokens generated after each prompt
    "sample": false,                   // generation: sample rather than take the most likely token
    "temperature": 1.0,                // generation, sampling: temperature, top_k (0: all), top_p
    "top_k": 0,
    "top_p": 1.0
  },
  "optimizations": {
    "precision": "fp32",               // fp32 | tf32 | fp16 | bf16 | amp-fp16 | amp-bf16
    "quantization": "none",            // none | dynamic-int8 | weight-int8 | weight-int4-g32 | weight-int4-g128 | fp16-weights | bf16-weights | qat
    "quantize_embeddings": false,      // dynamic-int8, weight-int8: embedding tables stored int8 too
    "pruning": {
      "method": "none",                // none | magnitude | heads | neurons | 2:4
      "amount": 0.0,                   // fraction removed, [0, 1)
      "scope": "global",               // global | layer (magnitude pruning)
      "include_embeddings": false
    },
    "padding": "dynamic",              // fixed (to max_length) | dynamic (longest in batch) | bucketed
    "checkpoint_every": 0,             // training: gradient checkpointing every k-th layer (0: off)
    "grad_accumulation": 1,            // training: micro-batches per optimizer step
    "freeze_embeddings": false,        // training
    "share_layers": 0,                 // training: layers per shared group, ALBERT style (0: off)
    "distillation": null               // training: {"teacher": PATH, "student_layers": N, "student_hidden": N,
                                       //            "alpha": 0.5, "temperature": 2.0}
  },
  "profiling": {
    "ops": false,                      // trace ATen ops and layers in a separate traced pass
    "kernels": false,                  // trace CUDA kernels with CUPTI (CUDA devices)
    "iterations": 3                    // forward passes in the traced pass
  },
  "device": "cpu",                     // cpu | cuda | cuda:N
  "threads": 2,                        // intra-op threads
  "seed": 0
}
)";

struct SpecOptions {
    bool templ = false;
    std::string check;
};

int specCommand(const SpecOptions &o)
{
    if (o.templ) {
        std::cout << kTemplate;
        return 0;
    }
    if (!o.check.empty()) {
        const auto j = nlohmann::json::parse(readTextFile(o.check), nullptr, false, true);
        if (j.is_discarded())
            throw std::runtime_error(o.check + ": not valid JSON");
        try {
            const auto spec = core::parseSpec(j);
            core::validateCombination(spec);
            std::cout << core::toJsonText(spec, 2) << '\n';
        } catch (const core::SpecError &e) {
            throw std::runtime_error(o.check + ": " + e.what());
        }
        return 0;
    }
    throw std::runtime_error("spec: give --template or --check FILE");
}

} // namespace

void addSpecCommand(CLI::App &app, ExitCode &exit)
{
    auto o = std::make_shared<SpecOptions>();
    auto *cmd = app.add_subcommand("spec", "Print a spec template, or check a spec and print it with defaults filled");
    cmd->add_flag("--template", o->templ, "Print a complete, commented spec");
    cmd->add_option("--check", o->check, "Validate this spec file")->check(CLI::ExistingFile);
    cmd->callback([o, &exit] { exit.value = specCommand(*o); });
}

} // namespace optibench::cli
