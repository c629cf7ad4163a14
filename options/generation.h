#pragma once
// The generation benchmark's settings (task.mode generation), one struct shared by the spec
// (app/core/spec.h's task), the engine's run configuration and the GUI. No dependencies.
namespace optibench::options {

struct GenerationSettings {
    int promptLength = 128; // task.prompt_length: tokens of each prompt (from the dataset's text)
    int newTokens = 128;    // task.new_tokens: tokens generated after each prompt (eos does not stop a timed run)
    bool sample = false;    // task.sample: sampled rather than greedy
    double temperature = 1.0;
    int topK = 0;      // 0: no cut
    double topP = 1.0; // nucleus sampling's probability mass
};

} // namespace optibench::options
