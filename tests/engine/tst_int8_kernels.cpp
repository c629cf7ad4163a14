// The int8 row kernels (engine/kernels/int8_kernels.h): every ISA path this CPU can run gives the plain
// loop's bytes, parameters and floats bit for bit, on tails of every length, rows of one sign,
// zero rows, NaN, infinities and both activation ranges (255 and the 7-bit 127).
#include "engine/kernels/cpu_isa.h"
#include "engine/kernels/int8_kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace optibench::engine;

namespace {

// The levels this CPU can run, the plain loop first.
std::vector<isa::Level> runnableLevels()
{
    std::vector<isa::Level> levels;
    for (isa::Level l : {isa::Level::Scalar, isa::Level::Avx2, isa::Level::Avx512}) {
        if (l <= isa::cpuLevel())
            levels.push_back(l);
    }
    return levels;
}

// Rows of width K that reach every branch: random, all positive, all negative, zero, one
// value, NaN and infinities, a huge range and denormals.
std::vector<float> hostileRows(std::int64_t K, int rows, std::mt19937 &rng)
{
    std::normal_distribution<float> normal;
    std::vector<float> x(static_cast<std::size_t>(rows * K));
    for (auto &v : x)
        v = normal(rng) * 4.0f;
    auto row = [&](int r) { return x.data() + r * K; };
    for (std::int64_t k = 0; k < K; ++k) {
        row(1)[k] = std::abs(row(1)[k]);
        row(2)[k] = -std::abs(row(2)[k]);
        row(3)[k] = 0.0f;
        row(4)[k] = 0.75f;
        row(7)[k] = std::numeric_limits<float>::denorm_min() * static_cast<float>(k);
    }
    row(5)[0] = std::numeric_limits<float>::quiet_NaN();
    row(5)[K - 1] = std::numeric_limits<float>::infinity();
    row(6)[K / 2] = -std::numeric_limits<float>::infinity();
    row(8)[0] = 3e38f;
    row(8)[K - 1] = -3e38f;
    row(9)[K - 1] = std::numeric_limits<float>::quiet_NaN();
    return x;
}

constexpr int kRows = 10;

} // namespace

TEST(Int8Kernels, EveryPathQuantizesAsThePlainLoop)
{
    std::mt19937 rng(1);
    for (std::int64_t K = 1; K <= 70; ++K) {
        const auto x = hostileRows(K, kRows, rng);
        for (int qmax : {255, 127}) {
            std::vector<std::uint8_t> want(x.size());
            std::vector<qkernels::RowQuant> wantParams(kRows);
            qkernels::quantizeRowsAt(isa::Level::Scalar, x.data(), K, 0, kRows, qmax, want.data(), wantParams.data());
            for (std::uint8_t q : want)
                ASSERT_LE(q, qmax);
            for (isa::Level level : runnableLevels()) {
                std::vector<std::uint8_t> got(x.size());
                std::vector<qkernels::RowQuant> params(kRows);
                qkernels::quantizeRowsAt(level, x.data(), K, 0, kRows, qmax, got.data(), params.data());
                EXPECT_EQ(got, want) << isa::name(level) << " K=" << K << " qmax=" << qmax;
                for (int r = 0; r < kRows; ++r) {
                    EXPECT_EQ(std::memcmp(&params[r].scale, &wantParams[r].scale, sizeof(float)), 0)
                        << isa::name(level) << " K=" << K << " row " << r;
                    EXPECT_EQ(params[r].zeroPoint, wantParams[r].zeroPoint) << isa::name(level) << " K=" << K;
                }
            }
        }
    }
}

