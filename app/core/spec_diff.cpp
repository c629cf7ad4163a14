#include "app/core/spec_diff.h"

namespace optibench::core {

namespace {

using nlohmann::json;

void flatten(const json &j, const std::string &prefix, std::map<std::string, json> &out)
{
    if (j.is_object() && !j.empty()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
        return;
    }
    if (!prefix.empty())
        out[prefix] = j;
}

} // namespace

const json *FieldDifferences::value(std::size_t run, const std::string &path) const
{
    const auto &leaves = perRun.at(run);
    const auto it = leaves.find(path);
    return it == leaves.end() ? nullptr : &it->second;
}

FieldDifferences differingFields(const std::vector<std::string> &documents, const std::set<std::string> &ignored)
{
    FieldDifferences d;
    std::set<std::string> paths;
    for (const auto &text : documents) {
        std::map<std::string, json> flat;
        const json doc = json::parse(text, nullptr, false);
        if (!doc.is_discarded())
            flatten(doc, "", flat);
        for (const auto &path : ignored) // the field and everything under it
            for (auto it = flat.lower_bound(path); it != flat.end() && it->first.rfind(path, 0) == 0;)
                it = it->first.size() == path.size() || it->first[path.size()] == '.' ? flat.erase(it) : std::next(it);
        for (const auto &[path, value] : flat)
            paths.insert(path);
        d.perRun.push_back(std::move(flat));
    }
    for (const auto &path : paths) {
        const json *first = d.value(0, path);
        for (std::size_t run = 1; run < d.perRun.size(); ++run) {
            const json *v = d.value(run, path);
            if ((v == nullptr) != (first == nullptr) || (v && *v != *first)) {
                d.differing.push_back(path);
                break;
            }
        }
    }
    return d;
}

} // namespace optibench::core
