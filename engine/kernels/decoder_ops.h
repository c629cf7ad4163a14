#pragma once
// A decoder layer's small element-wise steps on the CPU in one pass each, where LibTorch's
// composition of them costs several dispatched ops (a decoding step is a few microseconds of
// arithmetic per op, and the dispatch is most of its time). They compute what the composed ops
// compute, operation for operation in fp32 (the project builds for baseline x86-64, whose code
// has no FMA to contract a multiply and an add into), and
// apply where no gradient is wanted and the tensors are fp32 on the CPU; otherwise nullopt, and
// the caller composes the ops.
#include <ATen/ATen.h>

#include <optional>

namespace optibench::engine::decoder_ops {

// x [B, S, heads * D] rotated per head in the rotate-half layout: x * cos + rotate_half(x) * sin,
// cos and sin [B, S, D].
std::optional<at::Tensor> rotate(const at::Tensor &x, int heads, const at::Tensor &cos, const at::Tensor &sin);

// weight * (x * rsqrt(mean(x^2) + eps)) over the last dimension.
std::optional<at::Tensor> rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps);

} // namespace optibench::engine::decoder_ops
