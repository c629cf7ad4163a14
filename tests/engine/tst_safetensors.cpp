// The safetensors reader on real checkpoints (tests/data/hf, made by tools/make_hf_fixtures.py),
// the writer, sharded checkpoints, and hostile files: each must fail with a message that names
// the file and the problem, never crash.
#include "engine/formats/safetensors.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace optibench::engine;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kHf = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf";

std::vector<std::uint8_t> raw(const std::string &header, std::size_t dataBytes, std::uint64_t lengthField = UINT64_MAX)
{
    const std::uint64_t n = lengthField == UINT64_MAX ? header.size() : lengthField;
    std::vector<std::uint8_t> out;
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    out.insert(out.end(), header.begin(), header.end());
    for (std::size_t i = 0; i < dataBytes; ++i)
        out.push_back(static_cast<std::uint8_t>(i * 7 + 1));
    return out;
}

std::string errorOf(const std::vector<std::uint8_t> &bytes)
{
    try {
        SafetensorsFile::parse(bytes.data(), bytes.size(), "case.safetensors");
    } catch (const SafetensorsError &e) {
        return e.what();
    }
    return "(parsed)";
}

double sumOf(const TensorView &v)
{
    double sum = 0;
    if (v.dtype == DType::F32) {
        for (std::int64_t i = 0; i < v.numel(); ++i) {
            float f;
            std::memcpy(&f, v.data + 4 * i, 4);
            sum += f;
        }
    } else if (v.dtype == DType::I64) {
        for (std::int64_t i = 0; i < v.numel(); ++i) {
            std::int64_t x;
            std::memcpy(&x, v.data + 8 * i, 8);
            sum += static_cast<double>(x);
        }
    }
    return sum;
}

TensorBytes f32(const std::string &name, std::vector<std::int64_t> shape, float start)
{
    TensorBytes t{name, DType::F32, shape, {}};
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    for (std::int64_t i = 0; i < n; ++i) {
        const float v = start + static_cast<float>(i);
        const auto *p = reinterpret_cast<const std::uint8_t *>(&v);
        t.bytes.insert(t.bytes.end(), p, p + 4);
    }
    return t;
}

} // namespace

TEST(Safetensors, ReadsTheTinyBertCheckpoint)
{
    const auto file = SafetensorsFile::open(kHf + "/bert-tiny/model.safetensors");
    std::ifstream in(kHf + "/bert-tiny/reference.json");
    const json ref = json::parse(in);
    EXPECT_EQ(file.metadata().at("format"), "pt");
    EXPECT_EQ(file.tensors().size(), ref["tensors"].size());
    EXPECT_EQ(file.tensors().size(), 6u + 2 * 16 + 2 + 2);

    const auto &word = file.at("bert.embeddings.word_embeddings.weight");
    EXPECT_EQ(word.dtype, DType::F32);
    EXPECT_EQ(word.shape, (std::vector<std::int64_t>{100, 32}));
    const auto &posIds = file.at("bert.embeddings.position_ids");
    EXPECT_EQ(posIds.dtype, DType::I64);
    EXPECT_EQ(posIds.shape, (std::vector<std::int64_t>{1, 64}));
    EXPECT_EQ(file.at("bert.encoder.layer.1.intermediate.dense.weight").shape, (std::vector<std::int64_t>{64, 32}));
    EXPECT_EQ(file.at("bert.encoder.layer.1.output.dense.weight").shape, (std::vector<std::int64_t>{32, 64}));
    EXPECT_EQ(file.at("classifier.weight").shape, (std::vector<std::int64_t>{3, 32}));

    // Values: every tensor's sum and first element agree with what Python wrote.
    for (auto it = ref["tensors"].begin(); it != ref["tensors"].end(); ++it) {
        const TensorView *v = file.find(it.key());
        ASSERT_NE(v, nullptr) << it.key();
        EXPECT_EQ(v->shape, it.value()["shape"].get<std::vector<std::int64_t>>()) << it.key();
        const double expected = it.value()["sum"];
        EXPECT_NEAR(sumOf(*v), expected, 1e-4 * (1 + std::fabs(expected))) << it.key();
    }
    try {
        file.at("bert.pooler.dense.kernel");
        FAIL();
    } catch (const SafetensorsError &e) {
        EXPECT_NE(std::string(e.what()).find("model.safetensors: has no tensor 'bert.pooler.dense.kernel'"),
                  std::string::npos);
    }
}

