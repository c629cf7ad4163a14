#pragma once
// How the process's C allocator treats the large, short-lived blocks of a forward pass
// (activations, attention scores: megabytes each, freed within the layer).
//
// glibc's malloc serves such blocks with mmap and gives them back to the kernel on free, so
// every forward faults its activations in afresh, page by page: on the 2-core development
// machine that cost a BERT-base forward (batch 8 x 128) 15-40% of its time. Keeping
// freed blocks in the heap during a run, and trimming once when the run ends, removes that cost
// without holding the memory after the run.
// No LibTorch here; a no-op where the C library is not glibc.
#include <string>

namespace optibench::engine {

// Serves blocks up to 32 MiB from the heap and stops returning the heap's free top to the
// kernel. Process-wide; idempotent; call before a run's first forward.
void keepFreedBlocksForReuse();

// Returns the heap's free memory to the kernel (malloc_trim): after a run, and before a peak
// resident size is reset, so a run's peak does not include what an earlier run freed.
void releaseFreedBlocks();

// The same settings as glibc's environment variables ("MALLOC_MMAP_THRESHOLD_=... ..."), for a
// child process that should run under them (bench_engine's PyTorch eager reference).
std::string freedBlocksEnvironment();

} // namespace optibench::engine
