#pragma once
// Chrome Trace Event JSON (chrome://tracing, Perfetto): one process per device, one thread
// per CPU thread or GPU stream, complete events ("X"), and flow arrows from each op to the
// kernels and copies it launched. No nlohmann or LibTorch in this header.
#include "profiler/trace/trace.h"

#include <string>

namespace optibench::profiler {

// The JSON text ({"traceEvents": [...], "displayTimeUnit": "ns"}); indent < 0: compact.
std::string chromeTraceJson(const Trace &trace, int indent = -1);
// Writes it to path; false with error set when the file cannot be written.
bool writeChromeTrace(const Trace &trace, const std::string &path, std::string *error = nullptr);

} // namespace optibench::profiler
