// Gradient checkpointing as an autograd Function. See engine/kernels/checkpoint.h.
#include "engine/kernels/checkpoint.h"
#include "engine/kernels/compat.h"

#include <ATen/record_function.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>

namespace optibench::engine {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

thread_local int t_recomputing = 0;

// Marks the recomputation for recomputingCheckpoint(), also when the block throws.
struct RecomputeScope {
    RecomputeScope() { ++t_recomputing; }
    ~RecomputeScope() { --t_recomputing; }
    RecomputeScope(const RecomputeScope &) = delete;
    RecomputeScope &operator=(const RecomputeScope &) = delete;
};

// What backward needs beyond tensors: the block to run again.
struct BlockHolder : torch::CustomClassHolder {
    explicit BlockHolder(BlockFn f) : block(std::move(f)) {}
    BlockFn block;
};

// The autocast state of the forward pass, re-established for the recomputation in backward
// (autocast is off during backward), so that the block computes in the same precision twice.
struct AutocastState {
    bool cpu = false, cuda = false;
    at::ScalarType cpuDtype = at::kBFloat16, cudaDtype = at::kHalf;

    static AutocastState current()
    {
        AutocastState s;
#if OPTIBENCH_TORCH_AT_LEAST(2, 4)
        s.cpu = at::autocast::is_autocast_enabled(at::kCPU);
        s.cuda = at::autocast::is_autocast_enabled(at::kCUDA);
        s.cpuDtype = at::autocast::get_autocast_dtype(at::kCPU);
        s.cudaDtype = at::autocast::get_autocast_dtype(at::kCUDA);
#else
        s.cpu = at::autocast::is_cpu_enabled();
        s.cuda = at::autocast::is_enabled();
        s.cpuDtype = at::autocast::get_autocast_cpu_dtype();
        s.cudaDtype = at::autocast::get_autocast_gpu_dtype();
#endif
        return s;
    }
    void apply() const
    {
        compat::setAutocast(at::kCPU, cpu, cpuDtype);
        compat::setAutocast(at::kCUDA, cuda, cudaDtype);
    }
};

struct CheckpointFunction : public torch::autograd::Function<CheckpointFunction> {
    static at::Tensor forward(AutogradContext *ctx, const c10::IValue &holder, const at::Tensor &input,
                              at::TensorList parameters)
    {
        // Grad mode is off inside a Function's forward: the block records nothing.
        ctx->saved_data["block"] = holder;
        ctx->saved_data["input_grad"] = input.requires_grad();
        std::vector<at::Tensor> saved{input};
        saved.insert(saved.end(), parameters.begin(), parameters.end());
        ctx->save_for_backward(saved);
        auto holderPtr = holder.toCapsule();
        return static_cast<BlockHolder *>(holderPtr.get())->block(input);
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        RECORD_FUNCTION("checkpoint::recompute", std::vector<c10::IValue>());
        const auto saved = ctx->get_saved_variables();
        const bool inputGrad = ctx->saved_data["input_grad"].toBool();
        auto holderPtr = ctx->saved_data["block"].toCapsule();
        const auto &block = static_cast<BlockHolder *>(holderPtr.get())->block;

        at::Tensor input = saved[0].detach();
        input.requires_grad_(inputGrad);
        std::vector<at::Tensor> wrt;
        std::vector<std::size_t> slot; // index into the returned gradients (after the holder)
        if (inputGrad) {
            wrt.push_back(input);
            slot.push_back(0);
        }
        for (std::size_t i = 1; i < saved.size(); ++i) {
            if (saved[i].requires_grad()) {
                wrt.push_back(saved[i]);
                slot.push_back(i);
            }
        }
        variable_list result(saved.size() + 1); // the holder, the input, the parameters
        if (wrt.empty())
            return result;
        at::Tensor output;
        {
            at::AutoGradMode enable(true);
            RecomputeScope recomputing;
            output = block(input);
        }
        at::autocast::clear_cache();
        auto g = torch::autograd::grad({output}, wrt, {grads[0]}, /*retain_graph=*/false, /*create_graph=*/false,
                                       /*allow_unused=*/true);
        for (std::size_t i = 0; i < g.size(); ++i)
            result[slot[i] + 1] = g[i];
        return result;
    }
};

} // namespace

bool recomputingCheckpoint()
{
    return t_recomputing > 0;
}

at::Tensor checkpoint(const BlockFn &block, const at::Tensor &input, const std::vector<at::Tensor> &parameters)
{
    bool needed = at::GradMode::is_enabled() && input.requires_grad();
    if (at::GradMode::is_enabled())
        for (const auto &p : parameters)
            needed = needed || p.requires_grad();
    if (!needed)
        return block(input);
    const auto autocast = AutocastState::current();
    BlockFn run = block;
    if (autocast.cpu || autocast.cuda) {
        run = [block, autocast](const at::Tensor &x) {
            const auto outer = AutocastState::current();
            autocast.apply();
            auto y = block(x);
            outer.apply();
            return y;
        };
    }
    auto holder = c10::IValue::make_capsule(c10::make_intrusive<BlockHolder>(std::move(run)));
    return CheckpointFunction::apply(holder, input, at::TensorList(parameters));
}

} // namespace optibench::engine
