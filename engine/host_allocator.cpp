#include "engine/host_allocator.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace optibench::engine {

void keepFreedBlocksForReuse()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        // 32 MiB is the largest mmap threshold glibc accepts on 64-bit (half its 64 MiB arena
        // heap); a BERT-base layer's largest block at batch 8 x 128 is 12.6 MiB.
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        // Do not shrink the heap when its top is free; releaseFreedBlocks() does it per run.
        mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
        // Grow the heap in steps of 64 MiB rather than per request.
        mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    });
#endif
}

void releaseFreedBlocks()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace optibench::engine
