#include "engine/measure/flops.h"

namespace optibench::engine {

double encoderForwardFlops(const TransformerConfig &c, std::int64_t batch, std::int64_t seqLen)
{
    const double B = static_cast<double>(batch), S = static_cast<double>(seqLen);
    const double H = c.hiddenSize;
    const double tokens = B * S;
    double total = 0;
    if (c.family == ArchitectureFamily::Llama) {
        // Grouped-query attention: keys and values are kvHeads * headDim wide; SwiGLU has three
        // matrices; the window (Mistral) bounds the keys a query sees.
        // Head pruning removes whole groups, neurons pruning FFN width, layer by layer.
        const double keys = c.slidingWindow > 0 && c.slidingWindow < S ? double(c.slidingWindow) : S;
        for (int layer = 0; layer < c.numLayers; ++layer) {
            const double A = static_cast<double>(headsInLayer(c, layer)) * headDim(c);
            const double KV = static_cast<double>(kvHeadsInLayer(c, layer)) * headDim(c);
            const double I = intermediateInLayer(c, layer);
            total += 2 * tokens * H * (A + 2 * KV) + 2 * tokens * A * H; // q, k, v and o
            total += 2 * 2 * B * S * keys * A;                           // scores and context
            total += 3 * 2 * tokens * H * I;                             // gate, up, down
        }
        return total + 2 * tokens * H * c.vocabSize; // lm_head
    }
    for (int layer = 0; layer < c.numLayers; ++layer) {
        // Structured pruning shrinks a layer to A = heads * headDim attention width and I FFN
        // neurons. Unstructured and 2:4 sparsity held in dense weights computes every zero, so
        // it changes nothing here (a sparse kernel's saving shows in the measured latency only).
        const double A = static_cast<double>(headsInLayer(c, layer)) * headDim(c);
        const double I = intermediateInLayer(c, layer);
        total += 3 * 2 * tokens * H * A; // query, key, value
        total += 2 * B * S * S * A;      // scores: per head S x S x D, over the heads S*S*A
        total += 2 * B * S * S * A;      // context: P V
        total += 2 * tokens * A * H;     // attention output
        total += 2 * 2 * tokens * H * I; // intermediate and output
    }
    if (c.hasPooler)
        total += 2 * B * H * H;
    if (c.numLabels > 0)
        total += 2 * B * H * c.numLabels + (c.hasPreClassifier ? 2 * B * H * H : 0);
    if (c.family == ArchitectureFamily::Gpt2 && c.architecture != "GPT2Model")
        total += 2 * tokens * H * c.vocabSize; // lm_head
    return total;
}

} // namespace optibench::engine
