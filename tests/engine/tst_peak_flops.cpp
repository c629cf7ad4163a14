// The GEMM peak probe records the load it ran under: a probe beside a busy process is flagged,
// a cached busy peak is measured again before it is used, a quiet one is trusted.
#include "engine/measure/peak_flops.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace optibench::engine;

namespace {

class PeakFlopsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() / ("optibench-peak-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        ::setenv("XDG_CACHE_HOME", m_dir.c_str(), 1);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    // The cache with its one entry's fields replaced (after a probe has written it).
    void rewriteEntry(double flops, bool busy)
    {
        nlohmann::json cache;
        std::ifstream(peakFlopsCachePath()) >> cache;
        ASSERT_EQ(cache.size(), 1u);
        auto &e = cache.begin().value();
        e["value"] = flops;
        e["busy"] = busy;
        std::ofstream(peakFlopsCachePath()) << cache.dump();
    }

    std::filesystem::path m_dir;
};

} // namespace

TEST_F(PeakFlopsTest, AProbeBesideABusyProcessIsFlaggedAndMeasuredAgain)
{
    const pid_t spinner = ::fork();
    ASSERT_GE(spinner, 0);
    if (spinner == 0) {
        ::alarm(30); // gone even if the test dies before it kills it
        for (volatile unsigned long i = 0;; i = i + 1) {}
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto busy = measuredPeakFlops(1);
    ::kill(spinner, SIGKILL);
    ::waitpid(spinner, nullptr, 0);
    EXPECT_TRUE(busy.busy) << "other processes used " << busy.otherCpu << " cores";
    EXPECT_GE(busy.otherCpu, 0.35);
    EXPECT_NE(busy.busyReason.find("other processes"), std::string::npos) << busy.busyReason;
    EXPECT_GT(busy.flops, 1e8);

    // A busy entry is not trusted: the next run measures again (a real rate, not the 1 FLOP/s
    // written here) ...
    rewriteEntry(1, true);
    EXPECT_GT(measuredPeakFlops(1).flops, 1e8);
    // ... and a quiet one is.
    rewriteEntry(1, false);
    EXPECT_EQ(measuredPeakFlops(1).flops, 1);
}
