#include "engine/kernels/gemm.h"
#include "engine/kernels/fused_rows.h"
#include "engine/kernels/weight_kernels.h"

#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>

#if defined(OPTIBENCH_HAVE_DNNL)
#include <dnnl.h>
#endif

namespace optibench::engine::gemm {

namespace {

#if defined(OPTIBENCH_HAVE_DNNL)
void check(dnnl_status_t status, const char *what)
{
    if (status != dnnl_success)
        throw std::runtime_error(std::string("oneDNN ") + what + " failed with status " + std::to_string(status));
}
#endif

void checkFloatCpu(const at::Tensor &t, const char *name)
{
    TORCH_CHECK(t.scalar_type() == at::kFloat, "gemm: ", name, " must be float32, is ", t.scalar_type());
}

#if defined(OPTIBENCH_HAVE_DNNL)
// Every row of the contiguous float matrix out [M, N] becomes the bias [N].
void fillRows(at::Tensor &out, const at::Tensor &bias)
{
    const auto b = bias.to(at::kFloat).contiguous();
    const int64_t M = out.size(0), N = out.size(1);
    const float *src = b.data_ptr<float>();
    float *dst = out.data_ptr<float>();
    const int64_t grain = std::max<int64_t>(1, (int64_t(1) << 15) / std::max<int64_t>(1, N));
    at::parallel_for(0, M, grain, [&](int64_t begin, int64_t end) {
        for (int64_t m = begin; m < end; ++m)
            std::memcpy(dst + m * N, src, static_cast<std::size_t>(N) * sizeof(float));
    });
}
#endif

#if defined(OPTIBENCH_HAVE_DNNL)
// LibTorch 1.13 sends bf16 products (addmm, bmm) to its bundled oneDNN whenever the CPU has
// AVX-512, judged from the CPU alone; with oneDNN capped below avx512_core (ONEDNN_MAX_CPU_ISA)
// that primitive cannot be created ("could not create a primitive descriptor iterator"). So
// under such a cap LibTorch's own kernels run them, as they do on a CPU without AVX-512. Set
// once when the engine loads, before any product runs.
const bool kTorchFollowsOneDnnCap = [] {
    const auto isa = static_cast<unsigned>(dnnl_get_effective_cpu_isa());
    const auto avx512 = static_cast<unsigned>(dnnl_cpu_isa_avx512_core);
    if ((isa & avx512) != avx512)
        at::globalContext().setUserEnabledMkldnn(false);
    return true;
}();
#endif

// [S, S], true above the diagonal: the keys a position must not see.
at::Tensor futureMask(int64_t S, const at::Device &device)
{
    return at::ones({S, S}, at::TensorOptions().dtype(at::kBool).device(device)).triu_(1);
}

} // namespace

bool haveOneDnn()
{
#if defined(OPTIBENCH_HAVE_DNNL)
    return true;
#else
    return false;
#endif
}

std::string oneDnnVersion()
{
#if defined(OPTIBENCH_HAVE_DNNL)
    const dnnl_version_t *v = dnnl_version();
    return std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
#else
    return {};
#endif
}

std::string oneDnnCpuIsa()
{
#if defined(OPTIBENCH_HAVE_DNNL)
    const dnnl_cpu_isa_t isa = dnnl_get_effective_cpu_isa();
    switch (isa) {
    case dnnl_cpu_isa_sse41: return "sse41";
    case dnnl_cpu_isa_avx: return "avx";
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    default: return "isa-" + std::to_string(static_cast<int>(isa));
    }
#else
    return {};
#endif
}

namespace {

bool wantsGradient(const at::Tensor &t)
{
    return t.defined() && t.requires_grad() && at::GradMode::is_enabled();
}

// A few rows (a decoding step) against an fp32 or bf16 weight on the CPU, by the row kernels
// (engine/kernels/weight_kernels.h): one pass over the weight for up to 4 rows (fp32, where
// oneDNN's GEMM read the weight at about 70% of the row kernel's speed), or up to 16 in passes of
// 4 (bf16, widened in registers where LibTorch ran oneDNN's bf16 matmul), summed and biased in
// fp32, rounded once to the input's dtype. nullopt: not such a product, or a gradient wanted.
std::optional<at::Tensor> fewRows(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    const auto type = weight.scalar_type();
    if (!x.is_cpu() || (type != at::kBFloat16 && type != at::kFloat) || weight.dim() != 2 || !weight.is_contiguous()
        || (x.scalar_type() != type && x.scalar_type() != at::kFloat) || x.dim() < 1 || wantsGradient(x)
        || wantsGradient(weight) || wantsGradient(bias))
        return std::nullopt;
    const bool bf16 = type == at::kBFloat16;
    const std::int64_t K = x.size(-1), N = weight.size(0);
    if (weight.size(1) != K || x.numel() == 0 || x.numel() / K > (bf16 ? fused::kFusedRows : f32w::kMaxRows))
        return std::nullopt;
    RECORD_FUNCTION(bf16 ? "engine::bf16_rows" : "engine::fp32_rows", std::vector<c10::IValue>({x, weight}));
    const auto x2 = x.reshape({-1, K}).to(at::kFloat).contiguous();
    const auto b = bias.defined() ? bias.to(at::kFloat).contiguous() : at::Tensor();
    const float *bp = b.defined() ? b.data_ptr<float>() : nullptr;
    const void *w = weight.data_ptr();
    auto out =
        fused::fusedProduct(x2, N, bf16 ? bf16w::kMaxRows : f32w::kMaxRows,
                            [&](std::int64_t nb, std::int64_t ne, const float *xr, std::int64_t M, float *y) {
                                if (bf16)
                                    bf16w::gemv(xr, M, N, K, static_cast<const std::uint16_t *>(w), bp, nb, ne, y);
                                else
                                    f32w::gemv(xr, M, N, K, static_cast<const float *>(w), bp, nb, ne, y);
                            });
    std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = N;
    return out.view(shape).to(x.scalar_type());
}

} // namespace

at::Tensor linear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    if (auto rows = fewRows(x, weight, bias))
        return *rows;
#if defined(OPTIBENCH_HAVE_DNNL)
    if (x.device().is_cpu() && x.scalar_type() == at::kFloat && weight.scalar_type() == at::kFloat) {
        // Direct oneDNN calls are no ATen ops: record them as ops of their own so that traces,
        // op tables and trace diffs see where the matrix time goes.
        RECORD_FUNCTION("onednn::linear", std::vector<c10::IValue>({x, weight}));
        checkFloatCpu(weight, "weight");
        const auto K = x.size(-1);
        const auto N = weight.size(0);
        TORCH_CHECK(weight.size(1) == K, "gemm::linear: input has ", K, " features, weight expects ", weight.size(1));
        auto x2 = x.reshape({-1, K}).contiguous();
        auto w = weight.contiguous();
        const auto M = x2.size(0);
        std::vector<int64_t> outShape(x.sizes().begin(), x.sizes().end());
        outShape.back() = N;
        at::Tensor out = at::empty({M, N}, x.options());
        float beta = 0.0f;
        if (bias.defined()) {
            // Preload C with the bias and let the GEMM accumulate into it (beta = 1): no second
            // pass over the finished output. A plain row copy: Tensor::copy_ of the expanded
            // [1, N] bias goes through TensorIterator's broadcast path, which cost about a
            // quarter of the GEMM time on the demo model's small linears.
            fillRows(out, bias);
            beta = 1.0f;
        }
        if (M > 0)
            check(dnnl_sgemm('N', 'T', M, N, K, 1.0f, x2.data_ptr<float>(), K, w.data_ptr<float>(), K, beta,
                             out.data_ptr<float>(), N),
                  "sgemm (linear)");
        return out.view(outShape);
    }
#endif
    return at::linear(x, weight, bias);
}

