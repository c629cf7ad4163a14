// CuptiTracer for builds without CUDA LibTorch or CUPTI: it never starts and says why.
#include "profiler/tracers/cupti_tracer.h"

namespace optibench::profiler {

CuptiTracer::CuptiTracer() = default;
CuptiTracer::~CuptiTracer() = default;

bool CuptiTracer::compiledIn()
{
    return false;
}

OpTracerOptions &CuptiTracer::hookOpTracer(OpTracerOptions &options)
{
    return options;
}

bool CuptiTracer::start(std::int64_t)
{
    m_error = "no GPU tracing available: this build has no CUDA LibTorch with CUPTI";
    return false;
}

Trace CuptiTracer::stop()
{
    return {};
}

} // namespace optibench::profiler
