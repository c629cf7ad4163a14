// The trained demo model's weights (data/demo/tiny-bert.safetensors), embedded into the engine
// library by the assembler's .incbin at build time, so that demo:tiny-bert loads in every build
// and from every working directory without a file at run time. engine/CMakeLists.txt passes the
// file's absolute path and sha256 (the sha256 also makes a changed file recompile this unit
// under ccache, which does not hash .incbin inputs). No LibTorch here.
#include "engine/models/demo_weights.h"

#if defined(OPTIBENCH_DEMO_WEIGHTS_FILE)
__asm__(".pushsection .rodata.optibench_demo_weights, \"a\", @progbits\n"
        ".balign 64\n"
        ".global optibench_demo_weights_begin\n"
        ".hidden optibench_demo_weights_begin\n"
        "optibench_demo_weights_begin:\n"
        ".incbin \"" OPTIBENCH_DEMO_WEIGHTS_FILE "\"\n"
        ".global optibench_demo_weights_end\n"
        ".hidden optibench_demo_weights_end\n"
        "optibench_demo_weights_end:\n"
        ".popsection\n");

extern "C" const unsigned char optibench_demo_weights_begin[];
extern "C" const unsigned char optibench_demo_weights_end[];
#endif

namespace optibench::engine::demo {

EmbeddedWeights trainedWeights()
{
#if defined(OPTIBENCH_DEMO_WEIGHTS_FILE)
    return {optibench_demo_weights_begin,
            static_cast<std::size_t>(optibench_demo_weights_end - optibench_demo_weights_begin),
            OPTIBENCH_DEMO_WEIGHTS_SHA256};
#else
    return {};
#endif
}

} // namespace optibench::engine::demo
