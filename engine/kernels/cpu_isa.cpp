#include "engine/kernels/cpu_isa.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace optibench::engine::isa {

Level cpuLevel()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const Level level = [] {
        __builtin_cpu_init();
        const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        if (avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw"))
            return Level::Avx512;
        if (avx2)
            return Level::Avx2;
        return Level::Scalar;
    }();
    return level;
#else
    return Level::Scalar;
#endif
}

const char *name(Level level)
{
    switch (level) {
    case Level::Avx512: return "avx512";
    case Level::Avx2: return "avx2";
    case Level::Scalar: break;
    }
    return "scalar";
}

std::optional<Level> parse(std::string_view text)
{
    for (Level l : {Level::Scalar, Level::Avx2, Level::Avx512}) {
        if (text == name(l))
            return l;
    }
    return std::nullopt;
}

std::optional<Level> cap()
{
    static const std::optional<Level> limit = []() -> std::optional<Level> {
        const char *value = std::getenv(kCapVariable);
        if (!value || !*value)
            return std::nullopt;
        if (auto l = parse(value))
            return l;
        std::fprintf(stderr, "%s=%s is not a level (scalar, avx2, avx512): ignored\n", kCapVariable, value);
        return std::nullopt;
    }();
    return limit;
}

Level kernelLevel()
{
    const Level cpu = cpuLevel();
    const auto limit = cap();
    return limit ? std::min(cpu, *limit) : cpu;
}

} // namespace optibench::engine::isa
