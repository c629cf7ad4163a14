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

QPushButton *ExperimentPanel::runButton() const
{
    return m_ui->run;
}

QPushButton *ExperimentPanel::sweepButton() const
{
    return m_ui->sweep;
}

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
    showAsHint(m_ui->trainingHint);
    fillChoices();
    applyFieldRanges();
    setTabArrowTips();
    connectBrowseButtons();
    connectPanelSignals();
    connectRevalidation();
}

void ExperimentPanel::connectPanelSignals()
{
    connect(m_ui->model, &QLineEdit::editingFinished, this, [this] {
        updateModelFamily();
        emit modelPathChanged(m_ui->model->text());
    });
    connect(m_ui->pruning, &QComboBox::currentIndexChanged, this, &ExperimentPanel::pruningMethodChanged);
    connect(m_ui->run, &QPushButton::clicked, this, [this] {
        if (m_error.isEmpty())
            emit runRequested(toQ(spec().name), specJson());
    });
    connect(m_ui->sweep, &QPushButton::clicked, this, [this] {
        if (m_error.isEmpty())
            emit sweepRequested();
    });
    connect(m_ui->presets, &QComboBox::activated, this, [this] { applyPreset(m_ui->presets->currentText()); });
    connect(m_ui->savePreset, &QPushButton::clicked, this, &ExperimentPanel::savePreset);
    connect(m_ui->deletePreset, &QPushButton::clicked, this, &ExperimentPanel::deletePreset);
}

void ExperimentPanel::connectRevalidation()
{
    for (QComboBox *c : {m_ui->mode, m_ui->precision, m_ui->quantization, m_ui->pruning, m_ui->pruneScope,
                         m_ui->padding, m_ui->device})
        connect(c, &QComboBox::currentIndexChanged, this, &ExperimentPanel::revalidate);
    connect(m_ui->dataset, &QComboBox::currentTextChanged, this, &ExperimentPanel::revalidate);
    for (QSpinBox *s :
         {m_ui->batch, m_ui->maxLength, m_ui->warmup, m_ui->iterations, m_ui->blocks, m_ui->steps, m_ui->checkpoint,
          m_ui->accumulation, m_ui->share, m_ui->threads, m_ui->promptLength, m_ui->newTokens, m_ui->topK})
        connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QDoubleSpinBox *s : {m_ui->pruneAmount, m_ui->samplingTemperature, m_ui->topP})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QCheckBox *c : {m_ui->freeze, m_ui->quantEmbeddings, m_ui->traceOps, m_ui->traceKernels, m_ui->sample})
        connect(c, &QCheckBox::toggled, this, &ExperimentPanel::revalidate);
    connect(m_ui->model, &QLineEdit::textChanged, this, &ExperimentPanel::revalidate);
    // Distillation
    connect(m_ui->distill, &QCheckBox::toggled, this, &ExperimentPanel::revalidate);
    connect(m_ui->teacher, &QLineEdit::textChanged, this, &ExperimentPanel::revalidate);
    for (QSpinBox *sb : {m_ui->studentLayers, m_ui->studentHidden})
        connect(sb, &QSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QDoubleSpinBox *sb : {m_ui->alpha, m_ui->temperature})
        connect(sb, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
}

