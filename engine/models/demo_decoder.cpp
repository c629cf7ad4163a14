#include "engine/models/demo_decoder.h"
#include "engine/formats/demo_architecture.h"
#include "engine/formats/errors.h"
#include "engine/models/demo.h"
#include "engine/models/llama.h"
#include "engine/text/demo_text.h"

namespace optibench::engine::demo {

bool isDecoderName(const std::string &path)
{
    return path == kDecoderName || path == kUntrainedDecoderName;
}

TransformerConfig tinyLlamaConfig()
{
    TransformerConfig c;
    c.family = ArchitectureFamily::Llama;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = tokenizer().vocabSize();
    c.hiddenSize = kTinyLlama.hidden;
    c.numLayers = kTinyLlama.layers;
    c.numHeads = kTinyLlama.heads;
    c.numKvHeads = kTinyLlama.kvHeads;
    c.intermediateSize = kTinyLlama.intermediate;
    c.maxPositions = kTinyLlama.maxPositions;
    c.typeVocabSize = 0;
    c.activation = "silu";
    c.layerNormEps = 1e-6; // RMSNorm's
    c.numLabels = 0;       // a language model: no classification head
    c.hasPooler = false;
    c.tieWordEmbeddings = true;
    c.padTokenId = static_cast<int>(WordTokenizer::kPad);
    c.bosTokenId = static_cast<int>(WordTokenizer::kCls);
    c.eosTokenId = static_cast<int>(WordTokenizer::kSep);
    c.rope.theta = 10000.0;
    return c;
}

bool haveTrainedDecoderWeights()
{
    return embeddedWeights(EmbeddedModel::TinyLlama).data != nullptr;
}

std::unique_ptr<NativeModel> trainedTinyLlama()
{
    if (!haveTrainedDecoderWeights())
        throw EngineError(std::string("model.path: ") + kDecoderName
                          + " has no trained weights in this build (data/demo/tiny-llama.safetensors was missing "
                            "when it was configured; regenerate it with optibench-make-demo-weights --model "
                            "tiny-llama and rebuild); "
                          + kUntrainedDecoderName + " still works");
    auto params = embeddedParameters(EmbeddedModel::TinyLlama, std::string(kDecoderName) + " (built in)");
    return std::make_unique<LlamaModel>(tinyLlamaConfig(), std::move(params));
}

std::unique_ptr<NativeModel> untrainedTinyLlama()
{
    const auto config = tinyLlamaConfig();
    return std::make_unique<LlamaModel>(config, LlamaModel::randomParameters(config, kDecoderSeed));
}

std::vector<std::vector<std::int64_t>> decoderSequences(const std::string &split, int maxLength)
{
    const int length = maxLength > 0 ? maxLength : kTinyLlama.maxPositions;
    std::vector<std::vector<std::int64_t>> out;
    for (const auto &ex : reviews(split))
        out.push_back(tokenizer().encode(ex.text, length));
    return out;
}

} // namespace optibench::engine::demo
