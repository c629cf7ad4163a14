#pragma once
// Whether two runs ran on the same machine with the same settings, from their stored environment
// and spec: a hard difference (another CPU model, core count, GPU, device or thread count) makes
// their timings not comparable; a soft one (libraries, ISA caps, int8 scheme, OpenMP settings,
// governor, revision, build) is a warning. Neither Qt nor LibTorch.
#include "app/core/spec_diff.h"

#include <string>
#include <vector>

namespace optibench::core {

struct Drift {
    struct Field {
        std::string path, run, baseline; // "threads", "1", "2"
    };
    std::vector<Field> hard, soft;
    bool comparable() const { return hard.empty(); }
    // "threads 1 (baseline 2), cpu ..." for a message; empty when there is nothing.
    static std::string describe(const std::vector<Field> &fields);
};

// The fields in which the runs' environments (JSON texts, in the runs' order) differ, for a
// table of them: every field but the ones that describe how the run was executed (the runs it
// was interleaved with), which are not the machine.
FieldDifferences environmentDifferences(const std::vector<std::string> &environments);

// The run's environment and spec (JSON texts) against the baseline's.
Drift driftBetween(const std::string &environment, const std::string &spec, const std::string &baselineEnvironment,
                   const std::string &baselineSpec);

} // namespace optibench::core