at::Tensor attention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, int heads,
                     const at::Tensor &maskBias, bool causal, at::Tensor *probsOut)
{
    TORCH_CHECK(q.dim() == 3 && k.sizes() == q.sizes() && v.sizes() == q.sizes(),
                "gemm::attention: q, k, v must be [B, S, H*D] of one shape");
    const int64_t B = q.size(0), S = q.size(1), HD = q.size(2);
    TORCH_CHECK(HD % heads == 0, "gemm::attention: hidden ", HD, " not divisible by ", heads, " heads");
    const int64_t D = HD / heads;
    const float scale = 1.0f / std::sqrt(static_cast<float>(D));
#if defined(OPTIBENCH_HAVE_DNNL)
    if (q.device().is_cpu() && q.scalar_type() == at::kFloat) {
        RECORD_FUNCTION("onednn::attention", std::vector<c10::IValue>({q, k, v}));
        auto qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
        auto scores = at::empty({B, heads, S, S}, q.options());
        const float *qp = qc.data_ptr<float>();
        const float *kp = kc.data_ptr<float>();
        float *sp = scores.data_ptr<float>();
        // One small GEMM per (batch, head); parallel over the pairs, each GEMM single-threaded
        // (oneDNN runs sequentially inside an OpenMP parallel region).
        at::parallel_for(0, B * heads, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const int64_t b = i / heads, h = i % heads;
                const float *qbh = qp + b * S * HD + h * D;
                const float *kbh = kp + b * S * HD + h * D;
                check(dnnl_sgemm('N', 'T', S, S, D, scale, qbh, HD, kbh, HD, 0.0f, sp + i * S * S, S),
                      "sgemm (attention scores)");
            }
        });
        if (maskBias.defined())
            scores.add_(maskBias.view({B, 1, 1, S}));
        if (causal)
            scores.masked_fill_(futureMask(S, q.device()), std::numeric_limits<float>::lowest());
        auto probs = at::softmax(scores, -1);
        scores.reset(); // not needed past the softmax: lowers the peak before context is allocated
        auto context = at::empty({B, S, HD}, q.options());
        const float *pp = probs.data_ptr<float>();
        const float *vp = vc.data_ptr<float>();
        float *cp = context.data_ptr<float>();
        at::parallel_for(0, B * heads, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const int64_t b = i / heads, h = i % heads;
                check(dnnl_sgemm('N', 'N', S, D, S, 1.0f, pp + i * S * S, S, vp + b * S * HD + h * D, HD, 0.0f,
                                 cp + b * S * HD + h * D, HD),
                      "sgemm (attention context)");
            }
        });
        if (probsOut)
            *probsOut = probs;
        return context;
    }
