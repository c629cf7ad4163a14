// What the experiment panel's form cannot hold in its Designer file (experimentpanel.ui, which
// has every widget, label and tooltip of the tabs task, optimizations, training with the
// distillation group, and hardware): the widgets taken from the generated form, the choices of
// the combo boxes, the spin boxes' ranges, the tab bar's arrow tooltips and the browse buttons.
// The panel's behaviour and the other connections live in experimentpanel.cpp.
#include "ui/panels/experimentpanel.h"

#include "app/core/spec.h"
#include "ui_experimentpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>

#include <cmath>

namespace optibench::ui {

void ExperimentPanel::takeFormWidgets()
{
    m_presets = m_ui->presets;
    m_savePreset = m_ui->savePreset;
    m_deletePreset = m_ui->deletePreset;
    m_sections = m_ui->experimentSections;
    m_status = m_ui->status;
    m_run = m_ui->run;
    // Task
    m_name = m_ui->name;
    m_model = m_ui->model;
    m_mode = m_ui->mode;
    m_dataset = m_ui->dataset;
    m_batch = m_ui->batch;
    m_maxLength = m_ui->maxLength;
    m_warmup = m_ui->warmup;
    m_iterations = m_ui->iterations;
    // Optimizations
    m_precision = m_ui->precision;
    m_quantization = m_ui->quantization;
    m_quantEmbeddings = m_ui->quantEmbeddings;
    m_pruning = m_ui->pruning;
    m_pruneAmount = m_ui->pruneAmount;
    m_pruneScope = m_ui->pruneScope;
    m_padding = m_ui->padding;
}

void ExperimentPanel::takeTrainingAndHardwareWidgets()
{
    // Training
    m_trainingHint = m_ui->trainingHint;
    m_steps = m_ui->steps;
    m_checkpoint = m_ui->checkpoint;
    m_accumulation = m_ui->accumulation;
    m_freeze = m_ui->freeze;
    m_share = m_ui->share;
    // Distillation
    m_distill = m_ui->distill;
    m_teacher = m_ui->teacher;
    m_teacherBrowse = m_ui->teacherBrowse;
    m_studentLayers = m_ui->studentLayers;
    m_studentHidden = m_ui->studentHidden;
    m_alpha = m_ui->alpha;
    m_temperature = m_ui->temperature;
    // Hardware
    m_device = m_ui->device;
    m_threads = m_ui->threads;
    m_traceOps = m_ui->traceOps;
    m_traceKernels = m_ui->traceKernels;
}

namespace {

// A spin box's limits from the options' ranges (options/ranges.h); an open bound is one step in.
void setRange(QSpinBox *box, const options::Range &range)
{
    box->setRange(static_cast<int>(range.lo) + (range.loOpen ? 1 : 0),
                  static_cast<int>(range.hi) - (range.hiOpen ? 1 : 0));
}

void setRange(QDoubleSpinBox *box, const options::Range &range, int decimals, double step)
{
    const double unit = std::pow(10.0, -decimals);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setRange(range.lo + (range.loOpen ? unit : 0.0), range.hi - (range.hiOpen ? unit : 0.0));
}

template<class E>
QString nameOf(E value)
{
    return QString::fromStdString(options::name(value));
}

} // namespace

void ExperimentPanel::applyFieldRanges()
{
    namespace range = options::range;
    setRange(m_batch, range::batchSize);
    setRange(m_maxLength, range::maxLength);
    setRange(m_warmup, range::warmup);
    setRange(m_iterations, range::iterations);
    setRange(m_pruneAmount, range::pruningAmount, 2, 0.05);
    setRange(m_steps, range::steps);
    setRange(m_checkpoint, range::checkpointEvery);
    setRange(m_accumulation, range::gradAccumulation);
    setRange(m_share, range::shareLayers);
    setRange(m_studentLayers, range::studentLayers);
    setRange(m_studentHidden, range::studentHidden);
    m_studentHidden->setSingleStep(32);
    setRange(m_alpha, range::alpha, 2, 0.1);
    setRange(m_temperature, range::temperature, 2, 0.5);
    setRange(m_threads, range::threads);
}

void ExperimentPanel::fillChoices()
{
    addChoices(m_mode, options::names<options::Mode>());
    m_dataset->addItem(QStringLiteral("demo:reviews"), QStringLiteral("demo:reviews"));
    addChoices(m_precision, options::names<options::Precision>());
    addChoices(m_quantization, options::names<options::Quantization>());
    addChoices(m_pruning, options::names<options::PruningMethod>());
    m_pruneScope->addItem(tr("global"), nameOf(options::PruningScope::Global));
    m_pruneScope->addItem(tr("per layer"), nameOf(options::PruningScope::Layer));
    addChoices(m_padding, options::names<options::Padding>());
    // The worker replaces these with the devices it has (setDevices).
    m_device->addItem(QStringLiteral("cpu"), QStringLiteral("cpu"));
    m_device->addItem(QStringLiteral("cuda"), QStringLiteral("cuda"));
}

void ExperimentPanel::setTabArrowTips()
{
    // The tab bar's scroll arrows, shown when the dock is narrow.
    for (QToolButton *arrow : m_sections->tabBar()->findChildren<QToolButton *>())
        arrow->setToolTip(tr("Show the other tabs"));
}

void ExperimentPanel::connectBrowseButtons()
{
    connect(m_ui->modelBrowse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"));
        if (!dir.isEmpty())
            setModelPath(dir);
    });
    connect(m_teacherBrowse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the teacher's model folder"));
        if (!dir.isEmpty())
            m_teacher->setText(dir);
    });
}

} // namespace optibench::ui
