// config.json parsing: the tiny checkpoints under tests/data/hf, inline configs as transformers
// writes them for each supported architecture, and a table of refused configs.
#include "engine/formats/hf_config.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace optibench::engine;
using json = nlohmann::json;

namespace {

const std::string kHf = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf";

json bertBase()
{
    return json::parse(R"({
      "architectures": ["BertForSequenceClassification"], "attention_probs_dropout_prob": 0.1,
      "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 768, "initializer_range": 0.02,
      "intermediate_size": 3072, "layer_norm_eps": 1e-12, "max_position_embeddings": 512,
      "model_type": "bert", "num_attention_heads": 12, "num_hidden_layers": 12, "pad_token_id": 0,
      "position_embedding_type": "absolute", "type_vocab_size": 2, "vocab_size": 30522})");
}

std::string errorOf(const json &config)
{
    try {
        parseHfConfig(config.dump(), "config.json");
    } catch (const ConfigError &e) {
        return e.what();
    }
    return "(accepted)";
}

} // namespace

TEST(HfConfig, TinyBert)
{
    const TransformerConfig c = loadHfConfig(kHf + "/bert-tiny");
    EXPECT_EQ(c.family, ArchitectureFamily::Bert);
    EXPECT_EQ(c.architecture, "BertForSequenceClassification");
    EXPECT_EQ(c.modelType, "bert");
    EXPECT_EQ(c.vocabSize, 100);
    EXPECT_EQ(c.hiddenSize, 32);
    EXPECT_EQ(c.numLayers, 2);
    EXPECT_EQ(c.numHeads, 4);
    EXPECT_EQ(c.intermediateSize, 64);
    EXPECT_EQ(c.maxPositions, 64);
    EXPECT_EQ(c.typeVocabSize, 2);
    EXPECT_EQ(c.activation, "gelu");
    EXPECT_DOUBLE_EQ(c.layerNormEps, 1e-12);
    EXPECT_EQ(c.padTokenId, 0);
    EXPECT_EQ(c.numLabels, 3);
    EXPECT_EQ(c.id2label.at(2), "positive");
    EXPECT_TRUE(c.hasPooler);
    EXPECT_FALSE(c.hasPreClassifier);
    EXPECT_EQ(c.positionOffset, 0);
    EXPECT_EQ(c.sourcePath, kHf + "/bert-tiny/config.json");
}

TEST(HfConfig, TinyGpt2)
{
    const TransformerConfig c = loadHfConfig(kHf + "/gpt2-tiny/config.json");
    EXPECT_EQ(c.family, ArchitectureFamily::Gpt2);
    EXPECT_EQ(c.architecture, "GPT2LMHeadModel");
    EXPECT_EQ(c.vocabSize, 271);
    EXPECT_EQ(c.hiddenSize, 32);
    EXPECT_EQ(c.numLayers, 2);
    EXPECT_EQ(c.numHeads, 4);
    EXPECT_EQ(c.intermediateSize, 128); // n_inner null: 4 * n_embd
    EXPECT_EQ(c.maxPositions, 64);
    EXPECT_EQ(c.activation, "gelu_new");
    EXPECT_DOUBLE_EQ(c.layerNormEps, 1e-5);
    EXPECT_EQ(c.typeVocabSize, 0);
    EXPECT_EQ(c.numLabels, 0);
    EXPECT_FALSE(c.hasPooler);
    EXPECT_TRUE(c.tieWordEmbeddings);
    EXPECT_EQ(c.eosTokenId, 270);
    EXPECT_EQ(c.padTokenId, 270); // no pad token: eos
}

TEST(HfConfig, RobertaAndDistilBert)
{
    json roberta = bertBase();
    roberta["architectures"] = {"RobertaForSequenceClassification"};
    roberta["model_type"] = "roberta";
    roberta["pad_token_id"] = 1;
    roberta["type_vocab_size"] = 1;
    roberta["max_position_embeddings"] = 514;
    roberta["vocab_size"] = 50265;
    roberta["layer_norm_eps"] = 1e-5;
    roberta["id2label"] = {{"0", "NEG"}, {"1", "POS"}};
    const TransformerConfig r = parseHfConfig(roberta.dump());
    EXPECT_EQ(r.family, ArchitectureFamily::Roberta);
    EXPECT_EQ(r.positionOffset, 2);
    EXPECT_EQ(r.typeVocabSize, 1);
    EXPECT_EQ(r.padTokenId, 1);
    EXPECT_EQ(r.numLabels, 2);
    EXPECT_FALSE(r.hasPooler);
    EXPECT_TRUE(r.hasPreClassifier);
    roberta["architectures"] = {"RobertaModel"};
    EXPECT_TRUE(parseHfConfig(roberta.dump()).hasPooler);
    EXPECT_EQ(parseHfConfig(roberta.dump()).numLabels, 0);

    const json distil = json::parse(R"({
      "activation": "gelu", "architectures": ["DistilBertForSequenceClassification"],
      "attention_dropout": 0.1, "dim": 768, "dropout": 0.1, "hidden_dim": 3072,
      "id2label": {"0": "NEGATIVE", "1": "POSITIVE"}, "initializer_range": 0.02,
      "max_position_embeddings": 512, "model_type": "distilbert", "n_heads": 12, "n_layers": 6,
      "pad_token_id": 0, "qa_dropout": 0.1, "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": false,
      "tie_weights_": true, "vocab_size": 30522})");
    const TransformerConfig d = parseHfConfig(distil.dump());
    EXPECT_EQ(d.family, ArchitectureFamily::DistilBert);
    EXPECT_EQ(d.hiddenSize, 768);
    EXPECT_EQ(d.numLayers, 6);
    EXPECT_EQ(d.numHeads, 12);
    EXPECT_EQ(d.intermediateSize, 3072);
    EXPECT_EQ(d.typeVocabSize, 0);
    EXPECT_FALSE(d.hasPooler);
    EXPECT_TRUE(d.hasPreClassifier);
    EXPECT_EQ(d.numLabels, 2);

    // num_labels alone (no id2label) and the transformers default of 2.
    json bert = bertBase();
    bert["num_labels"] = 5;
    EXPECT_EQ(parseHfConfig(bert.dump()).numLabels, 5);
    EXPECT_EQ(parseHfConfig(bertBase().dump()).numLabels, 2);
}

