#pragma once
// A linear layer behind a small interface, so each of a model's Linears can be swapped for an
// optimized variant (fp32 oneDNN, int8, half-precision weights, fake-quant) without touching
// the model code.
#include <ATen/ATen.h>

#include <cstdint>
#include <memory>
#include <string>

namespace optibench::engine {

class LinearOp {
public:
    virtual ~LinearOp() = default;
    // y = x W^T + b for x [..., in].
    virtual at::Tensor forward(const at::Tensor &x) const = 0;
    virtual std::string kind() const = 0;         // fp32, bf16, dynamic-int8, weight-int8, ...
    virtual std::int64_t weightBytes() const = 0; // storage of weight and bias as held
    virtual std::int64_t inFeatures() const = 0;
    virtual std::int64_t outFeatures() const = 0;
    // Bytes of the tensors this Linear would write to a safetensors file (weights, scales,
    // bias), which can differ from what a packed kernel format holds in memory.
    virtual std::int64_t savedBytes() const { return weightBytes(); }
    // The weight tensor's data when the op holds the model's own parameter tensor (plain
    // linears), so that a Linear tied to another parameter (GPT-2's lm_head) is counted once;
    // nullptr when it holds a converted copy.
    virtual const void *sharedWeightData() const { return nullptr; }
};

// The plain linear in the weight's floating type: gemm::linear (oneDNN sgemm) for float32 on
// the CPU, at::linear for other types and devices. kind() is the dtype: fp32, bf16, fp16.
std::unique_ptr<LinearOp> makeFp32Linear(at::Tensor weight, at::Tensor bias);

// The plain ATen linear (system BLAS); used as the numerical reference in tests and benches.
std::unique_ptr<LinearOp> makeAtenLinear(at::Tensor weight, at::Tensor bias);

// Bytes a tensor's elements take (numel x element size); 0 for an undefined tensor. Every
// byte count of the engine (model bytes, a Linear's storage) adds these.
std::int64_t tensorBytes(const at::Tensor &t);

// The name of a floating dtype as the engine reports it: fp32, fp16, bf16, fp64.
std::string dtypeName(at::ScalarType dtype);

// A Linear that holds its weight [out, in] and bias as tensors, in the dtype its kind computes
// with: the shape checks, the byte count and the shape that every such Linear shares.
class TensorLinear : public LinearOp {
public:
    // Throws (TORCH_CHECK) for a weight that is not 2-D or a bias of another length.
    TensorLinear(at::Tensor weight, at::Tensor bias);
    std::int64_t weightBytes() const override { return tensorBytes(m_weight) + tensorBytes(m_bias); }
    std::int64_t inFeatures() const override { return m_weight.size(1); }
    std::int64_t outFeatures() const override { return m_weight.size(0); }

protected:
    at::Tensor m_weight;
    at::Tensor m_bias;
};

} // namespace optibench::engine