#endif
    auto split = [&](const at::Tensor &t) { return t.view({B, S, heads, D}).transpose(1, 2); };
    auto scores = at::matmul(split(q), split(k).transpose(-1, -2)).mul_(scale);
    // Masked scores get the lowest value of the scores' own dtype (bf16 and fp16 overflow to
    // -inf on float's lowest, and masked_fill_ refuses it).
    const double lowest = scores.scalar_type() == at::kHalf ? -65504.0
        : scores.scalar_type() == at::kBFloat16 ? static_cast<double>(std::numeric_limits<c10::BFloat16>::lowest())
                                                : std::numeric_limits<float>::lowest();
    if (maskBias.defined())
        scores.add_(maskBias.view({B, 1, 1, S}).clamp_min(lowest).to(scores.scalar_type()));
    if (causal)
        scores.masked_fill_(futureMask(S, q.device()), lowest);
    auto probs = at::softmax(scores, -1);
    if (probsOut)
        *probsOut = probs;
    return at::matmul(probs, split(v)).transpose(1, 2).reshape({B, S, HD});
}

at::Tensor bmm(const at::Tensor &a, const at::Tensor &b, bool transposeB)
{
    TORCH_CHECK(a.dim() == 3 && b.dim() == 3 && a.size(0) == b.size(0), "gemm::bmm: operands ", a.sizes(), " and ",
                b.sizes(), " are no batch of matrices");
    const auto bt = transposeB ? b.transpose(1, 2) : b;
#if defined(OPTIBENCH_HAVE_DNNL)
    if (a.device().is_cpu() && a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat) {
        RECORD_FUNCTION("onednn::bmm", std::vector<c10::IValue>({a, b}));
        const auto batch = a.size(0), M = a.size(1), K = a.size(2), N = bt.size(2);
        TORCH_CHECK(bt.size(1) == K, "gemm::bmm: ", K, " columns against ", bt.size(1), " rows");
        // Matrices whose rows are contiguous are used in place, whatever their batch stride (a
        // KV cache's keys: a view into storage reserved for more tokens).
        const auto rowsContiguous = [](const at::Tensor &t) { return t.stride(2) == 1 ? t : t.contiguous(); };
        const auto ac = rowsContiguous(a), bc = rowsContiguous(b);
        auto out = at::empty({batch, M, N}, a.options());
        const float *ap = ac.data_ptr<float>(), *bp = bc.data_ptr<float>();
        float *op = out.data_ptr<float>();
        at::parallel_for(0, batch, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i)
                check(dnnl_sgemm('N', transposeB ? 'T' : 'N', M, N, K, 1.0f, ap + i * ac.stride(0), ac.stride(1),
                                 bp + i * bc.stride(0), bc.stride(1), 0.0f, op + i * M * N, N),
                      "sgemm (batched)");
        });
        return out;
    }
#endif
    return at::matmul(a, bt);
}

bool sgemmLinear(int M, int N, int K, const float *x, const float *w, float *y)
{
#if defined(OPTIBENCH_HAVE_DNNL)
    check(dnnl_sgemm('N', 'T', M, N, K, 1.0f, x, K, w, K, 0.0f, y, N), "sgemm");
    return true;
#else
    return false;
#endif
}

} // namespace optibench::engine::gemm
