#pragma once
// SHA-256 (FIPS 180-4) of byte streams and files, for the model store's content hash. Plain
// C++, no LibTorch.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace optibench::engine {

class Sha256 {
public:
    Sha256();
    void update(const void *data, std::size_t size);
    std::string hexDigest(); // finishes the hash; lower-case hex of 32 bytes

private:
    void block(const std::uint8_t *p);
    std::uint32_t m_h[8];
    std::uint8_t m_buffer[64];
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;
};

std::string sha256Hex(const std::string &bytes);
// Hash of a file's bytes; throws EngineError naming the file when it cannot be read.
std::string sha256File(const std::string &path);
// Hash of several files, as the hash of their hashes in the given order (a sharded checkpoint);
// one file: that file's hash.
std::string sha256Files(const std::vector<std::string> &paths);

} // namespace optibench::engine
