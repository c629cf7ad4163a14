#include "engine/models/model_loader.h"
#include "engine/formats/hf_config.h"
#include "engine/formats/model_format.h"
#include "engine/formats/sha256.h"
#include "engine/models/demo.h"
#include "engine/models/demo_decoder.h"
#include "engine/models/hf_loader.h"
#include "engine/models/torchscript_model.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace optibench::engine {

namespace {

std::vector<std::string> safetensorsFiles(const std::string &folder)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(folder, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".safetensors")
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// Every id the tokenizer can give must have a row in the model's embedding.
void checkTokenizerFits(const Tokenizer &tokenizer, const TransformerConfig &config, const std::string &folder)
{
    if (config.vocabSize > 0 && tokenizer.vocabSize() > config.vocabSize)
        throw EngineError("model.path: " + folder + ": the tokenizer has " + std::to_string(tokenizer.vocabSize())
                          + " tokens but config.json's vocab_size is " + std::to_string(config.vocabSize)
                          + ", so ids from " + std::to_string(config.vocabSize)
                          + " on have no embedding (is the tokenizer this model's?)");
}

// A TorchScript archive may sit in a folder that carries a tokenizer (vocab.txt, ...).
std::unique_ptr<Tokenizer> tokenizerBeside(const std::string &archive)
{
    const auto folder = fs::path(archive).parent_path().string();
    for (const char *f : {"tokenizer.json", "vocab.txt", "vocab.json"})
        if (fs::is_regular_file(fs::path(folder) / f))
            return loadTokenizer(folder);
    return nullptr;
}

void fillFromConfig(ModelSummary &s, const TransformerConfig &c)
{
    s.architecture = c.architecture;
    s.layers = c.numLayers;
    s.hidden = c.hiddenSize;
    s.heads = c.numHeads;
    s.intermediate = c.intermediateSize;
    s.vocab = c.vocabSize;
    s.maxPositions = c.maxPositions;
    s.numLabels = c.numLabels;
}

// The built-in demos: their weights are in the engine library, nothing on disk at run time.
void loadDemo(const std::string &path, LoadedModel &loaded)
{
    auto &s = loaded.summary;
    s.format = "demo";
    s.tokenizer = "word";
    s.sizeOnDiskBytes = 0;
    if (demo::isDecoderName(path)) {
        const bool trained = path == demo::kDecoderName;
        loaded.model = trained ? demo::trainedTinyLlama() : demo::untrainedTinyLlama();
        loaded.demoDecoder = true;
        s.note = trained ? "built-in demo decoder, trained on the train split of demo:reviews with next-token loss "
                           "(weights built into the engine); its perplexity on the eval split is meaningful"
                         : "built-in demo decoder, randomly initialised from a fixed seed (not trained): its "
                           "perplexity is about the vocabulary's size; cost and agreement are meaningful";
    } else {
        const bool trained = path == demo::kModelName && demo::haveTrainedWeights();
        loaded.model = std::make_unique<BertClassifier>(demo::tinyBertConfig(),
                                                        trained ? demo::tinyBertParameters()
                                                                : demo::untrainedTinyBertParameters());
        s.note = trained ? "built-in demo model, trained on the train split of demo:reviews (weights built into "
                           "the engine); its accuracy on the eval split is meaningful"
                         : "built-in demo model, randomly initialised from a fixed seed (not trained): accuracy is "
                           "chance level; cost, agreement and KL divergence are meaningful";
    }
    fillFromConfig(s, loaded.model->config());
}

} // namespace

std::vector<std::int64_t> LoadedModel::encode(const std::string &text, int maxLength) const
{
    if (tokenizer)
        return tokenizer->encode(text, maxLength);
    if (demoDecoder)
        return demo::tokenizer().encodePrompt(text, maxLength);
    return demo::tokenizer().encode(text, maxLength);
}

