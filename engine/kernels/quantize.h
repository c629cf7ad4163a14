#pragma once
// Dynamic int8 quantization of Linears: weights quantized once per output channel (symmetric
// int8), activations quantized on every call. With oneDNN's own library (OPTIBENCH_HAVE_DNNL)
// the engine runs its own kernel: activation rows quantized to uint8 with a scale and zero
// point per row, oneDNN's integer GEMM (dnnl_gemm_u8s8s32), dequantization and bias in one pass
// (engine/kernels/int8_kernels.h). Without it, LibTorch's ONEDNN quantized engine
// (quantized::linear_prepack / quantized::linear_dynamic via the dispatcher); Debian's LibTorch
// has no fbgemm, and ONEDNN is the fast engine on x86 there. Either way the activations' range
// follows the machine's int8 scheme (engine/kernels/int8_scheme.h).
#include "engine/kernels/int8_scheme.h"
#include "engine/kernels/linear.h"

#include <ATen/ATen.h>

#include <memory>
#include <string>

namespace optibench::engine {

// True when makeDynamicInt8Linear works in this build; without oneDNN's own library it selects
// LibTorch's ONEDNN quantized engine (false, with no change, when this LibTorch lacks it).
bool enableDynamicInt8();

// Throws std::runtime_error when no int8 kernel is available. The scheme defaults to this
// machine's (int8Scheme()); u8s8 on a CPU whose GEMM saturates gives wrong sums (the probe).
std::unique_ptr<LinearOp> makeDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias);
std::unique_ptr<LinearOp> makeDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias, Int8Scheme scheme);

// LibTorch's own quantized::linear_dynamic on the ONEDNN engine (one activation scale per
// tensor; reduce_range under u7s8), the reference the engine's kernel is compared with.
// Throws when unavailable.
std::unique_ptr<LinearOp> makeTorchDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias);
std::unique_ptr<LinearOp> makeTorchDynamicInt8Linear(const at::Tensor &weight, const at::Tensor &bias,
                                                     Int8Scheme scheme);

} // namespace optibench::engine
