#include "engine/formats/model_format.h"
#include "engine/formats/strings.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include <sys/stat.h>

namespace optibench::engine {

namespace {

bool exists(const std::string &path, bool *isDir = nullptr)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return false;
    if (isDir)
        *isDir = S_ISDIR(st.st_mode);
    return true;
}

bool isFile(const std::string &path)
{
    bool dir = false;
    return exists(path, &dir) && !dir;
}

std::string parentOf(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string(".") : (slash == 0 ? std::string("/") : path.substr(0, slash));
}

std::uint32_t le32(const std::uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24);
}
std::uint16_t le16(const std::uint8_t *p)
{
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint64_t le64(const std::uint8_t *p)
{
    return le32(p) | (std::uint64_t(le32(p + 4)) << 32);
}

bool readAt(std::ifstream &in, std::uint64_t offset, std::size_t n, std::vector<std::uint8_t> &out)
{
    out.resize(n);
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(reinterpret_cast<char *>(out.data()), static_cast<std::streamsize>(n));
    return static_cast<std::size_t>(in.gcount()) == n;
}

// Names of the entries in a ZIP archive's central directory (zip64 aware); empty if unreadable.
std::vector<std::string> zipEntryNames(std::ifstream &in, std::uint64_t size)
{
    std::vector<std::string> names;
    const std::uint64_t tail = std::min<std::uint64_t>(size, 65536 + 22);
    std::vector<std::uint8_t> buf;
    if (!readAt(in, size - tail, tail, buf))
        return names;
    std::int64_t eocd = -1;
    for (std::int64_t i = static_cast<std::int64_t>(tail) - 22; i >= 0; --i)
        if (le32(&buf[i]) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd < 0)
        return names;
    std::uint64_t count = le16(&buf[eocd + 10]);
    std::uint64_t cdSize = le32(&buf[eocd + 12]);
    std::uint64_t cdOffset = le32(&buf[eocd + 16]);
    if ((cdOffset == 0xFFFFFFFF || count == 0xFFFF) && eocd >= 20 && le32(&buf[eocd - 20]) == 0x07064b50) {
        const std::uint64_t z64 = le64(&buf[eocd - 20 + 8]);
        std::vector<std::uint8_t> rec;
        if (z64 + 56 <= size && readAt(in, z64, 56, rec) && le32(rec.data()) == 0x06064b50) {
            count = le64(&rec[32]);
            cdSize = le64(&rec[40]);
            cdOffset = le64(&rec[48]);
        }
    }
    if (cdOffset > size || cdSize > size - cdOffset || cdSize > (64u << 20))
        return names;
    std::vector<std::uint8_t> cd;
    if (!readAt(in, cdOffset, static_cast<std::size_t>(cdSize), cd))
        return names;
    std::size_t pos = 0;
    for (std::uint64_t e = 0; e < count && pos + 46 <= cd.size(); ++e) {
        if (le32(&cd[pos]) != 0x02014b50)
            break;
        const std::size_t nameLen = le16(&cd[pos + 28]);
        const std::size_t extra = le16(&cd[pos + 30]) + static_cast<std::size_t>(le16(&cd[pos + 32]));
        if (pos + 46 + nameLen > cd.size())
            break;
        names.emplace_back(reinterpret_cast<const char *>(&cd[pos + 46]), nameLen);
        pos += 46 + nameLen + extra;
    }
    return names;
}

} // namespace

const char *formatName(ModelFormat format)
{
    return format == ModelFormat::TorchScript ? "torchscript" : "hf";
}

std::string pickleRefusal(const std::string &path)
{
    return path
        + ": is a pickle checkpoint (torch.save). OptiBench does not load pickles because unpickling can run "
          "arbitrary code. Convert it once, in Python: `from safetensors.torch import save_file; "
          "save_file(torch.load(p), \"model.safetensors\")` (for a state dict), or for a transformers model "
          "`model.save_pretrained(dir, safe_serialization=True)`; then open the folder with config.json and "
          "model.safetensors.";
}

