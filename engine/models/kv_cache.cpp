#include "engine/models/kv_cache.h"
#include "engine/kernels/gemm.h"

#include <algorithm>
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

namespace {

// Writes `fresh` [B, kv, S, D] after the `used` tokens of `storage` (reallocated, twice as large or
// to `reserve`, when it has no room) and returns the view of all of them.
at::Tensor appendTokens(at::Tensor &storage, std::int64_t used, const at::Tensor &fresh, std::int64_t reserve)
{
    const auto S = fresh.size(2), needed = used + S;
    if (!storage.defined() || storage.size(2) < needed) {
        const auto old = storage.defined() ? storage.size(2) : 0;
        auto sizes = fresh.sizes().vec();
        sizes[2] = std::max({needed, reserve, 2 * old});
        auto grown = at::empty(sizes, fresh.options());
        if (used > 0)
            grown.narrow(2, 0, used).copy_(storage.narrow(2, 0, used));
        storage = grown;
    }
    storage.narrow(2, used, S).copy_(fresh);
    return storage.narrow(2, 0, needed);
}

} // namespace

void KvCache::append(int layer, const at::Tensor &k, const at::Tensor &v)
{
    const auto l = std::size_t(layer);
    if (m_keyStorage.size() < keys.size()) {
        m_keyStorage.resize(keys.size());
        m_valueStorage.resize(keys.size());
    }
    const auto used = keys[l].defined() ? keys[l].size(2) : 0;
    keys[l] = appendTokens(m_keyStorage[l], used, k, reserve);
    values[l] = appendTokens(m_valueStorage[l], used, v, reserve);
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
    // One product per key/value head (gemm::bmm: oneDNN's, not the reference BLAS's).
    auto qh = q.view({B, S, kv, rep, D}).permute({0, 2, 3, 1, 4}).reshape({B * kv, rep * S, D});
    auto scores = gemm::bmm(qh, k.reshape({B * kv, L, D}), true).div_(std::sqrt(double(D))).view({B, kv, rep, S, L});
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
    auto probs = at::softmax(scores, -1).to(q.scalar_type()).view({B * kv, rep * S, L});
    auto context = gemm::bmm(probs, v.reshape({B * kv, L, D}), false).view({B, kv, rep, S, D});
    return context.permute({0, 3, 1, 2, 4}).reshape({B, S, kv * rep * D});
}

} // namespace optibench::engine
