#pragma once
// The machine a run executes on, as the store records it (engine/measure/environment.cpp).
// No LibTorch in this header.
#include <string>
#include <vector>

namespace optibench::engine {

// CPU, GPU, driver, CUDA, LibTorch, threads, OS as a JSON object text.
std::string environmentJson(int threads);
std::string libtorchVersion();
std::string cudaVersion();                   // empty without CUDA
std::vector<std::string> availableDevices(); // "cpu", "cuda:0", ...

} // namespace optibench::engine
