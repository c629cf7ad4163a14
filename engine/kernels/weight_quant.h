#pragma once
// Weight-only compression of Linears: the weights are stored small and widened on every call
// to the dtype of the input, so the rest of the model computes as before.
//   weight-int8:  int8 weights with one symmetric scale per output channel (max |w| -> 127),
//                 dequantized (w_int8 * scale) to the input's dtype before the product.
//   weight-int4:  4-bit codes in groups of 32 or 128 inputs, each group with its own scale and
//                 minimum (engine/kernels/weight_kernels.h). A few rows of fp32 on the CPU (decoding
//                 a token) go through the fused kernel, which reads the packed codes only; more
//                 rows, other dtypes and devices widen the weight to the input's dtype first.
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

// Group-wise int4 codes of a weight [out, in], in[] padded up to a multiple of the group size.
struct Int4Weight {
    at::Tensor codes;  // uint8 [out, padded in / 2], the kernel's block layout
    at::Tensor scales; // float32 [out, groups]
    at::Tensor mins;   // float32 [out, groups]
    std::int64_t inFeatures = 0;
    std::int64_t groupSize = 0;
};
Int4Weight quantizeWeightInt4(const at::Tensor &weight, std::int64_t groupSize);
// The codes as weights again, [out, in], in `dtype` on the codes' device.
at::Tensor dequantizeInt4(const Int4Weight &weight, at::ScalarType dtype);

// groupSize 32 or 128; kind() is "weight-int4-g32" or "weight-int4-g128".
std::unique_ptr<LinearOp> makeWeightInt4Linear(const at::Tensor &weight, const at::Tensor &bias,
                                               std::int64_t groupSize);

// dtype: at::kHalf or at::kBFloat16. kind() is "fp16-weights" or "bf16-weights".
std::unique_ptr<LinearOp> makeHalfWeightLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype);

} // namespace optibench::engine
