// The experiment panel's behaviour and its connections. Its form is the Designer file
// experimentpanel.ui; the choices, ranges and browse buttons the .ui cannot hold are in
// experimentpanel_pages.cpp.
#include "ui/panels/experimentpanel.h"

#include "ui/models/convert.h"
#include "ui/models/modelinfo.h"
#include "ui/models/presets.h"
#include "ui/models/spectext.h"
#include "ui/widgets/emptystate.h"
#include "ui_experimentpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>

#include <algorithm>

namespace optibench::ui {

namespace {
const char kPresetGroup[] = "presets";

void setCombo(QComboBox *combo, const std::string &value)
{
    const int i = combo->findData(toQ(value));
    if (i >= 0) {
        combo->setCurrentIndex(i);
    } else if (combo->isEditable()) {
        combo->setEditText(toQ(value));
    } else {
        combo->addItem(toQ(value), toQ(value));
        combo->setCurrentIndex(combo->count() - 1);
    }
}

template<class E>
void setCombo(QComboBox *combo, E value)
{
    setCombo(combo, options::name(value));
}

std::string comboValue(const QComboBox *combo)
{
    if (combo->isEditable())
        return fromQ(combo->currentText().trimmed());
    return fromQ(combo->currentData().toString());
}

// The option a combo box holds (its items' data are the names of options/values.h).
template<class E>
E comboChoice(const QComboBox *combo)
{
    return options::parse<E>(comboValue(combo)).value_or(E{});
}

} // namespace

ExperimentPanel::ExperimentPanel(QWidget *parent) : QWidget(parent)
{
    buildUi();
    setSpec(core::ExperimentSpec{});
    reloadPresets();
}

ExperimentPanel::~ExperimentPanel() = default;

void ExperimentPanel::addChoices(QComboBox *combo, const std::vector<std::string> &values)
{
    for (const std::string &v : values) {
        const QString value = toQ(v);
        combo->addItem(choiceText(value), value);
        combo->setItemData(combo->count() - 1, choiceExplanation(value), Qt::ToolTipRole);
    }
}

void ExperimentPanel::buildUi()
{
    m_ui = std::make_unique<Ui::ExperimentPanel>();
    m_ui->setupUi(this);
    takeFormWidgets();
    takeTrainingAndHardwareWidgets();
    showAsHint(m_trainingHint);
    fillChoices();
    applyFieldRanges();
    setTabArrowTips();
    connectBrowseButtons();
    connectPanelSignals();
    connectRevalidation();
}

void ExperimentPanel::connectPanelSignals()
{
    connect(m_model, &QLineEdit::editingFinished, this, [this] {
        updateModelFamily();
        emit modelPathChanged(m_model->text());
    });
    connect(m_pruning, &QComboBox::currentIndexChanged, this, &ExperimentPanel::pruningMethodChanged);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (m_error.isEmpty())
            emit runRequested(toQ(spec().name), specJson());
    });
    connect(m_presets, &QComboBox::activated, this, [this] { applyPreset(m_presets->currentText()); });
    connect(m_savePreset, &QPushButton::clicked, this, &ExperimentPanel::savePreset);
    connect(m_deletePreset, &QPushButton::clicked, this, &ExperimentPanel::deletePreset);
}