core::ExperimentSpec ExperimentPanel::spec() const
{
    core::ExperimentSpec s = m_loaded; // what the form has no control for stays as it was set
    s.name = fromQ(m_ui->name->text().trimmed());
    s.model.path = fromQ(m_ui->model->text().trimmed());
    s.task.mode = comboChoice<options::Mode>(m_ui->mode);
    s.task.dataset = comboValue(m_ui->dataset);
    s.task.batchSize = m_ui->batch->value();
    s.task.maxLength = m_ui->maxLength->value();
    s.task.warmup = m_ui->warmup->value();
    s.task.iterations = m_ui->iterations->value();
    s.task.blocks = m_ui->blocks->value();
    s.task.minBlockMs = m_ui->minBlockMs->value();
    s.task.steps = m_ui->steps->value();
    auto &g = s.task.generation;
    g.promptLength = m_ui->promptLength->value();
    g.newTokens = m_ui->newTokens->value();
    g.sample = m_ui->sample->isChecked();
    g.temperature = m_ui->samplingTemperature->value();
    g.topK = m_ui->topK->value();
    g.topP = m_ui->topP->value();
    readOptimizations(s.optimizations);
    s.device = comboValue(m_ui->device);
    s.threads = m_ui->threads->value();
    s.profiling.ops = m_ui->traceOps->isChecked();
    s.profiling.kernels = m_ui->traceKernels->isChecked();
    if (s.name.empty()) {
        const std::string toggles = core::describeToggles(s);
        s.name = toggles.empty() ? "baseline" : toggles;
    }
    return s;
}

QString ExperimentPanel::sweepBaseJson() const
{
    core::ExperimentSpec base = spec();
    base.name = fromQ(m_ui->name->text().trimmed());
    return toQ(core::toJsonText(base, -1));
}

