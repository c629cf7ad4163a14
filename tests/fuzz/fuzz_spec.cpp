// libFuzzer target: the experiment spec parser on arbitrary bytes. Beyond not crashing: a spec
// that parses is written back with defaults filled, and that text parses again to the same JSON
// (a stored run must re-read as what it ran). Only SpecError may escape the parser.
#include "app/core/spec.h"

#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace optibench::core;
    const std::string text(reinterpret_cast<const char *>(data), size);
    ExperimentSpec spec;
    try {
        spec = parseSpecText(text);
    } catch (const SpecError &) {
        return 0;
    }
    const nlohmann::json filled = toJson(spec);
    ExperimentSpec again;
    try {
        again = parseSpecText(filled.dump());
    } catch (const SpecError &) {
        std::abort(); // the filled spec of a valid spec must be valid
    }
    if (toJson(again) != filled)
        std::abort();
    (void)describeToggles(spec);
    return 0;
}
