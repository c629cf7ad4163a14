// Safetensors views as LibTorch tensors: values of the tiny checkpoint, zero-copy aliasing that
// outlives the file object, copies for unaligned data, and the round trip through the writer.
#include "engine/models/safetensors_torch.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace optibench::engine;

namespace {

const std::string kHf = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf";

} // namespace

TEST(SafetensorsTorch, TinyBertTensorsMatchWhatPythonWrote)
{
    std::ifstream in(kHf + "/bert-tiny/reference.json");
    const auto ref = nlohmann::json::parse(in);
    at::Tensor word;
    const TensorView *view = nullptr;
    {
        const auto file = SafetensorsFile::open(kHf + "/bert-tiny/model.safetensors");
        view = &file.at("bert.embeddings.word_embeddings.weight");
        word = toTensor(file, *view);
        EXPECT_EQ(word.data_ptr(), static_cast<const void *>(view->data)); // aliases the mapping
        const at::Tensor ids = toTensor(file, file.at("bert.embeddings.position_ids"));
        EXPECT_EQ(ids.scalar_type(), at::kLong);
        EXPECT_TRUE(at::equal(ids, at::arange(64, at::kLong).unsqueeze(0)));
    }
    // The file object is gone; the keep-alive holds the mapping.
    const auto &expected = ref["tensors"]["bert.embeddings.word_embeddings.weight"];
    EXPECT_EQ(word.sizes().vec(), (std::vector<std::int64_t>{100, 32}));
    EXPECT_NEAR(word.sum().item<double>(), expected["sum"].get<double>(), 1e-4);
    EXPECT_FLOAT_EQ(word.flatten()[0].item<float>(), expected["first"].get<float>());
    // Writing into an aliased tensor changes private pages, not the file.
    word.mul_(2.0);
    const auto again = SafetensorsFile::open(kHf + "/bert-tiny/model.safetensors");
    EXPECT_FLOAT_EQ(toTensor(again, again.at("bert.embeddings.word_embeddings.weight")).flatten()[0].item<float>(),
                    expected["first"].get<float>());
}

TEST(SafetensorsTorch, RoundTripsEveryDtypeThroughTheWriter)
{
    std::vector<TensorBytes> tensors;
    const std::vector<at::Tensor> inputs = {at::randn({3, 4}),
                                            at::randn({5}).to(at::kDouble),
                                            at::randn({2, 2}).to(at::kHalf),
                                            at::randn({4}).to(at::kBFloat16),
                                            at::arange(6, at::kLong).view({2, 3}),
                                            at::arange(3, at::kInt),
                                            at::arange(3, at::kShort),
                                            at::arange(-2, 2, at::kChar),
                                            at::arange(7, at::kByte),
                                            at::arange(3, at::kLong) != 1,
                                            at::empty({0, 3})};
    for (std::size_t i = 0; i < inputs.size(); ++i)
        tensors.push_back(toTensorBytes("t" + std::to_string(i), inputs[i]));
    const auto file = SafetensorsFile::fromBytes(serializeSafetensors(tensors), "roundtrip.safetensors");
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const at::Tensor back = toTensor(file, file.at("t" + std::to_string(i)));
        EXPECT_EQ(back.scalar_type(), inputs[i].scalar_type()) << i;
        EXPECT_TRUE(at::equal(back, inputs[i])) << i;
    }
    // A non-contiguous source is written in logical order.
    const at::Tensor t = at::randn({3, 4}).t();
    const auto one = SafetensorsFile::fromBytes(serializeSafetensors({toTensorBytes("t", t)}), "t.safetensors");
    EXPECT_TRUE(at::equal(toTensor(one, one.at("t")), t));
}

TEST(SafetensorsTorch, UnalignedDataIsCopiedAndF8IsRefused)
{
    // A header of odd length puts the F32 data at an odd address: the view must be copied.
    const std::string header = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    ASSERT_NE((8 + header.size()) % 4, 0u);
    std::vector<std::uint8_t> bytes(8, 0);
    bytes[0] = static_cast<std::uint8_t>(header.size());
    bytes.insert(bytes.end(), header.begin(), header.end());
    const float values[2] = {1.5f, -2.25f};
    const auto *p = reinterpret_cast<const std::uint8_t *>(values);
    bytes.insert(bytes.end(), p, p + 8);
    const auto file = SafetensorsFile::fromBytes(bytes, "odd.safetensors");
    const at::Tensor w = toTensor(file, file.at("w"));
    EXPECT_NE(w.data_ptr(), static_cast<const void *>(file.at("w").data));
    EXPECT_TRUE(at::equal(w, at::tensor({1.5f, -2.25f})));

    const std::string f8 = R"({"e":{"dtype":"F8_E5M2","shape":[1],"data_offsets":[0,1]}})";
    std::vector<std::uint8_t> f8bytes(8, 0);
    f8bytes[0] = static_cast<std::uint8_t>(f8.size());
    f8bytes.insert(f8bytes.end(), f8.begin(), f8.end());
    f8bytes.push_back(0x3c);
    const auto f8file = SafetensorsFile::fromBytes(f8bytes, "f8.safetensors");
    try {
        toTensor(f8file, f8file.at("e"));
        FAIL();
    } catch (const SafetensorsError &e) {
        EXPECT_EQ(std::string(e.what()), "f8.safetensors: tensor 'e': dtype F8_E5M2 is not supported for compute");
    }
}
