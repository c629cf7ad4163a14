#pragma once
// Small string tests the engine's parsers and models share. No LibTorch.
#include <string_view>

namespace optibench::engine {

inline bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace optibench::engine
