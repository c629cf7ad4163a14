#pragma once
// A safetensors reader written to the format's audit rules, and a small writer.
// The file is memory-mapped and nothing is copied until a tensor's bytes are asked for. No
// LibTorch here: engine/models/safetensors_torch.h turns a view into an at::Tensor.
//
// Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the data section.
// The header maps tensor names to {"dtype", "shape", "data_offsets": [begin, end]} (offsets
// relative to the data section) plus an optional "__metadata__" string->string map.
#include "engine/formats/errors.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optibench::engine {

// A malformed or unreadable safetensors file; what() starts with the file name.
class SafetensorsError : public EngineError {
public:
    using EngineError::EngineError;
};

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool, F8E4M3, F8E5M2 };

std::size_t dtypeSize(DType dtype);
const char *dtypeName(DType dtype); // as spelled in the header: "F32", "BF16", "F8_E4M3", ...
std::optional<DType> dtypeFromName(std::string_view name);
// False for the F8 formats: they are read and listed but the engine cannot compute with them.
bool dtypeSupportedForCompute(DType dtype);

constexpr std::uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;
constexpr std::size_t kSafetensorsMaxTensors = 100'000;
constexpr std::size_t kSafetensorsMaxRank = 8;

struct TensorView {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0; // offsets in the data section
    std::uint64_t end = 0;
    const std::uint8_t *data = nullptr; // points into the mapping; valid while the file lives

    std::uint64_t byteSize() const { return end - begin; }
    std::int64_t numel() const;
};

class SafetensorsFile {
public:
    // Maps the file read-only (private copy-on-write pages: the file itself is never changed).
    static SafetensorsFile open(const std::string &path);
    // Parses a buffer the caller keeps alive while the result is used (fuzzer, tests).
    static SafetensorsFile parse(const std::uint8_t *data, std::size_t size, const std::string &displayName);
    // Parses a buffer it takes ownership of.
    static SafetensorsFile fromBytes(std::vector<std::uint8_t> bytes, const std::string &displayName);

    const std::string &path() const { return m_path; }
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }
    // Sorted by offset in the data section.
    const std::vector<TensorView> &tensors() const { return m_tensors; }
    std::vector<std::string> names() const; // sorted by name
    const TensorView *find(std::string_view name) const;
    const TensorView &at(std::string_view name) const; // throws SafetensorsError naming both
    std::uint64_t headerBytes() const { return m_headerBytes; }
    std::uint64_t fileBytes() const { return m_fileBytes; }

    // Copies one tensor's raw little-endian bytes.
    std::vector<std::uint8_t> copyBytes(std::string_view name) const;
    // Keeps the mapping (or buffer) alive, for zero-copy tensors that outlive this object.
    std::shared_ptr<const void> keepAlive() const { return m_storage; }

private:
    SafetensorsFile() = default;
    void parseHeader(const std::uint8_t *data, std::size_t size);

    std::string m_path;
    std::shared_ptr<const void> m_storage;
    std::map<std::string, std::string> m_metadata;
    std::vector<TensorView> m_tensors;
    std::map<std::string, std::size_t, std::less<>> m_index;
    std::uint64_t m_headerBytes = 0;
    std::uint64_t m_fileBytes = 0;
};

// One checkpoint that may be split into shards: a single model.safetensors, or
// model.safetensors.index.json whose "weight_map" maps tensor names to shard files. Each shard
// is opened once; every tensor the index names must be in its shard and nowhere else.
class SafetensorsCheckpoint {
public:
    // `path`: a .safetensors file, an .index.json file, or a folder holding either.
    static SafetensorsCheckpoint open(const std::string &path);

    const std::vector<SafetensorsFile> &shards() const { return m_shards; }
    std::vector<std::string> names() const; // sorted
    const TensorView *find(std::string_view name) const;
    const TensorView &at(std::string_view name) const;
    // The shard that holds `name` (for its keep-alive); throws if absent.
    const SafetensorsFile &shardOf(std::string_view name) const;
    std::size_t size() const { return m_where.size(); }

private:
    std::string m_path;
    std::vector<SafetensorsFile> m_shards;
    std::map<std::string, std::size_t, std::less<>> m_where; // name -> shard
};

// A tensor to write: raw little-endian bytes of product(shape) * dtypeSize(dtype) bytes.
struct TensorBytes {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::vector<std::uint8_t> bytes;
};

// Serializes as Hugging Face's writer does: tensors ordered by dtype size (largest first) then
// name, header padded with spaces to a multiple of 8 so the data stays aligned. Throws
// SafetensorsError on a bad name, shape or byte count.
std::vector<std::uint8_t> serializeSafetensors(const std::vector<TensorBytes> &tensors,
                                               const std::map<std::string, std::string> &metadata = {});
void writeSafetensors(const std::string &path, const std::vector<TensorBytes> &tensors,
                      const std::map<std::string, std::string> &metadata = {});

} // namespace optibench::engine
