#pragma once
// The Recommend panel beside the cost-against-quality chart: a quality budget (a floor on the
// chosen quality metric, absolute or relative to the baseline), then the cheapest compared run
// within it by the chart's cost, with its interval and the reason in one sentence, and every
// run's cost ratio, verdict, quality and place on the front in a table. The same rule as
// `optibench-cli recommend` (app/core/recommend.h).
#include "app/core/recommend.h"
#include "ui/models/comparisonmodel.h"

#include <QVector>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace optibench::ui {

class RecommendPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { RunColumn, ConfigurationColumn, CostColumn, VerdictColumn, QualityColumn, BudgetColumn, FrontColumn };

    explicit RecommendPanel(QWidget *parent = nullptr);
    // `baseline`: the index of the baseline among `runs`.
    void setRuns(const QVector<ComparedRun> &runs, int baseline);
    void setCostMetric(const QString &metricKey);    // one of core::costTable()'s metrics
    void setQualityMetric(const QString &metricKey); // one of core::qualityMetrics(); resets the budget
    void setThresholds(const core::Thresholds &thresholds);

    const core::Recommendation &recommendation() const { return m_recommendation; }
    core::QualityBudget budget() const;
    QLabel *reason() const { return m_reason; }
    QTableWidget *table() const { return m_table; }
    QComboBox *budgetMode() const { return m_mode; }
    QDoubleSpinBox *budgetValue() const { return m_value; }

private:
    void update();
    void fillTable(const std::vector<ComparedRun> &ordered);
    void setBudgetControls();

    QVector<ComparedRun> m_runs;
    int m_baseline = 0;
    core::Cost m_cost = core::Cost::Latency;
    QString m_quality = QStringLiteral("agreement");
    core::Thresholds m_thresholds;
    core::Recommendation m_recommendation;
    QLabel *m_metricLabel;
    QComboBox *m_mode;
    QDoubleSpinBox *m_value;
    QLabel *m_reason;
    QTableWidget *m_table;
};

} // namespace optibench::ui