TEST(Safetensors, ReadsTheTinyGpt2CheckpointThroughTheCheckpointApi)
{
    const auto ckpt = SafetensorsCheckpoint::open(kHf + "/gpt2-tiny");
    EXPECT_EQ(ckpt.shards().size(), 1u);
    EXPECT_EQ(ckpt.size(), 2u + 2 * 12 + 2);
    EXPECT_EQ(ckpt.at("transformer.h.0.attn.c_attn.weight").shape, (std::vector<std::int64_t>{32, 96}));
    EXPECT_EQ(ckpt.at("transformer.h.1.mlp.c_fc.weight").shape, (std::vector<std::int64_t>{32, 128}));
    EXPECT_EQ(ckpt.at("transformer.wte.weight").shape, (std::vector<std::int64_t>{271, 32}));
    EXPECT_EQ(ckpt.find("lm_head.weight"), nullptr); // tied to wte, not stored
}

TEST(Safetensors, WriterRoundTrips)
{
    TensorBytes half{"h", DType::F16, {3}, {1, 2, 3, 4, 5, 6}};
    TensorBytes flag{"flag", DType::Bool, {2}, {1, 0}};
    TensorBytes empty{"empty", DType::BF16, {0, 4}, {}};
    const auto bytes = serializeSafetensors({f32("w", {2, 3}, 0.5f), half, flag, empty}, {{"format", "pt"}});
    const std::uint64_t n = bytes[0] | (bytes[1] << 8);
    EXPECT_EQ(n % 8, 0u); // data stays aligned
    const auto file = SafetensorsFile::fromBytes(bytes, "mem.safetensors");
    EXPECT_EQ(file.names(), (std::vector<std::string>{"empty", "flag", "h", "w"}));
    EXPECT_EQ(file.copyBytes("h"), half.bytes);
    EXPECT_EQ(file.copyBytes("w"), f32("w", {2, 3}, 0.5f).bytes);
    EXPECT_EQ(file.at("empty").byteSize(), 0u);
    EXPECT_EQ(file.metadata().at("format"), "pt");

    const fs::path path = fs::temp_directory_path() / "optibench_tst_writer.safetensors";
    writeSafetensors(path.string(), {f32("a", {4}, 1.0f)});
    const auto opened = SafetensorsFile::open(path.string());
    EXPECT_EQ(opened.copyBytes("a"), f32("a", {4}, 1.0f).bytes);
    fs::remove(path);

    EXPECT_THROW(serializeSafetensors({TensorBytes{"bad", DType::F32, {2}, {1, 2, 3}}}), SafetensorsError);
    EXPECT_THROW(serializeSafetensors({f32("x", {1}, 0), f32("x", {1}, 0)}), SafetensorsError);
}

TEST(Safetensors, F8IsReadButNotComputable)
{
    const auto bytes = raw(R"({"e":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}})", 4);
    const auto file = SafetensorsFile::fromBytes(bytes, "f8.safetensors");
    EXPECT_EQ(file.at("e").dtype, DType::F8E4M3);
    EXPECT_FALSE(dtypeSupportedForCompute(DType::F8E4M3));
    EXPECT_TRUE(dtypeSupportedForCompute(DType::BF16));
}

struct HostileCase {
    const char *name;
    std::vector<std::uint8_t> bytes;
    const char *expected; // substring of the message
};

class SafetensorsHostile : public ::testing::TestWithParam<int> {};

