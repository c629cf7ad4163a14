#include "engine/measure/host_allocator.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace optibench::engine {

namespace {
// 32 MiB is the largest mmap threshold glibc accepts on 64-bit (half its 64 MiB arena heap); a
// BERT-base layer's largest block at batch 8 x 128 is 12.6 MiB.
constexpr int kMmapThreshold = 32 * 1024 * 1024;
// Do not shrink the heap when its top is free; releaseFreedBlocks() does it per run.
constexpr int kTrimThreshold = 1024 * 1024 * 1024;
// Grow the heap in steps of 64 MiB rather than per request.
constexpr int kTopPad = 64 * 1024 * 1024;
} // namespace

void keepFreedBlocksForReuse()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
        mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
        mallopt(M_TOP_PAD, kTopPad);
    });
#endif
}

void releaseFreedBlocks()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

std::string freedBlocksEnvironment()
{
    return "MALLOC_MMAP_THRESHOLD_=" + std::to_string(kMmapThreshold)
        + " MALLOC_TRIM_THRESHOLD_=" + std::to_string(kTrimThreshold) + " MALLOC_TOP_PAD_=" + std::to_string(kTopPad);
}

} // namespace optibench::engine
