#include "engine/models/safetensors_torch.h"

#include <ATen/ATen.h>

#include <cstring>

namespace optibench::engine {

at::ScalarType computeTypeOf(DType dtype)
{
    switch (dtype) {
    case DType::F64: return at::kDouble;
    case DType::F32: return at::kFloat;
    case DType::F16: return at::kHalf;
    case DType::BF16: return at::kBFloat16;
    case DType::I64: return at::kLong;
    case DType::I32: return at::kInt;
    case DType::I16: return at::kShort;
    case DType::I8: return at::kChar;
    case DType::U8: return at::kByte;
    case DType::Bool: return at::kBool;
    case DType::F8E4M3:
    case DType::F8E5M2: break;
    }
    return at::ScalarType::Undefined;
}

at::ScalarType scalarTypeOf(DType dtype)
{
    const auto type = computeTypeOf(dtype);
    if (type == at::ScalarType::Undefined)
        throw SafetensorsError(std::string("dtype ") + dtypeName(dtype) + " is not supported for compute");
    return type;
}

DType dtypeOf(at::ScalarType type)
{
    switch (type) {
    case at::kDouble: return DType::F64;
    case at::kFloat: return DType::F32;
    case at::kHalf: return DType::F16;
    case at::kBFloat16: return DType::BF16;
    case at::kLong: return DType::I64;
    case at::kInt: return DType::I32;
    case at::kShort: return DType::I16;
    case at::kChar: return DType::I8;
    case at::kByte: return DType::U8;
    case at::kBool: return DType::Bool;
    default: break;
    }
    throw SafetensorsError(std::string("safetensors has no dtype for ") + c10::toString(type));
}

at::Tensor toTensor(const SafetensorsFile &file, const TensorView &view, bool copy)
{
    at::ScalarType type;
    try {
        type = scalarTypeOf(view.dtype);
    } catch (const SafetensorsError &e) {
        throw SafetensorsError(file.path() + ": tensor '" + view.name + "': " + e.what());
    }
    const auto options = at::TensorOptions().dtype(type).device(at::kCPU);
    if (view.byteSize() == 0)
        return at::empty(view.shape, options);

    // Safetensors data is little-endian, as is every host LibTorch runs on here.
    const auto address = reinterpret_cast<std::uintptr_t>(view.data);
    const bool aligned = address % dtypeSize(view.dtype) == 0;
    if (!copy && aligned && file.keepAlive()) {
        auto keepAlive = file.keepAlive();
        return at::from_blob(
            const_cast<std::uint8_t *>(view.data), view.shape, [keepAlive](void *) mutable { keepAlive.reset(); },
            options);
    }
    at::Tensor out = at::empty(view.shape, options);
    std::memcpy(out.data_ptr(), view.data, view.byteSize());
    return out;
}

at::Tensor toTensor(const SafetensorsCheckpoint &checkpoint, std::string_view name, bool copy)
{
    const SafetensorsFile &shard = checkpoint.shardOf(name);
    return toTensor(shard, shard.at(name), copy);
}

TensorBytes toTensorBytes(const std::string &name, const at::Tensor &tensor)
{
    const at::Tensor cpu = tensor.detach().to(at::kCPU).contiguous();
    TensorBytes out;
    out.name = name;
    out.dtype = dtypeOf(cpu.scalar_type());
    out.shape.assign(cpu.sizes().begin(), cpu.sizes().end());
    const auto *p = static_cast<const std::uint8_t *>(cpu.data_ptr());
    out.bytes.assign(p, p + cpu.numel() * cpu.element_size());
    return out;
}

} // namespace optibench::engine
