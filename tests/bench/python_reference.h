#pragma once
// Running a PyTorch eager reference script (tests/bench/*.py, Debian's python3-torch) from a
// benchmark program, with the settings that make the comparison fair.
#include <nlohmann/json.hpp>

#include <string>

namespace optibench::bench {

// The OpenBLAS kernel family for eager's matrix products: OpenBLAS misdetects some virtual
// CPUs as older ones, so name the family this CPU runs (SkylakeX needs AVX-512, Haswell AVX2
// and FMA); on anything else leave OpenBLAS to detect it. "" or "OPENBLAS_CORETYPE=... ".
std::string openBlasCoreType();

// Runs tests/bench/<script> with `arguments` and returns the last JSON object it printed; on
// failure an empty object, with the reason in `error`. The script gets OpenBLAS's family and
// the engine's malloc settings (engine/measure/host_allocator.h), which spare it the same page
// faults.
nlohmann::json runPythonReference(const std::string &script, const std::string &arguments, std::string &error);

} // namespace optibench::bench
