#include "app/core/environment_drift.h"
#include "app/core/spec_diff.h"

#include <algorithm>
#include <set>

namespace optibench::core {

namespace {

// Environment fields that make timings not comparable; the spec's device joins them.
const std::set<std::string> kHardFields{"cpu", "cores", "threads", "gpu"};
// Fields that describe how the run was executed, not the machine: never shown as a difference.
const std::set<std::string> kExecutionFields{"interleave"};
// Fields that describe the run or the store, not the machine: never drift.
const std::set<std::string> kIgnoredFields = [] {
    auto fields = kExecutionFields;
    fields.insert({"int8_scheme_reason", "memory_bytes"});
    return fields;
}();

std::string shown(const nlohmann::json *v)
{
    if (!v)
        return "(none)";
    return v->is_string() ? v->get<std::string>() : v->dump();
}

} // namespace

std::string Drift::describe(const std::vector<Field> &fields)
{
    std::string out;
    for (const auto &f : fields)
        out += (out.empty() ? "" : ", ") + f.path + " " + f.run + " (baseline " + f.baseline + ")";
    return out;
}

FieldDifferences environmentDifferences(const std::vector<std::string> &environments)
{
    return differingFields(environments, kExecutionFields);
}

Drift driftBetween(const std::string &environment, const std::string &spec, const std::string &baselineEnvironment,
                   const std::string &baselineSpec)
{
    Drift d;
    const auto env = differingFields({environment, baselineEnvironment}, kIgnoredFields);
    for (const auto &path : env.differing) {
        const auto top = path.substr(0, path.find('.'));
        Drift::Field f{path, shown(env.value(0, path)), shown(env.value(1, path))};
        (kHardFields.count(top) ? d.hard : d.soft).push_back(std::move(f));
    }
    const auto specs = differingFields({spec, baselineSpec}, {});
    for (const char *path : {"device"})
        if (std::find(specs.differing.begin(), specs.differing.end(), path) != specs.differing.end())
            d.hard.push_back({path, shown(specs.value(0, path)), shown(specs.value(1, path))});
    return d;
}

} // namespace optibench::core
