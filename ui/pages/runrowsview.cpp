#include "ui/pages/runrowsview.h"

#include "app/core/recommend.h"
#include "ui/charts/parallelcoords.h"
#include "ui/charts/rankedbars.h"
#include "ui/charts/runscatter.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/runrowsmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace optibench::ui {

namespace {
constexpr int kMostParallelFields = 5;

// A toggle's values in order: numbers by value, anything else alphabetically.
QStringList ordered(QStringList values)
{
    values.removeDuplicates();
    const bool numbers = std::all_of(values.begin(), values.end(), [](const QString &v) {
        bool ok = false;
        v.toDouble(&ok);
        return ok;
    });
    std::sort(values.begin(), values.end(),
              [numbers](const QString &a, const QString &b) { return numbers ? a.toDouble() < b.toDouble() : a < b; });
    return values;
}
} // namespace

RunRowsView::RunRowsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunRowsModel(this))
    , m_proxy(new RunRowsProxy(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_groupButton(new QToolButton(this))
    , m_filter(new QLineEdit(this))
    , m_filterTimer(new QTimer(this))
    , m_metric(new QComboBox(this))
    , m_quality(new QComboBox(this))
    , m_top(new QSpinBox(this))
    , m_compare(new QPushButton(tr("Compare selected"), this))
    , m_rerun(new QPushButton(tr("Re-run selected…"), this))
    , m_charts(new QTabWidget(this))
    , m_bars(new RankedBarsChart(this))
    , m_scatter(new RunScatter(this))
    , m_parallel(new ParallelCoordinates(this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("runRowsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the table lays out 10,000 rows without measuring each.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);

    m_charts->setDocumentMode(true);
    // The charts scale to the room they get; their axes' own minimum would widen the window.
    for (QWidget *chart :
         {static_cast<QWidget *>(m_bars), static_cast<QWidget *>(m_scatter), static_cast<QWidget *>(m_parallel)})
        chart->setMinimumSize(240, 160);
    m_charts->addTab(m_bars, tr("Best and worst"));
    m_charts->addTab(m_scatter, tr("Cost and quality"));
    m_charts->addTab(m_parallel, tr("Parallel coordinates"));
    m_scatter->setDescriber([this](int row) { return describe(row); });

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_charts);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar());
    layout->addWidget(split, 1);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(200);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { setFilterText(m_filter->text()); });
    connect(m_metric, &QComboBox::currentIndexChanged, this, &RunRowsView::updateCharts);
    connect(m_quality, &QComboBox::currentIndexChanged, this, [this] {
        updateScatter();
        updateParallel();
    });
    connect(m_top, &QSpinBox::valueChanged, this, &RunRowsView::updateBars);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunRowsView::followTableSelection);
    connect(m_bars, &RankedBarsChart::rowsClicked, this, &RunRowsView::selectRows);
    connect(m_parallel, &ParallelCoordinates::rowsClicked, this, &RunRowsView::selectRows);
    connect(m_scatter, &RunScatter::rowsSelected, this, [this](const QVector<int> &rows) { selectRows(rows); });
    connect(m_compare, &QPushButton::clicked, this, [this] { emit compareRequested(selectedRunIds()); });
    connect(m_rerun, &QPushButton::clicked, this, [this] { emit rerunRequested(selectedRunIds()); });
}

QWidget *RunRowsView::toolBar()
{
    auto *bar = new QWidget(this);
    // Two rows, so that the view fits a small screen: what is shown, then how it is charted.
    auto *rows = new QVBoxLayout(bar);
    rows->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    auto *chartRow = new QHBoxLayout;
    rows->addLayout(row);
    rows->addLayout(chartRow);
    m_groupButton->setText(tr("Group by"));
    m_groupButton->setPopupMode(QToolButton::InstantPopup);
    m_groupButton->setMenu(new QMenu(m_groupButton));
    m_groupButton->setToolTip(tr("Show runs that share the ticked fields' values as one row: the median of its "
                                 "runs with its interval"));
    m_filter->setPlaceholderText(tr("Filter: text or field=value"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("runRowsFilter"));
    m_top->setRange(1, 100);
    m_top->setValue(10);
    m_top->setToolTip(tr("How many of the best and of the worst rows the bar chart shows"));
    m_compare->setToolTip(tr("Compare the selected rows' runs with the baseline"));
    m_rerun->setToolTip(tr("Run the selected rows' runs again, interleaved with the baseline"));
    m_compare->setEnabled(false);
    m_rerun->setEnabled(false);
    for (QComboBox *box : {m_metric, m_quality}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8); // grows into the free room up to the maximum
        box->setMaximumWidth(300);
    }
    row->addWidget(m_groupButton);
    row->addWidget(m_filter, 1);
    row->addWidget(m_compare);
    row->addWidget(m_rerun);
    chartRow->addWidget(new QLabel(tr("Chart:"), bar));
    chartRow->addWidget(m_metric, 1);
    chartRow->addWidget(new QLabel(tr("against"), bar));
    chartRow->addWidget(m_quality, 1);
    chartRow->addWidget(new QLabel(tr("Best and worst:"), bar));
    chartRow->addWidget(m_top);
    // The summary gives way first when the view is narrow.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    chartRow->addWidget(m_summary, 1);
    return bar;
}