std::vector<HostileCase> hostileCases()
{
    const std::string one = R"({"t":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})";
    std::vector<HostileCase> c;
    c.push_back({"empty file", {}, "too short for the 8-byte header length"});
    c.push_back({"truncated length", {1, 0, 0}, "file is 3 bytes, too short"});
    auto truncated = raw(one, 16);
    truncated.resize(truncated.size() - 4);
    c.push_back({"truncated data", truncated, "tensor 't' ends at byte 16 past the end of the data (12 bytes)"});
    c.push_back({"header length past end", raw(one, 16, one.size() + 17), "runs past the end of the file"});
    c.push_back({"huge header length", raw(one, 16, 0xFFFFFFFFFFFFFFF0ull), "exceeds the limit of 100000000 bytes"});
    c.push_back({"offsets past end", raw(R"({"t":{"dtype":"F32","shape":[25],"data_offsets":[0,100]}})", 16),
                 "ends at byte 100 past the end of the data (16 bytes)"});
    c.push_back(
        {"overlap",
         raw(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
             24),
         "tensor 'b' (bytes 8..24) overlaps tensor 'a' (bytes 0..16)"});
    c.push_back(
        {"gap",
         raw(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[20,36]}})",
             36),
         "gap of 4 bytes before tensor 'b'"});
    c.push_back(
        {"not from zero", raw(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}})", 8), "gap of 4 bytes"});
    c.push_back({"trailing bytes", raw(one, 20), "4 bytes after the last tensor"});
    c.push_back({"wrong dtype size", raw(R"({"t":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]}})", 8),
                 "tensor 't' holds 8 bytes but its shape [2,2] of F32 needs 16"});
    c.push_back({"unknown dtype", raw(R"({"t":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", 16),
                 "tensor 't' has the unknown dtype 'F128'"});
    c.push_back({"non-object JSON", raw("[1,2,3]", 0), "not a JSON object"});
    c.push_back({"string header", raw(R"("text")", 0), "not a JSON object"});
    c.push_back({"entry not object", raw(R"({"t":[1]})", 0), "tensor 't' is not a JSON object (found array)"});
    c.push_back({"invalid JSON", raw(R"({"t":)", 0), "header is not valid JSON"});
    c.push_back({"invalid UTF-8", raw("{\"t\xff\xfe\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}}", 0),
                 "header is not valid JSON"});
    c.push_back({"rank too high", raw(R"({"t":{"dtype":"U8","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,1]}})", 1),
                 "tensor 't' has rank 9, more than the limit of 8"});
    c.push_back({"negative dim", raw(R"({"t":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}})", 1),
                 "shape entry -1 is not a non-negative integer"});
    c.push_back({"float dim", raw(R"({"t":{"dtype":"U8","shape":[2.0],"data_offsets":[0,2]}})", 2),
                 "shape entry 2.0 is not a non-negative integer"});
    c.push_back({"shape product overflow",
                 raw(R"({"t":{"dtype":"U8","shape":[4294967296,4294967296],"data_offsets":[0,1]}})", 1),
                 "overflows 64 bits"});
    c.push_back({"byte size overflow",
                 raw(R"({"t":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,1]}})", 1),
                 "byte size of the shape [4611686018427387904] overflows 64 bits"});
    c.push_back({"offsets reversed", raw(R"({"t":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}})", 4),
                 "end before they begin"});
    c.push_back({"offsets not pair", raw(R"({"t":{"dtype":"U8","shape":[1],"data_offsets":[0]}})", 1),
                 "\"data_offsets\" is not a pair of non-negative integers"});
    c.push_back({"missing shape", raw(R"({"t":{"dtype":"U8","data_offsets":[0,1]}})", 1), "has no \"shape\""});
    c.push_back({"unexpected field", raw(R"({"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":1}})", 1),
                 "unexpected field 'x'"});
    c.push_back(
        {"duplicate name",
         raw(R"({"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"t":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})",
             2),
         "has the key 't' twice"});
    c.push_back(
        {"metadata not strings", raw(R"({"__metadata__":{"a":1}})", 0), "__metadata__ entry 'a' is not a string"});
    c.push_back({"deep nesting", raw("{\"__metadata__\":" + std::string(100, '[') + std::string(100, ']') + "}", 0),
                 "nests deeper than 64 levels"});
    std::string many = "{";
    for (int i = 0; i <= 100'000; ++i)
        many += (i ? ",\"" : "\"") + std::to_string(i) + R"(":{"dtype":"U8","shape":[0],"data_offsets":[0,0]})";
    many += "}";
    c.push_back({"too many tensors", raw(many, 0), "header lists 100001 tensors, more than the limit of 100000"});
    return c;
}

TEST(SafetensorsHostileFiles, EachHasAClearMessageNamingTheFile)
{
    for (const HostileCase &c : hostileCases()) {
        const std::string message = errorOf(c.bytes);
        EXPECT_EQ(message.rfind("case.safetensors: ", 0), 0u) << c.name << ": " << message;
        EXPECT_NE(message.find(c.expected), std::string::npos) << c.name << ": " << message;
    }
}

