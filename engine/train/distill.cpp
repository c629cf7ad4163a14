#include "engine/train/distill.h"
#include "engine/data/batching.h"
#include "engine/formats/errors.h"
#include "engine/measure/metrics.h"
#include "engine/measure/report.h"
#include "engine/models/model.h"
#include "engine/optimize/sharing.h"

#include <c10/core/InferenceMode.h>

namespace optibench::engine {

TransformerConfig studentConfig(const TransformerConfig &teacher, int layers, int hidden)
{
    const std::string field = "optimizations.distillation.";
    if (layers < 0 || layers > teacher.numLayers)
        throw EngineError(field + "student_layers: must be between 1 and the teacher's "
                          + std::to_string(teacher.numLayers) + " layers (0: the teacher's), is "
                          + std::to_string(layers));
    if (hidden < 0 || hidden > teacher.hiddenSize)
        throw EngineError(field + "student_hidden: must be between 1 and the teacher's hidden size "
                          + std::to_string(teacher.hiddenSize) + " (0: the teacher's), is " + std::to_string(hidden));
    TransformerConfig c = teacher;
    c.sourcePath.clear();
    if (layers > 0)
        c.numLayers = layers;
    if (hidden > 0 && hidden != teacher.hiddenSize) {
        if (hidden % teacher.numHeads != 0)
            throw EngineError(field + "student_hidden: " + std::to_string(hidden)
                              + " is not divisible by the teacher's " + std::to_string(teacher.numHeads)
                              + " attention heads, which the student keeps");
        c.hiddenSize = hidden;
        c.intermediateSize =
            static_cast<int>(static_cast<std::int64_t>(teacher.intermediateSize) * hidden / teacher.hiddenSize);
    }
    return c;
}

std::vector<int> studentLayerSources(int teacherLayers, int studentLayers)
{
    std::vector<int> sources;
    for (int i = 0; i < studentLayers; ++i)
        sources.push_back((i + 1) * teacherLayers / studentLayers - 1);
    return sources;
}

std::unique_ptr<BertClassifier> makeStudent(const Model &teacher, int layers, int hidden, std::uint64_t seed)
{
    const auto &t = teacher.config();
    if (isDecoder(t) || t.numLabels <= 0 || teacher.parameters().empty())
        throw EngineError(
            "optimizations.distillation.teacher: the teacher must be a native BERT, RoBERTa or DistilBERT "
            "classifier (it is "
            + t.architecture + ")");
    const auto c = studentConfig(t, layers, hidden);
    if (c.hiddenSize != t.hiddenSize)
        return std::make_unique<BertClassifier>(c, BertClassifier::randomParameters(c, seed));

    const auto sources = studentLayerSources(t.numLayers, c.numLayers);
    const auto &from = teacher.parameters();
    ParameterMap params;
    for (const auto &[name, shape] : BertClassifier::parameterShapes(c)) {
        std::string source = name;
        for (int i = 0; i < c.numLayers; ++i) {
            const auto prefix = layerPrefix(c, i);
            if (name.compare(0, prefix.size(), prefix) == 0) {
                source = layerPrefix(t, sources[static_cast<std::size_t>(i)]) + name.substr(prefix.size());
                break;
            }
        }
        auto it = from.find(source);
        if (it == from.end())
            throw EngineError("optimizations.distillation.teacher: the teacher has no parameter " + source);
        params.emplace(name, it->second.detach().to(at::kCPU, at::kFloat).clone());
    }
    return std::make_unique<BertClassifier>(c, std::move(params));
}

at::Tensor distillationLoss(const at::Tensor &studentLogits, const at::Tensor &teacherLogits, const at::Tensor &labels,
                            double alpha, double temperature)
{
    TORCH_CHECK(studentLogits.sizes() == teacherLogits.sizes(), "student logits ", studentLogits.sizes(),
                " and teacher logits ", teacherLogits.sizes(), " differ");
    const auto student = studentLogits.to(at::kFloat);
    at::Tensor loss;
    if (alpha > 0) {
        const auto teacherLog = at::log_softmax(teacherLogits.detach().to(at::kFloat) / temperature, -1);
        const auto studentLog = at::log_softmax(student / temperature, -1);
        // KL(teacher || student) per example, averaged over the batch, scaled by T^2 so the soft
        // term's gradients keep their size as T changes (Hinton et al.).
        const auto kl = (teacherLog.exp() * (teacherLog - studentLog)).sum(-1).mean();
        loss = kl * (alpha * temperature * temperature);
    }
    if (alpha < 1) {
        const auto hard = at::nll_loss(at::log_softmax(student, -1), labels.to(student.device()));
        loss = loss.defined() ? loss + hard * (1 - alpha) : hard * (1 - alpha);
    }
    return loss;
}

const at::Tensor &TeacherLogits::operator()(const Batch &batch)
{
    auto it = m_cache.find(batch.indices);
    if (it != m_cache.end())
        return it->second;
    at::Tensor logits;
    {
        c10::InferenceMode guard;
        logits = m_teacher.forward(batch.inputIds, batch.attentionMask, batch.tokenTypeIds).to(at::kFloat);
    }
    // Inference tensors cannot be saved for backward; a plain copy can.
    return m_cache.emplace(batch.indices, logits.clone()).first->second;
}

void validateDistillation(const DistillationConfig &c)
{
    if (!(c.alpha >= 0 && c.alpha <= 1))
        throw EngineError("optimizations.distillation.alpha: the soft-target weight must be in [0, 1], is "
                          + std::to_string(c.alpha));
    if (!(c.temperature > 0))
        throw EngineError("optimizations.distillation.temperature: must be positive, is "
                          + std::to_string(c.temperature));
    if (c.studentLayers < 0)
        throw EngineError("optimizations.distillation.student_layers: must not be negative, is "
                          + std::to_string(c.studentLayers));
    if (c.studentHidden < 0)
        throw EngineError("optimizations.distillation.student_hidden: must not be negative, is "
                          + std::to_string(c.studentHidden));
}

Distiller::Distiller(DistillationConfig config, const Model &student, const at::Device &device)
    : m_config(std::move(config))
{
    validateDistillation(m_config);
    const std::string field = "optimizations.distillation.teacher: ";
    try {
        m_teacher = loadModel(m_config.teacher);
    } catch (const EngineError &e) {
        std::string what = e.what();
        if (what.rfind("model.path: ", 0) == 0)
            what = what.substr(12);
        throw EngineError(field + what);
    }
    const auto &t = m_teacher.model->config();
    const auto &s = student.config();
    if (m_teacher.model->isLanguageModel() || t.numLabels <= 0)
        throw EngineError(field + m_config.teacher + " is not a classifier (" + t.architecture
                          + "); distillation here trains classifiers on soft labels");
    if (t.numLabels != s.numLabels)
        throw EngineError(field + m_config.teacher + " has " + std::to_string(t.numLabels) + " labels, the student "
                          + std::to_string(s.numLabels));
    if (t.vocabSize != s.vocabSize)
        throw EngineError(field + m_config.teacher + " has a vocabulary of " + std::to_string(t.vocabSize)
                          + " tokens, the student " + std::to_string(s.vocabSize)
                          + ": both must read the same token ids");
    if (device != at::Device(at::kCPU))
        m_teacher.model->to(device);
    m_logits = std::make_unique<TeacherLogits>(*m_teacher.model);
}

LossFn Distiller::loss(const Model &student)
{
    return [this, &student](const Batch &batch) {
        const auto &teacher = (*m_logits)(batch);
        // Segment ids of text pairs (undefined for single texts) reach teacher and student alike.
        const auto logits = student.forward(batch.inputIds, batch.attentionMask, batch.tokenTypeIds);
        return distillationLoss(logits, teacher, batch.labels, m_config.alpha, m_config.temperature);
    };
}

std::vector<Measurement> Distiller::teacherMetrics(const std::vector<Batch> &evalBatches) const
{
    c10::InferenceMode guard;
    const auto e = evaluate(*m_teacher.model, evalBatches);
    const auto latency = latencyStats(e.latencyMs);
    return {{"teacher_accuracy", e.accuracy, "ratio"},
            {"teacher_eval_loss", e.loss, "nats"},
            {"teacher_parameters", static_cast<double>(m_teacher.model->parameterCount()), "count"},
            {"teacher_model_bytes", static_cast<double>(m_teacher.model->modelBytes()), "bytes"},
            {"teacher_latency_ms", latency.p50, "ms"}};
}

} // namespace optibench::engine