void ExperimentPanel::connectRevalidation()
{
    for (QComboBox *c : {m_mode, m_precision, m_quantization, m_pruning, m_pruneScope, m_padding, m_device})
        connect(c, &QComboBox::currentIndexChanged, this, &ExperimentPanel::revalidate);
    connect(m_dataset, &QComboBox::currentTextChanged, this, &ExperimentPanel::revalidate);
    for (QSpinBox *s :
         {m_batch, m_maxLength, m_warmup, m_iterations, m_steps, m_checkpoint, m_accumulation, m_share, m_threads})
        connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    connect(m_pruneAmount, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QCheckBox *c : {m_freeze, m_quantEmbeddings, m_traceOps, m_traceKernels})
        connect(c, &QCheckBox::toggled, this, &ExperimentPanel::revalidate);
    connect(m_model, &QLineEdit::textChanged, this, &ExperimentPanel::revalidate);
    // Distillation
    connect(m_distill, &QCheckBox::toggled, this, &ExperimentPanel::revalidate);
    connect(m_teacher, &QLineEdit::textChanged, this, &ExperimentPanel::revalidate);
    for (QSpinBox *sb : {m_studentLayers, m_studentHidden})
        connect(sb, &QSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QDoubleSpinBox *sb : {m_alpha, m_temperature})
        connect(sb, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
}

core::ExperimentSpec ExperimentPanel::spec() const
{
    core::ExperimentSpec s = m_loaded; // what the form has no control for stays as it was set
    s.name = fromQ(m_name->text().trimmed());
    s.model.path = fromQ(m_model->text().trimmed());
    s.task.mode = comboChoice<options::Mode>(m_mode);
    s.task.dataset = comboValue(m_dataset);
    s.task.batchSize = m_batch->value();
    s.task.maxLength = m_maxLength->value();
    s.task.warmup = m_warmup->value();
    s.task.iterations = m_iterations->value();
    s.task.steps = m_steps->value();
    readOptimizations(s.optimizations);
    s.device = comboValue(m_device);
    s.threads = m_threads->value();
    s.profiling.ops = m_traceOps->isChecked();
    s.profiling.kernels = m_traceKernels->isChecked();
    if (s.name.empty()) {
        const std::string toggles = core::describeToggles(s);
        s.name = toggles.empty() ? "baseline" : toggles;
    }
    return s;
}

void ExperimentPanel::readOptimizations(core::OptimizationSpec &o) const
{
    o.precision = comboChoice<options::Precision>(m_precision);
    o.quantization = comboChoice<options::Quantization>(m_quantization);
    // The int8 tables follow the quantization: with another one the box is disabled (and says why).
    o.quantizeEmbeddings = m_quantEmbeddings->isChecked() && options::storesInt8Tables(o.quantization);
    o.pruning.method = comboChoice<options::PruningMethod>(m_pruning);
    o.pruning.amount = o.pruning.method == options::PruningMethod::None ? 0.0 : m_pruneAmount->value();
    o.pruning.scope = comboChoice<options::PruningScope>(m_pruneScope);
    o.padding = comboChoice<options::Padding>(m_padding);
    o.checkpointEvery = m_checkpoint->value();
    o.gradAccumulation = m_accumulation->value();
    o.freezeEmbeddings = m_freeze->isChecked();
    o.shareLayers = m_share->value();
    o.distillation.reset();
    if (m_distill->isChecked()) {
        core::DistillationSpec d;
        d.teacher = fromQ(m_teacher->text().trimmed());
        d.studentLayers = m_studentLayers->value();
        d.studentHidden = m_studentHidden->value();
        d.alpha = m_alpha->value();
        d.temperature = m_temperature->value();
        o.distillation = d;
    }
}

QString ExperimentPanel::specJson() const
{
    return toQ(core::toJsonText(spec(), -1));
}

void ExperimentPanel::setSpec(const core::ExperimentSpec &s)
{
    m_updating = true;
    m_loaded = s;
    m_name->setText(toQ(s.name));
    m_model->setText(toQ(s.model.path));
    setCombo(m_mode, s.task.mode);
    setCombo(m_dataset, s.task.dataset);
    m_batch->setValue(s.task.batchSize);
    m_maxLength->setValue(s.task.maxLength);
    m_warmup->setValue(s.task.warmup);
    m_iterations->setValue(s.task.iterations);
    m_steps->setValue(s.task.steps);
    setCombo(m_precision, s.optimizations.precision);
    setCombo(m_quantization, s.optimizations.quantization);
    m_quantEmbeddings->setChecked(s.optimizations.quantizeEmbeddings);
    setCombo(m_pruning, s.optimizations.pruning.method);
    m_pruneAmount->setValue(s.optimizations.pruning.amount);
    setCombo(m_pruneScope, s.optimizations.pruning.scope);
    setCombo(m_padding, s.optimizations.padding);
    m_checkpoint->setValue(s.optimizations.checkpointEvery);
    m_accumulation->setValue(s.optimizations.gradAccumulation);
    m_freeze->setChecked(s.optimizations.freezeEmbeddings);
    m_share->setValue(s.optimizations.shareLayers);
    const core::DistillationSpec d = s.optimizations.distillation.value_or(core::DistillationSpec{});
    m_distill->setChecked(s.optimizations.distillation.has_value());
    m_teacher->setText(toQ(d.teacher));
    m_studentLayers->setValue(d.studentLayers);
    m_studentHidden->setValue(d.studentHidden);
    m_alpha->setValue(d.alpha);
    m_temperature->setValue(d.temperature);
    setCombo(m_device, s.device);
    m_threads->setValue(s.threads);
    m_traceOps->setChecked(s.profiling.ops);
    m_traceKernels->setChecked(s.profiling.kernels);
    m_updating = false;
    updateModelFamily();
    revalidate();
}

void ExperimentPanel::setModelPath(const QString &path)
{
    if (m_model->text() == path)
        return;
    m_model->setText(path);
    updateModelFamily();
    revalidate();
    emit modelPathChanged(path);
}

void ExperimentPanel::setDevices(const QStringList &devices)
{
    if (devices.isEmpty())
        return;
    const QString current = m_device->currentData().toString();
    m_updating = true;
    m_device->clear();
    for (const QString &d : devices)
        m_device->addItem(d, d);
    m_updating = false;
    setCombo(m_device, fromQ(current));
    revalidate();
}

void ExperimentPanel::markInvalidChoices(QComboBox *combo, void (*apply)(core::ExperimentSpec &, const std::string &))
{
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    if (!model)
        return;
    const core::ExperimentSpec base = spec();
    for (int i = 0; i < combo->count(); ++i) {
        const QString value = combo->itemData(i).toString();
        core::ExperimentSpec candidate = base;
        apply(candidate, fromQ(value));
        const auto broken = options::firstViolation(core::choicesOf(candidate));
        QStandardItem *item = model->item(i);
        item->setEnabled(!broken || i == combo->currentIndex());
        item->setToolTip(broken ? tr("Not available: %1").arg(ruleReasonText(*broken)) : choiceExplanation(value));
    }
}

void ExperimentPanel::enableByRule(QWidget *control, const char *field, void (*turnOn)(core::ExperimentSpec &))
{
    // The tooltip the form gave the control, kept for when the rule lets it back on.
    static const char kTip[] = "optibenchTip";
    if (!control->property(kTip).isValid())
        control->setProperty(kTip, control->toolTip());
    core::ExperimentSpec current = spec();
    core::ExperimentSpec candidate = current;
    turnOn(candidate);
    const auto broken = options::violationOf(core::choicesOf(candidate), field);
    // A control whose current value breaks the rule stays enabled, so that it can be undone.
    const bool brokenNow = options::violationOf(core::choicesOf(current), field).has_value();
    control->setEnabled(!broken || brokenNow);
    control->setToolTip(broken ? tr("Not available: %1").arg(ruleReasonText(*broken))
                               : control->property(kTip).toString());
}

// The controls a rule of options/rules.h may refuse, each judged as if it were switched on.
void ExperimentPanel::enableControlsByRules()
{
    using S = core::ExperimentSpec;
    enableByRule(m_checkpoint, "optimizations.checkpoint_every",
                 [](S &s) { s.optimizations.checkpointEvery = std::max(1, s.optimizations.checkpointEvery); });
    enableByRule(m_accumulation, "optimizations.grad_accumulation",
                 [](S &s) { s.optimizations.gradAccumulation = std::max(2, s.optimizations.gradAccumulation); });
    enableByRule(m_freeze, "optimizations.freeze_embeddings", [](S &s) { s.optimizations.freezeEmbeddings = true; });
    enableByRule(m_share, "optimizations.share_layers",
                 [](S &s) { s.optimizations.shareLayers = std::max(2, s.optimizations.shareLayers); });
    enableByRule(m_distill, "optimizations.distillation", [](S &s) {
        core::DistillationSpec d = s.optimizations.distillation.value_or(core::DistillationSpec{});
        d.teacher = d.teacher.empty() ? s.model.path : d.teacher; // the teacher is a field of its own
        s.optimizations.distillation = d;
    });
    enableByRule(m_quantEmbeddings, "optimizations.quantize_embeddings",
                 [](S &s) { s.optimizations.quantizeEmbeddings = true; });
    enableByRule(m_traceKernels, "profiling.kernels", [](S &s) { s.profiling.kernels = true; });
    enableByRule(m_pruneScope, "optimizations.pruning.scope",
                 [](S &s) { s.optimizations.pruning.scope = options::PruningScope::Layer; });
    // The amount: refused with no method, and fixed at 0.5 for 2:4.
    enableByRule(m_pruneAmount, "optimizations.pruning.amount", [](S &s) {
        auto &p = s.optimizations.pruning;
        p.amount = p.amount > 0 && p.amount != 0.5 ? p.amount : 0.25;
    });
}

void ExperimentPanel::markInvalidComboItems()
{
    using S = core::ExperimentSpec;
    using namespace options;
    markInvalidChoices(m_precision,
                       [](S &s, const std::string &v) { s.optimizations.precision = *parse<Precision>(v); });
    markInvalidChoices(m_quantization, [](S &s, const std::string &v) {
        s.optimizations.quantization = *parse<Quantization>(v);
        // The int8 tables follow the quantization (their checkbox is disabled), so judge without.
        s.optimizations.quantizeEmbeddings =
            s.optimizations.quantizeEmbeddings && storesInt8Tables(s.optimizations.quantization);
    });
    markInvalidChoices(m_pruning, [](S &s, const std::string &v) {
        auto &p = s.optimizations.pruning;
        p.method = *parse<PruningMethod>(v);
        // The amount follows the method (pruningMethodChanged), so judge each with its own.
        p.amount = p.method == PruningMethod::None ? 0.0 : p.method == PruningMethod::TwoFour ? 0.5 : 0.3;
        if (p.method != PruningMethod::Magnitude)
            p.scope = PruningScope::Global;
    });
    markStructuredPruning();
    markInvalidChoices(m_padding, [](S &s, const std::string &v) { s.optimizations.padding = *parse<Padding>(v); });
    markInvalidChoices(m_mode, [](S &s, const std::string &v) { s.task.mode = *parse<Mode>(v); });
    markInvalidChoices(m_device, [](S &s, const std::string &v) { s.device = v; });
}

// Heads and neurons need a native BERT-family encoder: a rule of the model, not of the spec.
void ExperimentPanel::markStructuredPruning()
{
    if (m_bertFamily)
        return;
    auto *model = qobject_cast<QStandardItemModel *>(m_pruning->model());
    for (auto method : {options::PruningMethod::Heads, options::PruningMethod::Neurons}) {
        const int i = m_pruning->findData(toQ(options::name(method)));
        if (model && i >= 0) {
            model->item(i)->setEnabled(i == m_pruning->currentIndex());
            model->item(i)->setToolTip(tr("Not available: %1").arg(m_structuredPruningReason));
        }
    }
}

void ExperimentPanel::revalidate()
{
    if (m_updating)
        return;
    const bool training = comboChoice<options::Mode>(m_mode) == options::Mode::Training;
    m_trainingHint->setVisible(!training);
    // Fields a mode ignores (no rule refuses them: they keep their value for the other mode).
    m_warmup->setEnabled(!training);
    m_iterations->setEnabled(!training);
    m_steps->setEnabled(training);
    const bool distill = training && m_distill->isChecked();
    for (QWidget *w : std::initializer_list<QWidget *>{m_teacher, m_teacherBrowse, m_studentLayers, m_studentHidden,
                                                       m_alpha, m_temperature})
        w->setEnabled(distill);
    enableControlsByRules();
    markInvalidComboItems();
    showValidation();
}

void ExperimentPanel::showValidation()
{
    m_error.clear();
    const core::ExperimentSpec current = spec();
    try {
        core::parseSpecText(core::toJsonText(current)); // ranges, allowed values and the rules
    } catch (const std::exception &e) {
        m_error = specErrorText(current, e);
    }
    const auto method = current.optimizations.pruning.method;
    if (m_error.isEmpty() && !m_bertFamily
        && (method == options::PruningMethod::Heads || method == options::PruningMethod::Neurons))
        m_error = m_structuredPruningReason;
    m_run->setEnabled(m_error.isEmpty());
    m_status->setText(m_error.isEmpty() ? QString() : tr("Cannot run: %1").arg(m_error));
    m_status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #b3261e;"));
    m_status->setVisible(!m_error.isEmpty());
}

QStringList ExperimentPanel::presetNames() const
{
    QStringList names;
    for (int i = 0; i < m_presets->count(); ++i)
        names << m_presets->itemText(i);
    return names;
}

void ExperimentPanel::reloadPresets()
{
    m_presets->clear();
    const auto builtin = builtinPresets();
    QStringList names = builtin.keys();
    names.sort();
    for (const QString &n : names)
        m_presets->addItem(n, QStringLiteral("builtin"));
    QSettings settings;
    settings.beginGroup(QLatin1String(kPresetGroup));
    const QStringList own = settings.childKeys();
    for (const QString &n : own)
        m_presets->addItem(n, QStringLiteral("user"));
    settings.endGroup();
    m_presets->setCurrentIndex(-1);
    m_presets->setPlaceholderText(tr("choose a preset"));
    m_deletePreset->setEnabled(!own.isEmpty());
}

void ExperimentPanel::applyPreset(const QString &name)
{
    const auto builtin = builtinPresets();
    if (builtin.contains(name)) {
        core::ExperimentSpec s = builtin.value(name);
        s.model.path = fromQ(m_model->text().trimmed());
        setSpec(s);
        return;
    }
    const QString json = QSettings().value(QLatin1String(kPresetGroup) + QLatin1Char('/') + name).toString();
    try {
        setSpec(core::parseSpecText(fromQ(json)));
    } catch (const std::exception &e) {
        QMessageBox::warning(this, tr("Preset"), tr("The preset \"%1\" cannot be loaded: %2").arg(name, toQ(e.what())));
    }
}

void ExperimentPanel::savePreset()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save preset"), tr("Preset name:"), QLineEdit::Normal, toQ(spec().name), &ok)
            .trimmed();
    if (!ok || name.isEmpty())
        return;
    QSettings().setValue(QLatin1String(kPresetGroup) + QLatin1Char('/') + name, toQ(core::toJsonText(spec(), -1)));
    reloadPresets();
    m_presets->setCurrentText(name);
}

