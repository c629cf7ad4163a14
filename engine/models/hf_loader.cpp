#include "engine/models/hf_loader.h"
#include "engine/formats/errors.h"
#include "engine/formats/hf_config.h"
#include "engine/formats/safetensors.h"
#include "engine/models/safetensors_torch.h"

#include <cstring>
#include <filesystem>

namespace optibench::engine {

ParameterMap loadSafetensorsParameters(const std::string &path)
{
    ParameterMap params;
    const auto checkpoint = SafetensorsCheckpoint::open(path);
    for (const auto &name : checkpoint.names()) {
        const auto &view = checkpoint.at(name);
        const auto type = computeTypeOf(view.dtype);
        if (type == at::ScalarType::Undefined)
            throw EngineError(path + ": tensor " + name + " has dtype " + dtypeName(view.dtype)
                              + ", which the engine cannot compute with");
        // Copied out of the mapping (bytes are little-endian, as is this machine), so the model
        // does not pin the file.
        auto t = at::empty(view.shape, at::TensorOptions().dtype(type));
        if (view.byteSize() > 0)
            std::memcpy(t.data_ptr(), view.data, view.byteSize());
        params.emplace(name, at::isFloatingType(type) ? t.to(at::kFloat) : t);
    }
    return params;
}

namespace {

TransformerConfig readConfig(const std::string &folder)
{
    const auto configPath = (std::filesystem::path(folder) / "config.json").string();
    try {
        return loadHfConfig(configPath);
    } catch (const EngineError &) {
        throw;
    } catch (const std::exception &e) {
        throw EngineError(configPath + ": " + e.what());
    }
}

template<typename M>
std::unique_ptr<M> build(const std::string &folder, const TransformerConfig &config)
{
    auto params = loadSafetensorsParameters(folder);
    try {
        return std::make_unique<M>(config, std::move(params));
    } catch (const std::invalid_argument &e) {
        throw EngineError(folder + ": " + e.what());
    }
}

} // namespace

std::unique_ptr<NativeModel> loadHfModel(const std::string &folder)
{
    const auto config = readConfig(folder);
    if (config.family == ArchitectureFamily::Gpt2)
        return build<Gpt2Model>(folder, config);
    if (config.family == ArchitectureFamily::Llama)
        return build<LlamaModel>(folder, config);
    return build<BertClassifier>(folder, config);
}

std::unique_ptr<BertClassifier> loadHfBertClassifier(const std::string &folder)
{
    const auto config = readConfig(folder);
    if (isDecoder(config))
        throw EngineError(folder + ": architecture " + config.architecture
                          + " is a decoder, not a BERT-family encoder");
    return build<BertClassifier>(folder, config);
}

std::unique_ptr<Gpt2Model> loadHfGpt2(const std::string &folder)
{
    const auto config = readConfig(folder);
    if (config.family != ArchitectureFamily::Gpt2)
        throw EngineError(folder + ": architecture " + config.architecture + " is not GPT-2");
    return build<Gpt2Model>(folder, config);
}

} // namespace optibench::engine
