#pragma once
// Differentiable versions of the engine's fast fp32 products (engine/kernels/gemm.h), for training.
// gemm.cpp calls dnnl_sgemm directly, which autograd cannot see; these wrap the same calls in
// autograd Functions whose backward passes are oneDNN GEMMs too (with transposes), so training
// does not fall back to the system BLAS. Without oneDNN, and on CUDA, they are the plain ATen
// ops (differentiable already). When no input requires a gradient (inference, no_grad) they are
// exactly gemm::linear and gemm::attention.
#include "engine/kernels/linear.h"

#include <ATen/ATen.h>

#include <memory>

namespace optibench::engine::autograd {

// y = x W^T + b for x [..., K], weight [N, K], bias [N] or undefined; gradients for x, weight
// and bias as far as they require them.
at::Tensor linear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

// gemm::attention with gradients for q, k and v (maskBias and the causal mask are constants).
at::Tensor attention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, int heads,
                     const at::Tensor &maskBias, bool causal = false);

} // namespace optibench::engine::autograd

namespace optibench::engine {

// An fp32 LinearOp whose forward is autograd::linear over the given tensors (kept as they are,
// not copied: the model's parameters, which the optimizer updates in place). kind() "fp32".
std::unique_ptr<LinearOp> makeTrainableLinear(at::Tensor weight, at::Tensor bias);

} // namespace optibench::engine
