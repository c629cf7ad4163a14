#pragma once
// The run options' ranges and combination rules (options/) as the engine raises them: an
// EngineError whose message starts with the field, like every other engine refusal.
#include "engine/formats/errors.h"
#include "options/ranges.h"
#include "options/rules.h"

namespace optibench::engine {

inline void requireInRange(const options::Range &range, double value)
{
    if (auto why = options::outOfRange(range, value))
        throw EngineError(std::string(range.field) + ": " + *why);
}

inline void requireValid(const options::Choices &choices)
{
    if (auto violation = options::firstViolation(choices))
        throw EngineError(violation->message());
}

} // namespace optibench::engine