void ExperimentPanel::readOptimizations(core::OptimizationSpec &o) const
{
    o.precision = comboChoice<options::Precision>(m_ui->precision);
    o.quantization = comboChoice<options::Quantization>(m_ui->quantization);
    // The int8 tables follow the quantization: with another one the box is disabled (and says why).
    o.quantizeEmbeddings = m_ui->quantEmbeddings->isChecked() && options::storesInt8Tables(o.quantization);
    o.pruning.method = comboChoice<options::PruningMethod>(m_ui->pruning);
    o.pruning.amount = o.pruning.method == options::PruningMethod::None ? 0.0 : m_ui->pruneAmount->value();
    o.pruning.scope = comboChoice<options::PruningScope>(m_ui->pruneScope);
    o.padding = comboChoice<options::Padding>(m_ui->padding);
    o.checkpointEvery = m_ui->checkpoint->value();
    o.gradAccumulation = m_ui->accumulation->value();
    o.freezeEmbeddings = m_ui->freeze->isChecked();
    o.shareLayers = m_ui->share->value();
    o.distillation.reset();
    if (m_ui->distill->isChecked()) {
        core::DistillationSpec d;
        d.teacher = fromQ(m_ui->teacher->text().trimmed());
        d.studentLayers = m_ui->studentLayers->value();
        d.studentHidden = m_ui->studentHidden->value();
        d.alpha = m_ui->alpha->value();
        d.temperature = m_ui->temperature->value();
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
    m_ui->name->setText(toQ(s.name));
    m_ui->model->setText(toQ(s.model.path));
    setCombo(m_ui->mode, s.task.mode);
    setCombo(m_ui->dataset, s.task.dataset);
    m_ui->batch->setValue(s.task.batchSize);
    m_ui->maxLength->setValue(s.task.maxLength);
    m_ui->warmup->setValue(s.task.warmup);
    m_ui->iterations->setValue(s.task.iterations);
    m_ui->blocks->setValue(s.task.blocks);
    m_ui->minBlockMs->setValue(s.task.minBlockMs);
    m_ui->steps->setValue(s.task.steps);
    const auto &g = s.task.generation;
    m_ui->promptLength->setValue(g.promptLength);
    m_ui->newTokens->setValue(g.newTokens);
    m_ui->sample->setChecked(g.sample);
    m_ui->samplingTemperature->setValue(g.temperature);
    m_ui->topK->setValue(g.topK);
    m_ui->topP->setValue(g.topP);
    setCombo(m_ui->precision, s.optimizations.precision);
    setCombo(m_ui->quantization, s.optimizations.quantization);
    m_ui->quantEmbeddings->setChecked(s.optimizations.quantizeEmbeddings);
    setCombo(m_ui->pruning, s.optimizations.pruning.method);
    m_ui->pruneAmount->setValue(s.optimizations.pruning.amount);
    setCombo(m_ui->pruneScope, s.optimizations.pruning.scope);
    setCombo(m_ui->padding, s.optimizations.padding);
    m_ui->checkpoint->setValue(s.optimizations.checkpointEvery);
    m_ui->accumulation->setValue(s.optimizations.gradAccumulation);
    m_ui->freeze->setChecked(s.optimizations.freezeEmbeddings);
    m_ui->share->setValue(s.optimizations.shareLayers);
    const core::DistillationSpec d = s.optimizations.distillation.value_or(core::DistillationSpec{});
    m_ui->distill->setChecked(s.optimizations.distillation.has_value());
    m_ui->teacher->setText(toQ(d.teacher));
    m_ui->studentLayers->setValue(d.studentLayers);
    m_ui->studentHidden->setValue(d.studentHidden);
    m_ui->alpha->setValue(d.alpha);
    m_ui->temperature->setValue(d.temperature);
    setCombo(m_ui->device, s.device);
    m_ui->threads->setValue(s.threads);
    m_ui->traceOps->setChecked(s.profiling.ops);
    m_ui->traceKernels->setChecked(s.profiling.kernels);
    m_updating = false;
    updateModelFamily();
    revalidate();
}

void ExperimentPanel::setModelPath(const QString &path)
{
    if (m_ui->model->text() == path)
        return;
    m_ui->model->setText(path);
    updateModelFamily();
    revalidate();
    emit modelPathChanged(path);
}

void ExperimentPanel::setDevices(const QStringList &devices)
{
    if (devices.isEmpty())
        return;
    const QString current = m_ui->device->currentData().toString();
    m_updating = true;
    m_ui->device->clear();
    for (const QString &d : devices)
        m_ui->device->addItem(d, d);
    m_updating = false;
    setCombo(m_ui->device, fromQ(current));
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

void ExperimentPanel::enableByRule(QWidget *control, const char *field, const core::ExperimentSpec &current,
                                   void (*turnOn)(core::ExperimentSpec &))
{
    // The tooltip the form gave the control, kept for when the rule lets it back on.
    static const char kTip[] = "optibenchTip";
    if (!control->property(kTip).isValid())
        control->setProperty(kTip, control->toolTip());
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
    const S current = spec();
    enableByRule(m_ui->checkpoint, "optimizations.checkpoint_every", current,
                 [](S &s) { s.optimizations.checkpointEvery = std::max(1, s.optimizations.checkpointEvery); });
    enableByRule(m_ui->accumulation, "optimizations.grad_accumulation", current,
                 [](S &s) { s.optimizations.gradAccumulation = std::max(2, s.optimizations.gradAccumulation); });
    enableByRule(m_ui->freeze, "optimizations.freeze_embeddings", current,
                 [](S &s) { s.optimizations.freezeEmbeddings = true; });
    enableByRule(m_ui->share, "optimizations.share_layers", current,
                 [](S &s) { s.optimizations.shareLayers = std::max(2, s.optimizations.shareLayers); });
    enableByRule(m_ui->distill, "optimizations.distillation", current, [](S &s) {
        core::DistillationSpec d = s.optimizations.distillation.value_or(core::DistillationSpec{});
        d.teacher = d.teacher.empty() ? s.model.path : d.teacher; // the teacher is a field of its own
        s.optimizations.distillation = d;
    });
    enableByRule(m_ui->quantEmbeddings, "optimizations.quantize_embeddings", current,
                 [](S &s) { s.optimizations.quantizeEmbeddings = true; });
    enableByRule(m_ui->traceKernels, "profiling.kernels", current, [](S &s) { s.profiling.kernels = true; });
    enableByRule(m_ui->pruneScope, "optimizations.pruning.scope", current,
                 [](S &s) { s.optimizations.pruning.scope = options::PruningScope::Layer; });
    // The amount: refused with no method, and fixed at 0.5 for 2:4.
    enableByRule(m_ui->pruneAmount, "optimizations.pruning.amount", current, [](S &s) {
        auto &p = s.optimizations.pruning;
        p.amount = p.amount > 0 && p.amount != 0.5 ? p.amount : 0.25;
    });
}

void ExperimentPanel::markInvalidComboItems()
{
    using S = core::ExperimentSpec;
    using namespace options;
    markInvalidChoices(m_ui->precision,
                       [](S &s, const std::string &v) { s.optimizations.precision = *parse<Precision>(v); });
    markInvalidChoices(m_ui->quantization, [](S &s, const std::string &v) {
        s.optimizations.quantization = *parse<Quantization>(v);
        // The int8 tables follow the quantization (their checkbox is disabled), so judge without.
        s.optimizations.quantizeEmbeddings =
            s.optimizations.quantizeEmbeddings && storesInt8Tables(s.optimizations.quantization);
    });
    markInvalidChoices(m_ui->pruning, [](S &s, const std::string &v) {
        auto &p = s.optimizations.pruning;
        p.method = *parse<PruningMethod>(v);
        // The amount follows the method (pruningMethodChanged), so judge each with its own.
        p.amount = p.method == PruningMethod::None ? 0.0 : p.method == PruningMethod::TwoFour ? 0.5 : 0.3;
        if (p.method != PruningMethod::Magnitude)
            p.scope = PruningScope::Global;
    });
    markStructuredPruning();
    markInvalidChoices(m_ui->padding, [](S &s, const std::string &v) { s.optimizations.padding = *parse<Padding>(v); });
    markInvalidChoices(m_ui->mode, [](S &s, const std::string &v) { s.task.mode = *parse<Mode>(v); });
    markInvalidChoices(m_ui->device, [](S &s, const std::string &v) { s.device = v; });
}

// Heads and neurons need a native BERT- or Llama-family model: a rule of the model, not of the spec.
void ExperimentPanel::markStructuredPruning()
{
    if (m_structuredPruning)
        return;
    auto *model = qobject_cast<QStandardItemModel *>(m_ui->pruning->model());
    for (auto method : {options::PruningMethod::Heads, options::PruningMethod::Neurons}) {
        const int i = m_ui->pruning->findData(toQ(options::name(method)));
        if (model && i >= 0) {
            model->item(i)->setEnabled(i == m_ui->pruning->currentIndex());
            model->item(i)->setToolTip(tr("Not available: %1").arg(m_structuredPruningReason));
        }
    }
}

void ExperimentPanel::revalidate()
{
    if (m_updating)
        return;
    const auto mode = comboChoice<options::Mode>(m_ui->mode);
    const bool training = mode == options::Mode::Training, generation = mode == options::Mode::Generation;
    m_ui->trainingHint->setVisible(!training);
    // Fields a mode ignores (no rule refuses them: they keep their value for the other modes).
    m_ui->warmup->setEnabled(!training);
    m_ui->iterations->setEnabled(!training);
    m_ui->blocks->setEnabled(!training);
    m_ui->minBlockMs->setEnabled(!training && !generation);
    m_ui->steps->setEnabled(training);
    showGenerationFields(generation);
    const bool distill = training && m_ui->distill->isChecked();
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->teacher, m_ui->teacherBrowse, m_ui->studentLayers,
                                                       m_ui->studentHidden, m_ui->alpha, m_ui->temperature})
        w->setEnabled(distill);
    enableControlsByRules();
    markInvalidComboItems();
    showValidation();
}

