#include "ui/models/spectext.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QStringList>

namespace optibench::ui {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(SpecText)
};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString percent(double fraction)
{
    return QLocale().toString(fraction * 100.0, 'g', 3) + QStringLiteral(" %");
}
} // namespace

QString statusText(const QString &status)
{
    if (status == QLatin1String("done"))
        return Text::tr("done");
    if (status == QLatin1String("running"))
        return Text::tr("running");
    if (status == QLatin1String("failed"))
        return Text::tr("failed");
    if (status == QLatin1String("cancelled"))
        return Text::tr("cancelled");
    if (status == QLatin1String("interrupted"))
        return Text::tr("interrupted");
    if (status == QLatin1String("queued"))
        return Text::tr("queued");
    return status;
}

QString choiceText(const QString &value)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("inference"), QT_TRANSLATE_NOOP("SpecText", "inference")},
        {QStringLiteral("training"), QT_TRANSLATE_NOOP("SpecText", "training")},
        {QStringLiteral("none"), QT_TRANSLATE_NOOP("SpecText", "none")},
        {QStringLiteral("magnitude"), QT_TRANSLATE_NOOP("SpecText", "magnitude")},
        {QStringLiteral("heads"), QT_TRANSLATE_NOOP("SpecText", "attention heads")},
        {QStringLiteral("neurons"), QT_TRANSLATE_NOOP("SpecText", "feed-forward neurons")},
        {QStringLiteral("2:4"), QT_TRANSLATE_NOOP("SpecText", "2:4 sparsity")},
        {QStringLiteral("fixed"), QT_TRANSLATE_NOOP("SpecText", "fixed")},
        {QStringLiteral("dynamic"), QT_TRANSLATE_NOOP("SpecText", "dynamic")},
        {QStringLiteral("bucketed"), QT_TRANSLATE_NOOP("SpecText", "bucketed")},
    };
    const auto it = labels.constFind(value);
    return it == labels.constEnd() ? value : QCoreApplication::translate("SpecText", *it);
}

