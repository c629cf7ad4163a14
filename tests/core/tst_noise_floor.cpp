// The noise floors calibrate stores: measured from A/A pairs, kept per machine and model in a
// real SQLite file, and raising a verdict's threshold only where they exceed it.
#include "app/core/noise_floor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace optibench::core {
namespace {

RunFigures figures(double latencyMs, double throughput)
{
    RunFigures f;
    f.metrics["latency_mean_ms"] = latencyMs;
    f.metrics["throughput_seq_s"] = throughput;
    f.metrics["model_bytes"] = 4e6; // exact: no floor
    return f;
}

TEST(NoiseFloor, TheLargestSpreadOfThePairsPerTimedMetric)
{
    const auto floors =
        measureNoiseFloors({{figures(10, 100), figures(10.3, 98)}, {figures(10, 100), figures(9.6, 101)}});
    ASSERT_EQ(floors.size(), 2u);
    EXPECT_NEAR(floors.at("latency_mean_ms"), 0.04, 1e-12);
    EXPECT_NEAR(floors.at("throughput_seq_s"), 0.02, 1e-12);
    EXPECT_FALSE(floors.count("model_bytes"));
}

TEST(NoiseFloor, KeptPerMachineAndModelAndRaisingOnlyWhereLarger)
{
    const auto path = std::filesystem::temp_directory_path() / ("optibench-floor-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    {
        Store store((path / "runs.sqlite").string());
        const std::string env = R"({"cpu": "AMD EPYC 7B13", "cores": 2, "threads": 2, "gpu": ""})";
        const std::string spec = R"({"device": "cpu", "model": {"path": "demo:tiny-bert"}})";
        const auto machine = machineKey(env, spec);
        EXPECT_EQ(machine, "AMD EPYC 7B13 | 2 cores | 2 threads |  | cpu");
        EXPECT_EQ(machineDescription(machine), "AMD EPYC 7B13, 2 cores, 2 threads, cpu");
        EXPECT_EQ(modelKey(spec), "demo:tiny-bert");
        saveNoiseFloors(store, machine, "demo:tiny-bert", {{"latency_mean_ms", 0.05}, {"throughput_seq_s", 0.01}}, 3,
                        {1, 2, 3, 4, 5, 6});
        // Calibrating again replaces the floors.
        saveNoiseFloors(store, machine, "demo:tiny-bert", {{"latency_mean_ms", 0.06}, {"throughput_seq_s", 0.01}}, 3,
                        {7, 8, 9, 10, 11, 12});
        const auto floors = noiseFloors(store, machine, "demo:tiny-bert");
        ASSERT_EQ(floors.size(), 2u);
        EXPECT_DOUBLE_EQ(floors.at("latency_mean_ms").floor, 0.06);
        EXPECT_EQ(floors.at("latency_mean_ms").runIds, "7,8,9,10,11,12");
        EXPECT_EQ(floors.at("latency_mean_ms").pairs, 3);
        EXPECT_TRUE(noiseFloors(store, machine, "other-model").empty());

        RunFigures base;
        base.environmentJson = env;
        base.specJson = spec;
        const auto t = thresholdsFor(store, base, 0.02);
        EXPECT_DOUBLE_EQ(t.of("latency_mean_ms"), 0.06);
        EXPECT_DOUBLE_EQ(t.of("throughput_seq_s"), 0.02) << "a floor under the threshold leaves it";
        EXPECT_DOUBLE_EQ(t.of("model_bytes"), 0.02);
        base.environmentJson = R"({"cpu": "AMD EPYC 7B13", "cores": 2, "threads": 1, "gpu": ""})";
        EXPECT_TRUE(thresholdsFor(store, base, 0.02).floors.empty()) << "another thread count is another machine";
    }
    std::filesystem::remove_all(path);
}

} // namespace
} // namespace optibench::core