TEST(Int8Kernels, EveryPathDequantizesAsThePlainLoop)
{
    std::mt19937 rng(2);
    std::normal_distribution<float> normal;
    for (std::int64_t N = 1; N <= 70; ++N) {
        std::vector<qkernels::RowQuant> params(kRows);
        for (int r = 0; r < kRows; ++r)
            params[r] = {std::abs(normal(rng)) * 0.01f, static_cast<std::int32_t>(rng() % 256)};
        std::vector<std::int32_t> colSum(static_cast<std::size_t>(N));
        std::vector<float> colScale(colSum.size()), bias(colSum.size()), acc(static_cast<std::size_t>(kRows * N));
        for (std::size_t n = 0; n < colSum.size(); ++n) {
            colSum[n] = static_cast<std::int32_t>(rng() % 40000) - 20000;
            colScale[n] = std::abs(normal(rng)) * 1e-3f;
            bias[n] = normal(rng);
        }
        for (auto &slot : acc) { // int32 products in the float buffer, as the GEMM leaves them
            const auto v = static_cast<std::int32_t>(rng() % 4000000) - 2000000;
            std::memcpy(&slot, &v, sizeof v);
        }
        for (const float *b : {static_cast<const float *>(bias.data()), static_cast<const float *>(nullptr)}) {
            auto want = acc;
            qkernels::dequantizeRowsAt(isa::Level::Scalar, want.data(), N, 0, kRows, params.data(), colScale.data(),
                                       colSum.data(), b);
            for (isa::Level level : runnableLevels()) {
                auto got = acc;
                qkernels::dequantizeRowsAt(level, got.data(), N, 0, kRows, params.data(), colScale.data(),
                                           colSum.data(), b);
                EXPECT_EQ(std::memcmp(got.data(), want.data(), got.size() * sizeof(float)), 0)
                    << isa::name(level) << " N=" << N << (b ? " with bias" : " without bias");
            }
        }
    }
}

TEST(Int8Kernels, RowsOutsideTheRangeAreLeftAlone)
{
    // Rows [2, 4) of 6: the others keep their bytes and parameters.
    const std::int64_t K = 37;
    std::mt19937 rng(3);
    const auto x = hostileRows(K, 6, rng);
    for (isa::Level level : runnableLevels()) {
        std::vector<std::uint8_t> q(x.size(), 0xAB);
        std::vector<qkernels::RowQuant> params(6, {-1.0f, -1});
        qkernels::quantizeRowsAt(level, x.data(), K, 2, 4, 255, q.data(), params.data());
        for (std::int64_t i = 0; i < 2 * K; ++i)
            EXPECT_EQ(q[i], 0xAB) << isa::name(level);
        for (std::int64_t i = 4 * K; i < 6 * K; ++i)
            EXPECT_EQ(q[i], 0xAB) << isa::name(level);
        EXPECT_EQ(params[1].zeroPoint, -1);
        EXPECT_EQ(params[4].zeroPoint, -1);
        EXPECT_GT(params[2].scale, 0.0f);
    }
}

TEST(Int8Kernels, SevenBitRowsMapTheirRangeOnto127)
{
    const float row[4] = {-1.0f, 0.0f, 0.5f, 3.0f};
    std::uint8_t q[4];
    qkernels::RowQuant p;
    qkernels::quantizeRows(row, 4, 0, 1, 127, q, &p);
    EXPECT_FLOAT_EQ(p.scale, 4.0f / 127.0f);
    EXPECT_EQ(p.zeroPoint, 32); // round(1 / (4 / 127)) = round(31.75)
    EXPECT_EQ(q[0], 0);
    EXPECT_EQ(q[1], 32);
    EXPECT_EQ(q[3], 127);
}

TEST(Int8Kernels, TheCapDecidesTheDispatchedLevel)
{
    // OPTIBENCH_MAX_ISA is read once; the per-ISA variants of this test (label "isa") set it.
    const auto cap = isa::cap();
    EXPECT_LE(isa::kernelLevel(), isa::cpuLevel());
    if (cap) {
        EXPECT_LE(isa::kernelLevel(), *cap);
    } else {
        EXPECT_EQ(isa::kernelLevel(), isa::cpuLevel());
    }
    EXPECT_EQ(isa::parse("avx2"), isa::Level::Avx2);
    EXPECT_EQ(isa::parse("scalar"), isa::Level::Scalar);
    EXPECT_FALSE(isa::parse("sse2").has_value());
    std::printf("CPU level %s, kernels run %s\n", isa::name(isa::cpuLevel()), isa::name(isa::kernelLevel()));
}
