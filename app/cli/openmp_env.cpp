#include "app/cli/openmp_env.h"

#include <cstdlib>
#include <unistd.h>

namespace optibench::cli {

void ensurePassiveOpenMpWait(int argc, char **argv)
{
    (void)argc;
    if (std::getenv("OMP_WAIT_POLICY"))
        return; // the user's choice (or our own, after the re-exec) stands
    if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // exec failed (no /proc): run on with the default policy rather than not at all.
}

} // namespace optibench::cli