std::vector<std::int64_t> LoadedModel::encodePair(const std::string &text, const std::string &pair, int maxLength,
                                                  std::int64_t *secondStart) const
{
    if (!tokenizer) {
        // The demo's word tokenizer: [CLS] a [SEP] b [SEP].
        auto a = demo::tokenizer().encode(text, 1 << 20);
        auto b = demo::tokenizer().encode(pair, 1 << 20);
        const auto start = static_cast<std::int64_t>(a.size());
        a.insert(a.end(), b.begin() + 1, b.end());
        if (maxLength > 0 && static_cast<int>(a.size()) > maxLength) {
            a.resize(static_cast<std::size_t>(maxLength - 1));
            a.push_back(demo::WordTokenizer::kSep);
        }
        if (secondStart)
            *secondStart = start < static_cast<std::int64_t>(a.size()) ? start : -1;
        return a;
    }
    auto a = tokenizer->tokenize(text);
    auto b = tokenizer->tokenize(pair);
    const auto &pre = tokenizer->prefixIds();
    const auto &suf = tokenizer->suffixIds();
    // BERT: [CLS] a [SEP] b [SEP]; RoBERTa: <s> a </s></s> b </s> (the separator doubled).
    std::vector<std::int64_t> middle = suf;
    if (!pre.empty() && !suf.empty() && pre != suf && tokenizer->kind() == TokenizerKind::Bpe)
        middle.insert(middle.end(), suf.begin(), suf.end());
    if (maxLength > 0) {
        const auto specials = static_cast<std::int64_t>(pre.size() + middle.size() + suf.size());
        std::int64_t budget = std::max<std::int64_t>(0, maxLength - specials);
        while (static_cast<std::int64_t>(a.size() + b.size()) > budget)
            (a.size() >= b.size() ? a : b).pop_back();
    }
    std::vector<std::int64_t> out = pre;
    out.insert(out.end(), a.begin(), a.end());
    out.insert(out.end(), middle.begin(), middle.end());
    if (secondStart)
        *secondStart = static_cast<std::int64_t>(out.size());
    out.insert(out.end(), b.begin(), b.end());
    out.insert(out.end(), suf.begin(), suf.end());
    return out;
}

std::int64_t LoadedModel::padId() const
{
    if (tokenizer)
        return tokenizer->padId();
    return demo::WordTokenizer::kPad;
}

std::string LoadedModel::decode(const std::vector<std::int64_t> &ids) const
{
    if (tokenizer)
        return tokenizer->decode(ids, false);
    if (demoDecoder)
        return demo::tokenizer().decode(ids);
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : " ") + demo::tokenizer().word(id);
    return out;
}

std::string LoadedModel::tokenText(std::int64_t id) const
{
    if (tokenizer)
        return tokenizer->decode({id}, false);
    return demo::tokenizer().word(id);
}

LoadedModel loadModel(const std::string &path, const std::string &format)
{
    static const char *kFormats[] = {"auto", "demo", "hf", "torchscript"};
    if (std::find(std::begin(kFormats), std::end(kFormats), format) == std::end(kFormats))
        throw EngineError("model.format: unknown format '" + format + "' (auto, demo, hf, torchscript)");
    LoadedModel loaded;
    auto &s = loaded.summary;
    s.source = path;
    s.dtype = "float32";

    if (path == demo::kModelName || path == demo::kUntrainedModelName || demo::isDecoderName(path)) {
        if (format != "auto" && format != "demo")
            throw EngineError("model.format: '" + format + "' does not fit " + path);
        loadDemo(path, loaded);
    } else {
        ModelLocation location;
        try {
            location = detectModelFormat(path);
        } catch (const EngineError &e) {
            throw EngineError(std::string("model.path: ") + e.what());
        }
        const std::string detected = formatName(location.format);
        if (format != "auto" && format != detected)
            throw EngineError("model.format: '" + format + "' does not fit " + path + ", which holds a " + detected
                              + " model");
        s.format = detected;
        try {
            if (location.format == ModelFormat::TorchScript) {
                loaded.model = loadTorchScriptModel(location.path);
                loaded.tokenizer = tokenizerBeside(location.path);
                loaded.weightFiles = {location.path};
                s.note = "TorchScript module: run as it is; optimizations that rebuild linears do not apply";
            } else {
                loaded.model = loadHfModel(location.path);
                loaded.tokenizer = loadTokenizer(location.path);
                checkTokenizerFits(*loaded.tokenizer, loaded.model->config(), location.path);
                loaded.weightFiles = safetensorsFiles(location.path);
                s.note = "accuracy on demo:reviews is only meaningful for a model trained on its labels";
            }
        } catch (const TokenizerError &e) {
            throw EngineError(std::string("model.path: ") + e.what());
        }
        fillFromConfig(s, loaded.model->config());
        s.tokenizer = loaded.tokenizer ? tokenizerKindName(loaded.tokenizer->kind()) : "word";
        for (const auto &f : loaded.weightFiles)
            s.sizeOnDiskBytes += static_cast<std::int64_t>(fs::file_size(f));
        s.sha256 = sha256Files(loaded.weightFiles);
    }
    s.parameters = loaded.model->parameterCount();
    s.memoryBytes = loaded.model->modelBytes();
    return loaded;
}

} // namespace optibench::engine
