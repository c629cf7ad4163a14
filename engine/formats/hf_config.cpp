#include "engine/formats/hf_config.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace optibench::engine {

namespace {

using nlohmann::json;

struct ArchInfo {
    const char *architecture;
    const char *modelType;
    ArchitectureFamily family;
    bool classification; // has a sequence-classification head
};

constexpr ArchInfo kArchitectures[] = {
    {"BertModel", "bert", ArchitectureFamily::Bert, false},
    {"BertForSequenceClassification", "bert", ArchitectureFamily::Bert, true},
    {"RobertaModel", "roberta", ArchitectureFamily::Roberta, false},
    {"RobertaForSequenceClassification", "roberta", ArchitectureFamily::Roberta, true},
    {"DistilBertModel", "distilbert", ArchitectureFamily::DistilBert, false},
    {"DistilBertForSequenceClassification", "distilbert", ArchitectureFamily::DistilBert, true},
    {"GPT2Model", "gpt2", ArchitectureFamily::Gpt2, false},
    {"GPT2LMHeadModel", "gpt2", ArchitectureFamily::Gpt2, false},
    {"LlamaForCausalLM", "llama", ArchitectureFamily::Llama, false},
    {"MistralForCausalLM", "mistral", ArchitectureFamily::Llama, false},
    {"Qwen2ForCausalLM", "qwen2", ArchitectureFamily::Llama, false},
};

// Typed access to config fields, with errors that name the file and the field.
class Reader {
public:
    Reader(const json &root, const std::string &file) : m_root(root), m_file(file) {}

    [[noreturn]] void fail(const std::string &problem) const { throw ConfigError(m_file + ": " + problem); }

    bool has(const char *key) const { return m_root.contains(key) && !m_root[key].is_null(); }

