// The experiment panel's tabs: task, optimizations, training (with the distillation group:
// teacher, student shape, alpha and temperature) and hardware. The panel's behaviour lives in
// experimentpanel.cpp.
#include "ui/panels/experimentpanel.h"

#include "app/core/spec.h"
#include "ui/widgets/emptystate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>

namespace optibench::ui {

namespace {
QSpinBox *spin(QWidget *parent, int min, int max, const QString &tip)
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setToolTip(tip);
    return s;
}
} // namespace

QFormLayout *ExperimentPanel::addPage(const QString &title)
{
    auto *page = new QWidget(m_sections);
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_sections->addTab(page, title);
    return form;
}

void ExperimentPanel::buildTaskPage(QFormLayout *task)
{
    QWidget *page = task->parentWidget();
    m_name = new QLineEdit(page);
    m_name->setPlaceholderText(tr("described by its optimizations"));
    m_name->setToolTip(tr("A name for the run; left empty, the run is named after what it changes"));
    task->addRow(tr("Run name:"), m_name);
    auto *modelRow = new QHBoxLayout;
    m_model = new QLineEdit(page);
    m_model->setToolTip(
        tr("\"demo:tiny-bert\", a Hugging Face model folder (config.json + safetensors) or a TorchScript file"));
    auto *browse = new QToolButton(page);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a model folder"));
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(browse);
    task->addRow(tr("Model:"), modelRow);
    m_mode = new QComboBox(page);
    addChoices(m_mode, options::names<options::Mode>());
    m_mode->setToolTip(tr("Inference times forward passes; training times optimizer steps"));
    task->addRow(tr("Mode:"), m_mode);
    m_dataset = new QComboBox(page);
    m_dataset->setEditable(true);
    m_dataset->addItem(QStringLiteral("demo:reviews"), QStringLiteral("demo:reviews"));
    m_dataset->setToolTip(tr("\"demo:reviews\" (built in) or a JSON-lines file with text and label"));
    task->addRow(tr("Dataset:"), m_dataset);
    m_batch = spin(page, 1, 4096, tr("Sequences per batch: larger batches raise throughput and memory"));
    task->addRow(tr("Batch size:"), m_batch);
    m_maxLength = spin(page, 8, 8192, tr("Longest sequence in tokens; longer inputs are truncated"));
    task->addRow(tr("Max length:"), m_maxLength);
    m_warmup = spin(page, 0, 1000, tr("Untimed iterations first, so caches and allocators settle"));
    task->addRow(tr("Warm-up:"), m_warmup);
    m_iterations = spin(page, 1, 100000, tr("Timed batches: more give steadier percentiles"));
    task->addRow(tr("Iterations:"), m_iterations);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"));
        if (!dir.isEmpty())
            setModelPath(dir);
    });
}

void ExperimentPanel::buildOptimizationsPage(QFormLayout *opt)
{
    QWidget *page = opt->parentWidget();
    m_precision = new QComboBox(page);
    addChoices(m_precision, options::names<options::Precision>());
    m_precision->setToolTip(
        tr("Number format of weights and activations: lower precision is faster and smaller, slightly less exact"));
    opt->addRow(tr("Precision:"), m_precision);
    m_quantization = new QComboBox(page);
    addChoices(m_quantization, options::names<options::Quantization>());
    m_quantization->setToolTip(
        tr("Stores weights (and maybe activations) in fewer bits: smaller and often faster, costs some accuracy"));
    opt->addRow(tr("Quantization:"), m_quantization);
    m_quantEmbeddings = new QCheckBox(tr("Embedding tables in int8 too"), page);
    m_quantEmbeddings->setToolTip(tr("Stores the word and position embedding tables as int8 with a scale per row: "
                                     "the largest tables of a small model shrink 4x; lookups are dequantized"));
    opt->addRow(QString(), m_quantEmbeddings);
    m_pruning = new QComboBox(page);
    addChoices(m_pruning, options::names<options::PruningMethod>());
    m_pruning->setToolTip(
        tr("Removes weights, heads or neurons: smaller models; speed depends on the structure removed"));
    opt->addRow(tr("Pruning:"), m_pruning);
    m_pruneAmount = new QDoubleSpinBox(page);
    m_pruneAmount->setRange(0.0, 0.99);
    m_pruneAmount->setSingleStep(0.05);
    m_pruneAmount->setDecimals(2);
    m_pruneAmount->setToolTip(tr("Fraction removed: accuracy usually holds up to about 0.3-0.5, then drops"));
    opt->addRow(tr("Pruning amount:"), m_pruneAmount);
    m_pruneScope = new QComboBox(page);
    m_pruneScope->addItem(tr("global"), QString::fromStdString(options::name(options::PruningScope::Global)));
    m_pruneScope->addItem(tr("per layer"), QString::fromStdString(options::name(options::PruningScope::Layer)));
    m_pruneScope->setToolTip(
        tr("Global ranks all weights together (usually better); per layer prunes each layer equally"));
    opt->addRow(tr("Pruning scope:"), m_pruneScope);
    m_padding = new QComboBox(page);
    addChoices(m_padding, options::names<options::Padding>());
    m_padding->setToolTip(tr("How batches are padded: less padding means less wasted compute"));
    opt->addRow(tr("Padding:"), m_padding);
}

