#pragma once
// Gradient checkpointing: a block's activations are not kept for backward. Its forward runs
// without recording autograd state and keeps only the block's input; backward runs the block
// again with gradients on and back-propagates through that recomputation. Memory for the
// block's activations is traded for one more forward pass of it.
#include <ATen/ATen.h>

#include <functional>
#include <vector>

namespace optibench::engine {

using BlockFn = std::function<at::Tensor(const at::Tensor &input)>;

// block(input) with its activations dropped. `parameters` are the tensors the block reads that
// may need gradients (a transformer layer's weights): they become inputs of the checkpoint, so
// their gradients flow. The block must be deterministic (no dropout) and must capture what it
// reads by value: it runs again during backward, after the caller has returned.
// Without grad mode, or when neither the input nor a parameter requires a gradient, this is
// block(input).
at::Tensor checkpoint(const BlockFn &block, const at::Tensor &input, const std::vector<at::Tensor> &parameters);

// True on the thread that is recomputing a checkpointed block in backward. Modules with state
// that a forward pass updates (the fake-quant observers) leave it alone then: the block has
// already been seen once in this step, and must compute exactly what its forward computed.
bool recomputingCheckpoint();

} // namespace optibench::engine
