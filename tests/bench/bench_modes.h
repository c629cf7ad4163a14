#pragma once
// The modes section of bench_engine: each precision, quantization (and, where the engine has
// it, pruning) mode on the BERT-base shape, timed in the same run as the engine's fp32 and
// compared with its outputs.
#include "engine/model.h"

#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace optibench::bench {

// The modes the section knows, in the order it runs them.
std::vector<std::string> allModes();

// Times each mode on (ids, mask) like the fp32 run that took fp32Ms, and prints its latency
// ratio, agreement and relative logit error against fp32 on `quality` batches.
void runModes(const engine::TransformerConfig &config, const engine::ParameterMap &parameters, const at::Tensor &ids,
              const at::Tensor &mask, double fp32Ms, int iterations, const std::vector<std::string> &modes);

// dynamic-int8 on the demo model's eval set through the Benchmark: agreement with fp32 and
// the latency ratio.
void runDemoDynamicInt8(int threads);

} // namespace optibench::bench