FileKind sniffFile(const std::string &path)
{
    bool dir = false;
    if (!exists(path, &dir))
        return FileKind::Missing;
    if (dir)
        return FileKind::Directory;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return FileKind::Unknown;
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    std::vector<std::uint8_t> head;
    if (!readAt(in, 0, static_cast<std::size_t>(std::min<std::uint64_t>(size, 16)), head) || head.size() < 2)
        return FileKind::Unknown;

    if (head.size() >= 4 && le32(head.data()) == 0x04034b50) {
        // Both TorchScript and torch.save (zip format) are ZIP archives with data.pkl; only
        // TorchScript carries code/ and constants.pkl.
        bool code = false, data = false;
        for (const std::string &name : zipEntryNames(in, size)) {
            if (name.find("/code/") != std::string::npos || endsWith(name, "/constants.pkl"))
                code = true;
            if (endsWith(name, "/data.pkl") || name == "data.pkl")
                data = true;
        }
        if (code)
            return FileKind::TorchScriptZip;
        return data ? FileKind::PickleZip : FileKind::Unknown;
    }
    // Pickle protocol 2..5 starts with PROTO; legacy torch.save files too.
    if (head[0] == 0x80 && head[1] >= 2 && head[1] <= 5)
        return FileKind::Pickle;
    if (head.size() >= 9) {
        std::uint64_t n = 0;
        for (int i = 7; i >= 0; --i)
            n = (n << 8) | head[i];
        if (n >= 2 && n <= size - 8 && head[8] == '{')
            return FileKind::SafetensorsFile;
    }
    std::size_t i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
        ++i;
    if (i < head.size() && head[i] == '{')
        return FileKind::Json;
    return FileKind::Unknown;
}

ModelLocation detectModelFormat(const std::string &input)
{
    std::string path = input;
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    const FileKind kind = sniffFile(path);
    switch (kind) {
    case FileKind::Missing: throw ModelFormatError(path + ": no such file or folder");
    case FileKind::TorchScriptZip: {
        ModelLocation loc;
        loc.format = ModelFormat::TorchScript;
        loc.path = path;
        loc.weightsPath = path;
        return loc;
    }
    case FileKind::PickleZip:
    case FileKind::Pickle: throw ModelFormatError(pickleRefusal(path));
    case FileKind::SafetensorsFile:
    case FileKind::Json:
        // A file inside a Hugging Face folder (model.safetensors, config.json): use the folder.
        if (isFile(parentOf(path) + "/config.json"))
            return detectModelFormat(parentOf(path));
        if (kind == FileKind::SafetensorsFile)
            throw ModelFormatError(path
                                   + ": a safetensors file needs config.json beside it to say which "
                                     "architecture it holds");
        throw ModelFormatError(path + ": is a JSON file, not a model; open the Hugging Face model folder");
    case FileKind::Unknown:
        throw ModelFormatError(path
                               + ": is not a recognised model (expected a Hugging Face folder with "
                                 "config.json and model.safetensors, or a TorchScript archive)");
    case FileKind::Directory: break;
    }

    ModelLocation loc;
    loc.format = ModelFormat::HuggingFace;
    loc.path = path;
    loc.configPath = path + "/config.json";
    const bool hasConfig = isFile(loc.configPath);
    const std::string single = path + "/model.safetensors";
    const std::string index = path + "/model.safetensors.index.json";
    const bool hasSafetensors = isFile(single) || isFile(index);
    const char *pickles[] = {"pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt", "model.pth",
                             "model.ckpt"};
    std::string pickle;
    for (const char *name : pickles)
        if (isFile(path + "/" + name)) {
            pickle = path + "/" + name;
            break;
        }

    if (!hasConfig) {
        if (hasSafetensors || !pickle.empty())
            throw ModelFormatError(path
                                   + ": has weights but no config.json; a Hugging Face model folder needs "
                                     "config.json to say which architecture the weights belong to");
        throw ModelFormatError(path + ": is not a model folder (no config.json)");
    }
    if (isFile(single)) {
        loc.weightsPath = single;
        return loc;
    }
    if (isFile(index)) {
        loc.weightsPath = index;
        loc.sharded = true;
        return loc;
    }
    if (!pickle.empty())
        throw ModelFormatError(pickleRefusal(pickle));
    if (isFile(path + "/tf_model.h5") || isFile(path + "/flax_model.msgpack"))
        throw ModelFormatError(path
                               + ": holds only TensorFlow or Flax weights; save them as safetensors "
                                 "(`model.save_pretrained(dir, safe_serialization=True)` in transformers)");
    throw ModelFormatError(path
                           + ": has config.json but no weights (expected model.safetensors or "
                             "model.safetensors.index.json)");
}

} // namespace optibench::engine
