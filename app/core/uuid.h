#pragma once
// Random identifiers for runs, unique across stores and machines. Neither Qt nor LibTorch.
#include <string>

namespace optibench::core {

// A random RFC 4122 version-4 UUID in its lower-case text form, e.g.
// "3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f809a1b" (122 random bits from std::random_device).
std::string newUuid();

} // namespace optibench::core
