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

void ExperimentPanel::applyFieldRanges()
{
    m_batch->setRange(1, 4096);
    m_maxLength->setRange(8, 8192);
    m_warmup->setRange(0, 1000);
    m_iterations->setRange(1, 100000);
    m_pruneAmount->setRange(0.0, 0.99);
    m_pruneAmount->setSingleStep(0.05);
    m_pruneAmount->setDecimals(2);
    m_steps->setRange(1, 1000000);
    m_checkpoint->setRange(0, 64);
    m_accumulation->setRange(1, 1024);
    m_share->setRange(0, 64);
    m_studentLayers->setRange(0, 96);
    m_studentHidden->setRange(0, 16384);
    m_studentHidden->setSingleStep(32);
    m_alpha->setRange(0.0, 1.0);
    m_alpha->setSingleStep(0.1);
    m_temperature->setRange(0.1, 20.0);
    m_temperature->setSingleStep(0.5);
    m_threads->setRange(1, 256);
}

void ExperimentPanel::fillChoices()
{
    addChoices(m_mode, {"inference", "training"});
    m_dataset->addItem(QStringLiteral("demo:reviews"), QStringLiteral("demo:reviews"));
    addChoices(m_precision, core::allowedPrecisions());
    addChoices(m_quantization, core::allowedQuantizations());
    addChoices(m_pruning, core::allowedPruningMethods());
    m_pruneScope->addItem(tr("global"), QStringLiteral("global"));
    m_pruneScope->addItem(tr("per layer"), QStringLiteral("layer"));
    addChoices(m_padding, core::allowedPaddings());
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
