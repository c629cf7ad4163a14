// Hugging Face folders from native models. See engine/models/model_save.h.
#include "engine/models/model_save.h"
#include "engine/formats/hf_config.h"
#include "engine/formats/safetensors.h"
#include "engine/models/demo.h"
#include "engine/models/safetensors_torch.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

namespace optibench::engine {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string &message)
{
    throw EngineError("task.save_path: " + message);
}

const char *kTokenizerFiles[] =
    {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt"};

bool isGpt2Conv1d(const TransformerConfig &c, const std::string &name)
{
    if (c.family != ArchitectureFamily::Gpt2 || name.rfind("transformer.h.", 0) != 0)
        return false;
    for (const char *m : {".attn.c_attn.weight", ".attn.c_proj.weight", ".mlp.c_fc.weight", ".mlp.c_proj.weight"}) {
        const std::string suffix = m;
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return true;
    }
    return false;
}

std::string activationName(const std::string &a)
{
    return a.empty() ? "gelu" : a;
}

} // namespace

json hfConfigJson(const TransformerConfig &c)
{
    json j;
    j["architectures"] = json::array({c.architecture});
    j["model_type"] = c.modelType.empty() ? familyName(c.family) : c.modelType;
    j["vocab_size"] = c.vocabSize;
    j["pad_token_id"] = c.padTokenId;
    if (c.bosTokenId >= 0)
        j["bos_token_id"] = c.bosTokenId;
    if (c.eosTokenId >= 0)
        j["eos_token_id"] = c.eosTokenId;
    switch (c.family) {
    case ArchitectureFamily::Bert:
    case ArchitectureFamily::Roberta:
        j["hidden_size"] = c.hiddenSize;
        j["num_hidden_layers"] = c.numLayers;
        j["num_attention_heads"] = c.numHeads;
        j["intermediate_size"] = c.intermediateSize;
        j["max_position_embeddings"] = c.maxPositions;
        j["type_vocab_size"] = c.typeVocabSize;
        j["hidden_act"] = activationName(c.activation);
        j["layer_norm_eps"] = c.layerNormEps;
        j["position_embedding_type"] = "absolute";
        break;
    case ArchitectureFamily::DistilBert:
        j["dim"] = c.hiddenSize;
        j["n_layers"] = c.numLayers;
        j["n_heads"] = c.numHeads;
        j["hidden_dim"] = c.intermediateSize;
        j["max_position_embeddings"] = c.maxPositions;
        j["activation"] = activationName(c.activation);
        break;
    case ArchitectureFamily::Gpt2:
        j["n_embd"] = c.hiddenSize;
        j["n_layer"] = c.numLayers;
        j["n_head"] = c.numHeads;
        j["n_inner"] = c.intermediateSize;
        j["n_positions"] = c.maxPositions;
        j["activation_function"] = activationName(c.activation);
        j["layer_norm_epsilon"] = c.layerNormEps;
        j["tie_word_embeddings"] = c.tieWordEmbeddings;
        break;
    case ArchitectureFamily::Llama:
        j["hidden_size"] = c.hiddenSize;
        j["num_hidden_layers"] = c.numLayers;
        j["num_attention_heads"] = c.numHeads;
        j["num_key_value_heads"] = kvHeads(c);
        j["head_dim"] = headDim(c);
        j["intermediate_size"] = c.intermediateSize;
        j["max_position_embeddings"] = c.maxPositions;
        j["hidden_act"] = "silu";
        j["rms_norm_eps"] = c.layerNormEps;
        j["rope_theta"] = c.rope.theta;
        if (!c.rope.scaling.empty()) {
            j["rope_scaling"] = {{"rope_type", c.rope.scaling}, {"factor", c.rope.factor}};
            if (c.rope.scaling == "llama3") {
                j["rope_scaling"]["low_freq_factor"] = c.rope.lowFreqFactor;
                j["rope_scaling"]["high_freq_factor"] = c.rope.highFreqFactor;
                j["rope_scaling"]["original_max_position_embeddings"] = c.rope.originalMaxPositions;
            }
        }
        j["tie_word_embeddings"] = c.tieWordEmbeddings;
        if (c.modelType == "qwen2") {
            j["use_sliding_window"] = c.slidingWindow > 0;
            if (c.slidingWindow > 0)
                j["sliding_window"] = c.slidingWindow;
        } else {
            j["attention_bias"] = c.attentionBias;
            if (c.slidingWindow > 0)
                j["sliding_window"] = c.slidingWindow;
        }
        break;
    }
    if (!c.prunedHeads.empty()) {
        json pruned = json::object();
        for (const auto &[layer, heads] : c.prunedHeads)
            pruned[std::to_string(layer)] = heads;
        j["pruned_heads"] = pruned;
    }
    if (c.numLabels > 0) {
        json id2label = json::object(), label2id = json::object();
        for (int i = 0; i < c.numLabels; ++i) {
            auto it = c.id2label.find(i);
            const std::string name = it != c.id2label.end() ? it->second : "LABEL_" + std::to_string(i);
            id2label[std::to_string(i)] = name;
            label2id[name] = i;
        }
        j["id2label"] = id2label;
        j["label2id"] = label2id;
    }
    return j;
}

