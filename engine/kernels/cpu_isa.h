#pragma once
// Which instruction set the project's own hand-vectorized loops (engine/kernels/int8_kernels.cpp) run
// with: the best level this CPU offers, capped by the environment variable OPTIBENCH_MAX_ISA
// (scalar, avx2 or avx512), so every path can be tested on a machine that has a better one.
// oneDNN's own kernels are capped the same way by ONEDNN_MAX_CPU_ISA; tests set both
// (tests/engine/CMakeLists.txt, the "isa" label). No LibTorch here.
#include <optional>
#include <string>
#include <string_view>

namespace optibench::engine::isa {

// Ordered: a level includes every one below it.
enum class Level { Scalar = 0, Avx2 = 1, Avx512 = 2 };

// The environment variable that caps the level.
inline constexpr const char *kCapVariable = "OPTIBENCH_MAX_ISA";

// The best level this CPU and OS support (AVX2 needs AVX2 and FMA; AVX-512 needs AVX512F and
// AVX512BW besides, as every AVX-512 server CPU since Skylake-SP has).
Level cpuLevel();

// OPTIBENCH_MAX_ISA read once; nullopt when unset. An unknown value is ignored with one
// warning on stderr that names the variable and the accepted values.
std::optional<Level> cap();

// min(cpuLevel(), cap()): the level the kernels dispatch to.
Level kernelLevel();

const char *name(Level level); // "scalar", "avx2", "avx512"
std::optional<Level> parse(std::string_view text);

} // namespace optibench::engine::isa
