#include "tests/bench/python_reference.h"
#include "engine/kernels/cpu_isa.h"
#include "engine/measure/host_allocator.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#ifndef OPTIBENCH_SOURCE_DIR
#define OPTIBENCH_SOURCE_DIR "."
#endif

namespace optibench::bench {

std::string openBlasCoreType()
{
    using optibench::engine::isa::Level;
    switch (optibench::engine::isa::cpuLevel()) {
    case Level::Avx512: return "OPENBLAS_CORETYPE=SkylakeX ";
    case Level::Avx2: return "OPENBLAS_CORETYPE=Haswell ";
    case Level::Scalar: break;
    }
    return "";
}

nlohmann::json runPythonReference(const std::string &script, const std::string &arguments, std::string &error)
{
    // Debian's interpreter carries python3-torch; a python3 earlier in PATH (pyenv) may not.
    const std::string interpreter = std::ifstream("/usr/bin/python3").good() ? "/usr/bin/python3" : "python3";
    const std::string cmd = openBlasCoreType() + optibench::engine::freedBlocksEnvironment() + " " + interpreter + " "
        + OPTIBENCH_SOURCE_DIR + "/tests/bench/" + script + " " + arguments;
    std::string out;
    if (FILE *p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        pclose(p);
    }
    try {
        const auto brace = out.rfind('{');
        if (brace == std::string::npos)
            throw std::runtime_error("no result line from " + script);
        return nlohmann::json::parse(out.substr(brace));
    } catch (const std::exception &e) {
        error = e.what();
        return nlohmann::json::object();
    }
}

} // namespace optibench::bench