    int integer(const char *key, int fallback, bool required = false, int min = 1) const
    {
        if (!has(key)) {
            if (required)
                fail(std::string("\"") + key + "\" is missing");
            return fallback;
        }
        const json &v = m_root[key];
        if (!v.is_number_integer())
            fail(std::string("\"") + key + "\" must be an integer (found " + describe(v) + ")");
        const auto value = v.get<std::int64_t>();
        if (value < min || value > 1'000'000'000)
            fail(std::string("\"") + key + "\": " + v.dump() + " is out of range (at least " + std::to_string(min)
                 + ")");
        return static_cast<int>(value);
    }

    double number(const char *key, double fallback) const
    {
        if (!has(key))
            return fallback;
        const json &v = m_root[key];
        if (!v.is_number())
            fail(std::string("\"") + key + "\" must be a number (found " + describe(v) + ")");
        const double value = v.get<double>();
        if (!(value > 0 && value < 1))
            fail(std::string("\"") + key + "\": " + v.dump() + " is out of range (0 < eps < 1)");
        return value;
    }

    // A number that must be positive (rope_theta, scaling factors).
    double positive(const char *key, double fallback) const
    {
        if (!has(key))
            return fallback;
        const json &v = m_root[key];
        if (!v.is_number() || !(v.get<double>() > 0))
            fail(std::string("\"") + key + "\" must be a positive number (found " + describe(v) + ")");
        return v.get<double>();
    }

    // A token id that may be given as a list (Llama 3's several eos ids): the first.
    int tokenId(const char *key) const
    {
        if (has(key) && m_root[key].is_array()) {
            const json &ids = m_root[key];
            if (ids.empty() || !ids[0].is_number_integer() || ids[0].get<std::int64_t>() < 0)
                fail(std::string("\"") + key + "\" must be a token id or a list of them (found " + describe(ids) + ")");
            return static_cast<int>(ids[0].get<std::int64_t>());
        }
        return integer(key, -1, false, 0);
    }

    const json &root() const { return m_root; }

    bool boolean(const char *key, bool fallback) const
    {
        if (!has(key))
            return fallback;
        const json &v = m_root[key];
        if (!v.is_boolean())
            fail(std::string("\"") + key + "\" must be true or false (found " + describe(v) + ")");
        return v.get<bool>();
    }

    std::string string(const char *key, const std::string &fallback) const
    {
        if (!has(key))
            return fallback;
        const json &v = m_root[key];
        if (!v.is_string())
            fail(std::string("\"") + key + "\" must be a string (found " + describe(v) + ")");
        return v.get<std::string>();
    }

    // Refuses a field whose value would change the computation in a way the engine lacks.
    void requireString(const char *key, const std::string &fallback, std::initializer_list<const char *> allowed) const
    {
        const std::string value = string(key, fallback);
        std::string list;
        for (const char *a : allowed) {
            if (value == a)
                return;
            list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
        }
        fail(std::string("\"") + key + "\": \"" + value + "\" is not supported (only " + list + ")");
    }

    void requireFalse(const char *key) const
    {
        if (boolean(key, false))
            fail(std::string("\"") + key + "\": true is not supported");
    }

    static std::string describe(const json &v)
    {
        std::string text = v.dump();
        if (text.size() > 40)
            text = text.substr(0, 37) + "...";
        return std::string(v.type_name()) + " " + text;
    }

private:
    const json &m_root;
    const std::string &m_file;
};

std::string activationOf(const Reader &r, const char *key, const std::string &fallback)
{
    const std::string act = r.string(key, fallback);
    if (act == "gelu" || act == "relu" || act == "gelu_new")
        return act;
    // The same tanh approximation as gelu_new, under PyTorch's name.
    if (act == "gelu_pytorch_tanh")
        return "gelu_new";
    r.fail(std::string("\"") + key + "\": \"" + act + "\" is not supported (only \"gelu\", \"gelu_new\", \"relu\")");
}

void readLabels(const Reader &r, const json &root, TransformerConfig &cfg)
{
    if (r.has("id2label")) {
        const json &labels = root["id2label"];
        if (!labels.is_object())
            r.fail("\"id2label\" must be an object (found " + Reader::describe(labels) + ")");
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            std::size_t used = 0;
            int id = -1;
            try {
                id = std::stoi(it.key(), &used);
            } catch (const std::exception &) {
                used = 0;
            }
            if (used != it.key().size() || id < 0)
                r.fail("\"id2label\": key \"" + it.key() + "\" is not a label index");
            if (!it.value().is_string())
                r.fail("\"id2label\": label " + it.key() + " must be a string");
            cfg.id2label[id] = it.value().get<std::string>();
        }
        for (int i = 0; i < static_cast<int>(cfg.id2label.size()); ++i)
            if (!cfg.id2label.count(i))
                r.fail("\"id2label\": labels must be numbered 0.." + std::to_string(cfg.id2label.size() - 1)
                       + " (missing " + std::to_string(i) + ")");
    }
    int numLabels = cfg.id2label.empty() ? 2 : static_cast<int>(cfg.id2label.size());
    if (r.has("num_labels")) {
        numLabels = r.integer("num_labels", numLabels);
        if (!cfg.id2label.empty() && numLabels != static_cast<int>(cfg.id2label.size()))
            r.fail("\"num_labels\": " + std::to_string(numLabels) + " disagrees with \"id2label\", which has "
                   + std::to_string(cfg.id2label.size()) + " labels");
    }
    cfg.numLabels = numLabels;
}

void readEncoder(const Reader &r, TransformerConfig &cfg)
{
    cfg.vocabSize = r.integer("vocab_size", 0, true);
    cfg.hiddenSize = r.integer("hidden_size", 0, true);
    cfg.numLayers = r.integer("num_hidden_layers", 0, true);
    cfg.numHeads = r.integer("num_attention_heads", 0, true);
    cfg.intermediateSize = r.integer("intermediate_size", 0, true);
    cfg.maxPositions = r.integer("max_position_embeddings", 512);
    cfg.typeVocabSize = r.integer("type_vocab_size", 2, false, 0);
    cfg.activation = activationOf(r, "hidden_act", "gelu");
    cfg.layerNormEps = r.number("layer_norm_eps", 1e-12);
    r.requireString("position_embedding_type", "absolute", {"absolute"});
    r.requireFalse("is_decoder");
    r.requireFalse("add_cross_attention");
}

} // namespace

