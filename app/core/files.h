#pragma once
// Whole-file reads and atomic writes, for every file the project writes that a reader may look
// at meanwhile (exports, sweep folders on shared filesystems). Neither Qt nor LibTorch.
#include <filesystem>
#include <optional>
#include <string>

namespace optibench::core {

// The file's bytes; nullopt when it cannot be opened.
std::optional<std::string> readFileText(const std::filesystem::path &path);

// Writes `text` to `path` through a hidden temporary file in the same folder and a rename, so a
// reader sees the old file or the whole new one, never a part, and a failed write leaves no half
// file. Throws std::runtime_error naming the file and the problem.
void writeFileAtomically(const std::filesystem::path &path, const std::string &text);

} // namespace optibench::core
