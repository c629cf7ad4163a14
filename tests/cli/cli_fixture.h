#pragma once
// A temporary folder per test and the small demo spec the CLI tests run (seconds, not minutes).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "subprocess.h"

namespace optibench::test {

inline const std::string kCli = OPTIBENCH_CLI;

inline std::filesystem::path makeTempDir(const std::string &tag)
{
    const auto dir = std::filesystem::temp_directory_path() / ("optibench-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string writeJson(const std::filesystem::path &path, const nlohmann::json &j)
{
    std::ofstream(path) << j.dump(2);
    return path.string();
}

// batch 4 x 32 tokens, one warm-up and two timed iterations on one thread.
inline nlohmann::json tinySpec(const std::string &name = "tiny")
{
    return {{"name", name},
            {"task", {{"batch_size", 4}, {"max_length", 32}, {"warmup", 1}, {"iterations", 2}}},
            {"threads", 1}};
}

// The numbers stdout lists, one per line.
inline std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::string::size_type start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return out;
}

} // namespace optibench::test
