// What the experiment panel's form cannot hold in its Designer file (experimentpanel.ui, which
// has every widget, label and tooltip of the tabs task, optimizations, training with the
// distillation group, and hardware; the panel reaches them as m_ui->name): the choices of the
// combo boxes, the spin boxes' ranges, the tab bar's arrow tooltips and the browse buttons.
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
    setRange(m_ui->batch, range::batchSize);
    setRange(m_ui->maxLength, range::maxLength);
    setRange(m_ui->warmup, range::warmup);
    setRange(m_ui->iterations, range::iterations);
    setRange(m_ui->blocks, range::blocks);
    setRange(m_ui->minBlockMs, range::minBlockMs, 0, 10);
    setRange(m_ui->pruneAmount, range::pruningAmount, 2, 0.05);
    setRange(m_ui->steps, range::steps);
    setRange(m_ui->checkpoint, range::checkpointEvery);
    setRange(m_ui->accumulation, range::gradAccumulation);
    setRange(m_ui->share, range::shareLayers);
    setRange(m_ui->studentLayers, range::studentLayers);
    setRange(m_ui->studentHidden, range::studentHidden);
    m_ui->studentHidden->setSingleStep(32);
    setRange(m_ui->alpha, range::alpha, 2, 0.1);
    setRange(m_ui->temperature, range::temperature, 2, 0.5);
    setRange(m_ui->threads, range::threads);
    setRange(m_ui->promptLength, range::promptLength);
    setRange(m_ui->newTokens, range::newTokens);
    setRange(m_ui->samplingTemperature, range::samplingTemperature, 2, 0.1);
    setRange(m_ui->topK, range::topK);
    setRange(m_ui->topP, range::topP, 2, 0.05);
}

void ExperimentPanel::fillChoices()
{
    addChoices(m_ui->mode, options::names<options::Mode>());
    m_ui->dataset->addItem(QStringLiteral("demo:reviews"), QStringLiteral("demo:reviews"));
    addChoices(m_ui->precision, options::names<options::Precision>());
    addChoices(m_ui->quantization, options::names<options::Quantization>());
    addChoices(m_ui->pruning, options::names<options::PruningMethod>());
    m_ui->pruneScope->addItem(tr("global"), nameOf(options::PruningScope::Global));
    m_ui->pruneScope->addItem(tr("per layer"), nameOf(options::PruningScope::Layer));
    addChoices(m_ui->padding, options::names<options::Padding>());
    // The worker replaces these with the devices it has (setDevices).
    m_ui->device->addItem(QStringLiteral("cpu"), QStringLiteral("cpu"));
    m_ui->device->addItem(QStringLiteral("cuda"), QStringLiteral("cuda"));
}

void ExperimentPanel::setTabArrowTips()
{
    // The tab bar's scroll arrows, shown when the dock is narrow.
    for (QToolButton *arrow : m_ui->experimentSections->tabBar()->findChildren<QToolButton *>())
        arrow->setToolTip(tr("Show the other tabs"));
}

void ExperimentPanel::connectBrowseButtons()
{
    connect(m_ui->modelBrowse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"));
        if (!dir.isEmpty())
            setModelPath(dir);
    });
    connect(m_ui->teacherBrowse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the teacher's model folder"));
        if (!dir.isEmpty())
            m_ui->teacher->setText(dir);
    });
}

} // namespace optibench::ui
