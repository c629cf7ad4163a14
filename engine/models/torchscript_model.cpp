#include "engine/models/torchscript_model.h"
#include "engine/formats/errors.h"

#include <torch/script.h>

#include <set>

namespace optibench::engine {

namespace {

at::Tensor logitsOf(const c10::IValue &out, const std::string &path)
{
    if (out.isTensor())
        return out.toTensor();
    if (out.isTuple()) {
        for (const auto &e : out.toTupleRef().elements())
            if (e.isTensor())
                return e.toTensor();
    }
    if (out.isList()) {
        for (const auto &e : out.toListRef())
            if (e.isTensor())
                return e.toTensor();
    }
    if (out.isGenericDict()) {
        for (const auto &entry : out.toGenericDict())
            if (entry.key().isString() && entry.key().toStringRef() == "logits" && entry.value().isTensor())
                return entry.value().toTensor();
    }
    throw EngineError(path + ": forward returned " + out.tagKind()
                      + ", not logits (a tensor, a tuple or list starting with one, or a dict with \"logits\")");
}

class TorchScriptModel : public Model {
public:
    TorchScriptModel(torch::jit::Module module, std::string path) : m_module(std::move(module)), m_path(std::move(path))
    {
        m_module.eval();
        m_config.architecture = "TorchScript";
        m_config.modelType = "torchscript";
        m_config.numLabels = 0;
        m_config.numLayers = m_config.hiddenSize = m_config.numHeads = m_config.intermediateSize = 0;
        m_config.vocabSize = 0;
        m_config.maxPositions = 1 << 20; // unknown: the module itself refuses what it cannot take
        m_config.sourcePath = m_path;
        std::set<const void *> seen;
        for (const auto &p : m_module.parameters())
            if (seen.insert(p.data_ptr()).second)
                m_parameters += p.numel();
        seen.clear();
        for (const auto &p : m_module.named_parameters())
            if (seen.insert(p.value.data_ptr()).second)
                m_bytes += tensorBytes(p.value);
        for (const auto &b : m_module.named_buffers())
            if (seen.insert(b.value.data_ptr()).second)
                m_bytes += tensorBytes(b.value);
        // Embedding tables tell the vocabulary size, so tokenizers' ids can be checked.
        for (const auto &p : m_module.named_parameters())
            if (p.name.find("embed") != std::string::npos && p.value.dim() == 2)
                m_config.vocabSize = std::max<int>(m_config.vocabSize, static_cast<int>(p.value.size(0)));
    }
    using Model::forward; // the module takes ids and mask only: segment ids are not passed
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const override
    {
        std::vector<c10::IValue> inputs{inputIds, attentionMask};
        // Module::forward is not const; the module holds no state a forward pass changes.
        auto out = const_cast<torch::jit::Module &>(m_module).forward(inputs);
        auto logits = logitsOf(out, m_path);
        return logits; // [B, C] classifiers, [B, S, V] language models
    }
    const TransformerConfig &config() const override { return m_config; }
    bool isLanguageModel() const override { return m_languageModel; }
    std::int64_t parameterCount() const override { return m_parameters; }
    std::int64_t modelBytes() const override { return m_bytes; }
    void to(const at::Device &device) override { m_module.to(device); }

    // Runs one probe forward to learn the output's rank: [B, S, V] is a language model.
    void probe()
    {
        c10::InferenceMode guard;
        auto ids = at::zeros({1, 2}, at::kLong);
        try {
            auto out = forward(ids, at::ones_like(ids));
            m_languageModel = out.dim() == 3;
            if (out.dim() == 2)
                m_config.numLabels = static_cast<int>(out.size(1));
        } catch (const EngineError &) {
            throw;
        } catch (const std::exception &e) {
            throw EngineError(m_path
                              + ": forward(input_ids [1, 2], attention_mask [1, 2]) failed: " + firstLine(e.what()));
        }
    }

private:
    static std::string firstLine(const std::string &text)
    {
        const auto nl = text.find('\n');
        return nl == std::string::npos ? text : text.substr(0, nl);
    }

    torch::jit::Module m_module;
    std::string m_path;
    TransformerConfig m_config;
    std::int64_t m_parameters = 0, m_bytes = 0;
    bool m_languageModel = false;
};

} // namespace

std::unique_ptr<Model> loadTorchScriptModel(const std::string &path)
{
    torch::jit::Module module;
    try {
        module = torch::jit::load(path, c10::Device(c10::kCPU));
    } catch (const std::exception &e) {
        std::string what = e.what();
        const auto nl = what.find('\n');
        throw EngineError(path + ": cannot be loaded as TorchScript: " + what.substr(0, nl));
    }
    if (!module.find_method("forward"))
        throw EngineError(path + ": the TorchScript module has no forward method");
    auto model = std::make_unique<TorchScriptModel>(std::move(module), path);
    model->probe();
    return model;
}

} // namespace optibench::engine
