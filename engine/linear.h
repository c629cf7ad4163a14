#pragma once
// A linear layer behind a small interface, so each of a model's Linears can be swapped for an
// optimized variant (fp32 oneDNN today; int8 and others later) without touching the model code.
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
    virtual std::string kind() const = 0;         // fp32, dynamic-int8, ...
    virtual std::int64_t weightBytes() const = 0; // storage of weight and bias as held
    virtual std::int64_t inFeatures() const = 0;
    virtual std::int64_t outFeatures() const = 0;
};

// fp32 reference: gemm::linear (oneDNN sgemm when available, at::linear otherwise).
std::unique_ptr<LinearOp> makeFp32Linear(at::Tensor weight, at::Tensor bias);

// The plain ATen linear (system BLAS); used as the numerical reference in tests and benches.
std::unique_ptr<LinearOp> makeAtenLinear(at::Tensor weight, at::Tensor bias);

} // namespace optibench::engine
