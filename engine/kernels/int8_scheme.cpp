#include "engine/kernels/int8_scheme.h"
#include "engine/kernels/quantize.h"

#include <ATen/ATen.h>

#include <cstdio>
#include <cstdlib>

namespace optibench::engine {

const char *int8SchemeName(Int8Scheme scheme)
{
    return scheme == Int8Scheme::U7S8 ? "u7s8" : "u8s8";
}

std::optional<Int8Scheme> parseInt8Scheme(std::string_view text)
{
    for (Int8Scheme s : {Int8Scheme::U8S8, Int8Scheme::U7S8}) {
        if (text == int8SchemeName(s))
            return s;
    }
    return std::nullopt;
}

int activationMax(Int8Scheme scheme)
{
    return scheme == Int8Scheme::U7S8 ? 127 : 255;
}

namespace {

// Activations of 1.0 quantize to 255 and weights of +-1.0 to +-127: every pair of products is
// +-64770, past int16. An exact GEMM gives +-K; a saturating one about half of it. A single
// row and a block of rows, since oneDNN runs a matrix-vector kernel for M = 1.
bool probeSaturation()
{
    constexpr std::int64_t K = 256, N = 64;
    auto w = at::ones({N, K});
    w.slice(0, 1, N, 2).neg_();
    auto op = makeDynamicInt8Linear(w, at::Tensor(), Int8Scheme::U8S8);
    auto exact = w.sum(1);
    for (std::int64_t M : {1, 64}) {
        auto y = op->forward(at::ones({M, K}));
        if ((y - exact).abs().max().item<float>() > 1.0f)
            return true;
    }
    return false;
}

struct Choice {
    Int8Scheme scheme = Int8Scheme::U7S8;
    std::string reason;
};

const Choice &choice()
{
    static const Choice c = [] {
        Choice r;
        if (const char *value = std::getenv(kInt8SchemeVariable); value && *value) {
            if (auto s = parseInt8Scheme(value)) {
                r.scheme = *s;
                r.reason = std::string("set by ") + kInt8SchemeVariable + "=" + value;
                return r;
            }
            std::fprintf(stderr, "%s=%s is not a scheme (u8s8, u7s8): ignored\n", kInt8SchemeVariable, value);
        }
        if (!enableDynamicInt8()) {
            r.reason = "no int8 kernel in this build";
            return r;
        }
        if (int8GemmSaturates()) {
            r.reason = "7-bit activations: this CPU's int8 GEMM adds u8*s8 pairs in saturating int16 (no VNNI)";
        } else {
            r.scheme = Int8Scheme::U8S8;
            r.reason = "full-range activations: this CPU's int8 GEMM accumulates exactly in int32";
        }
        return r;
    }();
    return c;
}

} // namespace

bool int8GemmSaturates()
{
    static const bool saturates = enableDynamicInt8() && probeSaturation();
    return saturates;
}

Int8Scheme int8Scheme()
{
    return choice().scheme;
}

std::string int8SchemeReason()
{
    return choice().reason;
}

} // namespace optibench::engine
