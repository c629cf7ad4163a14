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

template<class E>
QString q(E value)
{
    return QString::fromStdString(options::name(value));
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
        {q(options::Mode::Inference), QT_TRANSLATE_NOOP("SpecText", "inference")},
        {q(options::Mode::Training), QT_TRANSLATE_NOOP("SpecText", "training")},
        {q(options::Mode::Generation), QT_TRANSLATE_NOOP("SpecText", "generation")},
        {q(options::Quantization::None), QT_TRANSLATE_NOOP("SpecText", "none")},
        {q(options::PruningMethod::Magnitude), QT_TRANSLATE_NOOP("SpecText", "magnitude")},
        {q(options::PruningMethod::Heads), QT_TRANSLATE_NOOP("SpecText", "attention heads")},
        {q(options::PruningMethod::Neurons), QT_TRANSLATE_NOOP("SpecText", "feed-forward neurons")},
        {q(options::PruningMethod::TwoFour), QT_TRANSLATE_NOOP("SpecText", "2:4 sparsity")},
        {q(options::Padding::Fixed), QT_TRANSLATE_NOOP("SpecText", "fixed")},
        {q(options::Padding::Dynamic), QT_TRANSLATE_NOOP("SpecText", "dynamic")},
        {q(options::Padding::Bucketed), QT_TRANSLATE_NOOP("SpecText", "bucketed")},
    };
    const auto it = labels.constFind(value);
    return it == labels.constEnd() ? value : QCoreApplication::translate("SpecText", *it);
}

QString choiceExplanation(const QString &value)
{
    static const QHash<QString, const char *> texts = {
        {q(options::Precision::Fp32),
         QT_TRANSLATE_NOOP("Techniques", "Full 32-bit floats: the reference for speed and quality.")},
        {q(options::Precision::Tf32),
         QT_TRANSLATE_NOOP("Techniques",
                           "TensorFloat-32 matmuls on Ampere GPUs: faster, about 3 decimal digits of mantissa.")},
        {q(options::Precision::Fp16),
         QT_TRANSLATE_NOOP("Techniques",
                           "Everything in 16-bit floats: half the memory, fast on GPUs, may overflow without care.")},
        {q(options::Precision::Bf16),
         QT_TRANSLATE_NOOP("Techniques",
                           "Everything in bfloat16: half the memory, fp32's range, about 1e-2 relative error.")},
        {q(options::Precision::AmpFp16),
         QT_TRANSLATE_NOOP("Techniques",
                           "Mixed precision: matmuls in fp16, sensitive ops in fp32; usually quality-neutral.")},
        {q(options::Precision::AmpBf16),
         QT_TRANSLATE_NOOP("Techniques",
                           "Mixed precision with bfloat16: no loss scaling needed; usually quality-neutral.")},
        {q(options::Quantization::None), QT_TRANSLATE_NOOP("Techniques", "Leave this technique off.")},
        {q(options::Quantization::DynamicInt8),
         QT_TRANSLATE_NOOP(
             "Techniques",
             "Linear layers in int8 with activations quantized on the fly: 2-4x faster on CPU, small accuracy loss.")},
        {q(options::Quantization::WeightInt8),
         QT_TRANSLATE_NOOP("Techniques",
                           "Weights stored in int8 and dequantized per use: 4x smaller model, little speed gain.")},
        {q(options::Quantization::WeightInt4G32),
         QT_TRANSLATE_NOOP("Techniques",
                           "Weights in 4 bits, a scale per 32 inputs: about 7x smaller, faster token by token "
                           "on CPU, some quality loss.")},
        {q(options::Quantization::WeightInt4G128),
         QT_TRANSLATE_NOOP("Techniques",
                           "Weights in 4 bits, a scale per 128 inputs: about 7.5x smaller, a little more quality "
                           "loss than groups of 32.")},
        {q(options::Quantization::Fp16Weights),
         QT_TRANSLATE_NOOP("Techniques", "Weights stored in fp16: half the model size, compute stays in fp32.")},
        {q(options::Quantization::Bf16Weights),
         QT_TRANSLATE_NOOP("Techniques", "Weights stored in bfloat16: half the model size, compute stays in fp32.")},
        {q(options::Quantization::Qat),
         QT_TRANSLATE_NOOP("Techniques",
                           "Quantization-aware training: fake-quantizes during training so int8 loses less accuracy.")},
        {q(options::PruningMethod::Magnitude),
         QT_TRANSLATE_NOOP("Techniques",
                           "Zeroes the smallest weights: smaller when compressed, faster only with sparse kernels.")},
        {q(options::PruningMethod::Heads),
         QT_TRANSLATE_NOOP("Techniques",
                           "Removes whole attention heads: really faster, costs accuracy beyond about 30%.")},
        {q(options::PruningMethod::Neurons),
         QT_TRANSLATE_NOOP("Techniques",
                           "Removes feed-forward neurons: really faster and smaller, costs accuracy as it grows.")},
        {q(options::PruningMethod::TwoFour),
         QT_TRANSLATE_NOOP("Techniques",
                           "Two of every four weights zero: structured sparsity that sparse tensor cores accelerate.")},
        {q(options::Padding::Fixed),
         QT_TRANSLATE_NOOP("Techniques", "Pads every batch to the maximum length: simple, wastes compute on padding.")},
        {q(options::Padding::Dynamic),
         QT_TRANSLATE_NOOP("Techniques", "Pads each batch to its longest sequence: less waste, shapes vary.")},
        {q(options::Padding::Bucketed),
         QT_TRANSLATE_NOOP("Techniques",
                           "Groups sequences of similar length into batches: least padding, order changes.")},
        {q(options::Mode::Inference), QT_TRANSLATE_NOOP("Techniques", "Times forward passes on the evaluation split.")},
        {q(options::Mode::Training),
         QT_TRANSLATE_NOOP("Techniques",
                           "Runs optimizer steps on the training split and measures loss, time and memory.")},
        {q(options::Mode::Generation),
         QT_TRANSLATE_NOOP("Techniques",
                           "A decoder continues prompts token by token: time to first token, inter-token "
                           "latency, decode tokens/s against the memory-bandwidth bound.")},
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
    if (o.pruning.method == options::PruningMethod::TwoFour)
        parts << Text::tr("2:4 sparse");
    else if (o.pruning.method != options::PruningMethod::None)
        parts << (o.pruning.scope == options::PruningScope::Layer ? Text::tr("%1 pruned %2 per layer")
                                                                  : Text::tr("%1 pruned %2"))
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
    if (spec.task.mode != options::Mode::Inference)
        parts.prepend(choiceText(q(spec.task.mode)));
    if (parts.isEmpty())
        return Text::tr("fp32 baseline");
    return parts.join(QStringLiteral(", "));
}

QString ruleReasonText(const options::Violation &violation)
{
    QString text = QCoreApplication::translate("Rules", violation.reasonTemplate);
    for (const std::string &arg : violation.args) {
        const QString value = q(arg);
        const QString shown = choiceText(value);
        text = text.arg(shown.isEmpty() ? value : shown);
    }
    return text;
}

QString specErrorText(const core::ExperimentSpec &spec, const std::exception &error)
{
    const auto *e = dynamic_cast<const core::SpecError *>(&error);
    if (e) {
        for (const auto &v : options::violations(core::choicesOf(spec)))
            if (v.field == e->field())
                return ruleReasonText(v);
    }
    return QString::fromUtf8(error.what());
}

} // namespace optibench::ui
