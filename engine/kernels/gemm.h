#pragma once
// The engine's fp32 matrix products. With oneDNN (OPTIBENCH_HAVE_DNNL) they call dnnl_sgemm
// directly, because Debian's LibTorch sends at::mm to the reference BLAS (about 3 GFLOP/s);
// without it (a PyTorch 2.x build with MKL) they fall back to at::linear / at::matmul.
#include <ATen/ATen.h>

#include <string>

namespace optibench::engine::gemm {

bool haveOneDnn();
std::string oneDnnVersion(); // empty without oneDNN
// The instruction set oneDNN's kernels run with ("avx2", "avx512_core_vnni", ...): the CPU's
// best, capped by ONEDNN_MAX_CPU_ISA. Empty without oneDNN.
std::string oneDnnCpuIsa();

// y = x W^T + b for x [..., K], weight [N, K] (PyTorch's layout), bias [N] or undefined.
at::Tensor linear(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias);

// Multi-head attention core on the projections' own layout [B, S, H*D], so no permutes:
// context[b, s, h*D:(h+1)*D] = softmax(scale * Q_bh K_bh^T + maskBias[b]) V_bh.
// maskBias is [B, S] (0 for tokens, a large negative for padding) or undefined.
// causal: position i attends to keys 0..i only (decoders); masked scores get the lowest
// float, never -inf, so a row with no visible key stays finite.
// Returns context [B, S, H*D]. probs, when given, receives the softmax probabilities
// [B, heads, S, S] (what the backward pass of engine/autograd_ops needs).
at::Tensor attention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, int heads,
                     const at::Tensor &maskBias, bool causal = false, at::Tensor *probs = nullptr);

// Batched products of 3-D tensors: a [batch, M, K] times b [batch, K, N], or times b^T for b
// [batch, N, K] when transposeB. fp32 on the CPU with oneDNN: one sgemm a batch entry, the
// entries spread over the threads (a decoder's attention over its KV cache: many small
// products, which Debian's LibTorch sends to the reference BLAS); else at::matmul.
at::Tensor bmm(const at::Tensor &a, const at::Tensor &b, bool transposeB);

// y[M, N] = x[M, K] w[N, K]^T on raw row-major float buffers: the linear layer's product with
// linear()'s own kernel and layout, without bias (used by the peak probe). Returns false when
// no fast GEMM is available.
bool sgemmLinear(int M, int N, int K, const float *x, const float *w, float *y);

} // namespace optibench::engine::gemm
