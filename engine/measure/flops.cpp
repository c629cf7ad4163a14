#include "engine/measure/flops.h"

namespace optibench::engine {

double encoderForwardFlops(const TransformerConfig &c, std::int64_t batch, std::int64_t seqLen)
{
    const double B = static_cast<double>(batch), S = static_cast<double>(seqLen);
    const double H = c.hiddenSize;
    const double tokens = B * S;
    double total = 0;
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