void RunRowsView::setRuns(const QVector<ComparedRun> &runs, int baseline, const core::Thresholds &thresholds)
{
    const QString metric = chartMetric(), quality = m_quality->currentData().toString();
    m_model->setRuns(runs, baseline, thresholds);
    {
        const QSignalBlocker a(m_metric), b(m_quality);
        m_metric->clear();
        m_quality->clear();
        for (const QString &key : m_model->metricKeys()) {
            m_metric->addItem(metricInfo(key).label, key);
            if (std::find(core::qualityMetrics().begin(), core::qualityMetrics().end(), fromQ(key))
                != core::qualityMetrics().end())
                m_quality->addItem(metricInfo(key).label, key);
        }
        m_metric->setCurrentIndex(qMax(0, m_metric->findData(metric)));
        m_quality->setCurrentIndex(qMax(0, m_quality->findData(quality)));
    }
    fillGroupMenu();
    groupingChanged();
}

void RunRowsView::setThresholds(const core::Thresholds &thresholds)
{
    m_model->setThresholds(thresholds);
    updateBars();
}

void RunRowsView::fillGroupMenu()
{
    QMenu *menu = m_groupButton->menu();
    menu->clear();
    if (m_model->differingFields().isEmpty())
        menu->addAction(tr("No spec field differs"))->setEnabled(false);
    for (const QString &field : m_model->differingFields()) {
        QAction *a = menu->addAction(field);
        a->setCheckable(true);
        a->setChecked(m_model->groupBy().contains(field));
        connect(a, &QAction::toggled, this, [this] {
            QStringList fields;
            for (QAction *action : m_groupButton->menu()->actions())
                if (action->isChecked())
                    fields << action->text();
            setGroupBy(fields);
        });
    }
}

void RunRowsView::setGroupBy(const QStringList &fields)
{
    m_model->setGroupBy(fields);
    for (QAction *a : m_groupButton->menu()->actions()) {
        const QSignalBlocker block(a);
        a->setChecked(fields.contains(a->text()));
    }
    groupingChanged();
}

// The table's columns and sort after the rows changed, then the charts.
void RunRowsView::groupingChanged()
{
    const bool grouped = !m_model->groupBy().isEmpty();
    m_groupButton->setText(grouped ? tr("Grouped by %n field(s)", nullptr, int(m_model->groupBy().size()))
                                   : tr("Group by"));
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_table->setColumnWidth(c, c == 0 ? (grouped ? 330 : 260) : c < m_model->firstMetricColumn() ? 110 : 250);
    const int column = m_model->metricColumn(chartMetric());
    if (column >= 0) {
        const bool higher = metricInfo(chartMetric()).better == Better::Higher;
        m_table->sortByColumn(column, higher ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    updateCharts();
}

QString RunRowsView::chartMetric() const
{
    return m_metric->currentData().toString();
}

void RunRowsView::setChartMetric(const QString &key)
{
    m_metric->setCurrentIndex(qMax(0, m_metric->findData(key)));
}

void RunRowsView::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_filterTimer->stop();
    m_proxy->setFilterFixedString(text);
    updateCharts();
}

QVector<int> RunRowsView::shownRows() const
{
    QVector<int> rows;
    rows.reserve(m_proxy->rowCount());
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows << m_proxy->mapToSource(m_proxy->index(r, 0)).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RunRowsView::updateCharts()
{
    updateBars();
    updateScatter();
    updateParallel();
    followTableSelection();
}

void RunRowsView::updateBars()
{
    const QString key = chartMetric();
    const MetricInfo info = metricInfo(key);
    QVector<int> rows;
    for (int r : shownRows())
        if (!std::isnan(m_model->value(r, key)))
            rows << r;
    const bool higher = info.better == Better::Higher;
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        const double x = m_model->value(a, key), y = m_model->value(b, key);
        return higher ? x > y : x < y;
    });
    const int n = m_top->value();
    auto bar = [&](int row) {
        const auto f = m_model->figure(row, key);
        const auto iv = f && f->interval ? *f->interval : stats::Interval{f ? f->value : 0, f ? f->value : 0};
        return RankedBar{row, m_model->label(row), f ? f->value : 0, iv.lo, iv.hi, m_model->isBaseline(row)};
    };
    QVector<RankedBar> best, worst;
    const int total = int(rows.size());
    const bool all = total <= 2 * n;
    for (int i = 0; i < (all ? total : n); ++i)
        best << bar(rows.at(i));
    for (int i = all ? total : total - n; i < total; ++i)
        worst << bar(rows.at(i));
    const int base = m_model->baselineRow();
    m_bars->setBars(best, worst, all ? 0 : total - 2 * n, total, info, base >= 0 ? m_model->value(base, key) : NAN);
    m_bars->setSelectedRows(selectedRows());
}

