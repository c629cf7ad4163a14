// The measured part of a training run. See engine/run/training_run.h.
#include "engine/run/training_run.h"
#include "engine/models/model_save.h"
#include "engine/run/optimization_steps.h"
#include "engine/run/run_options.h"
#include "engine/run/run_state.h"
#include "engine/train/training.h"

namespace optibench::engine {

namespace {

void addTeacherMetrics(RunState &run, TrainingResult &result)
{
    if (!run.distiller)
        return;
    run.progress("evaluating", 0, 1, "evaluating the teacher " + run.config.distillationTeacher);
    for (auto &m : run.distiller->teacherMetrics(run.batches))
        result.metrics.push_back(std::move(m));
    run.progress("evaluating", 1, 1, "");
}

void saveIfAsked(RunState &run)
{
    if (run.config.savePath.empty())
        return;
    run.progress("saving", 0, 1, "saving the trained model to " + run.config.savePath);
    saveLoadedModel(run.loaded, run.config.savePath);
    run.progress("saving", 1, 1, "");
}

} // namespace

// Afterwards the model runs inference again (plain fp32 Linears, or qat's int8) for tracedPass.
RunReport measureTraining(RunState &run)
{
    auto &native = run.native("task.mode", "training needs a native model (a Hugging Face folder or the demo)");
    // Pruned weights stay zero: the masks are re-applied after every optimizer step.
    StepHook afterStep;
    if (!run.pruning.masks.empty())
        afterStep = [&run, &native](int) { applyMasks(native, run.pruning.masks); };
    const auto options = trainingOptions(run.config);
    auto result =
        train(native, run.trainBatches, run.batches, options,
              run.distiller ? run.distiller->loss(native) : defaultLoss(native), run.progress.callback(), afterStep);
    addTeacherMetrics(run, result);
    disableTraining(native); // qat: keeps the converted int8 linears
    if (options.reportLatency) {
        // The trained model timed as inference runs (and the teacher) are, not in its training form.
        run.progress("evaluating", 0, 1, "timing the trained model for inference");
        timeForInference(native, run.batches, result.metrics);
        run.progress("evaluating", 1, 1, "");
    }
    if (options.quantizationAware)
        result.metrics.push_back({"model_bytes_baseline", static_cast<double>(run.modelBytesBaseline), "bytes"});
    saveIfAsked(run);
    RunReport out;
    out.metrics = std::move(result.metrics);
    out.series = std::move(result.series);
    if (!run.pruning.prunedParameters.empty()) // after fine-tuning: the masks kept the zeros
        out.metrics.push_back({"sparsity", zeroFraction(*run.model, run.pruning.prunedParameters), "ratio"});
    reportPruning(run, out);
    return out;
}

} // namespace optibench::engine
