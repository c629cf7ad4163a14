#include "engine/run/inspect.h"
#include "engine/measure/metrics.h"
#include "engine/models/model_loader.h"

#include <c10/core/InferenceMode.h>

namespace optibench::engine {

ModelSummary inspectModel(const std::string &path)
{
    return loadModel(path).summary;
}

std::vector<Prediction> predict(const std::string &path, const std::vector<std::string> &texts)
{
    const auto loaded = loadModel(path);
    const auto &model = *loaded.model;
    const auto &config = model.config();
    const int maxLength = std::min(usablePositions(config), 4096);
    c10::InferenceMode inference;
    std::vector<Prediction> out;
    for (const auto &text : texts) {
        Prediction p;
        p.text = text;
        p.ids = loaded.encode(text, maxLength);
        if (p.ids.empty())
            throw EngineError("predict: the text \"" + text + "\" has no tokens");
        auto ids = at::tensor(p.ids, at::kLong).unsqueeze(0);
        auto logits = model.forward(ids, at::ones_like(ids)).to(at::kDouble);
        if (model.isLanguageModel()) {
            auto last = at::softmax(logits[0][logits.size(1) - 1], -1);
            auto top = at::topk(last, std::min<std::int64_t>(5, last.size(0)));
            auto values = std::get<0>(top), indices = std::get<1>(top);
            for (std::int64_t i = 0; i < values.size(0); ++i) {
                const auto id = indices[i].item<std::int64_t>();
                p.nextTokens.push_back({id, loaded.tokenText(id), values[i].item<double>()});
            }
            p.perplexity = lmLoss(logits, ids, at::ones_like(ids)).perplexity();
        } else {
            auto row = logits.reshape({-1});
            auto probs = at::softmax(row, -1);
            for (std::int64_t i = 0; i < row.size(0); ++i) {
                p.logits.push_back(row[i].item<double>());
                p.probabilities.push_back(probs[i].item<double>());
            }
            p.labelId = static_cast<int>(row.argmax().item<std::int64_t>());
            auto named = config.id2label.find(p.labelId);
            p.label = named != config.id2label.end() ? named->second : "LABEL_" + std::to_string(p.labelId);
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace optibench::engine
