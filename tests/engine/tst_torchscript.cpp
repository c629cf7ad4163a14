// TorchScript archives through the engine: the scripted fixture (tools/make_hf_fixtures.py)
// against its reference logits, timed by Benchmark; pickle checkpoints refused by name.
#include "engine/formats/model_format.h"
#include "engine/models/model_loader.h"
#include "engine/run/benchmark.h"
#include "tests/engine/hf_reference.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace optibench::engine;
namespace options = optibench::options;
using optibench::engine::testing::relativeError;
using optibench::engine::testing::tensorOf;

namespace {

const std::string kArchive = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/torchscript-tiny/tiny-classifier.pt";

nlohmann::json reference()
{
    nlohmann::json ref;
    std::ifstream(std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/torchscript-tiny/tiny-classifier.reference.json") >> ref;
    return ref;
}

} // namespace

TEST(TorchScript, LogitsMatchTheReference)
{
    const auto loaded = loadModel(kArchive);
    const auto ref = reference();
    auto got = loaded.model->forward(tensorOf(ref["input_ids"], at::kLong), tensorOf(ref["attention_mask"], at::kLong));
    EXPECT_LT(relativeError(got, tensorOf(ref["logits"], at::kDouble)), 1e-5);
    EXPECT_EQ(loaded.summary.format, "torchscript");
    EXPECT_EQ(loaded.summary.parameters, ref["parameters"].get<std::int64_t>());
    EXPECT_EQ(loaded.summary.numLabels, 2);
    EXPECT_EQ(loaded.summary.sha256.size(), 64u);
    EXPECT_FALSE(loaded.model->isLanguageModel());
}

TEST(TorchScript, BenchmarkTimesTheScriptedModule)
{
    RunConfig c;
    c.modelPath = kArchive;
    c.modelFormat = "torchscript";
    c.batchSize = 8;
    c.maxLength = 32;
    c.warmup = 1;
    c.iterations = 3;
    Benchmark bench(c, nullptr);
    bench.prepare();
    EXPECT_EQ(bench.model().format, "torchscript");
    const auto report = bench.measure();
    double latency = -1;
    for (const auto &m : report.metrics)
        if (m.key == "latency_p50_ms")
            latency = m.value;
    EXPECT_GT(latency, 0);
}

TEST(TorchScript, QuantizationIsRefusedForAnOpaqueModule)
{
    RunConfig c;
    c.modelPath = kArchive;
    c.quantization = options::Quantization::DynamicInt8;
    c.iterations = 1;
    Benchmark bench(c, nullptr);
    try {
        bench.prepare();
        FAIL() << "expected an EngineError";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.quantization"), std::string::npos) << e.what();
    }
}

TEST(TorchScript, PickleCheckpointIsRefusedNamingTheFile)
{
    const auto dir = std::filesystem::temp_directory_path() / "optibench-tst-torchscript";
    std::filesystem::create_directories(dir);
    const auto file = (dir / "model.bin").string();
    {
        // A protocol-2 pickle header: what torch.save wrote before the zip format.
        static const char bytes[] = "\x80\x02}q\x00X\x05\x00\x00\x00stateq\x01.";
        std::ofstream(file, std::ios::binary).write(bytes, sizeof bytes - 1);
    }
    RunConfig c;
    c.modelPath = file;
    Benchmark bench(c, nullptr);
    try {
        bench.prepare();
        FAIL() << "expected an EngineError";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(pickleRefusal(file).substr(0, 20)), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
}

TEST(TorchScript, WrongFormatIsNamed)
{
    EXPECT_THROW(loadModel(kArchive, "hf"), EngineError);
    EXPECT_THROW(loadModel(kArchive, "onnx"), EngineError);
}
