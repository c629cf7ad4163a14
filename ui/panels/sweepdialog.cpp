#include "ui/panels/sweepdialog.h"

#include "ui/models/spectext.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
const QString kSettingsGroup = QStringLiteral("sweep");
// Beyond this many runs in one interleaved process every model is resident at once.
constexpr int kManyInterleaved = 16;
} // namespace

SweepDialog::SweepDialog(const QString &baseSpecJson, QWidget *parent)
    : QDialog(parent)
    , m_base(baseSpecJson)
    , m_tree(new QTreeWidget(this))
    , m_extra(new QLineEdit(this))
    , m_interleave(new QCheckBox(tr("Interleave the runs in one worker process"), this))
    , m_summary(new QLabel(this))
    , m_queue(new QPushButton(this))
{
    setWindowTitle(tr("Sweep"));
    auto *intro = new QLabel(tr("Runs every combination of the values chosen below over the experiment panel's spec. "
                                "The first combination is the baseline the others are compared against."),
                             this);
    intro->setWordWrap(true);
    m_interleave->setToolTip(tr("The runs' timed blocks alternate in one process, so the machine's drift falls on "
                                "every run alike; they land together at the end. Unticked, each run is a request "
                                "of its own and lands as it finishes."));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_queue, QDialogButtonBox::AcceptRole);
    m_queue->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &SweepDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SweepDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(buildChoices(), 1);
    layout->addWidget(m_interleave);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(600, 760);
    restoreChoices();
    connect(m_tree, &QTreeWidget::itemChanged, this, &SweepDialog::updatePlan);
    connect(m_extra, &QLineEdit::textChanged, this, &SweepDialog::updatePlan);
    connect(m_interleave, &QCheckBox::toggled, this, &SweepDialog::updatePlan);
    for (QLineEdit *field : std::as_const(m_numbers))
        connect(field, &QLineEdit::textChanged, this, &SweepDialog::updatePlan);
    updatePlan();
}

// The choice toggles as a tree of checkable values; the numbers and any other field as text.
QWidget *SweepDialog::buildChoices()
{
    auto *box = new QWidget(this);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    for (const SweepToggle &toggle : sweepToggles()) {
        if (toggle.values.isEmpty()) {
            auto *field = new QLineEdit(box);
            field->setPlaceholderText(tr("values, e.g. %1").arg(toggle.example));
            m_numbers.insert(toggle.path, field);
            form->addRow(toggle.label + QLatin1Char(':'), field);
            continue;
        }
        auto *parent = new QTreeWidgetItem(m_tree, {toggle.label});
        parent->setFlags(Qt::ItemIsEnabled);
        for (const QString &value : toggle.values) {
            auto *item = new QTreeWidgetItem(parent, {choiceText(value)});
            item->setData(0, Qt::UserRole, value);
            item->setToolTip(0, choiceExplanation(value));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(0, Qt::Unchecked);
        }
        m_choiceItems.insert(toggle.path, parent);
    }
    m_tree->expandAll();
    m_extra->setPlaceholderText(tr("e.g. task.warmup=1,3;optimizations.quantize_embeddings=true,false"));
    m_extra->setToolTip(tr("Any other spec field, as optibench-cli sweep --grid takes it: key=v1,v2;key2=v3,v4"));
    form->insertRow(0, m_tree);
    form->addRow(tr("Other fields:"), m_extra);
    return box;
}

void SweepDialog::setValues(const QString &path, const QStringList &values)
{
    if (QLineEdit *field = m_numbers.value(path)) {
        field->setText(values.join(QLatin1Char(',')));
        return;
    }
    if (QTreeWidgetItem *parent = m_choiceItems.value(path)) {
        for (int i = 0; i < parent->childCount(); ++i) {
            QTreeWidgetItem *item = parent->child(i);
            item->setCheckState(0,
                                values.contains(item->data(0, Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
        }
    }
}

QStringList SweepDialog::values(const QString &path) const
{
    if (const QLineEdit *field = m_numbers.value(path))
        return field->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    QStringList out;
    if (const QTreeWidgetItem *parent = m_choiceItems.value(path)) {
        for (int i = 0; i < parent->childCount(); ++i)
            if (parent->child(i)->checkState(0) == Qt::Checked)
                out << parent->child(i)->data(0, Qt::UserRole).toString();
    }
    return out;
}

void SweepDialog::setExtraGrid(const QString &grid)
{
    m_extra->setText(grid);
}

void SweepDialog::setInterleaved(bool interleaved)
{
    m_interleave->setChecked(interleaved);
}

bool SweepDialog::interleaved() const
{
    return m_interleave->isChecked();
}

QString SweepDialog::gridText() const
{
    QVector<SweepAxisChoice> axes;
    for (const SweepToggle &toggle : sweepToggles())
        axes.append({toggle.path, values(toggle.path)});
    return sweepGridText(axes, m_extra->text());
}

void SweepDialog::updatePlan()
{
    const QString grid = gridText();
    m_plan = grid.isEmpty() ? SweepPlan{} : planSweep(m_base, grid);
    QString text;
    if (grid.isEmpty())
        text = tr("Choose the values of at least one toggle.").toHtmlEscaped();
    else if (!m_plan.error.isEmpty())
        text = QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(m_plan.error.toHtmlEscaped());
    else {
        text = tr("%n run(s); the baseline is %1.", nullptr, m_plan.size())
                   .toHtmlEscaped()
                   .arg(m_plan.labels.value(0).toHtmlEscaped());
        for (int i = 0; i < m_plan.invalid.size(); ++i) {
            if (i == 0)
                text += QStringLiteral("<br>")
                    + tr("%n invalid combination(s) left out:", nullptr, int(m_plan.invalid.size())).toHtmlEscaped();
            text += QStringLiteral("<br>&nbsp;&nbsp;") + m_plan.invalid.at(i).toHtmlEscaped();
        }
        if (interleaved() && m_plan.size() > kManyInterleaved)
            text += QStringLiteral("<br>")
                + tr("Interleaved, all %1 models are resident in memory at once.").arg(m_plan.size()).toHtmlEscaped();
    }
    m_summary->setText(text);
    m_queue->setText(tr("Queue %n run(s)", nullptr, m_plan.size()));
    m_queue->setEnabled(m_plan.size() >= 2);
}

void SweepDialog::restoreChoices()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    for (const SweepToggle &toggle : sweepToggles())
        setValues(toggle.path, settings.value(toggle.path).toStringList());
    m_extra->setText(settings.value(QStringLiteral("extra")).toString());
    m_interleave->setChecked(settings.value(QStringLiteral("interleave"), true).toBool());
}

void SweepDialog::accept()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    for (const SweepToggle &toggle : sweepToggles())
        settings.setValue(toggle.path, values(toggle.path));
    settings.setValue(QStringLiteral("extra"), m_extra->text());
    settings.setValue(QStringLiteral("interleave"), m_interleave->isChecked());
    QDialog::accept();
}

} // namespace optibench::ui
