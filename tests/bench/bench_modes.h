#pragma once
// The modes section of bench_engine: each precision, quantization (and, where the engine has
// it, pruning) mode on the BERT-base shape, timed in the same run as the engine's fp32 and
// compared with its outputs.
#include "engine/models/model.h"

#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace optibench::bench {

// The middle value (the upper of the two middle ones for an even count); 0 for none.
double median(std::vector<double> values);

// `warmup` untimed forwards of (ids, mask), then the times of `iterations` forwards in ms.
std::vector<double> timeForwards(const engine::Model &model, const at::Tensor &ids, const at::Tensor &mask, int warmup,
                                 int iterations);

// The modes the section knows, in the order it runs them.
std::vector<std::string> allModes();

// Builds each mode's model, times them and fp32 interleaved on (ids, mask) for `rounds` rounds,
// and prints each mode's median latency, its speed-up over fp32 (median of per-round ratios,
// with their range), agreement and relative logit error against fp32 on a few batches.
void runModes(const engine::TransformerConfig &config, const engine::ParameterMap &parameters, const at::Tensor &ids,
              const at::Tensor &mask, int rounds, const std::vector<std::string> &modes);

// Engine fp32 and dynamic-int8 against ONNX Runtime's fp32 and int8 (tests/bench/bench_ort.h) on
// the same shape, in `rounds` alternating blocks of `iterations` forwards: the speed-ups and the
// engine's int8 speed in times ORT int8's.
void runAgainstOrt(const engine::TransformerConfig &config, const engine::ParameterMap &parameters,
                   const at::Tensor &ids, const at::Tensor &mask, int threads, int iterations, int rounds);

// dynamic-int8 on the demo model's eval set through the Benchmark: agreement with fp32 and
// the latency ratio.
void runDemoDynamicInt8(int threads);

} // namespace optibench::bench
