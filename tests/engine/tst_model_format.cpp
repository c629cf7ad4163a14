// Model format detection on real folders and files made in a temporary directory, and the
// tiny checkpoints under tests/data/hf.
#include "engine/formats/model_format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace optibench::engine;
namespace fs = std::filesystem;

namespace {

const std::string kHf = std::string(OPTIBENCH_TEST_DATA_DIR) + "/hf";

class ModelFormatTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("optibench_tst_model_format_" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string write(const std::string &name, const std::string &bytes)
    {
        const fs::path p = m_dir / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << bytes;
        return p.string();
    }

    // A stored (uncompressed) ZIP archive with the given entry names, as torch writes them.
    std::string zip(const std::string &name, const std::vector<std::string> &entries)
    {
        std::string local, central;
        auto le16 = [](std::string &s, unsigned v) { s += char(v & 0xFF), s += char((v >> 8) & 0xFF); };
        auto le32 = [&](std::string &s, unsigned v) { le16(s, v & 0xFFFF), le16(s, v >> 16); };
        for (const std::string &e : entries) {
            const unsigned offset = static_cast<unsigned>(local.size());
            le32(local, 0x04034b50), le16(local, 20), le16(local, 0), le16(local, 0), le32(local, 0), le32(local, 0);
            le32(local, 0), le32(local, 0), le16(local, static_cast<unsigned>(e.size())), le16(local, 0);
            local += e;
            le32(central, 0x02014b50), le16(central, 20), le16(central, 20), le16(central, 0), le16(central, 0);
            le32(central, 0), le32(central, 0), le32(central, 0), le32(central, 0);
            le16(central, static_cast<unsigned>(e.size())), le16(central, 0), le16(central, 0), le16(central, 0);
            le16(central, 0), le32(central, 0), le32(central, offset);
            central += e;
        }
        std::string eocd;
        le32(eocd, 0x06054b50), le16(eocd, 0), le16(eocd, 0);
        le16(eocd, static_cast<unsigned>(entries.size())), le16(eocd, static_cast<unsigned>(entries.size()));
        le32(eocd, static_cast<unsigned>(central.size())), le32(eocd, static_cast<unsigned>(local.size())),
            le16(eocd, 0);
        return write(name, local + central + eocd);
    }

    std::string errorOf(const std::string &path)
    {
        try {
            detectModelFormat(path);
        } catch (const ModelFormatError &e) {
            return e.what();
        }
        return "(accepted)";
    }

    fs::path m_dir;
};

} // namespace

TEST_F(ModelFormatTest, HuggingFaceFolders)
{
    const ModelLocation bert = detectModelFormat(kHf + "/bert-tiny");
    EXPECT_EQ(bert.format, ModelFormat::HuggingFace);
    EXPECT_STREQ(formatName(bert.format), "hf");
    EXPECT_EQ(bert.configPath, kHf + "/bert-tiny/config.json");
    EXPECT_EQ(bert.weightsPath, kHf + "/bert-tiny/model.safetensors");
    EXPECT_FALSE(bert.sharded);
    // A file inside the folder means the folder; a trailing slash is fine.
    EXPECT_EQ(detectModelFormat(kHf + "/gpt2-tiny/model.safetensors").path, kHf + "/gpt2-tiny");
    EXPECT_EQ(detectModelFormat(kHf + "/gpt2-tiny/").path, kHf + "/gpt2-tiny");

    write("sharded/config.json", "{}");
    write("sharded/model.safetensors.index.json", "{\"weight_map\": {}}");
    const ModelLocation sharded = detectModelFormat((m_dir / "sharded").string());
    EXPECT_TRUE(sharded.sharded);
}

TEST_F(ModelFormatTest, TorchScriptAndPickles)
{
    const std::string ts =
        zip("traced.pt", {"traced/data.pkl", "traced/code/__torch__.py", "traced/constants.pkl", "traced/version"});
    EXPECT_EQ(sniffFile(ts), FileKind::TorchScriptZip);
    const ModelLocation loc = detectModelFormat(ts);
    EXPECT_EQ(loc.format, ModelFormat::TorchScript);
    EXPECT_STREQ(formatName(loc.format), "torchscript");

    const std::string saved = zip("weights.pth", {"archive/data.pkl", "archive/data/0", "archive/version"});
    EXPECT_EQ(sniffFile(saved), FileKind::PickleZip);
    const std::string message = errorOf(saved);
    EXPECT_EQ(message.rfind(saved + ": is a pickle checkpoint", 0), 0u) << message;
    EXPECT_NE(message.find("unpickling can run arbitrary code"), std::string::npos);
    EXPECT_NE(message.find("save_file(torch.load(p), \"model.safetensors\")"), std::string::npos);
    EXPECT_NE(message.find("save_pretrained(dir, safe_serialization=True)"), std::string::npos);

    // Legacy torch.save and plain pickles begin with the PROTO opcode.
    const std::string legacy = write("model.ckpt",
                                     "\x80\x02\x8a\x0a"
                                     "l\xfc\x9c"
                                     "F\xf9 j\xa8"
                                     "P\x19.");
    EXPECT_EQ(sniffFile(legacy), FileKind::Pickle);
    EXPECT_NE(errorOf(legacy).find("is a pickle checkpoint"), std::string::npos);

    write("pt/config.json", "{}");
    write("pt/pytorch_model.bin", std::string("\x80\x04\x95", 3));
    const std::string folderMessage = errorOf((m_dir / "pt").string());
    EXPECT_NE(folderMessage.find("pt/pytorch_model.bin: is a pickle checkpoint"), std::string::npos) << folderMessage;
}

TEST_F(ModelFormatTest, EachBadCaseHasItsOwnMessage)
{
    EXPECT_NE(errorOf((m_dir / "absent").string()).find("absent: no such file or folder"), std::string::npos);

    fs::create_directories(m_dir / "empty");
    EXPECT_NE(errorOf((m_dir / "empty").string()).find("is not a model folder (no config.json)"), std::string::npos);

    write("noconfig/model.safetensors", "x");
    EXPECT_NE(errorOf((m_dir / "noconfig").string()).find("has weights but no config.json"), std::string::npos);

    write("noweights/config.json", "{}");
    EXPECT_NE(errorOf((m_dir / "noweights").string()).find("has config.json but no weights"), std::string::npos);

    write("tf/config.json", "{}");
    write("tf/tf_model.h5", "HDF");
    EXPECT_NE(errorOf((m_dir / "tf").string()).find("only TensorFlow or Flax weights"), std::string::npos);

    const std::string lone = write("lone/weights.safetensors", std::string("\x02\0\0\0\0\0\0\0{}", 10));
    EXPECT_EQ(sniffFile(lone), FileKind::SafetensorsFile);
    EXPECT_NE(errorOf(lone).find("needs config.json beside it"), std::string::npos);

    const std::string text = write("notes.txt", "hello");
    EXPECT_NE(errorOf(text).find("notes.txt: is not a recognised model"), std::string::npos);

    const std::string badZip = write("broken.pt", std::string("PK\x03\x04garbage", 11));
    EXPECT_EQ(sniffFile(badZip), FileKind::Unknown);
    EXPECT_NE(errorOf(badZip).find("is not a recognised model"), std::string::npos);
}
