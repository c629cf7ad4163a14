// optibench-cli inspect and predict on the demo and on Hugging Face checkpoints in tests/data.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_fixture.h"

using namespace optibench::test;
using nlohmann::json;

namespace {
const std::string kData = OPTIBENCH_TEST_DATA_DIR;
}

TEST(CliInspect, DescribesTheDemoAndAHuggingFaceFolder)
{
    auto r = run({kCli, "inspect", "demo:tiny-bert", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = json::parse(r.out);
    EXPECT_EQ(j["architecture"], "BertForSequenceClassification");
    EXPECT_EQ(j["layers"], 4);
    EXPECT_GT(j["parameters"].get<long long>(), 0);

    r = run({kCli, "inspect", kData + "/hf/gpt2-tiny", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    j = json::parse(r.out);
    EXPECT_EQ(j["architecture"], "GPT2LMHeadModel");
    EXPECT_EQ(j["sha256"].get<std::string>().size(), 64u);
    EXPECT_GT(j["size_on_disk_bytes"].get<long long>(), 0);

    r = run({kCli, "inspect", kData + "/hf/bert-tiny"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("parameters"), std::string::npos);
}

TEST(CliInspect, PredictPrintsLabelsForClassifiersAndNextTokensForLanguageModels)
{
    auto r = run({kCli, "predict", kData + "/hf/bert-tiny", "--text", "a short text", "--text", "another", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = json::parse(r.out);
    ASSERT_EQ(j.size(), 2u);
    EXPECT_FALSE(j[0]["ids"].empty());
    EXPECT_FALSE(j[0]["logits"].empty());
    EXPECT_TRUE(j[0]["label"].is_string());

    r = run({kCli, "predict", kData + "/hf/gpt2-tiny", "--text", "hello world", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    j = json::parse(r.out);
    EXPECT_EQ(j[0]["next_tokens"].size(), 5u);
    EXPECT_GT(j[0]["perplexity"].get<double>(), 1.0);
}

TEST(CliInspect, BadModelsGiveOneLineNamingThePath)
{
    const auto r = run({kCli, "inspect", kData + "/no-such-model"});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("no-such-model"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// generate: a decoder continues a prompt; greedy is deterministic, sampling follows its seed,
// the timing goes to stderr, and what cannot generate says why.
TEST(CliGenerate, ContinuesAPromptAndSaysWhatCannot)
{
    const std::string gpt2 = kData + "/hf/gpt2-tiny";
    auto a = run({kCli, "generate", gpt2, "--prompt", "hello world", "--max-new-tokens", "12"});
    ASSERT_EQ(a.exitCode, 0) << a.err;
    EXPECT_GT(a.out.size(), 1u);
    EXPECT_NE(a.err.find("5 prompt tokens, 12 new: first token after"), std::string::npos) << a.err;
    EXPECT_NE(a.err.find("KV cache"), std::string::npos) << a.err;
    auto b = run({kCli, "generate", gpt2, "--prompt", "hello world", "--max-new-tokens", "12", "-q"});
    EXPECT_EQ(b.out, a.out) << "greedy decoding is deterministic";
    EXPECT_TRUE(b.err.empty()) << b.err;
    const std::vector<std::string> sampled{kCli,     "generate", gpt2,      "--prompt", "hello world", "--sample",
                                           "--seed", "3",        "--top-p", "0.9",      "-q"};
    EXPECT_EQ(run(sampled).out, run(sampled).out);

    // A Llama folder with only tokenizer.json: its BOS, then the new tokens.
    auto llama =
        run({kCli, "generate", kData + "/hf/llama-tiny", "--prompt", "The movie was", "--max-new-tokens", "6"});
    ASSERT_EQ(llama.exitCode, 0) << llama.err;
    EXPECT_NE(llama.err.find("4 prompt tokens, 6 new"), std::string::npos) << llama.err;

    auto encoder = run({kCli, "generate", kData + "/hf/bert-tiny", "--prompt", "a text"});
    EXPECT_EQ(encoder.exitCode, 1);
    EXPECT_NE(encoder.err.find("does not generate"), std::string::npos) << encoder.err;
    auto tooLong = run({kCli, "generate", gpt2, "--prompt", "hello", "--max-new-tokens", "500"});
    EXPECT_EQ(tooLong.exitCode, 1);
    EXPECT_NE(tooLong.err.find("positions"), std::string::npos) << tooLong.err;
}