void ExperimentPanel::buildTrainingPage(QFormLayout *train)
{
    QWidget *page = train->parentWidget();
    m_trainingHint = hintLabel(tr("These apply to training runs: set Mode to training on the Task tab."), page);
    train->addRow(m_trainingHint);
    m_steps = spin(page, 1, 1000000, tr("Optimizer steps of a training run"));
    train->addRow(tr("Training steps:"), m_steps);
    m_checkpoint = spin(page, 0, 64,
                        tr("Gradient checkpointing: recomputes activations of every k-th layer in the backward pass; "
                           "saves memory, costs about 30% time (0: off)"));
    m_checkpoint->setSpecialValueText(tr("off"));
    train->addRow(tr("Checkpointing every:"), m_checkpoint);
    m_accumulation = spin(page, 1, 1024,
                          tr("Gradient accumulation: sums gradients over N micro-batches; a large effective batch in "
                             "little memory, no speed gain"));
    train->addRow(tr("Accumulation steps:"), m_accumulation);
    m_freeze = new QCheckBox(tr("Freeze embeddings"), page);
    m_freeze->setToolTip(tr(
        "Embeddings get no gradients: less optimizer memory and a faster backward pass, usually little accuracy loss"));
    train->addRow(QString(), m_freeze);
    m_share = spin(page, 0, 64,
                   tr("Cross-layer sharing: groups of N layers share weights (ALBERT-style); much smaller, costs "
                      "accuracy (0: off)"));
    m_share->setSpecialValueText(tr("off"));
    train->addRow(tr("Share layers:"), m_share);
}

void ExperimentPanel::buildHardwarePage(QFormLayout *hw)
{
    QWidget *page = hw->parentWidget();
    m_device = new QComboBox(page);
    m_device->addItem(QStringLiteral("cpu"), QStringLiteral("cpu"));
    m_device->addItem(QStringLiteral("cuda"), QStringLiteral("cuda"));
    m_device->setToolTip(tr("Where the model runs; the list comes from the worker"));
    hw->addRow(tr("Device:"), m_device);
    m_threads = spin(page, 1, 256, tr("CPU threads for intra-op parallelism"));
    hw->addRow(tr("Threads:"), m_threads);
    m_traceOps = new QCheckBox(tr("Trace operators"), page);
    m_traceOps->setToolTip(
        tr("Records every operator in a separate pass after timing, so tracing never distorts the timing"));
    hw->addRow(QString(), m_traceOps);
    m_traceKernels = new QCheckBox(tr("Trace CUDA kernels"), page);
    m_traceKernels->setToolTip(tr("Records GPU kernels with CUPTI (CUDA devices only)"));
    hw->addRow(QString(), m_traceKernels);
}

QWidget *ExperimentPanel::buildDistillation(QWidget *parent)
{
    auto *box = new QGroupBox(tr("Distillation (training)"), parent);
    auto *form = new QFormLayout(box);
    m_distill = new QCheckBox(tr("Distill from a teacher"), box);
    m_distill->setToolTip(
        tr("Trains the model as a student that imitates a larger teacher's outputs: a smaller, faster "
           "model that keeps much of the teacher's accuracy, for the cost of running the teacher in "
           "every training step"));
    form->addRow(QString(), m_distill);
    auto *teacherRow = new QHBoxLayout;
    m_teacher = new QLineEdit(box);
    m_teacher->setPlaceholderText(tr("teacher model folder"));
    m_teacher->setToolTip(tr("The trained teacher: a Hugging Face model folder or \"demo:tiny-bert\"; it must have the "
                             "same tokenizer and labels as the student"));
    m_teacherBrowse = new QToolButton(box);
    m_teacherBrowse->setText(tr("…"));
    m_teacherBrowse->setToolTip(tr("Choose the teacher's model folder"));
    teacherRow->addWidget(m_teacher, 1);
    teacherRow->addWidget(m_teacherBrowse);
    form->addRow(tr("Teacher:"), teacherRow);
    m_studentLayers = spin(box, 0, 96,
                           tr("Encoder layers of the student: fewer layers run faster and lose more "
                              "accuracy (0: as many as the model has)"));
    m_studentLayers->setSpecialValueText(tr("same as the model"));
    form->addRow(tr("Student layers:"), m_studentLayers);
    m_studentHidden = spin(box, 0, 16384,
                           tr("Hidden size of the student: narrower layers are faster and smaller, and "
                              "lose accuracy (0: the model's own)"));
    m_studentHidden->setSpecialValueText(tr("same as the model"));
    m_studentHidden->setSingleStep(32);
    form->addRow(tr("Student hidden size:"), m_studentHidden);
    m_alpha = new QDoubleSpinBox(box);
    m_alpha->setRange(0.0, 1.0);
    m_alpha->setSingleStep(0.1);
    m_alpha->setToolTip(tr("Weight of the teacher's soft targets against the true labels: higher imitates the teacher "
                           "more closely, which helps when labels are few or noisy"));
    form->addRow(tr("Alpha:"), m_alpha);
    m_temperature = new QDoubleSpinBox(box);
    m_temperature->setRange(0.1, 20.0);
    m_temperature->setSingleStep(0.5);
    m_temperature->setToolTip(tr("Softens both output distributions before they are compared: higher passes on more "
                                 "of the teacher's knowledge about wrong classes; 2-4 is usual"));
    form->addRow(tr("Temperature:"), m_temperature);

    connect(m_teacherBrowse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the teacher's model folder"));
        if (!dir.isEmpty())
            m_teacher->setText(dir);
    });
    connect(m_distill, &QCheckBox::toggled, this, &ExperimentPanel::revalidate);
    connect(m_teacher, &QLineEdit::textChanged, this, &ExperimentPanel::revalidate);
    for (QSpinBox *sb : {m_studentLayers, m_studentHidden})
        connect(sb, &QSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QDoubleSpinBox *sb : {m_alpha, m_temperature})
        connect(sb, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    return box;
}

} // namespace optibench::ui
