// optibench-cli inspect MODEL / predict MODEL --text ...: look at a model before benchmarking it.
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "engine/run/inspect.h"

namespace optibench::cli {
namespace {

struct InspectOptions {
    std::string model;
    std::vector<std::string> texts;
    bool json = false;
};

nlohmann::json summaryJson(const engine::ModelSummary &m)
{
    return {{"source", m.source},
            {"format", m.format},
            {"architecture", m.architecture},
            {"layers", m.layers},
            {"hidden", m.hidden},
            {"heads", m.heads},
            {"intermediate", m.intermediate},
            {"vocab", m.vocab},
            {"max_positions", m.maxPositions},
            {"num_labels", m.numLabels},
            {"parameters", m.parameters},
            {"size_on_disk_bytes", m.sizeOnDiskBytes},
            {"memory_bytes", m.memoryBytes},
            {"dtype", m.dtype},
            {"tokenizer", m.tokenizer},
            {"sha256", m.sha256},
            {"note", m.note}};
}

int inspect(const InspectOptions &o)
{
    const engine::ModelSummary m = engine::inspectModel(o.model);
    if (o.json) {
        std::cout << summaryJson(m).dump(2) << '\n';
        return 0;
    }
    auto row = [](const char *key, const std::string &value) {
        std::cout << "  " << std::left << std::setw(14) << key << value << '\n';
    };
    std::cout << m.source << '\n';
    row("architecture", m.architecture);
    row("format", m.format);
    row("layers", std::to_string(m.layers));
    row("hidden", std::to_string(m.hidden));
    row("heads", std::to_string(m.heads));
    row("intermediate", std::to_string(m.intermediate));
    row("vocabulary", std::to_string(m.vocab));
    row("positions", std::to_string(m.maxPositions));
    if (m.numLabels > 0)
        row("labels", std::to_string(m.numLabels));
    row("parameters", std::to_string(m.parameters));
    row("dtype", m.dtype);
    row("size on disk", std::to_string(m.sizeOnDiskBytes) + " bytes");
    row("in memory", std::to_string(m.memoryBytes) + " bytes");
    row("tokenizer", m.tokenizer);
    if (!m.sha256.empty())
        row("sha256", m.sha256);
    if (!m.note.empty())
        row("note", m.note);
    return 0;
}

int predict(const InspectOptions &o)
{
    const auto predictions = engine::predict(o.model, o.texts);
    if (o.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &p : predictions) {
            nlohmann::json j = {{"text", p.text}, {"ids", p.ids}};
            if (!p.logits.empty()) {
                j["logits"] = p.logits;
                j["probabilities"] = p.probabilities;
                j["label_id"] = p.labelId;
                j["label"] = p.label;
            }
            if (!p.nextTokens.empty()) {
                nlohmann::json next = nlohmann::json::array();
                for (const auto &t : p.nextTokens)
                    next.push_back({{"id", t.id}, {"token", t.token}, {"probability", t.probability}});
                j["next_tokens"] = std::move(next);
                j["perplexity"] = p.perplexity;
            }
            out.push_back(std::move(j));
        }
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    for (const auto &p : predictions) {
        std::cout << '"' << p.text << "\"\n  ids";
        for (auto id : p.ids)
            std::cout << ' ' << id;
        std::cout << '\n';
        if (!p.logits.empty()) {
            std::cout << "  logits";
            for (double l : p.logits)
                std::cout << ' ' << std::setprecision(5) << l;
            std::cout << "\n  label  " << p.label << " (p = " << std::setprecision(3)
                      << p.probabilities.at(static_cast<size_t>(p.labelId)) << ")\n";
        }
        if (!p.nextTokens.empty()) {
            std::cout << "  next";
            for (const auto &t : p.nextTokens)
                std::cout << "  '" << t.token << "' " << std::setprecision(3) << t.probability;
            std::cout << "\n  perplexity " << std::setprecision(5) << p.perplexity << '\n';
        }
    }
    return 0;
}

} // namespace

void addInspectCommands(CLI::App &app, ExitCode &exit)
{
    static const char *kModelHelp =
        "demo:tiny-bert, demo:tiny-llama (each also -untrained), a Hugging Face folder or a "
        "TorchScript file";
    auto io = std::make_shared<InspectOptions>();
    auto *ins = app.add_subcommand("inspect", "Show a model's architecture, sizes, parameters, dtype and hash");
    ins->add_option("model", io->model, kModelHelp)->required();
    ins->add_flag("--json", io->json, "Machine-readable output");
    ins->callback([io, &exit] { exit.value = inspect(*io); });

    auto po = std::make_shared<InspectOptions>();
    auto *pred =
        app.add_subcommand("predict", "Tokenize texts and print the model's outputs for each, to sanity-check a model");
    pred->add_option("model", po->model, kModelHelp)->required();
    pred->add_option("--text", po->texts, "A text to run (repeat for several)")->required();
    pred->add_flag("--json", po->json, "Machine-readable output");
    pred->callback([po, &exit] { exit.value = predict(*po); });
}

} // namespace optibench::cli