namespace {

// rope_scaling: none, "default", "linear" (positions divided by the factor) or "llama3"
// (low frequencies divided by the factor, high ones kept, the band between blended).
void readRopeScaling(const Reader &r, TransformerConfig &cfg)
{
    if (!r.has("rope_scaling"))
        return;
    const json &s = r.root()["rope_scaling"];
    if (!s.is_object())
        r.fail("\"rope_scaling\" must be an object (found " + Reader::describe(s) + ")");
    const Reader scaling(s, cfg.sourcePath);
    const std::string kind = scaling.string("rope_type", scaling.string("type", "default"));
    if (kind == "default")
        return;
    if (kind != "linear" && kind != "llama3")
        r.fail("\"rope_scaling\": type \"" + kind + "\" is not supported (only \"linear\" and \"llama3\")");
    cfg.rope.scaling = kind;
    cfg.rope.factor = scaling.positive("factor", 1.0);
    if (kind == "llama3") {
        cfg.rope.lowFreqFactor = scaling.positive("low_freq_factor", 1.0);
        cfg.rope.highFreqFactor = scaling.positive("high_freq_factor", 4.0);
        cfg.rope.originalMaxPositions = scaling.integer("original_max_position_embeddings", 8192);
        if (cfg.rope.highFreqFactor <= cfg.rope.lowFreqFactor)
            r.fail("\"rope_scaling\": high_freq_factor must be above low_freq_factor");
    }
}

// LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM.
void readLlamaFamily(const Reader &r, TransformerConfig &cfg)
{
    cfg.vocabSize = r.integer("vocab_size", 0, true);
    cfg.hiddenSize = r.integer("hidden_size", 0, true);
    cfg.numLayers = r.integer("num_hidden_layers", 0, true);
    cfg.numHeads = r.integer("num_attention_heads", 0, true);
    cfg.numKvHeads = r.integer("num_key_value_heads", cfg.numHeads);
    if (cfg.numHeads % cfg.numKvHeads != 0)
        r.fail("\"num_attention_heads\": " + std::to_string(cfg.numHeads) + " is not a multiple of "
               + "\"num_key_value_heads\": " + std::to_string(cfg.numKvHeads));
    cfg.headDimOverride = r.integer("head_dim", 0, false, 1);
    cfg.intermediateSize = r.integer("intermediate_size", 0, true);
    cfg.maxPositions = r.integer("max_position_embeddings", 2048);
    cfg.activation = r.string("hidden_act", "silu");
    if (cfg.activation != "silu")
        r.fail("\"hidden_act\": \"" + cfg.activation + "\" is not supported (only \"silu\")");
    cfg.layerNormEps = r.number("rms_norm_eps", 1e-6);
    cfg.rope.theta = r.positive("rope_theta", 10000.0);
    readRopeScaling(r, cfg);
    cfg.tieWordEmbeddings = r.boolean("tie_word_embeddings", false);
    cfg.typeVocabSize = 0;
    cfg.hasPooler = false;
    cfg.padTokenId = r.integer("pad_token_id", cfg.eosTokenId >= 0 ? cfg.eosTokenId : 0, false, 0);
    r.requireFalse("mlp_bias");
    if (cfg.modelType == "qwen2") {
        cfg.attentionBias = true; // Qwen2's q, k and v projections always have biases; o_proj none
        if (r.boolean("use_sliding_window", false))
            cfg.slidingWindow = r.integer("sliding_window", 0, false, 1);
    } else {
        cfg.attentionBias = cfg.outputBias = r.boolean("attention_bias", false);
        if (cfg.modelType == "mistral")
            cfg.slidingWindow = r.integer("sliding_window", 0, false, 1);
    }
}

} // namespace

const std::vector<std::string> &supportedArchitectures()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto &a : kArchitectures)
            out.emplace_back(a.architecture);
        return out;
    }();
    return names;
}

const char *familyName(ArchitectureFamily family)
{
    switch (family) {
    case ArchitectureFamily::Bert: return "bert";
    case ArchitectureFamily::Roberta: return "roberta";
    case ArchitectureFamily::DistilBert: return "distilbert";
    case ArchitectureFamily::Gpt2: return "gpt2";
    case ArchitectureFamily::Llama: return "llama";
    }
    return "unknown";
}

