#include "engine/text/dataset.h"
#include "engine/formats/errors.h"
#include "engine/text/demo_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace optibench::engine {

namespace {

struct RawRow {
    std::string text, pair, label;
    bool hasLabel = false;
    int line = 0;
};

[[noreturn]] void failAt(const std::string &path, int line, const std::string &problem)
{
    throw EngineError(path + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + problem);
}

std::string extensionOf(const std::string &path)
{
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos)
        return {};
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// Records of a CSV (RFC 4180: quoted fields may hold separators, doubled quotes and newlines)
// or TSV file, each with the line it starts on.
std::vector<std::pair<int, std::vector<std::string>>> readDelimited(const std::string &path, std::istream &in, char sep)
{
    std::vector<std::pair<int, std::vector<std::string>>> records;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (content.compare(0, 3, "\xEF\xBB\xBF") == 0)
        content.erase(0, 3); // byte order mark
    int line = 1, start = 1;
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, any = false, wasQuoted = false;
    auto endRecord = [&] {
        fields.push_back(field);
        if (!(fields.size() == 1 && fields[0].empty() && !wasQuoted))
            records.emplace_back(start, std::move(fields));
        fields.clear();
        field.clear();
        any = wasQuoted = false;
    };
    for (std::size_t i = 0; i < content.size(); ++i) {
        const char c = content[i];
        if (quoted) {
            if (c == '"' && i + 1 < content.size() && content[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && sep == ',' && field.empty()) {
            quoted = wasQuoted = any = true;
        } else if (c == sep) {
            fields.push_back(field);
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n')
                ++i;
            endRecord();
            start = ++line;
        } else {
            field.push_back(c);
            any = true;
        }
    }
    if (quoted)
        failAt(path, start, "a quoted field is not closed before the end of the file");
    if (any || !field.empty() || !fields.empty())
        endRecord();
    return records;
}

std::vector<RawRow> readTable(const std::string &path, std::istream &in, char sep)
{
    const auto records = readDelimited(path, in, sep);
    if (records.empty())
        failAt(path, 0, "is empty (expected a header row naming the text and label columns)");
    const auto &header = records.front().second;
    int text = -1, pair = -1, label = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string h = header[i];
        h.erase(0, h.find_first_not_of(" \t"));
        h.erase(h.find_last_not_of(" \t") + 1);
        if (h == "text" || h == "sentence")
            text = static_cast<int>(i);
        else if (h == "text_pair")
            pair = static_cast<int>(i);
        else if (h == "label")
            label = static_cast<int>(i);
    }
    if (text < 0)
        failAt(path, 1, "the header has no \"text\" column");
    std::vector<RawRow> rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto &[line, fields] = records[r];
        if (fields.size() != header.size())
            failAt(path, line,
                   "has " + std::to_string(fields.size()) + " fields, the header has " + std::to_string(header.size()));
        RawRow row;
        row.line = line;
        row.text = fields[static_cast<std::size_t>(text)];
        if (pair >= 0)
            row.pair = fields[static_cast<std::size_t>(pair)];
        if (label >= 0) {
            row.label = fields[static_cast<std::size_t>(label)];
            row.hasLabel = true;
            if (row.label.empty())
                failAt(path, line, "the label is empty");
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<RawRow> readJsonLines(const std::string &path, std::istream &in)
{
    std::vector<RawRow> rows;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        if (text.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(text);
        } catch (const nlohmann::json::exception &e) {
            failAt(path, line, std::string("is not valid JSON: ") + e.what());
        }
        if (!j.is_object())
            failAt(path, line, "is not a JSON object");
        RawRow row;
        row.line = line;
        if (!j.contains("text") || !j["text"].is_string())
            failAt(path, line, "has no string \"text\"");
        row.text = j["text"].get<std::string>();
        if (j.contains("text_pair") && !j["text_pair"].is_null()) {
            if (!j["text_pair"].is_string())
                failAt(path, line, "\"text_pair\" must be a string");
            row.pair = j["text_pair"].get<std::string>();
        }
        if (j.contains("label") && !j["label"].is_null()) {
            const auto &l = j["label"];
            if (l.is_number_integer())
                row.label = std::to_string(l.get<std::int64_t>());
            else if (l.is_string())
                row.label = l.get<std::string>();
            else
                failAt(path, line, "\"label\" must be an integer or a string");
            row.hasLabel = true;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

bool isInteger(const std::string &s)
{
    return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::vector<std::size_t> splitIndices(std::size_t n, const std::string &split, std::uint64_t seed)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    // Fisher-Yates with the generator's raw output: std::shuffle's algorithm differs between
    // standard libraries, this does not.
    std::mt19937_64 rng(seed ^ 0x5eed5eedULL);
    for (std::size_t i = n; i > 1; --i)
        std::swap(order[i - 1], order[rng() % i]);
    std::size_t evalCount = n / 10;
    if (evalCount == 0 && n >= 2)
        evalCount = 1;
    std::vector<std::size_t> out;
    if (split == "eval" || split == "validation" || split == "test")
        out.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(evalCount));
    else if (split == "train")
        out.assign(order.begin() + static_cast<std::ptrdiff_t>(evalCount), order.end());
    else
        throw EngineError("task.split: unknown split '" + split + "' (train, eval)");
    std::sort(out.begin(), out.end());
    return out;
}

TextDataset readDatasetFile(const std::string &path, const std::map<int, std::string> &id2label)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw EngineError(path + ": cannot open the dataset file");
    const auto ext = extensionOf(path);
    TextDataset ds;
    ds.name = path;
    if (ext == "txt" || ext == "text") {
        std::string text;
        for (int line = 1; std::getline(in, text); ++line) {
            if (!text.empty() && text.back() == '\r')
                text.pop_back();
            if (text.find_first_not_of(" \t") != std::string::npos)
                ds.examples.push_back({text, {}, -1, line});
        }
        if (ds.examples.empty())
            failAt(path, 0, "holds no text");
        return ds;
    }
    std::vector<RawRow> rows;
    if (ext == "csv")
        rows = readTable(path, in, ',');
    else if (ext == "tsv")
        rows = readTable(path, in, '\t');
    else if (ext == "jsonl" || ext == "ndjson")
        rows = readJsonLines(path, in);
    else
        throw EngineError(path + ": unknown dataset format '." + ext + "' (.csv, .tsv, .jsonl, .txt)");
    if (rows.empty())
        failAt(path, 0, "holds no examples");
    const bool labelled = rows.front().hasLabel;
    for (const auto &r : rows)
        if (r.hasLabel != labelled)
            failAt(path, r.line, labelled ? "has no label, earlier rows do" : "has a label, earlier rows do not");
    std::map<std::string, int> ids;
    if (labelled) {
        std::set<std::string> names;
        bool allIntegers = true;
        for (const auto &r : rows) {
            names.insert(r.label);
            allIntegers = allIntegers && isInteger(r.label);
        }
        std::map<std::string, int> modelIds;
        for (const auto &[id, name] : id2label)
            modelIds[name] = id;
        const bool modelKnowsAll = !modelIds.empty()
            && std::all_of(names.begin(), names.end(), [&](const std::string &n) { return modelIds.count(n) > 0; });
        if (allIntegers) {
            int maxId = 0;
            for (const auto &n : names)
                maxId = std::max(maxId, std::stoi(n));
            for (const auto &n : names)
                ids[n] = std::stoi(n);
            for (int i = 0; i <= maxId; ++i)
                ds.labelNames.push_back(id2label.count(i) ? id2label.at(i) : std::to_string(i));
        } else if (modelKnowsAll) {
            ids = modelIds;
            for (const auto &[id, name] : id2label)
                ds.labelNames.push_back(name);
        } else {
            for (const auto &n : names) {
                ids[n] = static_cast<int>(ds.labelNames.size());
                ds.labelNames.push_back(n);
            }
        }
    }
    for (auto &r : rows) {
        if (r.text.empty())
            failAt(path, r.line, "the text is empty");
        ds.examples.push_back({std::move(r.text), std::move(r.pair), labelled ? ids.at(r.label) : -1, r.line});
    }
    return ds;
}

TextDataset loadDataset(const std::string &name, const std::string &split, std::uint64_t seed,
                        const std::map<int, std::string> &id2label)
{
    if (name == demo::kDatasetName) {
        std::vector<demo::TextExample> examples;
        try {
            examples = demo::reviews(split);
        } catch (const std::invalid_argument &e) {
            throw EngineError(std::string("task.split: ") + e.what());
        }
        TextDataset ds;
        ds.name = name;
        ds.labelNames = {"negative", "positive"};
        for (auto &ex : examples)
            ds.examples.push_back({std::move(ex.text), {}, ex.label, 0});
        return ds;
    }
    if (name.rfind("demo:", 0) == 0)
        throw EngineError("task.dataset: '" + name + "' is not available (built-in: " + demo::kDatasetName + ")");
    auto all = readDatasetFile(name, id2label);
    TextDataset ds;
    ds.name = all.name;
    ds.labelNames = all.labelNames;
    for (auto i : splitIndices(all.examples.size(), split, seed))
        ds.examples.push_back(std::move(all.examples[i]));
    if (ds.examples.empty())
        throw EngineError(name + ": split '" + split + "' is empty (the file has " + std::to_string(all.examples.size())
                          + " examples)");
    return ds;
}

} // namespace optibench::engine