void saveHfFolder(const Model &model, const std::string &folder, const std::string &tokenizerFolder)
{
    if (folder.empty())
        fail("is empty");
    const auto &params = model.parameters();
    if (params.empty() || model.linearNames().empty())
        fail("only native models (Hugging Face folders, the demo) can be saved; this one is opaque");
    for (int width : model.config().layerIntermediate)
        if (width != model.config().intermediateSize)
            fail("the model's FFN widths differ from layer to layer (neurons pruning), which a Hugging Face "
                 "config.json cannot describe (it has one intermediate_size); nothing was written");
    if (model.config().family == ArchitectureFamily::Llama)
        for (int heads : model.config().layerHeads)
            if (heads != model.config().numHeads)
                fail("the decoder's layers keep different numbers of attention heads (heads pruning), which a "
                     "Llama, Mistral or Qwen2 config.json cannot describe (it has no pruned_heads); nothing was "
                     "written");
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder))
        fail("cannot create the folder " + folder + (ec ? ": " + ec.message() : ""));

    const auto &config = model.config();
    std::vector<TensorBytes> tensors;
    std::set<const void *> written;
    for (const auto &[name, t] : params) {
        // A tied lm_head is not written (transformers ties it again on load); other tensors
        // shared between names (cross-layer sharing) are written under each name.
        if (name == "lm_head.weight" && config.tieWordEmbeddings)
            continue;
        at::Tensor out = t.detach().to(at::kCPU);
        if (out.is_floating_point() && out.scalar_type() != at::kFloat)
            out = out.to(at::kFloat);
        if (isGpt2Conv1d(config, name))
            out = out.t(); // Linear's [out, in] back to Conv1D's [in, out]
        tensors.push_back(toTensorBytes(name, out.contiguous()));
    }
    try {
        writeSafetensors((fs::path(folder) / "model.safetensors").string(), tensors, {{"format", "pt"}});
    } catch (const std::exception &e) {
        fail(std::string("cannot write model.safetensors: ") + e.what());
    }
    {
        std::ofstream out(fs::path(folder) / "config.json", std::ios::binary | std::ios::trunc);
        out << hfConfigJson(config).dump(2) << "\n";
        if (!out)
            fail("cannot write config.json in " + folder);
    }
    if (tokenizerFolder.empty()) {
        std::ofstream vocab(fs::path(folder) / "vocab.txt", std::ios::binary | std::ios::trunc);
        const auto &tok = demo::tokenizer();
        for (int i = 0; i < tok.vocabSize(); ++i)
            vocab << tok.word(i) << "\n";
        std::ofstream cfg(fs::path(folder) / "tokenizer_config.json", std::ios::binary | std::ios::trunc);
        cfg << json{{"do_lower_case", true}, {"tokenizer_class", "BertTokenizer"}}.dump(2) << "\n";
        if (!vocab || !cfg)
            fail("cannot write vocab.txt in " + folder);
        return;
    }
    for (const char *f : kTokenizerFiles) {
        const auto from = fs::path(tokenizerFolder) / f;
        if (!fs::is_regular_file(from))
            continue;
        const auto to = fs::path(folder) / f;
        if (fs::exists(to) && fs::equivalent(from, to, ec))
            continue;
        fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
        if (ec)
            fail("cannot copy " + from.string() + ": " + ec.message());
    }
}

void saveLoadedModel(const LoadedModel &loaded, const std::string &folder)
{
    std::string tokenizerFolder;
    if (loaded.summary.format != "demo") {
        const auto &source = loaded.model->config().sourcePath; // the config.json it came from
        tokenizerFolder = source.empty() ? loaded.summary.source : fs::path(source).parent_path().string();
    }
    saveHfFolder(*loaded.model, folder, tokenizerFolder);
}

} // namespace optibench::engine