void ExperimentPanel::showGenerationFields(bool generation)
{
    const bool sampled = generation && m_ui->sample->isChecked();
    const std::initializer_list<std::pair<QWidget *, QWidget *>> fields{{m_ui->promptLengthLabel, m_ui->promptLength},
                                                                        {m_ui->newTokensLabel, m_ui->newTokens},
                                                                        {nullptr, m_ui->sample},
                                                                        {m_ui->samplingTemperatureLabel,
                                                                         m_ui->samplingTemperature},
                                                                        {m_ui->topKLabel, m_ui->topK},
                                                                        {m_ui->topPLabel, m_ui->topP}};
    for (const auto &[label, field] : fields) {
        if (label)
            label->setVisible(generation);
        field->setVisible(generation);
    }
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->samplingTemperature, m_ui->topK, m_ui->topP})
        w->setEnabled(sampled);
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
    if (m_error.isEmpty() && !m_structuredPruning
        && (method == options::PruningMethod::Heads || method == options::PruningMethod::Neurons))
        m_error = m_structuredPruningReason;
    m_ui->run->setEnabled(m_error.isEmpty());
    m_ui->sweep->setEnabled(m_error.isEmpty());
    m_ui->status->setText(m_error.isEmpty() ? QString() : tr("Cannot run: %1").arg(m_error));
    m_ui->status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #b3261e;"));
    m_ui->status->setVisible(!m_error.isEmpty());
}