TransformerConfig parseHfConfig(std::string_view jsonText, const std::string &displayName)
{
    json root;
    try {
        root = json::parse(jsonText.begin(), jsonText.end());
    } catch (const json::exception &e) {
        throw ConfigError(displayName + ": is not valid JSON: " + e.what());
    }
    if (!root.is_object())
        throw ConfigError(displayName + ": is not a JSON object");
    const Reader r(root, displayName);

    // The architecture names the head; model_type must agree with it.
    std::string architecture;
    if (r.has("architectures")) {
        const json &archs = root["architectures"];
        if (!archs.is_array() || archs.empty() || !archs[0].is_string())
            r.fail("\"architectures\" must be a non-empty list of names (found " + Reader::describe(archs) + ")");
        if (archs.size() > 1)
            r.fail("\"architectures\" lists " + std::to_string(archs.size()) + " heads; only one is supported");
        architecture = archs[0].get<std::string>();
    }
    const std::string modelType = r.string("model_type", "");
    const ArchInfo *arch = nullptr;
    for (const auto &a : kArchitectures) {
        if (!architecture.empty() ? architecture == a.architecture : modelType == a.modelType) {
            arch = &a;
            break;
        }
    }
    if (!arch) {
        std::string list;
        for (const auto &a : kArchitectures)
            list += std::string(list.empty() ? "" : ", ") + a.architecture;
        if (!architecture.empty())
            r.fail("architecture \"" + architecture + "\" is not supported (supported: " + list + ")");
        if (!modelType.empty())
            r.fail("\"model_type\": \"" + modelType
                   + "\" is not supported (supported: bert, roberta, distilbert, gpt2, llama, mistral, qwen2)");
        r.fail("has neither \"architectures\" nor \"model_type\"");
    }
    if (!modelType.empty() && modelType != arch->modelType)
        r.fail("\"model_type\": \"" + modelType + "\" does not match the architecture " + arch->architecture
               + " (expected \"" + arch->modelType + "\")");

    TransformerConfig cfg;
    cfg.family = arch->family;
    cfg.architecture = arch->architecture;
    cfg.modelType = arch->modelType;
    cfg.sourcePath = displayName;
    cfg.bosTokenId = r.tokenId("bos_token_id");
    cfg.eosTokenId = r.tokenId("eos_token_id");
    cfg.tieWordEmbeddings = r.boolean("tie_word_embeddings", true);
    cfg.positionOffset = 0;
    cfg.hasPreClassifier = false;

    switch (arch->family) {
    case ArchitectureFamily::Bert:
        readEncoder(r, cfg);
        cfg.padTokenId = r.integer("pad_token_id", 0, false, 0);
        cfg.hasPooler = true;
        break;
    case ArchitectureFamily::Roberta:
        readEncoder(r, cfg);
        cfg.padTokenId = r.integer("pad_token_id", 1, false, 0);
        // Positions count from padding_idx + 1 (create_position_ids_from_input_ids).
        cfg.positionOffset = cfg.padTokenId + 1;
        if (cfg.maxPositions <= cfg.positionOffset)
            r.fail("\"max_position_embeddings\": " + std::to_string(cfg.maxPositions)
                   + " leaves no positions after the offset " + std::to_string(cfg.positionOffset));
        // The classification head is classifier.dense + classifier.out_proj, without the pooler.
        cfg.hasPooler = !arch->classification;
        cfg.hasPreClassifier = arch->classification;
        break;
    case ArchitectureFamily::DistilBert:
        cfg.vocabSize = r.integer("vocab_size", 0, true);
        cfg.hiddenSize = r.integer("dim", 0, true);
        cfg.numLayers = r.integer("n_layers", 0, true);
        cfg.numHeads = r.integer("n_heads", 0, true);
        cfg.intermediateSize = r.integer("hidden_dim", 0, true);
        cfg.maxPositions = r.integer("max_position_embeddings", 512);
        cfg.activation = activationOf(r, "activation", "gelu");
        cfg.padTokenId = r.integer("pad_token_id", 0, false, 0);
        cfg.layerNormEps = 1e-12; // fixed in DistilBERT's modules
        cfg.typeVocabSize = 0;
        cfg.hasPooler = false;
        cfg.hasPreClassifier = arch->classification;
        break;
    case ArchitectureFamily::Gpt2: {
        cfg.vocabSize = r.integer("vocab_size", 0, true);
        cfg.hiddenSize = r.integer("n_embd", 0, true);
        cfg.numLayers = r.integer("n_layer", 0, true);
        cfg.numHeads = r.integer("n_head", 0, true);
        cfg.intermediateSize = r.integer("n_inner", 4 * cfg.hiddenSize); // null means 4 * n_embd
        cfg.maxPositions = r.integer("n_positions", 1024);
        cfg.activation = activationOf(r, "activation_function", "gelu_new");
        cfg.layerNormEps = r.number("layer_norm_epsilon", 1e-5);
        cfg.typeVocabSize = 0;
        cfg.hasPooler = false;
        // GPT-2 has no padding token; batches pad with eos and mask it out.
        cfg.padTokenId = r.integer("pad_token_id", cfg.eosTokenId >= 0 ? cfg.eosTokenId : 0, false, 0);
        if (!r.boolean("scale_attn_weights", true))
            r.fail("\"scale_attn_weights\": false is not supported");
        r.requireFalse("scale_attn_by_inverse_layer_idx");
        r.requireFalse("reorder_and_upcast_attn");
        r.requireFalse("add_cross_attention");
        break;
    }
    case ArchitectureFamily::Llama: readLlamaFamily(r, cfg); break;
    }

    if (cfg.headDimOverride == 0 && cfg.hiddenSize % cfg.numHeads != 0)
        r.fail("hidden size " + std::to_string(cfg.hiddenSize) + " is not divisible by the number of heads "
               + std::to_string(cfg.numHeads));
    if (cfg.padTokenId >= cfg.vocabSize)
        r.fail("\"pad_token_id\": " + std::to_string(cfg.padTokenId) + " is outside the vocabulary ("
               + std::to_string(cfg.vocabSize) + " tokens)");

    if (arch->classification) {
        readLabels(r, root, cfg);
    } else {
        cfg.numLabels = 0;
    }
    return cfg;
}

TransformerConfig loadHfConfig(const std::string &path)
{
    std::string file = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        file = path + "/config.json";
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ConfigError(file + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return parseHfConfig(text.str(), file);
}

} // namespace optibench::engine
