#pragma once
// Knowledge distillation: a smaller student learns from a teacher's softened outputs.
//   student     fewer layers (evenly spaced layers copied from the teacher, with its embeddings
//               and head) or a narrower hidden size (randomly initialised)
//   loss        alpha * KL(softmax(teacher / T) || softmax(student / T)) * T^2
//               + (1 - alpha) * cross-entropy(student, labels)
//   teacher     runs without gradients; its logits are computed once per batch and cached
#include "engine/models/bert.h"
#include "engine/models/model_loader.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace optibench::engine {

// The student's architecture: the teacher's with `layers` layers and `hidden` width (0: the
// teacher's). A narrower width keeps the teacher's head count and FFN ratio. Throws EngineError
// naming optimizations.distillation.student_layers / student_hidden.
TransformerConfig studentConfig(const TransformerConfig &teacher, int layers, int hidden);

// The teacher layers a student of `studentLayers` layers copies: evenly spaced, the last
// teacher layer always among them (it feeds the pooler and head the student also copies).
std::vector<int> studentLayerSources(int teacherLayers, int studentLayers);

// A student of a BERT-family classifier teacher. With the teacher's width its parameters are
// copies (never shared storage) of the teacher's embeddings, head and the layers
// studentLayerSources picks; with another width they are random from the seed. Throws
// EngineError for a teacher that is not a BERT-family classifier.
std::unique_ptr<BertClassifier> makeStudent(const Model &teacher, int layers, int hidden, std::uint64_t seed);

// The combined loss (a scalar; differentiable in studentLogits). teacherLogits carry no
// gradient; labels int64 [B].
at::Tensor distillationLoss(const at::Tensor &studentLogits, const at::Tensor &teacherLogits, const at::Tensor &labels,
                            double alpha, double temperature);

// The teacher's logits per batch, computed on first use without gradients and kept; a batch
// is identified by the examples it holds (Batch::indices).
class TeacherLogits {
public:
    explicit TeacherLogits(const Model &teacher) : m_teacher(teacher) {}
    const at::Tensor &operator()(const Batch &batch);
    std::size_t cached() const { return m_cache.size(); }

private:
    const Model &m_teacher;
    std::map<std::vector<std::size_t>, at::Tensor> m_cache;
};

// The spec's optimizations.distillation as the engine runs it (on when teacher is not empty).
struct DistillationConfig {
    std::string teacher;   // model path
    int studentLayers = 0; // 0: the source model's
    int studentHidden = 0; // 0: the source model's
    double alpha = 0.5;
    double temperature = 2.0;
};

// Checks alpha and temperature; throws EngineError naming the field.
void validateDistillation(const DistillationConfig &config);

// A distillation run's teacher: loaded from its path, checked against the student (same
// vocabulary and labels, as both read the same token ids), run without gradients.
class Distiller {
public:
    Distiller(DistillationConfig config, const Model &student, const at::Device &device);

    // The training loss of engine/train/training.h: distillationLoss of the student's logits against
    // the teacher's (cached per batch).
    LossFn loss(const Model &student);
    // teacher_accuracy, teacher_eval_loss, teacher_parameters, teacher_model_bytes and
    // teacher_latency_ms (median forward pass per batch) on the evaluation batches.
    std::vector<Measurement> teacherMetrics(const std::vector<Batch> &evalBatches) const;
    const LoadedModel &teacher() const { return m_teacher; }
    const DistillationConfig &config() const { return m_config; }

private:
    DistillationConfig m_config;
    LoadedModel m_teacher;
    std::unique_ptr<TeacherLogits> m_logits;
};

} // namespace optibench::engine
