// libFuzzer target: the safetensors reader on arbitrary bytes. Any input must either parse into
// a consistent set of tensor views or throw SafetensorsError; never crash or read out of bounds.
#include "engine/formats/safetensors.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace optibench::engine;
    try {
        const SafetensorsFile file = SafetensorsFile::parse(data, size, "fuzz.safetensors");
        std::uint64_t covered = 0;
        for (const TensorView &v : file.tensors()) {
            // Touch every byte so that ASan sees any view that leaves the buffer.
            std::uint8_t sum = 0;
            for (std::uint64_t i = 0; i < v.byteSize(); ++i)
                sum = static_cast<std::uint8_t>(sum + v.data[i]);
            (void)sum;
            if (static_cast<std::uint64_t>(v.numel()) * dtypeSize(v.dtype) != v.byteSize())
                std::abort();
            covered += v.byteSize();
            if (file.find(v.name) != &v)
                std::abort();
        }
        if (covered + 8 + file.headerBytes() != size)
            std::abort();
    } catch (const SafetensorsError &) {}
    return 0;
}
