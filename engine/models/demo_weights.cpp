// The trained demo models' weights (data/demo/tiny-bert.safetensors and
// data/demo/tiny-llama.safetensors), embedded into the engine library by the assembler's .incbin
// at build time, so that demo:tiny-bert and demo:tiny-llama load in every build and from every
// working directory without a file at run time. engine/CMakeLists.txt passes each file's
// absolute path and sha256 (the sha256 also makes a changed file recompile this unit under
// ccache, which does not hash .incbin inputs); a file it did not find has no define, and its
// model no weights. No LibTorch here.
#include "engine/models/demo_weights.h"

// One read-only, 64-byte aligned blob between the symbols <name>_begin and <name>_end.
#define OPTIBENCH_EMBED(name, file)                              \
    __asm__(".pushsection .rodata." #name ", \"a\", @progbits\n" \
            ".balign 64\n"                                       \
            ".global " #name "_begin\n"                          \
            ".hidden " #name "_begin\n" #name "_begin:\n"        \
            ".incbin \"" file "\"\n"                             \
            ".global " #name "_end\n"                            \
            ".hidden " #name "_end\n" #name "_end:\n"            \
            ".popsection\n");                                    \
    extern "C" const unsigned char name##_begin[];               \
    extern "C" const unsigned char name##_end[];

#if defined(OPTIBENCH_TINY_BERT_FILE)
OPTIBENCH_EMBED(optibench_tiny_bert, OPTIBENCH_TINY_BERT_FILE)
#endif
#if defined(OPTIBENCH_TINY_LLAMA_FILE)
OPTIBENCH_EMBED(optibench_tiny_llama, OPTIBENCH_TINY_LLAMA_FILE)
#endif

namespace optibench::engine::demo {

EmbeddedWeights embeddedWeights(EmbeddedModel model)
{
    switch (model) {
    case EmbeddedModel::TinyBert:
#if defined(OPTIBENCH_TINY_BERT_FILE)
        return {optibench_tiny_bert_begin,
                static_cast<std::size_t>(optibench_tiny_bert_end - optibench_tiny_bert_begin),
                OPTIBENCH_TINY_BERT_SHA256};
#else
        return {};
#endif
    case EmbeddedModel::TinyLlama:
#if defined(OPTIBENCH_TINY_LLAMA_FILE)
        return {optibench_tiny_llama_begin,
                static_cast<std::size_t>(optibench_tiny_llama_end - optibench_tiny_llama_begin),
                OPTIBENCH_TINY_LLAMA_SHA256};
#else
        return {};
#endif
    }
    return {};
}

} // namespace optibench::engine::demo
