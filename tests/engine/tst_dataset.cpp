// Dataset files (CSV, TSV, JSONL, plain text): parsing, label mapping, the seeded split, errors
// that name the file and line, and Benchmark runs on them with the model's own tokenizer.
#include "engine/formats/sha256.h"
#include "engine/run/benchmark.h"
#include "engine/text/dataset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace optibench::engine;

namespace {

class DatasetFiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path()
            / ("optibench-tst-dataset-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-"
               + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string write(const std::string &name, const std::string &content)
    {
        const auto path = (m_dir / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    std::filesystem::path m_dir;
};

std::string expectError(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const EngineError &e) {
        return e.what();
    }
    ADD_FAILURE() << "expected an EngineError";
    return {};
}

} // namespace

TEST_F(DatasetFiles, CsvWithQuotesPairsAndNamedLabels)
{
    const auto path = write("reviews.csv",
                            "text,text_pair,label\n"
                            "\"great, really\",fine,positive\n"
                            "\"a \"\"quoted\"\"\nline\",,negative\n"
                            "bad,,negative\n");
    const auto ds = readDatasetFile(path, {{0, "negative"}, {1, "positive"}});
    ASSERT_EQ(ds.examples.size(), 3u);
    EXPECT_EQ(ds.examples[0].text, "great, really");
    EXPECT_EQ(ds.examples[0].pair, "fine");
    EXPECT_EQ(ds.examples[0].label, 1);
    EXPECT_EQ(ds.examples[1].text, "a \"quoted\"\nline");
    EXPECT_EQ(ds.examples[1].label, 0);
    EXPECT_EQ(ds.examples[2].line, 5); // the quoted newline counts
    EXPECT_EQ(ds.labelNames, (std::vector<std::string>{"negative", "positive"}));
}

TEST_F(DatasetFiles, TsvJsonlAndText)
{
    auto tsv = readDatasetFile(write("a.tsv", "label\ttext\n1\tgood one\n0\tbad one\n"));
    ASSERT_EQ(tsv.examples.size(), 2u);
    EXPECT_EQ(tsv.examples[0].label, 1);
    EXPECT_EQ(tsv.labelNames.size(), 2u);
    auto jsonl = readDatasetFile(
        write("a.jsonl", "{\"text\": \"x\", \"label\": \"b\"}\n\n{\"text\": \"y\", \"label\": \"a\"}\n"));
    ASSERT_EQ(jsonl.examples.size(), 2u);
    EXPECT_EQ(jsonl.examples[0].label, 1); // names numbered in sorted order without model labels
    EXPECT_EQ(jsonl.examples[1].line, 3);
    auto text = readDatasetFile(write("a.txt", "first line\n\nsecond line\r\n"));
    ASSERT_EQ(text.examples.size(), 2u);
    EXPECT_FALSE(text.labelled());
    EXPECT_EQ(text.examples[1].text, "second line");
}

TEST_F(DatasetFiles, ErrorsNameTheFileAndLine)
{
    const auto csv = write("bad.csv", "text,label\nok,1\nmissing\n");
    EXPECT_NE(expectError([&] { readDatasetFile(csv); }).find(csv + ":3:"), std::string::npos);
    const auto jsonl = write("bad.jsonl", "{\"text\": \"ok\"}\n{\"txt\": 1}\n");
    EXPECT_NE(expectError([&] { readDatasetFile(jsonl); }).find(jsonl + ":2:"), std::string::npos);
    const auto noText = write("header.csv", "sentence_a,label\nx,1\n");
    EXPECT_NE(expectError([&] { readDatasetFile(noText); }).find("\"text\""), std::string::npos);
    EXPECT_NE(expectError([&] { readDatasetFile(write("x.parquet", "")); }).find("unknown dataset format"),
              std::string::npos);
    EXPECT_NE(expectError([&] { readDatasetFile((m_dir / "none.csv").string()); }).find("none.csv"), std::string::npos);
}

TEST(DatasetSplit, DeterministicDisjointAndComplete)
{
    const auto eval = splitIndices(100, "eval", 7), train = splitIndices(100, "train", 7);
    EXPECT_EQ(eval.size(), 10u);
    EXPECT_EQ(train.size(), 90u);
    EXPECT_EQ(eval, splitIndices(100, "eval", 7));
    EXPECT_NE(eval, splitIndices(100, "eval", 8));
    std::vector<bool> seen(100, false);
    for (auto i : eval)
        seen[i] = true;
    for (auto i : train) {
        EXPECT_FALSE(seen[i]);
        seen[i] = true;
    }
    EXPECT_EQ(std::count(seen.begin(), seen.end(), true), 100);
    EXPECT_THROW(splitIndices(10, "dev", 0), EngineError);
}

TEST_F(DatasetFiles, BenchmarkClassifiesACsvWithTheModelsTokenizer)
{
    std::string csv = "text,label\n";
    for (int i = 0; i < 40; ++i)
        csv += (i % 2 ? "the movie was great,positive\n" : "bad film,negative\n");
    RunConfig c;
    c.modelPath = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/bert-tiny";
    c.dataset = write("movies.csv", csv);
    c.batchSize = 2;
    c.maxLength = 16;
    c.warmup = 0;
    c.iterations = 2;
    Benchmark bench(c, nullptr);
    bench.prepare();
    bool accuracy = false;
    for (const auto &m : bench.measure().metrics)
        accuracy = accuracy || m.key == "accuracy";
    EXPECT_TRUE(accuracy);
}

TEST_F(DatasetFiles, ClassifierRefusesUnlabelledText)
{
    RunConfig c;
    c.dataset = write("plain.txt", "one\ntwo\nthree\n");
    Benchmark bench(c, nullptr);
    EXPECT_NE(expectError([&] { bench.prepare(); }).find("has no labels"), std::string::npos);
}

TEST(Sha256, KnownVectors)
{
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
