// Linked into the tests that CTest also runs once per ISA level (label "isa",
// tests/engine/CMakeLists.txt). Prints which kernels this process runs, and skips the whole
// run, with the marker CTest reads as "skipped", when the level the variant asks for is beyond
// this CPU: ONEDNN_MAX_CPU_ISA and OPTIBENCH_MAX_ISA only cap, so on a smaller CPU the variant
// would silently repeat a lower level.
#include "engine/kernels/cpu_isa.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/int8_scheme.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

class IsaGuard : public ::testing::Environment {
public:
    void SetUp() override
    {
        using namespace optibench::engine;
        const std::string onednn = gemm::oneDnnCpuIsa();
        const std::string kernels = isa::name(isa::kernelLevel());
        std::printf("ISA: oneDNN %s, project kernels %s, int8 scheme %s (%s)\n", onednn.c_str(), kernels.c_str(),
                    int8SchemeName(int8Scheme()), int8SchemeReason().c_str());
        const char *wantOneDnn = std::getenv("OPTIBENCH_TEST_ONEDNN_ISA");
        const char *wantKernels = std::getenv(isa::kCapVariable);
        std::string missing;
        if (wantOneDnn && *wantOneDnn && gemm::haveOneDnn() && onednn != wantOneDnn)
            missing = std::string("oneDNN runs ") + onednn + ", not " + wantOneDnn;
        if (wantKernels && *wantKernels && kernels != wantKernels)
            missing += (missing.empty() ? "" : "; ") + std::string("the project's kernels run ") + kernels + ", not "
                + wantKernels;
        if (!missing.empty()) {
            std::printf("OPTIBENCH_ISA_UNAVAILABLE: this CPU cannot run the level asked for (%s)\n", missing.c_str());
            GTEST_SKIP() << "ISA level not available on this CPU: " << missing;
        }
    }
};

[[maybe_unused]] ::testing::Environment *const kGuard = ::testing::AddGlobalTestEnvironment(new IsaGuard);

} // namespace
