// The engine's allocator settings: activation-sized blocks stay in the heap between forwards
// (no page faults for the next one), and a run's end gives them back to the kernel.
#include "engine/measure/host_allocator.h"
#include "engine/measure/metrics.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace optibench::engine;

namespace {

constexpr std::size_t kBlock = 8 * 1024 * 1024; // a BERT-base layer's activation size class
constexpr int kBlocks = 24;                     // 192 MiB in all

volatile unsigned char g_sink; // keeps the compiler from eliding the blocks

// Allocates and touches kBlocks blocks, then frees them.
void churn()
{
    std::vector<void *> blocks;
    for (int i = 0; i < kBlocks; ++i) {
        void *p = std::malloc(kBlock);
        ASSERT_NE(p, nullptr);
        std::memset(p, 1, kBlock);
        g_sink = static_cast<volatile unsigned char *>(p)[kBlock - 1];
        blocks.push_back(p);
    }
    for (void *p : blocks)
        std::free(p);
}

} // namespace

TEST(HostAllocator, FreedBlocksStayForReuseUntilReleased)
{
#if !defined(__GLIBC__)
    GTEST_SKIP() << "the settings are glibc's";
#endif
    keepFreedBlocksForReuse();
    keepFreedBlocksForReuse(); // idempotent
    const std::int64_t before = currentRssBytes();
    ASSERT_GT(before, 0) << "no /proc/self/statm";
    churn();
    const std::int64_t held = currentRssBytes();
    // The freed 192 MiB stay resident: the next forward finds them without faulting.
    EXPECT_GT(held - before, 150LL * 1024 * 1024);
    churn(); // reuses the same pages: resident memory does not grow again
    EXPECT_LT(currentRssBytes() - held, 32LL * 1024 * 1024);
    releaseFreedBlocks();
    // Trimmed: resident memory is back near where it started.
    EXPECT_LT(currentRssBytes() - before, 32LL * 1024 * 1024);
}
