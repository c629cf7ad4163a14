#include "engine/formats/safetensors.h"
#include "engine/formats/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace optibench::engine {

namespace {

using nlohmann::json;

constexpr int kMaxJsonDepth = 64;

struct DTypeInfo {
    DType dtype;
    const char *name;
    std::size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::F64, "F64", 8}, {DType::F32, "F32", 4},   {DType::F16, "F16", 2},        {DType::BF16, "BF16", 2},
    {DType::I64, "I64", 8}, {DType::I32, "I32", 4},   {DType::I16, "I16", 2},        {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},   {DType::Bool, "BOOL", 1}, {DType::F8E4M3, "F8_E4M3", 1}, {DType::F8E5M2, "F8_E5M2", 1},
};

const DTypeInfo &info(DType dtype)
{
    for (const auto &d : kDTypes)
        if (d.dtype == dtype)
            return d;
    return kDTypes[1];
}

// A read-only view of the file as private copy-on-write pages: a caller that writes into a
// zero-copy tensor changes its own copy, never the file, and never faults.
struct Mapping {
    void *addr = nullptr;
    std::size_t size = 0;
    ~Mapping()
    {
        if (addr)
            ::munmap(addr, size);
    }
};

std::string jsonTypeName(const json &j)
{
    return j.type_name();
}

// Multiplies with overflow detection.
bool mulOverflow(std::uint64_t a, std::uint64_t b, std::uint64_t &out)
{
    return __builtin_mul_overflow(a, b, &out);
}

std::string named(std::string_view name)
{
    return "'" + std::string(name) + "'";
}

void storeLe64(std::vector<std::uint8_t> &out, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// Validates the header text: JSON syntax, nesting depth, and no key twice in one object.
struct HeaderScan : nlohmann::json_sax<json> {
    std::string problem;
    std::vector<std::set<std::string>> keys;
    int depth = 0;

    bool push()
    {
        if (++depth > kMaxJsonDepth) {
            problem = "header nests deeper than " + std::to_string(kMaxJsonDepth) + " levels";
            return false;
        }
        return true;
    }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override
    {
        keys.emplace_back();
        return push();
    }
    bool key(string_t &val) override
    {
        if (!keys.back().insert(val).second) {
            problem = "header has the key " + named(val) + " twice";
            return false;
        }
        return true;
    }
    bool end_object() override
    {
        keys.pop_back();
        --depth;
        return true;
    }
    bool start_array(std::size_t) override { return push(); }
    bool end_array() override
    {
        --depth;
        return true;
    }
    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &ex) override
    {
        problem = std::string("header is not valid JSON: ") + ex.what();
        return false;
    }
};

} // namespace

std::size_t dtypeSize(DType dtype)
{
    return info(dtype).size;
}
const char *dtypeName(DType dtype)
{
    return info(dtype).name;
}
bool dtypeSupportedForCompute(DType dtype)
{
    return dtype != DType::F8E4M3 && dtype != DType::F8E5M2;
}

std::optional<DType> dtypeFromName(std::string_view name)
{
    for (const auto &d : kDTypes)
        if (name == d.name)
            return d.dtype;
    return std::nullopt;
}

std::int64_t TensorView::numel() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d; // validated against overflow when parsed
    return n;
}

SafetensorsFile SafetensorsFile::open(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw SafetensorsError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw SafetensorsError(path + ": not a regular file");
    }
    auto mapping = std::make_shared<Mapping>();
    mapping->size = static_cast<std::size_t>(st.st_size);
    if (mapping->size > 0) {
        void *addr = ::mmap(nullptr, mapping->size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (addr == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            throw SafetensorsError(path + ": cannot map the file: " + std::strerror(err));
        }
        mapping->addr = addr;
    }
    ::close(fd);

    SafetensorsFile file;
    file.m_path = path;
    file.m_storage = mapping;
    file.parseHeader(static_cast<const std::uint8_t *>(mapping->addr), mapping->size);
    return file;
}

