#pragma once
// Progress that can cancel: the one helper the run's stages and the training loop report
// through. No LibTorch.
#include "engine/formats/errors.h"

#include <cstdint>
#include <string>
#include <utility>

namespace optibench::engine {

class Progress {
public:
    Progress() = default;
    explicit Progress(ProgressFn callback) : m_callback(std::move(callback)) {}

    // Reports a stage's position; throws Cancelled when the callback asks to stop. Without a
    // callback it does nothing.
    void operator()(const std::string &stage, std::int64_t done, std::int64_t total,
                    const std::string &message = {}) const
    {
        if (m_callback && !m_callback(stage, done, total, message))
            throw Cancelled();
    }
    const ProgressFn &callback() const { return m_callback; }

private:
    ProgressFn m_callback;
};

} // namespace optibench::engine
