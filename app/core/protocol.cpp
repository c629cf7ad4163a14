#include "app/core/protocol.h"

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace optibench::core::protocol {

namespace {

template<class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template<class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// A decode failure; caught in decode() and turned into the error string.
struct DecodeError {
    std::string message;
};

const json &field(const json &j, const char *key)
{
    auto it = j.find(key);
    if (it == j.end())
        throw DecodeError{std::string("missing field \"") + key + "\""};
    return *it;
}

std::string str(const json &j, const char *key)
{
    const json &v = field(j, key);
    if (!v.is_string())
        throw DecodeError{std::string("field \"") + key + "\" must be a string, got " + v.type_name()};
    return v.get<std::string>();
}

std::int64_t integer(const json &j, const char *key)
{
    const json &v = field(j, key);
    if (!v.is_number_integer())
        throw DecodeError{std::string("field \"") + key + "\" must be an integer, got " + v.type_name()};
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        throw DecodeError{std::string("field \"") + key + "\" is out of range"};
    return v.get<std::int64_t>();
}

// Optional text fields (error, message, cuda) may be absent; they then read as empty.
std::string optionalStr(const json &j, const char *key)
{
    return j.contains(key) ? str(j, key) : std::string();
}

// The spec travels as a JSON object; a string holding JSON text is accepted as well.
std::string specText(const json &j)
{
    const json &spec = field(j, "spec");
    if (spec.is_object())
        return spec.dump();
    if (spec.is_string())
        return spec.get<std::string>();
    throw DecodeError{std::string("field \"spec\" must be an object, got ") + spec.type_name()};
}

std::vector<InterleavedRun> interleavedRuns(const json &runs)
{
    if (!runs.is_array())
        throw DecodeError{"field \"interleave_with\" must be an array of {request, spec} objects"};
    std::vector<InterleavedRun> out;
    for (const json &run : runs) {
        if (!run.is_object())
            throw DecodeError{"field \"interleave_with\" must be an array of {request, spec} objects"};
        out.push_back({str(run, "request"), specText(run)});
    }
    return out;
}

// Embeds a spec as an object when it parses, so the line stays readable JSON.
json specValue(const std::string &specJson)
{
    json spec = json::parse(specJson, nullptr, false);
    return spec.is_discarded() ? json(specJson) : spec;
}

Message decodeObject(const json &j)
{
    const std::string type = str(j, "type");
    if (type == "hello") {
        Hello m;
        m.protocol = static_cast<int>(integer(j, "protocol"));
        m.appVersion = str(j, "app_version");
        m.libtorch = str(j, "libtorch");
        m.cuda = optionalStr(j, "cuda");
        const json &devices = field(j, "devices");
        if (!devices.is_array())
            throw DecodeError{"field \"devices\" must be an array of strings"};
        for (const auto &d : devices) {
            if (!d.is_string())
                throw DecodeError{"field \"devices\" must be an array of strings"};
            m.devices.push_back(d.get<std::string>());
        }
        if (j.contains("pid"))
            m.pid = integer(j, "pid");
        m.host = optionalStr(j, "host");
        if (j.contains("environment")) {
            if (!j.at("environment").is_object())
                throw DecodeError{"field \"environment\" must be an object"};
            m.environmentJson = j.at("environment").dump();
        }
        return m;
    }
    if (type == "heartbeat")
        return Heartbeat{};
    if (type == "result") {
        const json &bundle = field(j, "bundle");
        if (!bundle.is_object())
            throw DecodeError{std::string("field \"bundle\" must be an object, got ") + bundle.type_name()};
        return Result{str(j, "request"), integer(j, "run_id"), bundle.dump()};
    }
    if (type == "run") {
        RunRequest m;
        m.request = str(j, "request");
        m.db = str(j, "db");
        m.specJson = specText(j);
        if (j.contains("interleave_with"))
            m.interleaveWith = interleavedRuns(j.at("interleave_with"));
        return m;
    }
    if (type == "cancel")
        return CancelRequest{str(j, "request")};
    if (type == "shutdown")
        return Shutdown{};
    if (type == "started")
        return Started{str(j, "request"), integer(j, "run_id")};
    if (type == "progress") {
        Progress m;
        m.request = str(j, "request");
        m.runId = integer(j, "run_id");
        m.stage = str(j, "stage");
        m.done = integer(j, "done");
        m.total = integer(j, "total");
        m.message = optionalStr(j, "message");
        return m;
    }
    if (type == "finished") {
        Finished m;
        m.request = str(j, "request");
        m.runId = integer(j, "run_id");
        m.status = str(j, "status");
        if (m.status != "done" && m.status != "failed" && m.status != "cancelled")
            throw DecodeError{"field \"status\" must be done, failed or cancelled, got \"" + m.status + "\""};
        m.error = optionalStr(j, "error");
        return m;
    }
    if (type == "error")
        return Error{optionalStr(j, "request"), str(j, "message")};
    throw DecodeError{"unknown message type \"" + type + "\""};
}

} // namespace

std::string encode(const Message &message)
{
    json j = std::visit(
        Overloaded{
            [](const Hello &m) {
                json j{{"type", "hello"},        {"protocol", m.protocol}, {"app_version", m.appVersion},
                       {"libtorch", m.libtorch}, {"cuda", m.cuda},         {"devices", m.devices},
                       {"pid", m.pid},           {"host", m.host}};
                const json env = json::parse(m.environmentJson, nullptr, false);
                if (env.is_object())
                    j["environment"] = env;
                return j;
            },
            [](const Heartbeat &) {
                return json{{"type", "heartbeat"}};
            },
            [](const Result &m) {
                json bundle = json::parse(m.bundleJson, nullptr, false);
                return json{{"type", "result"},
                            {"request", m.request},
                            {"run_id", m.runId},
                            {"bundle", bundle.is_object() ? bundle : json::object()}};
            },
            [](const RunRequest &m) {
                json j{{"type", "run"}, {"request", m.request}, {"db", m.db}, {"spec", specValue(m.specJson)}};
                if (!m.interleaveWith.empty()) {
                    json runs = json::array();
                    for (const auto &run : m.interleaveWith)
                        runs.push_back({{"request", run.request}, {"spec", specValue(run.specJson)}});
                    j["interleave_with"] = std::move(runs);
                }
                return j;
            },
            [](const CancelRequest &m) {
                return json{{"type", "cancel"}, {"request", m.request}};
            },
            [](const Shutdown &) {
                return json{{"type", "shutdown"}};
            },
            [](const Started &m) {
                return json{{"type", "started"}, {"request", m.request}, {"run_id", m.runId}};
            },
            [](const Progress &m) {
                return json{{"type", "progress"}, {"request", m.request}, {"run_id", m.runId},   {"stage", m.stage},
                            {"done", m.done},     {"total", m.total},     {"message", m.message}};
            },
            [](const Finished &m) {
                return json{{"type", "finished"},
                            {"request", m.request},
                            {"run_id", m.runId},
                            {"status", m.status},
                            {"error", m.error}};
            },
            [](const Error &m) {
                return json{{"type", "error"}, {"request", m.request}, {"message", m.message}};
            },
        },
        message);
    // Invalid UTF-8 in a message (e.g. an error text from a file name) must not throw here:
    // it is replaced, so the line always goes out.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Message> decode(const std::string &line, std::string *error)
{
    auto fail = [&](const std::string &message) -> std::optional<Message> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    std::string text = line;
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    if (!text.empty() && text.back() == '\r')
        text.pop_back();
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded())
        return fail("not valid JSON");
    if (!j.is_object())
        return fail(std::string("a message must be a JSON object, got ") + j.type_name());
    try {
        return decodeObject(j);
    } catch (const DecodeError &e) {
        return fail(e.message);
    }
}

} // namespace optibench::core::protocol
