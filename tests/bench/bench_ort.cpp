#include "tests/bench/bench_ort.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include <sys/wait.h>

#ifndef OPTIBENCH_SOURCE_DIR
#define OPTIBENCH_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace optibench::bench {

namespace {

const std::string kOrtDir = std::string(OPTIBENCH_SOURCE_DIR) + "/tests/bench/ort";
constexpr const char *kInstallHint = "run scripts/deps-debian.sh bench";

// A single-quoted shell word.
std::string quote(const std::string &s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs `cmd` through the shell; returns its stdout and stderr together, and its exit status
// (127 when the shell could not find the program, -1 when it could not be started).
std::string run(const std::string &cmd, int &status)
{
    std::string out;
    status = -1;
    FILE *p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p)
        return out;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p))
        out += buf;
    const int rc = pclose(p);
    status = rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
    return out;
}

// The last line of `out` that parses as a JSON object; a discarded value when there is none.
nlohmann::json lastJsonLine(const std::string &out)
{
    std::istringstream lines(out);
    std::string line;
    nlohmann::json last(nlohmann::json::value_t::discarded);
    while (std::getline(lines, line)) {
        if (line.empty() || line.front() != '{')
            continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded() && j.is_object())
            last = std::move(j);
    }
    return last;
}

// The last non-empty line of `out`, for an error message.
std::string lastLine(const std::string &out)
{
    const auto end = out.find_last_not_of("\r\n ");
    if (end == std::string::npos)
        return "no output";
    const auto begin = out.rfind('\n', end);
    return out.substr(begin == std::string::npos ? 0 : begin + 1,
                      end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

std::string shapeArguments(const OrtShape &s)
{
    return "--layers " + std::to_string(s.layers) + " --hidden " + std::to_string(s.hidden) + " --heads "
        + std::to_string(s.heads) + " --intermediate " + std::to_string(s.intermediate) + " --batch "
        + std::to_string(s.batch) + " --seq " + std::to_string(s.seq);
}

std::string readFile(const fs::path &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The two files are there for this shape and newer than the script that writes them.
bool upToDate(const fs::path &dir, const std::string &stamp)
{
    std::error_code ec;
    const fs::path script = kOrtDir + "/export_bert.py";
    for (const char *name : {"bert_fp32.onnx", "bert_int8.onnx"}) {
        const auto made = fs::last_write_time(dir / name, ec);
        if (ec)
            return false;
        const auto changed = fs::last_write_time(script, ec);
        if (ec || made < changed)
            return false;
    }
    return readFile(dir / "bert_shape.txt") == stamp;
}

} // namespace

OrtModels prepareOrtModels(const std::string &dir, const OrtShape &shape)
{
    OrtModels models;
    try {
        const fs::path folder(dir);
        models.fp32 = (folder / "bert_fp32.onnx").string();
        models.int8 = (folder / "bert_int8.onnx").string();
        const std::string arguments = shapeArguments(shape);
        if (upToDate(folder, arguments))
            return models;
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec) {
            models.error = "cannot create " + dir + ": " + ec.message();
            return models;
        }
        fs::remove(folder / "bert_shape.txt", ec);
        // Debian's interpreter carries python3-torch and python3-onnx; a python3 earlier in PATH may not.
        const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        int status = 0;
        const std::string out =
            run(python + " " + quote(kOrtDir + "/export_bert.py") + " --out " + quote(dir) + " " + arguments, status);
        if (status == 0 && fs::exists(models.fp32) && fs::exists(models.int8)) {
            std::ofstream(folder / "bert_shape.txt") << arguments;
            return models;
        }
        if (out.find("No module named 'onnx'") != std::string::npos)
            models.error = std::string("python3-onnx not installed: ") + kInstallHint;
        else if (out.find("No module named 'torch'") != std::string::npos)
            models.error = std::string("python3-torch not installed: ") + kInstallHint;
        else if (status == 127 || status == -1)
            models.error = python + " not found: " + kInstallHint;
        else
            models.error = "export_bert.py failed (exit " + std::to_string(status) + "): " + lastLine(out);
    } catch (const std::exception &e) {
        models.error = std::string("export_bert.py: ") + e.what();
    }
    return models;
}

OrtTiming timeOrt(const std::string &model, int threads, int warmup, int iterations, const std::string &compareWith)
{
    OrtTiming t;
    try {
        if (!fs::exists(kOrtDir + "/node_modules/onnxruntime-node/package.json")) {
            t.error = std::string("onnxruntime-node not installed: ") + kInstallHint;
            return t;
        }
        std::string cmd = "node " + quote(kOrtDir + "/time_ort.mjs") + " --model " + quote(model) + " --threads "
            + std::to_string(threads) + " --warmup " + std::to_string(warmup) + " --iterations "
            + std::to_string(iterations);
        if (!compareWith.empty())
            cmd += " --compare " + quote(compareWith);
        int status = 0;
        const std::string out = run(cmd, status);
        if (status == 127 || status == -1) {
            t.error = std::string("node not found: ") + kInstallHint;
            return t;
        }
        const auto j = lastJsonLine(out);
        if (j.is_discarded()) {
            t.error = "time_ort.mjs gave no result (exit " + std::to_string(status) + "): " + lastLine(out);
            return t;
        }
        if (j.contains("error")) {
            t.error = j["error"].is_string() ? j["error"].get<std::string>() : j["error"].dump();
            return t;
        }
        if (j.contains("ort") && j["ort"].is_string())
            t.version = j["ort"].get<std::string>();
        if (j.contains("median_ms") && j["median_ms"].is_number())
            t.medianMs = j["median_ms"].get<double>();
        else
            t.error = "time_ort.mjs: no median_ms in " + lastLine(out);
        if (j.contains("max_rel_error") && j["max_rel_error"].is_number())
            t.relError = j["max_rel_error"].get<double>();
        else if (!compareWith.empty() && t.error.empty())
            t.error = j.contains("compare_error") && j["compare_error"].is_string()
                ? j["compare_error"].get<std::string>()
                : "time_ort.mjs: no max_rel_error against " + compareWith;
    } catch (const std::exception &e) {
        t.error = std::string("time_ort.mjs: ") + e.what();
    }
    return t;
}

} // namespace optibench::bench