void ExperimentPanel::deletePreset()
{
    const QString name = m_presets->currentText();
    if (m_presets->currentData().toString() != QLatin1String("user")) {
        QMessageBox::information(this, tr("Delete preset"),
                                 tr("Choose one of your own presets first; built-in presets cannot be deleted."));
        return;
    }
    QSettings().remove(QLatin1String(kPresetGroup) + QLatin1Char('/') + name);
    reloadPresets();
}

void ExperimentPanel::updateModelFamily()
{
    const LocalModelInfo info = readModelInfo(m_model->text().trimmed());
    // A path that cannot be read is not judged here: the run reports it, naming the file.
    m_bertFamily = !info.ok() || info.isBertFamily();
    m_structuredPruningReason =
        tr("removing heads or neurons needs a native BERT-family model (BERT, RoBERTa, DistilBERT); this model is %1")
            .arg(info.architecture.isEmpty() ? info.modelType : info.architecture);
}

void ExperimentPanel::pruningMethodChanged()
{
    if (m_updating)
        return;
    using options::PruningMethod;
    const auto method = comboChoice<PruningMethod>(m_pruning);
    m_updating = true;
    if (method == PruningMethod::None) {
        m_pruneAmount->setValue(0.0);
    } else if (method == PruningMethod::TwoFour) {
        if (m_pruneAmount->value() != 0.5)
            m_lastPruneAmount = m_pruneAmount->value() > 0 ? m_pruneAmount->value() : m_lastPruneAmount;
        m_pruneAmount->setValue(0.5);
    } else if (m_pruneAmount->value() == 0.0 || m_pruneAmount->value() == 0.5) {
        m_pruneAmount->setValue(m_lastPruneAmount);
    }
    if (method != PruningMethod::Magnitude)
        setCombo(m_pruneScope, options::PruningScope::Global);
    m_updating = false;
    revalidate();
}

} // namespace optibench::ui
