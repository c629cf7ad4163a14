#pragma once
// Safetensors views as at::Tensor, and tensors as bytes for the writer. The only place where
// the safetensors reader meets LibTorch, so the reader itself stays torch-free.
#include "engine/formats/safetensors.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <string_view>

namespace optibench::engine {

// The LibTorch dtype of a safetensors dtype; at::ScalarType::Undefined for F8 (not computable).
at::ScalarType computeTypeOf(DType dtype);
// computeTypeOf, throwing SafetensorsError for F8.
at::ScalarType scalarTypeOf(DType dtype);
DType dtypeOf(at::ScalarType type); // throws for dtypes safetensors lacks

// The tensor a view describes, on the CPU. Without `copy`, the tensor aliases the mapping when
// the data is aligned for its dtype (a keep-alive holds the mapping open for as long as the
// tensor lives; writes go to private copy-on-write pages, never to the file); otherwise, or
// with `copy`, it owns one copy.
at::Tensor toTensor(const SafetensorsFile &file, const TensorView &view, bool copy = false);
at::Tensor toTensor(const SafetensorsCheckpoint &checkpoint, std::string_view name, bool copy = false);

// A CPU copy of `tensor` as the writer takes it (made contiguous, little-endian).
TensorBytes toTensorBytes(const std::string &name, const at::Tensor &tensor);

} // namespace optibench::engine