TEST(HfConfig, RefusesWhatTheEngineCannotBuild)
{
    struct Case {
        const char *field;
        json value;
        const char *expected;
    };
    const std::vector<Case> cases = {
        {"architectures", json{"T5ForConditionalGeneration"},
         "architecture \"T5ForConditionalGeneration\" is not supported"},
        {"architectures", json{"BertModel", "BertForMaskedLM"}, "lists 2 heads"},
        {"architectures", "BertModel", "\"architectures\" must be a non-empty list"},
        {"model_type", "gpt2",
         "\"model_type\": \"gpt2\" does not match the architecture BertForSequenceClassification"},
        {"position_embedding_type", "relative_key",
         "\"position_embedding_type\": \"relative_key\" is not supported (only \"absolute\")"},
        {"hidden_size", "768", "\"hidden_size\" must be an integer (found string \"768\")"},
        {"hidden_size", 770, "hidden size 770 is not divisible by the number of heads 12"},
        {"hidden_size", -4, "\"hidden_size\": -4 is out of range"},
        {"num_hidden_layers", 2.5, "\"num_hidden_layers\" must be an integer"},
        {"vocab_size", nullptr, "\"vocab_size\" is missing"},
        {"hidden_act", "swish", "\"hidden_act\": \"swish\" is not supported"},
        {"layer_norm_eps", "small", "\"layer_norm_eps\" must be a number"},
        {"is_decoder", true, "\"is_decoder\": true is not supported"},
        {"pad_token_id", 40000, "\"pad_token_id\": 40000 is outside the vocabulary"},
        {"id2label", json{{"0", "a"}, {"2", "b"}}, "labels must be numbered 0..1 (missing 1)"},
        {"id2label", json{{"x", "a"}}, "key \"x\" is not a label index"},
        {"num_labels", 4, "\"num_labels\": 4 disagrees with \"id2label\""},
    };
    for (const Case &c : cases) {
        json config = bertBase();
        config[c.field] = c.value;
        if (std::string(c.field) == "num_labels")
            config["id2label"] = {{"0", "a"}, {"1", "b"}};
        const std::string message = errorOf(config);
        EXPECT_EQ(message.rfind("config.json: ", 0), 0u) << c.field << ": " << message;
        EXPECT_NE(message.find(c.expected), std::string::npos) << c.field << ": " << message;
    }

    json gpt2 = json::parse(R"({"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_embd": 64,
                                "n_head": 4, "n_layer": 2, "vocab_size": 300})");
    EXPECT_NO_THROW(parseHfConfig(gpt2.dump()));
    gpt2["scale_attn_by_inverse_layer_idx"] = true;
    EXPECT_NE(errorOf(gpt2).find("\"scale_attn_by_inverse_layer_idx\": true is not supported"), std::string::npos);
    gpt2.erase("scale_attn_by_inverse_layer_idx");
    gpt2["activation_function"] = "gelu_pytorch_tanh";
    EXPECT_EQ(parseHfConfig(gpt2.dump()).activation, "gelu_new");

    EXPECT_NE(errorOf(json::array()).find("is not a JSON object"), std::string::npos);
    EXPECT_NE(errorOf(json::object()).find("has neither \"architectures\" nor \"model_type\""), std::string::npos);
    try {
        parseHfConfig("{\"hidden_size\": ", "models/x/config.json");
        FAIL();
    } catch (const ConfigError &e) {
        EXPECT_EQ(std::string(e.what()).rfind("models/x/config.json: is not valid JSON", 0), 0u) << e.what();
    }
    EXPECT_THROW(loadHfConfig("/nonexistent"), ConfigError);
}
