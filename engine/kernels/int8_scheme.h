#pragma once
// Which int8 scheme the dynamic int8 Linears (engine/kernels/quantize.h) use on this machine, and why.
//
// An int8 GEMM on a CPU without VNNI (AVX2, or AVX-512 without VNNI) multiplies uint8
// activations by int8 weights with vpmaddubsw, which adds each pair of products into a
// saturating int16: 255 * 127 * 2 = 64770 does not fit, so full-range activations give wrong
// sums there (oneDNN's guide, "Nuances of int8 Computations"). With VNNI (vpdpbusd), AMX or a
// reference kernel the products accumulate exactly in int32.
//   u8s8: activations use the full uint8 range [0, 255]; chosen where the GEMM is exact.
//   u7s8: activations use [0, 127] (the 7-bit remedy, PyTorch's reduce_range); pair sums
//         stay within 127 * 127 * 2 = 32258, exact on every x86-64 CPU.
// The choice is probed once per process by running the int8 Linear itself on values that
// saturate a pair sum, so it follows whatever kernel oneDNN (capped by ONEDNN_MAX_CPU_ISA)
// or LibTorch really runs. OPTIBENCH_INT8_SCHEME=u8s8|u7s8 overrides it (tests).
#include <optional>
#include <string>
#include <string_view>

namespace optibench::engine {

enum class Int8Scheme { U8S8, U7S8 };

// The environment variable that overrides the probe.
inline constexpr const char *kInt8SchemeVariable = "OPTIBENCH_INT8_SCHEME";

const char *int8SchemeName(Int8Scheme scheme); // "u8s8", "u7s8"
std::optional<Int8Scheme> parseInt8Scheme(std::string_view text);

// The largest quantized activation: 255 or 127.
int activationMax(Int8Scheme scheme);

// The scheme of this process (probed once, or the override), and a sentence saying why.
Int8Scheme int8Scheme();
std::string int8SchemeReason();

// True when the int8 Linear built with full-range activations gives saturated sums on this
// machine (the probe behind int8Scheme(); runs the kernel, cached).
bool int8GemmSaturates();

} // namespace optibench::engine
