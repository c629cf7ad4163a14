#pragma once
// Precompiled header of optibench_engine: the LibTorch headers nearly every engine source needs.
// Narrower than <torch/torch.h> on purpose (compile cost: docs/architecture.md, "Facts of the
// stack").
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/record_function.h>
#include <c10/core/InferenceMode.h>
#include <torch/version.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>
