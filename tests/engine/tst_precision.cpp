// Precision modes (engine/optimize/precision.h): whole-model bf16/fp16 casts and autocast against the
// fp32 model with dtype-aware tolerances, the checks that refuse what a device cannot run, and
// the stored metrics of a bf16 run of the demo.
#include "engine/models/demo.h"
#include "engine/models/model_loader.h"
#include "engine/optimize/precision.h"
#include "engine/run/benchmark.h"
#include "engine/run/run_options.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>

using namespace optibench::engine;
namespace options = optibench::options;

namespace {

// Largest |got - want| relative to the largest |want|.
double relativeError(const at::Tensor &got, const at::Tensor &want)
{
    auto g = got.to(at::kDouble), w = want.to(at::kDouble);
    return ((g - w).abs().max() / w.abs().max()).item<double>();
}

std::unique_ptr<Model> demoModel()
{
    return std::make_unique<BertClassifier>(demo::tinyBertConfig(), demo::tinyBertParameters());
}

// Fresh random token ids, with padding at the end of every other sequence.
std::pair<at::Tensor, at::Tensor> randomBatch(std::int64_t vocab, std::int64_t batch, std::int64_t length,
                                              std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    auto ids = at::randint(4, vocab, {batch, length}, gen, at::TensorOptions().dtype(at::kLong));
    auto mask = at::ones({batch, length}, at::kLong);
    for (std::int64_t b = 1; b < batch; b += 2)
        mask[b].slice(0, length / 2 + b % 5).zero_();
    ids.masked_fill_(mask.eq(0), 0);
    return {ids, mask};
}

std::map<std::string, double> metricsOf(const RunReport &report)
{
    std::map<std::string, double> m;
    for (const auto &x : report.metrics)
        m[x.key] = x.value;
    return m;
}

RunConfig demoRun(const std::string &precision, const std::string &quantization = "none")
{
    RunConfig c;
    c.modelPath = "demo:tiny-bert";
    c.precision = options::parseOrThrow<options::Precision>(precision);
    c.quantization = options::parseOrThrow<options::Quantization>(quantization);
    c.batchSize = 50;
    c.maxLength = 64;
    c.warmup = 0;
    c.iterations = 20; // the whole eval split (1000 reviews)
    c.blocks = 1;      // one pass over the workload: quality is what this checks, not timing
    c.minBlockMs = 0;
    c.quality = options::QualityScope::Timed; // the workload's batches, as the bounds here were set
    c.threads = 2;
    return c;
}

void expectRefused(RunConfig c, const std::string &field, const std::string &why)
{
    try {
        validatePrecision(c);
        FAIL() << "no error for " << options::name(c.precision) << " / " << options::name(c.quantization) << " on "
               << c.device;
    } catch (const EngineError &e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind(field + ":", 0), 0u) << what;
        EXPECT_NE(what.find(why), std::string::npos) << what;
    }
}

} // namespace

TEST(Precision, Bf16CastMatchesFp32WithinBf16Tolerance)
{
    at::set_num_threads(2);
    c10::InferenceMode guard;
    auto fp32 = demoModel();
    auto bf16 = demoModel();
    const auto fp32Bytes = bf16->modelBytes();
    applyPrecision(bf16, options::Precision::Bf16, at::kCPU, "demo");
    for (const auto &[name, t] : bf16->parameters())
        EXPECT_EQ(t.scalar_type(), at::kBFloat16) << name;
    EXPECT_EQ(dynamic_cast<NativeModel &>(*bf16).linear(bf16->linearNames().front()).kind(), "bf16");
    // Every parameter is floating: exactly half the bytes, in memory and as saved.
    EXPECT_EQ(bf16->modelBytes() * 2, fp32Bytes);
    EXPECT_EQ(bf16->savedBytes() * 2, fp32Bytes);

    const auto [ids, mask] = randomBatch(demo::tinyBertConfig().vocabSize, 8, 48, 11);
    const auto want = fp32->forward(ids, mask);
    const auto got = bf16->forward(ids, mask);
    EXPECT_EQ(got.scalar_type(), at::kBFloat16);
    EXPECT_TRUE(at::isfinite(got).all().item<bool>());
    // bf16 keeps 8 significant bits (2^-7 = 0.8% per rounding); four layers compound it.
    EXPECT_LT(relativeError(got, want), 5e-2);
    EXPECT_GT(relativeError(got, want), 0.0); // it did compute in bf16
}

