// tokenizer.json alone for the decoders' BPE (tests/data/hf/llama-tiny and qwen2-tiny,
// tests/data/tokenizers/sp-*, written by tools/decoder_tokenizer_reference.mjs): Llama 3's and
// Qwen2's split patterns, Qwen2's NFC normalizer, merges as "a b" or ["a", "b"], added special
// tokens, the BOS a TemplateProcessing post-processor adds, SentencePiece-style BPE with byte
// fallback (Llama 2's normalizer, the Metaspace pre-tokenizer), and decoding back; the ids are
// those Hugging Face's JavaScript tokenizers give for the same files.
#include "engine/text/bpe.h"
#include "engine/text/tokenizer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace optibench::engine;

namespace {

// A model fixture's folder (hf/NAME) or a tokenizer's alone (tokenizers/NAME).
std::string folder(const std::string &name)
{
    const std::string data = OPTIBENCH_TEST_DATA_DIR;
    return name.rfind("sp-", 0) == 0 ? data + "/tokenizers/" + name : data + "/hf/" + name;
}

class TokenizerJson : public ::testing::TestWithParam<const char *> {};

} // namespace

TEST_P(TokenizerJson, EncodesAsHuggingFaceAndDecodesBack)
{
    const auto tok = loadTokenizer(folder(GetParam()));
    nlohmann::json ref;
    std::ifstream(folder(GetParam()) + "/tokenizer_reference.json") >> ref;
    ASSERT_GE(ref["cases"].size(), 8u);
    for (const auto &c : ref["cases"]) {
        const std::string text = c["text"];
        EXPECT_EQ(tok->encode(text), c["ids"].get<std::vector<std::int64_t>>()) << GetParam() << ": " << text;
        EXPECT_EQ(tok->decode(c["ids"].get<std::vector<std::int64_t>>()), c["decoded"].get<std::string>()) << text;
    }
}

INSTANTIATE_TEST_SUITE_P(Decoders, TokenizerJson,
                         ::testing::Values("llama-tiny", "qwen2-tiny", "sp-legacy", "sp-metaspace"));

TEST(TokenizerJsonRules, TheTemplatesBosAndTheSpecialTokens)
{
    const auto llama = loadTokenizer(folder("llama-tiny"));
    EXPECT_EQ(llama->prefixIds(), (std::vector<std::int64_t>{297})); // <|begin_of_text|>
    EXPECT_TRUE(llama->suffixIds().empty());
    EXPECT_TRUE(llama->isSpecial(298));
    const auto qwen = loadTokenizer(folder("qwen2-tiny"));
    EXPECT_TRUE(qwen->prefixIds().empty()) << "no post-processor template: no BOS";
    // A byte sequence that is no UTF-8 decodes to U+FFFD.
    EXPECT_EQ(llama->decode({195}), "\xEF\xBF\xBD");
}

TEST(TokenizerJsonRules, TheSplitPatternsCutAsTheirRegexes)
{
    using P = std::vector<std::string>;
    EXPECT_EQ(BpeTokenizer::preTokenizeSplit("In 2024, 123456 it's DON'T", 3),
              (P{"In", " ", "202", "4", ",", " ", "123", "456", " it", "'s", " DON", "'T"}));
    EXPECT_EQ(BpeTokenizer::preTokenizeSplit("a 12", 1), (P{"a", " ", "1", "2"}));
    EXPECT_EQ(BpeTokenizer::preTokenizeSplit("x \n\n  y", 3), (P{"x", " \n\n", " ", " y"}));
    EXPECT_EQ(BpeTokenizer::preTokenizeSplit("end.\n  ", 3), (P{"end", ".\n", "  "}));
    EXPECT_EQ(BpeTokenizer::preTokenizeDigitsThenGpt2("ab 12c"), (P{"ab", " ", "1", "2", "c"}));
}

// A LlamaTokenizer's add_bos_token and add_eos_token decide its specials, whatever the
// template in tokenizer.json says (transformers' LlamaTokenizerFast rebuilds it from them).
TEST(TokenizerJsonRules, LlamaTokenizersTakeAddBosAndAddEos)
{
    const std::string dir = folder("sp-legacy");
    const auto fromFile = loadTokenizer(dir);
    EXPECT_EQ(fromFile->prefixIds(), (std::vector<std::int64_t>{1})); // add_bos_token: true
    EXPECT_TRUE(fromFile->suffixIds().empty());
    const std::string config = ::testing::TempDir() + "/sp-legacy-config.json";
    std::ofstream(config) << R"({"tokenizer_class": "LlamaTokenizer", "add_bos_token": false, "add_eos_token": true})";
    const auto flipped = loadTokenizerJson(dir + "/tokenizer.json", config);
    EXPECT_TRUE(flipped->prefixIds().empty());
    EXPECT_EQ(flipped->suffixIds(), (std::vector<std::int64_t>{2})); // </s>
    std::ofstream(config) << R"({"tokenizer_class": "PreTrainedTokenizerFast", "add_bos_token": false})";
    EXPECT_EQ(loadTokenizerJson(dir + "/tokenizer.json", config)->prefixIds(), (std::vector<std::int64_t>{1}));
}

// SentencePiece-style decoding: byte tokens back to UTF-8 (U+FFFD where they form none), the
// metaspace back to a space, one leading space dropped.
TEST(TokenizerJsonRules, SentencePieceBytesAndSpacesDecode)
{
    const auto sp = loadTokenizer(folder("sp-metaspace"));
    const auto ids = sp->encode("x 日");
    EXPECT_EQ(sp->decode(ids), "x 日");
    EXPECT_EQ(sp->decode({3 + 0xE6}), "\xEF\xBF\xBD"); // a lone lead byte
}
