#pragma once
// Weight-only compression of Linears: the weights are stored small and widened on every call
// to the dtype of the input, so the rest of the model computes as before.
//   weight-int8:  int8 weights with one symmetric scale per output channel (max |w| -> 127),
//                 dequantized (w_int8 * scale) to the input's dtype before the product.
//   fp16-/bf16-weights: weights and bias stored in a half type, upcast per call (on the CPU
//                 the product runs in fp32; under precision bf16 in bf16).
// Both work on any device and with any floating input dtype.
#include "engine/kernels/linear.h"

#include <ATen/ATen.h>

#include <memory>

namespace optibench::engine {

// Per-output-channel symmetric int8 quantization of a weight [out, in]: the int8 values and
// the fp32 scales [out] with w ~= q * scale.
struct Int8Weight {
    at::Tensor values; // int8 [out, in]
    at::Tensor scales; // float32 [out]
};
Int8Weight quantizeWeightInt8(const at::Tensor &weight);

std::unique_ptr<LinearOp> makeWeightInt8Linear(const at::Tensor &weight, const at::Tensor &bias);

// dtype: at::kHalf or at::kBFloat16. kind() is "fp16-weights" or "bf16-weights".
std::unique_ptr<LinearOp> makeHalfWeightLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype);

} // namespace optibench::engine