TEST(Precision, AmpBf16LinearsComputeInBf16AndReturnFp32)
{
    at::set_num_threads(2);
    c10::InferenceMode guard;
    auto fp32 = demoModel();
    auto amp = demoModel();
    applyPrecision(amp, options::Precision::AmpBf16, at::kCPU, "demo");
    auto &native = dynamic_cast<NativeModel &>(*amp);
    for (const auto &name : amp->linearNames())
        EXPECT_EQ(native.linear(name).kind(), "amp-bf16") << name;
    // Layer norms and embeddings stay fp32.
    EXPECT_EQ(amp->parameters().at("bert.embeddings.LayerNorm.weight").scalar_type(), at::kFloat);

    const auto [ids, mask] = randomBatch(demo::tinyBertConfig().vocabSize, 8, 48, 12);
    const auto want = fp32->forward(ids, mask);
    const auto got = amp->forward(ids, mask);
    EXPECT_EQ(got.scalar_type(), at::kFloat);
    EXPECT_LT(relativeError(got, want), 5e-2);
    EXPECT_GT(relativeError(got, want), 0.0);

    // One Linear alone: a single bf16 product of bf16-rounded inputs, within bf16's 1.6e-2.
    auto x = at::randn({16, 128});
    auto w = at::randn({64, 128}) * 0.05;
    auto b = at::randn({64}) * 0.01;
    auto y = makeAutocastLinear(w, b, at::kBFloat16)->forward(x);
    EXPECT_EQ(y.scalar_type(), at::kFloat);
    EXPECT_LT(relativeError(y, at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble))), 1.6e-2);
}

TEST(Precision, AmpBf16RunsTorchScriptUnderAutocast)
{
    const std::string archive = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/torchscript-tiny/tiny-classifier.pt";
    auto fp32 = loadModel(archive);
    auto amp = loadModel(archive);
    applyPrecision(amp.model, options::Precision::AmpBf16, at::kCPU, archive);
    const auto [ids, mask] =
        randomBatch(fp32.model->config().vocabSize > 0 ? fp32.model->config().vocabSize : 100, 4, 16, 13);
    c10::InferenceMode guard;
    const auto want = fp32.model->forward(ids, mask);
    const auto got = amp.model->forward(ids, mask);
    EXPECT_EQ(got.scalar_type(), at::kFloat);
    EXPECT_LT(relativeError(got, want), 5e-2);
    EXPECT_GT(relativeError(got, want), 0.0); // the autocast region ran its matmuls in bf16
    // The region is closed again.
    const auto again = fp32.model->forward(ids, mask);
    EXPECT_EQ(relativeError(again, want), 0.0);
    // A whole-model cast needs a native model.
    try {
        applyPrecision(fp32.model, options::Precision::Bf16, at::kCPU, archive);
        FAIL() << "bf16 cast of a TorchScript model";
    } catch (const EngineError &e) {
        EXPECT_NE(std::string(e.what()).find("optimizations.precision"), std::string::npos) << e.what();
    }
}

TEST(Precision, Bf16GptKeepsTheCausalMaskFinite)
{
    // The causal mask is filled with bf16's lowest value (float's lowest does not fit bf16).
    const std::string folder = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf/gpt2-tiny";
    auto fp32 = loadModel(folder);
    auto bf16 = loadModel(folder);
    applyPrecision(bf16.model, options::Precision::Bf16, at::kCPU, folder);
    const auto [ids, mask] = randomBatch(fp32.model->config().vocabSize, 4, 24, 14);
    c10::InferenceMode guard;
    const auto want = fp32.model->forward(ids, mask);
    const auto got = bf16.model->forward(ids, mask);
    EXPECT_TRUE(at::isfinite(got).all().item<bool>());
    EXPECT_LT(relativeError(got, want), 5e-2);
}

