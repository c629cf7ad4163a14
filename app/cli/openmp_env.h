#pragma once
// OpenMP reads OMP_WAIT_POLICY once, when the runtime starts with the process. Its default
// (threads spin after each parallel region) makes LibTorch and oneDNN several times slower as
// soon as anything else wants the same cores: on a 2-core machine with a GUI or a compiler
// running beside it, one BERT forward took 14.6 s spinning and 2.8 s passive. So the CLI runs
// with PASSIVE unless the user chose a policy, re-executing itself once to make it take effect.
namespace optibench::cli {

// Returns only when the policy is in place (or cannot be set); otherwise replaces the process.
void ensurePassiveOpenMpWait(int argc, char **argv);

} // namespace optibench::cli
