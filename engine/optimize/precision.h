#pragma once
// Numeric precision of a run (optimizations.precision) and its checks against quantization
// and the device:
//   fp32      the model as loaded.
//   tf32      CUDA only: cuBLAS/cuDNN may use TensorFloat-32 for fp32 matmuls and convolutions.
//   fp16/bf16 whole-model cast: parameters, Linears and activations in the half type; the
//             attention mask uses that type's lowest value; outputs are cast back to fp32 for
//             the quality metrics. fp16 on the CPU only where this LibTorch has half matmuls
//             (probed once).
//   amp-fp16/amp-bf16  autocast: matmuls in the half type, layer norm, softmax and the rest in
//             fp32. Native models get Linears that cast their input down, compute in the half
//             type and cast the result back; opaque (TorchScript) models run under at::autocast.
//             amp-fp16 is CUDA only; amp-bf16 runs on the CPU too.
#include "engine/formats/errors.h"
#include "engine/kernels/linear.h"
#include "engine/models/model.h"
#include "options/values.h"

#include <ATen/ATen.h>

#include <memory>
#include <string>
#include <vector>

namespace optibench::engine {

// Whether this LibTorch runs a linear, layer norm and softmax in dtype on the CPU; `why` gets
// LibTorch's reason when it does not. Probed once per dtype per process.
bool cpuSupportsDtype(at::ScalarType dtype, std::string *why = nullptr);

// The dtype parameters and activations take: bf16 / fp16 for the whole-model casts, fp32 else.
at::ScalarType modelDtype(options::Precision precision);
// The autocast dtype of amp-bf16 / amp-fp16; at::ScalarType::Undefined for the others.
at::ScalarType autocastDtype(options::Precision precision);

// A Linear computing in `dtype` for inputs of any floating type: the input is cast down, the
// product runs in dtype (weights held in it), the result is cast back to the input's type.
// kind() "amp-bf16" / "amp-fp16".
std::unique_ptr<LinearOp> makeAutocastLinear(const at::Tensor &weight, const at::Tensor &bias, at::ScalarType dtype);

// Applies the precision to a loaded model whose other optimizations are already applied (it is
// the last step): TF32 switches on CUDA, the whole-model cast, or autocast. An opaque model
// under amp is replaced by a wrapper that runs it in an autocast region. `source` names the
// model in messages. Throws EngineError when the model cannot take the precision.
void applyPrecision(std::unique_ptr<Model> &model, options::Precision precision, const at::Device &device,
                    const std::string &source);

} // namespace optibench::engine
