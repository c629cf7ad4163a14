#include "engine/models/kv_cache.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace optibench::engine {

std::int64_t KvCache::bytes() const
{
    std::int64_t n = 0;
    for (const auto *list : {&keys, &values})
        for (const auto &t : *list)
            if (t.defined())
                n += static_cast<std::int64_t>(t.nbytes());
    return n;
}

void KvCache::append(int layer, const at::Tensor &k, const at::Tensor &v)
{
    auto &K = keys[std::size_t(layer)], &V = values[std::size_t(layer)];
    K = K.defined() ? at::cat({K, k}, 2) : k.contiguous();
    V = V.defined() ? at::cat({V, v}, 2) : v.contiguous();
}

at::Tensor maskPositions(const at::Tensor &attentionMask)
{
    auto positions = attentionMask.to(at::kLong).cumsum(-1) - 1;
    return positions.masked_fill(attentionMask == 0, 1);
}

at::Tensor beginStep(KvCache &cache, const at::Tensor &inputIds, const at::Tensor &mask, int numLayers,
                     int maxPositions)
{
    TORCH_CHECK(inputIds.dim() == 2, "input ids must be [batch, sequence], are ", inputIds.sizes());
    const auto B = inputIds.size(0), S = inputIds.size(1), T = cache.length();
    if (T + S > maxPositions)
        throw std::invalid_argument(std::to_string(T + S) + " tokens (the prompt and the new ones) exceed the model's "
                                    + std::to_string(maxPositions) + " positions");
    const auto fresh = mask.defined() ? mask.to(at::kLong) : at::ones({B, S}, inputIds.options().dtype(at::kLong));
    cache.mask = T > 0 ? at::cat({cache.mask, fresh}, 1) : fresh;
    if (cache.keys.empty()) {
        cache.keys.resize(std::size_t(numLayers));
        cache.values.resize(std::size_t(numLayers));
    }
    return maskPositions(cache.mask).slice(1, T);
}

at::Tensor cachedAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const at::Tensor &mask,
                           int heads, int window)
{
    const auto B = q.size(0), S = q.size(1), kv = k.size(1), L = k.size(2), D = k.size(3);
    const auto rep = heads / kv, offset = L - S;
    auto qh = q.view({B, S, kv, rep, D}).permute({0, 2, 3, 1, 4}).reshape({B, kv, rep * S, D});
    auto scores = at::matmul(qh, k.transpose(-1, -2)).div_(std::sqrt(double(D))).view({B, kv, rep, S, L});
    const auto positions = mask.options().dtype(at::kLong);
    auto i = at::arange(offset, offset + S, positions).view({S, 1});
    auto j = at::arange(L, positions).view({1, L});
    auto allowed = j <= i;
    if (window > 0)
        allowed = allowed & (i - j < window);
    allowed = allowed.view({1, 1, 1, S, L}) & (mask != 0).view({B, 1, 1, 1, L});
    // The softmax in fp32 (as transformers computes it), the mask applied there: a half type
    // cannot hold fp32's lowest value.
    scores = scores.to(at::kFloat).masked_fill_(at::logical_not(allowed), std::numeric_limits<float>::lowest());
    auto probs = at::softmax(scores, -1).to(q.scalar_type()).view({B, kv, rep * S, L});
    auto context = at::matmul(probs, v).view({B, kv, rep, S, D});
    return context.permute({0, 3, 1, 2, 4}).reshape({B, S, kv * rep * D});
}

} // namespace optibench::engine
