#pragma once
// What the GUI reads about a model path on its own, without the worker (and so without
// LibTorch): a Hugging Face folder's config.json and safetensors headers, or a TorchScript
// archive's signature. Enough for the model panel (architecture, layers, hidden size, heads,
// parameters, size, dtype, tokenizer) and to refuse a dropped file that is no model at all.
// The worker still validates the weights when a run loads them.
#include <QString>

namespace optibench::ui {

struct LocalModelInfo {
    QString path;   // the model path to use: a folder, a TorchScript file, or "demo:<name>"
    QString error;  // empty when the path looks like a model
    QString format; // hf | torchscript | demo
    QString architecture;
    QString modelType; // config.json's model_type: bert, roberta, distilbert, gpt2, ...
    int layers = 0;
    int hidden = 0;
    int heads = 0;
    qint64 parameters = 0; // from the safetensors headers; 0 when unknown
    qint64 sizeBytes = 0;  // weights on disk
    QString dtype;
    QString tokenizer; // WordPiece (vocab.txt), byte-level BPE (vocab.json + merges.txt), ...

    bool ok() const { return error.isEmpty(); }
    // BERT, RoBERTa, DistilBERT, Llama, Mistral, Qwen2 (and both demos): the native models whose
    // heads and feed-forward neurons structured pruning can remove (not GPT-2, not TorchScript).
    bool takesStructuredPruning() const;
};

// A config.json or weights file stands for its folder. Never throws; errors are translated.
LocalModelInfo readModelInfo(const QString &path);

} // namespace optibench::ui
