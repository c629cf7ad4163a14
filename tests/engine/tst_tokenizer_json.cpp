// tokenizer.json alone for the decoders' byte-level BPE (tests/data/hf/llama-tiny and
// qwen2-tiny, written by tools/decoder_tokenizer_reference.mjs): Llama 3's and Qwen2's split
// patterns, merges as "a b" or ["a", "b"], added special tokens, the BOS a TemplateProcessing
// post-processor adds, and decoding back; the ids are those Hugging Face's JavaScript
// tokenizers give for the same files.
#include "engine/text/bpe.h"
#include "engine/text/tokenizer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace optibench::engine;

namespace {

std::string folder(const std::string &name)
{
    return std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/" + name;
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

INSTANTIATE_TEST_SUITE_P(Decoders, TokenizerJson, ::testing::Values("llama-tiny", "qwen2-tiny"));

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
