#pragma once
// Recognises what a model path holds before anything is loaded: a Hugging Face folder
// (config.json + safetensors weights), a TorchScript archive, or a pickle checkpoint, which is
// refused because unpickling can run arbitrary code. Every bad case gets its own message. No
// LibTorch here: only names and magic bytes are read.
#include "engine/formats/errors.h"

#include <string>
#include <vector>

namespace optibench::engine {

class ModelFormatError : public EngineError {
public:
    using EngineError::EngineError;
};

enum class ModelFormat { HuggingFace, TorchScript };

struct ModelLocation {
    ModelFormat format = ModelFormat::HuggingFace;
    std::string path;        // the folder (Hugging Face) or the archive (TorchScript)
    std::string configPath;  // Hugging Face: config.json
    std::string weightsPath; // model.safetensors or model.safetensors.index.json; the archive
    bool sharded = false;    // weights are an index over several shards
};

const char *formatName(ModelFormat format); // "hf", "torchscript"

// Detects the format of a folder or file. Throws ModelFormatError naming the path and what is
// wrong: missing path, folder without config.json, config.json without weights, pickle
// checkpoints (with how to convert them), TensorFlow/Flax-only folders, unknown files.
ModelLocation detectModelFormat(const std::string &path);

// What a single file's first bytes say it is (exposed for tests).
enum class FileKind { Missing, Directory, SafetensorsFile, TorchScriptZip, PickleZip, Pickle, Json, Unknown };
FileKind sniffFile(const std::string &path);

// The message given for a pickle checkpoint at `path`.
std::string pickleRefusal(const std::string &path);

} // namespace optibench::engine