TEST(SafetensorsHostileFiles, EveryBitFlipInTheHeaderIsHandled)
{
    const auto good =
        serializeSafetensors({f32("layer.weight", {2, 3}, 1.0f), f32("layer.bias", {3}, 0.0f)}, {{"format", "pt"}});
    const std::size_t headerEnd = 8 + (good[0] | (good[1] << 8));
    int rejected = 0, accepted = 0;
    for (std::size_t pos = 0; pos < headerEnd; ++pos) {
        for (std::uint8_t mask : {0x01, 0x02, 0x10, 0x80}) {
            auto bytes = good;
            bytes[pos] ^= mask;
            try {
                const auto file = SafetensorsFile::parse(bytes.data(), bytes.size(), "flip.safetensors");
                // Whatever parses must still describe the data section exactly.
                std::uint64_t covered = 0;
                for (const auto &v : file.tensors())
                    covered += v.byteSize();
                EXPECT_EQ(covered + headerEnd, bytes.size());
                ++accepted;
            } catch (const SafetensorsError &e) {
                EXPECT_EQ(std::string(e.what()).rfind("flip.safetensors: ", 0), 0u) << e.what();
                ++rejected;
            }
        }
    }
    EXPECT_GT(rejected, 0);
    EXPECT_GT(accepted, 0); // flips inside names or metadata values stay valid
}

TEST(SafetensorsFiles, MissingFileAndShardedCheckpoints)
{
    try {
        SafetensorsFile::open("/nonexistent/model.safetensors");
        FAIL();
    } catch (const SafetensorsError &e) {
        EXPECT_EQ(std::string(e.what()).rfind("/nonexistent/model.safetensors: cannot open", 0), 0u) << e.what();
    }

    const fs::path dir = fs::temp_directory_path() / "optibench_tst_shards";
    fs::remove_all(dir);
    fs::create_directories(dir);
    writeSafetensors((dir / "model-00001-of-00002.safetensors").string(), {f32("a", {2}, 1), f32("b", {3}, 2)});
    writeSafetensors((dir / "model-00002-of-00002.safetensors").string(), {f32("c", {4}, 3)});
    json index = {{"metadata", {{"total_size", 36}}},
                  {"weight_map",
                   {{"a", "model-00001-of-00002.safetensors"},
                    {"b", "model-00001-of-00002.safetensors"},
                    {"c", "model-00002-of-00002.safetensors"}}}};
    std::ofstream(dir / "model.safetensors.index.json") << index.dump();
    const auto ckpt = SafetensorsCheckpoint::open(dir.string());
    EXPECT_EQ(ckpt.shards().size(), 2u);
    EXPECT_EQ(ckpt.names(), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(ckpt.at("c").shape, (std::vector<std::int64_t>{4}));
    EXPECT_EQ(ckpt.shardOf("c").path(), (dir / "model-00002-of-00002.safetensors").string());

    index["weight_map"]["c"] = "model-00001-of-00002.safetensors";
    std::ofstream(dir / "model.safetensors.index.json") << index.dump();
    try {
        SafetensorsCheckpoint::open(dir.string());
        FAIL();
    } catch (const SafetensorsError &e) {
        EXPECT_NE(std::string(e.what()).find("tensor 'c' is mapped to model-00001-of-00002.safetensors but that shard "
                                             "does not hold it"),
                  std::string::npos)
            << e.what();
    }
    index["weight_map"].erase("c");
    index["weight_map"].erase("b");
    std::ofstream(dir / "model.safetensors.index.json") << index.dump();
    try {
        SafetensorsCheckpoint::open(dir.string());
        FAIL();
    } catch (const SafetensorsError &e) {
        EXPECT_NE(std::string(e.what()).find("tensor 'b' is not listed in"), std::string::npos) << e.what();
    }
    index["weight_map"]["a"] = "../escape.safetensors";
    std::ofstream(dir / "model.safetensors.index.json") << index.dump();
    EXPECT_THROW(SafetensorsCheckpoint::open(dir.string()), SafetensorsError);
    fs::remove_all(dir);
}
