#include "engine/models/demo.h"
#include "engine/formats/demo_architecture.h"
#include "engine/models/demo_weights.h"
#include "engine/models/safetensors_torch.h"

namespace optibench::engine::demo {

TransformerConfig tinyBertConfig()
{
    TransformerConfig c;
    c.family = ArchitectureFamily::Bert;
    c.architecture = "BertForSequenceClassification";
    c.modelType = "bert";
    c.vocabSize = tokenizer().vocabSize();
    c.hiddenSize = kTinyBert.hidden;
    c.numLayers = kTinyBert.layers;
    c.numHeads = kTinyBert.heads;
    c.intermediateSize = kTinyBert.intermediate;
    c.maxPositions = kTinyBert.maxPositions;
    c.typeVocabSize = kTinyBert.typeVocabSize;
    c.activation = "gelu";
    c.layerNormEps = 1e-12;
    c.padTokenId = 0;
    c.numLabels = kTinyBert.labels;
    c.id2label = {{0, "negative"}, {1, "positive"}};
    c.hasPooler = true;
    return c;
}

ParameterMap tinyBertParameters()
{
    if (!haveTrainedWeights())
        return untrainedTinyBertParameters(); // a build without data/demo (haveTrainedWeights() says so)
    return embeddedParameters(EmbeddedModel::TinyBert, std::string(kModelName) + " (built in)");
}

ParameterMap embeddedParameters(EmbeddedModel model, const std::string &source)
{
    const auto embedded = embeddedWeights(model);
    ParameterMap params;
    if (!embedded.data)
        return params;
    const auto file = SafetensorsFile::parse(embedded.data, embedded.size, source);
    // Copies: the embedded bytes are read-only, and training or pruning edit weights in place.
    for (const auto &view : file.tensors())
        params.emplace(view.name, toTensor(file, view, true).to(at::kFloat).contiguous());
    return params;
}

bool haveTrainedWeights()
{
    return trainedWeights().data != nullptr;
}

ParameterMap untrainedTinyBertParameters()
{
    return BertClassifier::randomParameters(tinyBertConfig(), kModelSeed);
}

} // namespace optibench::engine::demo
