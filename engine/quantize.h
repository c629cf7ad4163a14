#pragma once
// Dynamic int8 quantization of Linears: weights quantized once per output channel (symmetric
// int8), activations quantized per call by the kernel, through LibTorch's ONEDNN quantized
// engine (quantized::linear_prepack / quantized::linear_dynamic via the dispatcher). Debian's
// LibTorch has no fbgemm; ONEDNN is the fast engine on x86 there (DESIGN.md).
#include "engine/linear.h"

#include <ATen/ATen.h>

#include <memory>
#include <string>

namespace optibench::engine {

// Selects the ONEDNN quantized engine; false (with no change) when this LibTorch lacks it.
bool enableDynamicInt8();

// Throws std::runtime_error when the quantized engine is not available.
std::unique_ptr<LinearOp> makeDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias);

} // namespace optibench::engine