QStringList ExperimentPanel::presetNames() const
{
    QStringList names;
    for (int i = 0; i < m_ui->presets->count(); ++i)
        names << m_ui->presets->itemText(i);
    return names;
}

void ExperimentPanel::reloadPresets()
{
    m_ui->presets->clear();
    const auto builtin = builtinPresets();
    QStringList names = builtin.keys();
    names.sort();
    for (const QString &n : names)
        m_ui->presets->addItem(n, QStringLiteral("builtin"));
    QSettings settings;
    settings.beginGroup(QLatin1String(kPresetGroup));
    const QStringList own = settings.childKeys();
    for (const QString &n : own)
        m_ui->presets->addItem(n, QStringLiteral("user"));
    settings.endGroup();
    m_ui->presets->setCurrentIndex(-1);
    m_ui->presets->setPlaceholderText(tr("choose a preset"));
    m_ui->deletePreset->setEnabled(!own.isEmpty());
}

void ExperimentPanel::applyPreset(const QString &name)
{
    const auto builtin = builtinPresets();
    if (builtin.contains(name)) {
        core::ExperimentSpec s = builtin.value(name);
        s.model.path = fromQ(m_ui->model->text().trimmed());
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
    m_ui->presets->setCurrentText(name);
}

void ExperimentPanel::deletePreset()
{
    const QString name = m_ui->presets->currentText();
    if (m_ui->presets->currentData().toString() != QLatin1String("user")) {
        QMessageBox::information(this, tr("Delete preset"),
                                 tr("Choose one of your own presets first; built-in presets cannot be deleted."));
        return;
    }
    QSettings().remove(QLatin1String(kPresetGroup) + QLatin1Char('/') + name);
    reloadPresets();
}

void ExperimentPanel::updateModelFamily()
{
    const LocalModelInfo info = readModelInfo(m_ui->model->text().trimmed());
    // A path that cannot be read is not judged here: the run reports it, naming the file.
    m_structuredPruning = !info.ok() || info.takesStructuredPruning();
    m_structuredPruningReason =
        tr("removing heads or neurons needs a native BERT-family encoder (BERT, RoBERTa, DistilBERT) or Llama-family "
           "decoder (Llama, Mistral, Qwen2); this model is %1")
            .arg(info.architecture.isEmpty() ? info.modelType : info.architecture);
}

void ExperimentPanel::pruningMethodChanged()
{
    if (m_updating)
        return;
    using options::PruningMethod;
    const auto method = comboChoice<PruningMethod>(m_ui->pruning);
    m_updating = true;
    if (method == PruningMethod::None) {
        m_ui->pruneAmount->setValue(0.0);
    } else if (method == PruningMethod::TwoFour) {
        if (m_ui->pruneAmount->value() != 0.5)
            m_lastPruneAmount = m_ui->pruneAmount->value() > 0 ? m_ui->pruneAmount->value() : m_lastPruneAmount;
        m_ui->pruneAmount->setValue(0.5);
    } else if (m_ui->pruneAmount->value() == 0.0 || m_ui->pruneAmount->value() == 0.5) {
        m_ui->pruneAmount->setValue(m_lastPruneAmount);
    }
    if (method != PruningMethod::Magnitude)
        setCombo(m_ui->pruneScope, options::PruningScope::Global);
    m_updating = false;
    revalidate();
}

} // namespace optibench::ui
