#include "ui/pages/recommendpanel.h"

#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {

bool isShare(const QString &metric)
{
    return metricInfo(metric).unit == QLatin1String("%");
}

QString ratioCell(const stats::Judgement &j)
{
    const QLocale l;
    QString s = l.toString(j.ratio, 'f', 2) + QStringLiteral("×");
    if (j.interval && j.interval->hi > j.interval->lo)
        s += QStringLiteral(" [%1, %2]").arg(l.toString(j.interval->lo, 'f', 2), l.toString(j.interval->hi, 'f', 2));
    return s;
}

QTableWidgetItem *cell(const QString &text, const QString &toolTip = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (!toolTip.isEmpty())
        item->setToolTip(toolTip);
    return item;
}

} // namespace

RecommendPanel::RecommendPanel(QWidget *parent)
    : QWidget(parent)
    , m_metricLabel(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_value(new QDoubleSpinBox(this))
    , m_reason(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    m_mode->addItem(tr("at least"), false);
    m_mode->addItem(tr("at most this far from the baseline"), true);
    m_mode->setToolTip(tr("A floor on the quality, or how much worse than the baseline it may be; judged on the "
                          "pessimistic end of its 95% interval"));
    // Narrow enough that the panel beside the chart fits a small screen.
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_mode->setMinimumContentsLength(8);
    m_metricLabel->setWordWrap(true);
    m_value->setDecimals(2);
    m_value->setRange(0, 1e6);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::RichText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels({tr("Run"), tr("Configuration"), tr("Cost ratio [95%]"), tr("Verdict"),
                                        tr("Quality [95%]"), tr("In budget"), tr("Front")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ConfigurationColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *budget = new QHBoxLayout;
    budget->addWidget(new QLabel(tr("Keep"), this));
    budget->addWidget(m_metricLabel);
    budget->addWidget(m_mode);
    budget->addWidget(m_value);
    budget->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Recommend</b>"), this));
    layout->addLayout(budget);
    layout->addWidget(m_reason);
    layout->addWidget(m_table, 1);

    setBudgetControls();
    connect(m_mode, &QComboBox::currentIndexChanged, this, &RecommendPanel::update);
    connect(m_value, &QDoubleSpinBox::valueChanged, this, &RecommendPanel::update);
}

void RecommendPanel::setRuns(const QVector<ComparedRun> &runs, int baseline)
{
    m_runs = runs;
    m_baseline = qBound(0, baseline, qMax(0, int(runs.size()) - 1));
    update();
}

void RecommendPanel::setCostMetric(const QString &metricKey)
{
    for (const auto &c : core::costTable())
        if (metricKey == QLatin1String(c.metric))
            m_cost = c.cost;
    update();
}

void RecommendPanel::setQualityMetric(const QString &metricKey)
{
    m_quality = metricKey;
    setBudgetControls();
    update();
}

void RecommendPanel::setThresholds(const core::Thresholds &thresholds)
{
    m_thresholds = thresholds;
    update();
}

// Defaults a user starts from: agreement of at least 99%, accuracy at most a point below the
// baseline, KL at most 0.01 nats, perplexity at most 0.5 above the baseline.
void RecommendPanel::setBudgetControls()
{
    const QSignalBlocker blockMode(m_mode), blockValue(m_value);
    const bool share = isShare(m_quality);
    const bool lower = metricInfo(m_quality).better == Better::Lower;
    m_metricLabel->setText(metricInfo(m_quality).label);
    m_mode->setItemText(0, lower ? tr("at most") : tr("at least"));
    m_value->setSuffix(share ? QStringLiteral(" %") : QString());
    m_value->setSingleStep(share ? 0.5 : 0.01);
    const bool relative = m_quality == QLatin1String("accuracy") || m_quality == QLatin1String("perplexity");
    m_mode->setCurrentIndex(relative ? 1 : 0);
    m_value->setValue(m_quality == QLatin1String("agreement")        ? 99.0
                          : m_quality == QLatin1String("accuracy")   ? 1.0
                          : m_quality == QLatin1String("perplexity") ? 0.5
                                                                     : 0.01);
}

core::QualityBudget RecommendPanel::budget() const
{
    core::QualityBudget b;
    b.metric = fromQ(m_quality);
    b.relative = m_mode->currentData().toBool();
    b.bound = isShare(m_quality) ? m_value->value() / 100.0 : m_value->value();
    return b;
}

void RecommendPanel::update()
{
    // The baseline first, as core::recommend reads them.
    std::vector<ComparedRun> ordered;
    if (!m_runs.isEmpty())
        ordered.push_back(m_runs.at(m_baseline));
    for (int i = 0; i < m_runs.size(); ++i)
        if (i != m_baseline)
            ordered.push_back(m_runs.at(i));
    std::vector<core::RunFigures> figures;
    std::vector<std::string> labels;
    for (const auto &r : ordered) {
        figures.push_back(figuresOf(r));
        labels.push_back(core::configurationLabel(fromQ(r.specJson), fromQ(ordered.front().specJson)));
    }
    m_recommendation = core::recommend(figures, labels, m_cost, budget(), m_thresholds);
    const QString reason = toQ(m_recommendation.reason).toHtmlEscaped();
    m_reason->setText(ordered.size() < 2            ? tr("Compare two or more runs to get a recommendation.")
                          : m_recommendation.chosen ? tr("<b>Recommended:</b> %1").arg(reason)
                                                    : tr("<b>No recommendation:</b> %1").arg(reason));
    fillTable(ordered);
}

void RecommendPanel::fillTable(const std::vector<ComparedRun> &ordered)
{
    const auto &candidates = m_recommendation.candidates;
    m_table->setRowCount(int(candidates.size()));
    for (int row = 0; row < int(candidates.size()); ++row) {
        const auto &c = candidates[std::size_t(row)];
        const ComparedRun &r = ordered[std::size_t(row)];
        const bool chosen = m_recommendation.chosen && *m_recommendation.chosen == std::size_t(row);
        m_table->setItem(row, RunColumn, cell(QStringLiteral("#%1").arg(c.runId), r.name));
        m_table->setItem(row, ConfigurationColumn, cell(toQ(c.label), r.name));
        m_table->setItem(row, CostColumn, cell(c.cost ? ratioCell(c.costJudgement) : QStringLiteral("—")));
        auto *verdict = cell(row == 0 ? tr("baseline") : verdictText(c.costJudgement.verdict));
        if (const QColor colour = verdictColor(c.costJudgement.verdict); colour.isValid() && row > 0)
            verdict->setForeground(colour);
        m_table->setItem(row, VerdictColumn, verdict);
        m_table->setItem(row, QualityColumn,
                         cell(c.quality ? formatFigure(m_quality, *c.quality) : QStringLiteral("—")));
        m_table->setItem(row, BudgetColumn, cell(c.meetsBudget ? tr("yes") : tr("no"), toQ(c.budgetNote)));
        m_table->setItem(row, FrontColumn, cell(c.onFront ? QStringLiteral("●") : QString()));
        for (int col = 0; col < m_table->columnCount(); ++col) {
            QFont f = m_table->item(row, col)->font();
            f.setBold(chosen);
            m_table->item(row, col)->setFont(f);
            if (chosen)
                m_table->item(row, col)->setBackground(QColor(0xe3, 0xf2, 0xe1));
        }
    }
}

} // namespace optibench::ui