void RunRowsView::updateScatter()
{
    const QString cost = chartMetric(), quality = m_quality->currentData().toString();
    QVector<ScatterPoint> points;
    for (int r : shownRows()) {
        const double c = m_model->value(r, cost), q = m_model->value(r, quality);
        if (!std::isnan(c) && !std::isnan(q))
            points.push_back({r, c, q, m_model->isBaseline(r)});
    }
    m_scatter->setPoints(points, metricInfo(cost), metricInfo(quality));
    m_scatter->setSelectedRows(selectedRows());
}

// The toggles shown in the table (at most five), then the chart's metric and the quality.
void RunRowsView::updateParallel()
{
    const QStringList fields =
        (m_model->groupBy().isEmpty() ? m_model->differingFields() : m_model->groupBy()).mid(0, kMostParallelFields);
    QStringList metrics{chartMetric()};
    if (const QString q = m_quality->currentData().toString(); !q.isEmpty() && q != metrics.constFirst())
        metrics << q;
    const QVector<int> rows = shownRows();
    QVector<ParallelAxis> axes;
    std::vector<std::vector<double>> positions(std::size_t(rows.size()));
    for (const QString &field : fields) {
        QStringList values;
        for (int r : rows)
            values << m_model->fieldValue(r, field);
        const QStringList categories = ordered(values);
        axes.push_back(
            {m_model->headerData(axes.size() + (m_model->groupBy().isEmpty() ? 1 : 2), Qt::Horizontal).toString(),
             categories,
             {},
             {}});
        const double n = double(categories.size());
        for (int i = 0; i < rows.size(); ++i)
            positions[std::size_t(i)].push_back(n <= 1 ? 0.5 : categories.indexOf(values.at(i)) / (n - 1));
    }
    for (const QString &key : std::as_const(metrics)) {
        double lo = INFINITY, hi = -INFINITY;
        for (int r : rows)
            if (const double v = m_model->value(r, key); !std::isnan(v))
                lo = qMin(lo, v), hi = qMax(hi, v);
        axes.push_back({metricInfo(key).label,
                        {},
                        std::isfinite(lo) ? formatMetric(key, lo) : QString(),
                        std::isfinite(hi) ? formatMetric(key, hi) : QString()});
        for (int i = 0; i < rows.size(); ++i) {
            const double v = m_model->value(rows.at(i), key);
            positions[std::size_t(i)].push_back(std::isnan(v) ? NAN : hi > lo ? (v - lo) / (hi - lo) : 0.5);
        }
    }
    m_parallel->setLines(axes, positions, rows);
    m_parallel->setSelectedRows(selectedRows());
}

QVector<int> RunRowsView::selectedRows() const
{
    QVector<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

QVector<qint64> RunRowsView::selectedRunIds() const
{
    QVector<qint64> ids;
    for (int r : selectedRows())
        ids += m_model->runIds(r);
    return ids;
}

void RunRowsView::selectRows(const QVector<int> &rows, bool addToSelection)
{
    QItemSelection selection;
    for (int r : rows) {
        const QModelIndex i = m_proxy->mapFromSource(m_model->index(r, 0));
        if (i.isValid())
            selection.select(i, i);
    }
    const auto flags = QItemSelectionModel::Rows
        | (addToSelection ? QItemSelectionModel::Select : QItemSelectionModel::ClearAndSelect);
    m_table->selectionModel()->select(selection, flags);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.first().topLeft());
}

void RunRowsView::followTableSelection()
{
    if (m_syncing)
        return;
    m_syncing = true;
    const QVector<int> rows = selectedRows();
    m_bars->setSelectedRows(rows);
    m_scatter->setSelectedRows(rows);
    m_parallel->setSelectedRows(rows);
    m_compare->setEnabled(!rows.isEmpty());
    m_rerun->setEnabled(!rows.isEmpty());
    m_summary->setText(tr("%1 of %n row(s) shown, %2 selected", nullptr, m_model->rowCount())
                           .arg(m_proxy->rowCount())
                           .arg(rows.size()));
    m_syncing = false;
}

QString RunRowsView::describe(int row) const
{
    QString text = m_model->label(row);
    for (const QString &key : {chartMetric(), m_quality->currentData().toString()}) {
        if (key.isEmpty())
            continue;
        const auto f = m_model->figure(row, key);
        text += QLatin1Char('\n') + metricInfo(key).label + QStringLiteral(": ")
            + (f ? formatFigure(key, *f) : QStringLiteral("–"));
    }
    return text;
}

} // namespace optibench::ui