SafetensorsFile SafetensorsFile::parse(const std::uint8_t *data, std::size_t size, const std::string &displayName)
{
    SafetensorsFile file;
    file.m_path = displayName;
    file.parseHeader(data, size);
    return file;
}

SafetensorsFile SafetensorsFile::fromBytes(std::vector<std::uint8_t> bytes, const std::string &displayName)
{
    auto owned = std::make_shared<std::vector<std::uint8_t>>(std::move(bytes));
    SafetensorsFile file;
    file.m_path = displayName;
    file.m_storage = owned;
    file.parseHeader(owned->data(), owned->size());
    return file;
}

void SafetensorsFile::parseHeader(const std::uint8_t *data, std::size_t size)
{
    const std::string &p = m_path;
    auto fail = [&p](const std::string &problem) { throw SafetensorsError(p + ": " + problem); };

    m_fileBytes = size;
    if (size < 8)
        fail("file is " + std::to_string(size) + " bytes, too short for the 8-byte header length");
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | data[i];
    if (n > kSafetensorsMaxHeaderBytes)
        fail("header length " + std::to_string(n) + " exceeds the limit of "
             + std::to_string(kSafetensorsMaxHeaderBytes) + " bytes");
    if (n > size - 8)
        fail("header length " + std::to_string(n) + " runs past the end of the file (" + std::to_string(size)
             + " bytes)");
    if (n < 2)
        fail("header of " + std::to_string(n) + " bytes cannot hold a JSON object");
    m_headerBytes = n;
    const char *text = reinterpret_cast<const char *>(data + 8);
    if (text[0] != '{')
        fail("header does not start with '{' (not a JSON object)");

    // nlohmann keeps the last of duplicate keys; the audit rules refuse them. A SAX pass finds
    // duplicates and bounds the nesting depth before the DOM is built. (nlohmann's callback
    // parser is not used: it rescans the parent object at every object end, which is quadratic
    // in the number of tensors.)
    HeaderScan scan;
    json::sax_parse(text, text + n, &scan);
    if (!scan.problem.empty())
        fail(scan.problem);
    json header = json::parse(text, text + n, nullptr, false);
    if (!header.is_object())
        fail("header is not a JSON object (found " + jsonTypeName(header) + ")");
    if (header.size() > kSafetensorsMaxTensors + 1)
        fail("header lists " + std::to_string(header.size()) + " entries, more than the limit of "
             + std::to_string(kSafetensorsMaxTensors) + " tensors");

    const std::uint64_t dataBytes = size - 8 - n;
    const std::uint8_t *dataStart = data + 8 + n;
    m_tensors.reserve(header.size());
    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string &name = it.key();
        const json &entry = it.value();
        if (name == "__metadata__") {
            if (!entry.is_object())
                fail("__metadata__ is not a JSON object (found " + jsonTypeName(entry) + ")");
            for (auto m = entry.begin(); m != entry.end(); ++m) {
                if (!m.value().is_string())
                    fail("__metadata__ entry " + named(m.key()) + " is not a string (found " + jsonTypeName(m.value())
                         + ")");
                m_metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        const std::string t = "tensor " + named(name);
        if (!entry.is_object())
            fail(t + " is not a JSON object (found " + jsonTypeName(entry) + ")");
        for (auto f = entry.begin(); f != entry.end(); ++f)
            if (f.key() != "dtype" && f.key() != "shape" && f.key() != "data_offsets")
                fail(t + " has the unexpected field " + named(f.key()));
        for (const char *field : {"dtype", "shape", "data_offsets"})
            if (!entry.contains(field))
                fail(t + " has no \"" + field + "\"");

        TensorView view;
        view.name = name;
        const json &dtype = entry["dtype"];
        if (!dtype.is_string())
            fail(t + ": \"dtype\" is not a string (found " + jsonTypeName(dtype) + ")");
        const auto parsedType = dtypeFromName(dtype.get_ref<const std::string &>());
        if (!parsedType)
            fail(t + " has the unknown dtype " + named(dtype.get_ref<const std::string &>()));
        view.dtype = *parsedType;

        const json &shape = entry["shape"];
        if (!shape.is_array())
            fail(t + ": \"shape\" is not an array (found " + jsonTypeName(shape) + ")");
        if (shape.size() > kSafetensorsMaxRank)
            fail(t + " has rank " + std::to_string(shape.size()) + ", more than the limit of "
                 + std::to_string(kSafetensorsMaxRank));
        std::uint64_t numel = 1;
        for (const json &d : shape) {
            if (!d.is_number_unsigned())
                fail(t + ": shape entry " + d.dump() + " is not a non-negative integer");
            const auto dim = d.get<std::uint64_t>();
            if (dim > static_cast<std::uint64_t>(INT64_MAX) || mulOverflow(numel, dim, numel)
                || numel > static_cast<std::uint64_t>(INT64_MAX))
                fail(t + ": the product of the shape " + shape.dump() + " overflows 64 bits");
            view.shape.push_back(static_cast<std::int64_t>(dim));
        }
        std::uint64_t expected = 0;
        if (mulOverflow(numel, dtypeSize(view.dtype), expected))
            fail(t + ": the byte size of the shape " + shape.dump() + " overflows 64 bits");

        const json &offsets = entry["data_offsets"];
        if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned()
            || !offsets[1].is_number_unsigned())
            fail(t + ": \"data_offsets\" is not a pair of non-negative integers (found " + offsets.dump() + ")");
        view.begin = offsets[0].get<std::uint64_t>();
        view.end = offsets[1].get<std::uint64_t>();
        if (view.end < view.begin)
            fail(t + " has data_offsets [" + std::to_string(view.begin) + ", " + std::to_string(view.end)
                 + "] that end before they begin");
        if (view.end > dataBytes)
            fail(t + " ends at byte " + std::to_string(view.end) + " past the end of the data ("
                 + std::to_string(dataBytes) + " bytes)");
        if (view.end - view.begin != expected)
            fail(t + " holds " + std::to_string(view.end - view.begin) + " bytes but its shape " + shape.dump() + " of "
                 + dtypeName(view.dtype) + " needs " + std::to_string(expected));
        view.data = dataStart + view.begin;
        m_tensors.push_back(std::move(view));
    }
    if (m_tensors.size() > kSafetensorsMaxTensors)
        fail("header lists " + std::to_string(m_tensors.size()) + " tensors, more than the limit of "
             + std::to_string(kSafetensorsMaxTensors));

    // The data section must be covered exactly: contiguous from 0, no overlap, no gap, no tail.
    std::sort(m_tensors.begin(), m_tensors.end(), [](const TensorView &a, const TensorView &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t cursor = 0;
    const TensorView *previous = nullptr;
    for (const TensorView &v : m_tensors) {
        if (v.begin < cursor)
            fail("tensor " + named(v.name) + " (bytes " + std::to_string(v.begin) + ".." + std::to_string(v.end)
                 + ") overlaps tensor " + named(previous->name) + " (bytes " + std::to_string(previous->begin) + ".."
                 + std::to_string(previous->end) + ")");
        if (v.begin > cursor)
            fail("gap of " + std::to_string(v.begin - cursor) + " bytes before tensor " + named(v.name) + " (at byte "
                 + std::to_string(cursor) + " of the data)");
        cursor = v.end;
        previous = &v;
    }
    if (cursor != dataBytes)
        fail("the data section has " + std::to_string(dataBytes - cursor)
             + " bytes after the last tensor (which ends at " + std::to_string(cursor) + " of "
             + std::to_string(dataBytes) + ")");

    for (std::size_t i = 0; i < m_tensors.size(); ++i)
        m_index.emplace(m_tensors[i].name, i);
}

std::vector<std::string> SafetensorsFile::names() const
{
    std::vector<std::string> out;
    out.reserve(m_index.size());
    for (const auto &entry : m_index)
        out.push_back(entry.first);
    return out;
}

const TensorView *SafetensorsFile::find(std::string_view name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

const TensorView &SafetensorsFile::at(std::string_view name) const
{
    if (const TensorView *v = find(name))
        return *v;
    throw SafetensorsError(m_path + ": has no tensor " + named(name));
}

std::vector<std::uint8_t> SafetensorsFile::copyBytes(std::string_view name) const
{
    const TensorView &v = at(name);
    return std::vector<std::uint8_t>(v.data, v.data + v.byteSize());
}

// --- Sharded checkpoints ---------------------------------------------------------------------

namespace {

bool isDirectory(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool isFile(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string parentOf(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

} // namespace

SafetensorsCheckpoint SafetensorsCheckpoint::open(const std::string &path)
{
    std::string target = path;
    if (isDirectory(path)) {
        const std::string single = path + "/model.safetensors";
        const std::string index = path + "/model.safetensors.index.json";
        if (isFile(single))
            target = single;
        else if (isFile(index))
            target = index;
        else
            throw SafetensorsError(path + ": has neither model.safetensors nor model.safetensors.index.json");
    }

    SafetensorsCheckpoint ckpt;
    ckpt.m_path = target;
    if (!endsWith(target, ".json")) {
        ckpt.m_shards.push_back(SafetensorsFile::open(target));
        for (const TensorView &v : ckpt.m_shards.front().tensors())
            ckpt.m_where.emplace(v.name, 0);
        return ckpt;
    }

    std::ifstream in(target, std::ios::binary);
    if (!in)
        throw SafetensorsError(target + ": cannot open");
    json index;
    try {
        index = json::parse(in);
    } catch (const json::exception &e) {
        throw SafetensorsError(target + ": is not valid JSON: " + e.what());
    }
    if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
        throw SafetensorsError(target + ": has no \"weight_map\" object");
    const json &map = index["weight_map"];
    if (map.empty())
        throw SafetensorsError(target + ": \"weight_map\" is empty");

    const std::string folder = parentOf(target);
    std::map<std::string, std::size_t> shardIndex;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.value().is_string())
            throw SafetensorsError(target + ": \"weight_map\" entry " + named(it.key()) + " is not a file name");
        const std::string shard = it.value().get<std::string>();
        if (shard.empty() || shard.find('/') != std::string::npos || shard == "." || shard == "..")
            throw SafetensorsError(target + ": shard name " + named(shard) + " must be a file in the same folder");
        auto found = shardIndex.find(shard);
        if (found == shardIndex.end()) {
            found = shardIndex.emplace(shard, ckpt.m_shards.size()).first;
            ckpt.m_shards.push_back(SafetensorsFile::open(folder + "/" + shard));
        }
        const SafetensorsFile &file = ckpt.m_shards[found->second];
        if (!file.find(it.key()))
            throw SafetensorsError(target + ": tensor " + named(it.key()) + " is mapped to " + shard
                                   + " but that shard does not hold it");
        ckpt.m_where.emplace(it.key(), found->second);
    }
    // A tensor present in a shard but not in the map (or in two shards) is an inconsistent export.
    for (std::size_t s = 0; s < ckpt.m_shards.size(); ++s) {
        for (const TensorView &v : ckpt.m_shards[s].tensors()) {
            const auto where = ckpt.m_where.find(v.name);
            if (where == ckpt.m_where.end())
                throw SafetensorsError(ckpt.m_shards[s].path() + ": tensor " + named(v.name) + " is not listed in "
                                       + target);
            if (where->second != s)
                throw SafetensorsError(ckpt.m_shards[s].path() + ": tensor " + named(v.name) + " is also in "
                                       + ckpt.m_shards[where->second].path());
        }
    }
    return ckpt;
}

std::vector<std::string> SafetensorsCheckpoint::names() const
{
    std::vector<std::string> out;
    for (const auto &entry : m_where)
        out.push_back(entry.first);
    return out;
}

const TensorView *SafetensorsCheckpoint::find(std::string_view name) const
{
    const auto it = m_where.find(name);
    return it == m_where.end() ? nullptr : m_shards[it->second].find(name);
}

const TensorView &SafetensorsCheckpoint::at(std::string_view name) const
{
    return shardOf(name).at(name);
}

const SafetensorsFile &SafetensorsCheckpoint::shardOf(std::string_view name) const
{
    const auto it = m_where.find(name);
    if (it == m_where.end())
        throw SafetensorsError(m_path + ": has no tensor " + named(name));
    return m_shards[it->second];
}

// --- Writer ----------------------------------------------------------------------------------

std::vector<std::uint8_t> serializeSafetensors(const std::vector<TensorBytes> &tensors,
                                               const std::map<std::string, std::string> &metadata)
{
    std::vector<const TensorBytes *> order;
    std::set<std::string> seen;
    for (const TensorBytes &t : tensors) {
        if (t.name.empty() || t.name == "__metadata__")
            throw SafetensorsError("safetensors writer: invalid tensor name " + named(t.name));
        if (!seen.insert(t.name).second)
            throw SafetensorsError("safetensors writer: tensor " + named(t.name) + " given twice");
        if (t.shape.size() > kSafetensorsMaxRank)
            throw SafetensorsError("safetensors writer: tensor " + named(t.name) + " has rank above 8");
        std::uint64_t numel = 1;
        for (std::int64_t d : t.shape) {
            if (d < 0 || mulOverflow(numel, static_cast<std::uint64_t>(d), numel))
                throw SafetensorsError("safetensors writer: tensor " + named(t.name) + " has an invalid shape");
        }
        if (numel * dtypeSize(t.dtype) != t.bytes.size())
            throw SafetensorsError("safetensors writer: tensor " + named(t.name) + " has "
                                   + std::to_string(t.bytes.size()) + " bytes, its shape needs "
                                   + std::to_string(numel * dtypeSize(t.dtype)));
        order.push_back(&t);
    }
    std::sort(order.begin(), order.end(), [](const TensorBytes *a, const TensorBytes *b) {
        const auto sa = dtypeSize(a->dtype), sb = dtypeSize(b->dtype);
        return sa != sb ? sa > sb : a->name < b->name;
    });

    json header = json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    for (const TensorBytes *t : order) {
        header[t->name] = {{"dtype", dtypeName(t->dtype)},
                           {"shape", t->shape},
                           {"data_offsets", {offset, offset + t->bytes.size()}}};
        offset += t->bytes.size();
    }
    std::string text = header.dump();
    while (text.size() % 8 != 0)
        text.push_back(' ');

    std::vector<std::uint8_t> out;
    out.reserve(8 + text.size() + offset);
    storeLe64(out, text.size());
    out.insert(out.end(), text.begin(), text.end());
    for (const TensorBytes *t : order)
        out.insert(out.end(), t->bytes.begin(), t->bytes.end());
    return out;
}

void writeSafetensors(const std::string &path, const std::vector<TensorBytes> &tensors,
                      const std::map<std::string, std::string> &metadata)
{
    const std::vector<std::uint8_t> bytes = serializeSafetensors(tensors, metadata);
    // Write beside the target and rename, so a crash never leaves a half-written checkpoint.
    const std::string tmp = path + ".partial";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw SafetensorsError(path + ": cannot create: " + std::strerror(errno));
        out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush())
            throw SafetensorsError(path + ": write failed: " + std::strerror(errno));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(tmp.c_str());
        throw SafetensorsError(path + ": cannot rename the written file into place: " + std::strerror(err));
    }
}

} // namespace optibench::engine
