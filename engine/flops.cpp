#include "engine/flops.h"

namespace optibench::engine {

double encoderForwardFlops(const TransformerConfig &c, std::int64_t batch, std::int64_t seqLen)
{
    const double B = static_cast<double>(batch), S = static_cast<double>(seqLen);
    const double H = c.hiddenSize, I = c.intermediateSize;
    const double tokens = B * S;
    double perLayer = 0;
    perLayer += 3 * 2 * tokens * H * H;  // query, key, value
    perLayer += 2 * B * S * S * H;       // scores: per head S x S x D, over all heads S*S*H
    perLayer += 2 * B * S * S * H;       // context: P V
    perLayer += 2 * tokens * H * H;      // attention output
    perLayer += 2 * 2 * tokens * H * I;  // intermediate and output
    double total = perLayer * c.numLayers;
    if (c.hasPooler)
        total += 2 * B * H * H;
    if (c.numLabels > 0)
        total += 2 * B * H * c.numLabels + (c.hasPreClassifier ? 2 * B * H * H : 0);
    if (c.family == ArchitectureFamily::Gpt2 && c.architecture != "GPT2Model")
        total += 2 * tokens * H * c.vocabSize; // lm_head
    return total;
}

} // namespace optibench::engine
