#pragma once
// Reads the reference.json files tools/make_hf_fixtures.py writes beside each tiny checkpoint.
#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace optibench::engine::testing {

inline nlohmann::json readReference(const std::string &folder)
{
    nlohmann::json ref;
    std::ifstream(folder + "/reference.json") >> ref;
    return ref;
}

// A nested JSON list of numbers as a tensor of its shape.
inline at::Tensor tensorOf(const nlohmann::json &j, at::ScalarType type)
{
    std::vector<std::int64_t> shape;
    for (const nlohmann::json *level = &j; level->is_array(); level = &(*level)[0])
        shape.push_back(static_cast<std::int64_t>(level->size()));
    std::vector<double> flat;
    // Depth-first, in order.
    std::function<void(const nlohmann::json &)> walk = [&](const nlohmann::json &v) {
        if (v.is_array())
            for (const auto &e : v)
                walk(e);
        else
            flat.push_back(v.get<double>());
    };
    walk(j);
    return at::tensor(flat, at::kDouble).view(shape).to(type);
}

// Largest |got - want| relative to the largest |want| (fp32 tolerance 1e-5).
inline double relativeError(const at::Tensor &got, const at::Tensor &want)
{
    const auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return (g - w).abs().max().item<double>() / std::max(1e-30, w.abs().max().item<double>());
}

} // namespace optibench::engine::testing