QString choiceExplanation(const QString &value)
{
    static const QHash<QString, const char *> texts = {
        {QStringLiteral("fp32"),
         QT_TRANSLATE_NOOP("Techniques", "Full 32-bit floats: the reference for speed and quality.")},
        {QStringLiteral("tf32"),
         QT_TRANSLATE_NOOP("Techniques",
                           "TensorFloat-32 matmuls on Ampere GPUs: faster, about 3 decimal digits of mantissa.")},
        {QStringLiteral("fp16"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Everything in 16-bit floats: half the memory, fast on GPUs, may overflow without care.")},
        {QStringLiteral("bf16"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Everything in bfloat16: half the memory, fp32's range, about 1e-2 relative error.")},
        {QStringLiteral("amp-fp16"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Mixed precision: matmuls in fp16, sensitive ops in fp32; usually quality-neutral.")},
        {QStringLiteral("amp-bf16"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Mixed precision with bfloat16: no loss scaling needed; usually quality-neutral.")},
        {QStringLiteral("none"), QT_TRANSLATE_NOOP("Techniques", "Leave this technique off.")},
        {QStringLiteral("dynamic-int8"),
         QT_TRANSLATE_NOOP(
             "Techniques",
             "Linear layers in int8 with activations quantized on the fly: 2-4x faster on CPU, small accuracy loss.")},
        {QStringLiteral("weight-int8"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Weights stored in int8 and dequantized per use: 4x smaller model, little speed gain.")},
        {QStringLiteral("fp16-weights"),
         QT_TRANSLATE_NOOP("Techniques", "Weights stored in fp16: half the model size, compute stays in fp32.")},
        {QStringLiteral("bf16-weights"),
         QT_TRANSLATE_NOOP("Techniques", "Weights stored in bfloat16: half the model size, compute stays in fp32.")},
        {QStringLiteral("qat"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Quantization-aware training: fake-quantizes during training so int8 loses less accuracy.")},
        {QStringLiteral("magnitude"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Zeroes the smallest weights: smaller when compressed, faster only with sparse kernels.")},
        {QStringLiteral("heads"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Removes whole attention heads: really faster, costs accuracy beyond about 30%.")},
        {QStringLiteral("neurons"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Removes feed-forward neurons: really faster and smaller, costs accuracy as it grows.")},
        {QStringLiteral("2:4"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Two of every four weights zero: structured sparsity that sparse tensor cores accelerate.")},
        {QStringLiteral("fixed"),
         QT_TRANSLATE_NOOP("Techniques", "Pads every batch to the maximum length: simple, wastes compute on padding.")},
        {QStringLiteral("dynamic"),
         QT_TRANSLATE_NOOP("Techniques", "Pads each batch to its longest sequence: less waste, shapes vary.")},
        {QStringLiteral("bucketed"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Groups sequences of similar length into batches: least padding, order changes.")},
        {QStringLiteral("inference"), QT_TRANSLATE_NOOP("Techniques", "Times forward passes on the evaluation split.")},
        {QStringLiteral("training"),
         QT_TRANSLATE_NOOP("Techniques",
                           "Runs optimizer steps on the training split and measures loss, time and memory.")},
    };
    const auto it = texts.constFind(value);
    return it == texts.constEnd() ? QString() : QCoreApplication::translate("Techniques", *it);
}

QString togglesText(const core::ExperimentSpec &spec)
{
    const core::ExperimentSpec defaults;
    const auto &o = spec.optimizations;
    QStringList parts;
    if (o.precision != defaults.optimizations.precision)
        parts << q(o.precision);
    if (o.quantization != defaults.optimizations.quantization)
        parts << q(o.quantization);
    if (o.pruning.method == "2:4")
        parts << Text::tr("2:4 sparse");
    else if (o.pruning.method != "none")
        parts << (o.pruning.scope == "layer" ? Text::tr("%1 pruned %2 per layer") : Text::tr("%1 pruned %2"))
                     .arg(choiceText(q(o.pruning.method)), percent(o.pruning.amount));
    if (o.padding != defaults.optimizations.padding)
        parts << Text::tr("%1 padding").arg(choiceText(q(o.padding)));
    if (o.checkpointEvery == 1)
        parts << Text::tr("checkpointing");
    else if (o.checkpointEvery > 1)
        parts << Text::tr("checkpoint every %1").arg(o.checkpointEvery);
    if (o.gradAccumulation > 1)
        parts << Text::tr("grad accumulation %1").arg(o.gradAccumulation);
    if (o.quantizeEmbeddings)
        parts << Text::tr("int8 embeddings");
    if (o.freezeEmbeddings)
        parts << Text::tr("frozen embeddings");
    if (o.shareLayers == core::kShareAllLayers)
        parts << Text::tr("all layers shared");
    else if (o.shareLayers > 0)
        parts << Text::tr("layers shared by %1").arg(o.shareLayers);
    if (o.distillation)
        parts << (o.distillation->studentLayers > 0
                      ? Text::tr("distilled to %1 layers").arg(o.distillation->studentLayers)
                      : Text::tr("distilled"));
    if (spec.task.mode == "training")
        parts.prepend(choiceText(QStringLiteral("training")));
    if (parts.isEmpty())
        return Text::tr("fp32 baseline");
    return parts.join(QStringLiteral(", "));
}

QString specErrorText(const core::ExperimentSpec &spec, const std::exception &error)
{
    const auto *e = dynamic_cast<const core::SpecError *>(&error);
    const QString fallback = QString::fromUtf8(error.what());
    if (!e)
        return fallback;
    const auto &o = spec.optimizations;
    const std::string &field = e->field();
    const bool cuda = spec.device.rfind("cuda", 0) == 0;
    const bool training = spec.task.mode == "training";
    const QString device = q(spec.device);
    if (field == "profiling.kernels" && !cuda)
        return Text::tr("kernel tracing needs a CUDA device (device is %1)").arg(device);
    if (field == "optimizations.precision" && !cuda)
        return Text::tr("%1 needs a CUDA device (device is %2); use fp32, bf16 or amp-bf16 on the CPU")
            .arg(q(o.precision), device);
    if (field == "optimizations.quantization") {
        const bool int8 =
            o.quantization == "dynamic-int8" || o.quantization == "weight-int8" || o.quantization == "qat";
        if (int8 && cuda)
            return Text::tr("%1 runs on the CPU only in this version").arg(q(o.quantization));
        if (int8 && o.precision != "fp32")
            return Text::tr("%1 computes the rest of the model in fp32; set precision fp32").arg(q(o.quantization));
        if (training && o.quantization != "none" && o.quantization != "qat")
            return Text::tr("%1 is post-training quantization; training accepts none or qat").arg(q(o.quantization));
        if (o.quantization == "fp16-weights" || o.quantization == "bf16-weights")
            return Text::tr("%1 changes nothing with precision %2; the weights already have that type")
                .arg(q(o.quantization), q(o.precision));
    }
    if (field == "optimizations.quantize_embeddings")
        return Text::tr("int8 embedding tables go with quantization dynamic-int8 or weight-int8 (quantization is %1)")
            .arg(q(o.quantization));
    if (!training) {
        if (field == "optimizations.checkpoint_every")
            return Text::tr("gradient checkpointing acts on training only; the mode is inference");
        if (field == "optimizations.grad_accumulation")
            return Text::tr("gradient accumulation acts on training only; the mode is inference");
        if (field == "optimizations.freeze_embeddings")
            return Text::tr("freezing embeddings acts on training only; the mode is inference");
        if (field == "optimizations.share_layers")
            return Text::tr("cross-layer sharing acts on training only; the mode is inference");
        if (field == "optimizations.distillation")
            return Text::tr("distillation acts on training only; the mode is inference");
    }
    if (field == "optimizations.distillation.teacher" && o.distillation && o.distillation->teacher.empty())
        return Text::tr("distillation needs a teacher model path");
    if (field == "optimizations.pruning.amount") {
        const auto &p = o.pruning;
        if (p.method == "2:4" && p.amount != 0.5)
            return Text::tr("2:4 sparsity removes exactly half: amount must be 0.5");
        if (p.method == "none" && p.amount != 0.0)
            return Text::tr("an amount needs a pruning method (method is none)");
        if (p.method != "none" && p.amount == 0.0)
            return Text::tr("%1 pruning needs an amount between 0 and 1").arg(choiceText(q(p.method)));
    }
    if (field == "optimizations.pruning.scope")
        return Text::tr("scope per layer applies to magnitude pruning only");
    return fallback;
}

} // namespace optibench::ui
