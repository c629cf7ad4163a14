#include "app/core/sweep.h"

#include <functional>

namespace optibench::core {

namespace {

// Splits at `sep` outside JSON objects, arrays and strings, so that a grid value may be an
// object: pruning={"method":"none"},{"method":"neurons","amount":0.3}.
std::vector<std::string> split(const std::string &text, char sep)
{
    std::vector<std::string> parts(1);
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '\\' && i + 1 < text.size()) {
            parts.back() += {c, text[++i]};
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '{' || c == '['))
            ++depth;
        else if (!quoted && (c == '}' || c == ']'))
            --depth;
        if (c == sep && depth == 0 && !quoted)
            parts.emplace_back();
        else
            parts.back() += c;
    }
    return parts;
}

std::string trim(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Every node path of the spec with all defaults filled ("task", "task.batch_size", ...).
std::vector<std::string> specNodePaths()
{
    std::vector<std::string> paths;
    std::function<void(const nlohmann::json &, const std::string &)> walk = [&](const nlohmann::json &j,
                                                                                const std::string &prefix) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
            paths.push_back(path);
            if (it.value().is_object())
                walk(it.value(), path);
        }
    };
    walk(toJson(ExperimentSpec{}), "");
    return paths;
}

std::string valueText(const nlohmann::json &v)
{
    return v.is_string() ? v.get<std::string>() : v.dump();
}

} // namespace

std::string resolveSpecPath(const std::string &key)
{
    if (key.empty())
        throw SpecError("", "an empty sweep key");
    const std::string first = key.substr(0, key.find('.'));
    const std::string rest = key.substr(first.size());
    const nlohmann::json defaults = toJson(ExperimentSpec{});
    if (defaults.contains(first))
        return key;
    std::vector<std::string> matches;
    for (const auto &path : specNodePaths()) {
        if (path.size() > first.size() && path.compare(path.size() - first.size(), first.size(), first) == 0
            && path[path.size() - first.size() - 1] == '.')
            matches.push_back(path);
    }
    if (matches.empty())
        throw SpecError(key, "no such field in the spec");
    if (matches.size() > 1) {
        std::string choices;
        for (const auto &m : matches)
            choices += (choices.empty() ? "" : " or ") + m + rest;
        throw SpecError(key, "ambiguous: " + choices);
    }
    return matches.front() + rest;
}

std::vector<SweepAxis> parseSweepGrid(const std::string &grid)
{
    std::vector<SweepAxis> axes;
    for (const auto &part : split(grid, ';')) {
        const std::string p = trim(part);
        if (p.empty())
            continue;
        const auto eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
            throw SpecError("", "grid: '" + p + "' is not KEY=VALUE,VALUE...");
        SweepAxis axis;
        axis.key = trim(p.substr(0, eq));
        axis.path = resolveSpecPath(axis.key);
        for (const auto &value : split(p.substr(eq + 1), ',')) {
            const std::string v = trim(value);
            if (v.empty())
                throw SpecError(axis.key, "grid: an empty value");
            auto j = nlohmann::json::parse(v, nullptr, false);
            axis.values.push_back(j.is_discarded() ? nlohmann::json(v) : std::move(j));
        }
        for (const auto &other : axes)
            if (other.path == axis.path)
                throw SpecError(axis.key, "grid: the key appears twice");
        axes.push_back(std::move(axis));
    }
    if (axes.empty())
        throw SpecError("", "grid: no KEY=VALUES given");
    return axes;
}

void setSpecPath(nlohmann::json &spec, const std::string &path, const nlohmann::json &value)
{
    nlohmann::json *node = &spec;
    const auto parts = split(path, '.');
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        if (!node->is_object())
            *node = nlohmann::json::object();
        node = &(*node)[parts[i]];
    }
    if (!node->is_object())
        *node = nlohmann::json::object();
    (*node)[parts.back()] = value;
}

std::vector<SweepCombination> expandSweep(const nlohmann::json &baseSpec, const std::vector<SweepAxis> &axes)
{
    std::size_t total = 1;
    for (const auto &a : axes)
        total *= a.values.size();
    std::vector<SweepCombination> out;
    out.reserve(total);
    std::vector<std::size_t> index(axes.size(), 0);
    for (std::size_t n = 0; n < total; ++n) {
        SweepCombination c;
        c.specJson = baseSpec;
        for (std::size_t a = 0; a < axes.size(); ++a) {
            const auto &v = axes[a].values[index[a]];
            setSpecPath(c.specJson, axes[a].path, v);
            c.label += (a == 0 ? "" : " ") + axes[a].key + "=" + valueText(v);
        }
        try {
            c.spec = parseSpec(c.specJson);
            validateCombination(c.spec);
            c.valid = true;
        } catch (const SpecError &e) {
            c.error = e.what();
        }
        out.push_back(std::move(c));
        // Odometer: the last axis varies fastest.
        for (std::size_t a = axes.size(); a-- > 0;) {
            if (++index[a] < axes[a].values.size())
                break;
            index[a] = 0;
        }
    }
    return out;
}

std::string sweepRunName(const std::string &baseName, const std::string &label)
{
    return baseName.empty() ? label : baseName + " (" + label + ")";
}

} // namespace optibench::core