TEST(Precision, Fp16CastMatchesFp32WithinFp16Tolerance)
{
    std::string why;
    if (!cpuSupportsDtype(at::kHalf, &why))
        GTEST_SKIP() << "this LibTorch has no fp16 matmul on the CPU (" << why << "); fp16 is checked on CUDA builds";
    c10::InferenceMode guard;
    auto fp32 = demoModel();
    auto fp16 = demoModel();
    applyPrecision(fp16, options::Precision::Fp16, at::kCPU, "demo");
    const auto [ids, mask] = randomBatch(demo::tinyBertConfig().vocabSize, 8, 48, 15);
    const auto got = fp16->forward(ids, mask);
    EXPECT_TRUE(at::isfinite(got).all().item<bool>());
    // fp16 keeps 11 significant bits: about 1e-3 per product, compounded over four layers.
    EXPECT_LT(relativeError(got, fp32->forward(ids, mask)), 1e-2);
}

TEST(Precision, RefusesWhatTheDeviceCannotRun)
{
    RunConfig c;
    c.modelPath = "demo:tiny-bert";
    c.precision = options::Precision::Tf32;
    expectRefused(c, "optimizations.precision", "CUDA");
    c.precision = options::Precision::AmpFp16;
    expectRefused(c, "optimizations.precision", "amp-bf16");
    // fp16 on the CPU is refused by the rule table, as the spec refuses it, whether or not this
    // LibTorch has half matmuls there (they are emulated: such a run would measure nothing useful).
    c.precision = options::Precision::Fp16;
    expectRefused(c, "optimizations.precision", "CUDA");
    c.precision = options::Precision::Bf16;
    c.quantization = options::Quantization::DynamicInt8;
    expectRefused(c, "optimizations.quantization", "precision fp32");
    c.quantization = options::Quantization::Qat;
    expectRefused(c, "optimizations.quantization", "precision fp32");
    c.quantization = options::Quantization::Bf16Weights;
    expectRefused(c, "optimizations.quantization", "changes nothing");
    c.precision = options::Precision::AmpBf16;
    c.quantization = options::Quantization::WeightInt8;
    expectRefused(c, "optimizations.quantization", "precision fp32"); // every int8 mode computes in fp32
    c.quantization = options::Quantization::Fp16Weights;
    expectRefused(c, "optimizations.quantization", "autocast");
    c.precision = options::Precision::Fp32;
    c.quantization = options::Quantization::DynamicInt8;
    c.device = "cuda";
    expectRefused(c, "optimizations.quantization", "CPU only");

    for (const auto ok : {options::Precision::Fp32, options::Precision::Bf16, options::Precision::AmpBf16}) {
        RunConfig fine;
        fine.precision = ok;
        EXPECT_NO_THROW(validatePrecision(fine)) << options::name(ok);
    }
    RunConfig mixed;
    mixed.precision = options::Precision::Bf16;
    mixed.quantization = options::Quantization::Fp16Weights; // stored fp16, computed in bf16
    EXPECT_NO_THROW(validatePrecision(mixed));
}

TEST(Precision, Bf16DemoRunStoresSizeAndAgreement)
{
    Benchmark bench(demoRun("bf16"), nullptr);
    bench.prepare();
    auto m = metricsOf(bench.measure());
    EXPECT_EQ(m.at("model_bytes") * 2, m.at("model_bytes_baseline"));
    EXPECT_EQ(m.at("model_bytes_saved"), m.at("model_bytes"));
    EXPECT_EQ(m.at("eval_examples"), 1000);
    // bf16 rounding flips only predictions that sit at the decision boundary.
    EXPECT_GE(m.at("agreement"), 0.9);
    EXPECT_LT(m.at("kl_divergence"), 1e-2);
    EXPECT_GT(m.at("kl_divergence"), 0.0);
}

TEST(Precision, AmpBf16DemoRunKeepsWeightsAsStored)
{
    Benchmark bench(demoRun("amp-bf16"), nullptr);
    bench.prepare();
    auto m = metricsOf(bench.measure());
    // The Linears hold bf16 copies; embeddings and norms stay fp32.
    EXPECT_LT(m.at("model_bytes"), m.at("model_bytes_baseline"));
    EXPECT_GT(m.at("model_bytes") * 2, m.at("model_bytes_baseline"));
    EXPECT_GE(m.at("agreement"), 0.9);
    EXPECT_LT(m.at("kl_divergence"), 1e-2);
}
