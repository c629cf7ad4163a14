#include "ui/pages/comparisonview.h"

#include "app/core/grouping.h"
#include "app/core/run_statistics.h"
#include "app/core/store.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/tradeoffview.h"
#include "ui/models/comparisonmodel.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/runrowsmodel.h"
#include "ui/pages/recommendpanel.h"
#include "ui/pages/runrowsview.h"
#include "ui/pages/tracediffview.h"
#include "ui/widgets/emptystate.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
QTableView *makeTable(QWidget *parent, QAbstractItemModel *model)
{
    auto *t = new QTableView(parent);
    t->setModel(model);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

// Bars with each one's 95% interval as whiskers.
struct BarData {
    QVector<double> keys, values, lows, highs; // lows, highs: below and above the value
};

void addBars(QCustomPlot *chart, const QString &name, const BarData &d, const QColor &colour)
{
    auto *bars = new QCPBars(chart->xAxis, chart->yAxis);
    bars->setName(name);
    bars->setData(d.keys, d.values, true);
    bars->setWidth(0.6);
    bars->setBrush(colour);
    bars->setPen(Qt::NoPen);
    auto *error = new QCPErrorBars(chart->xAxis, chart->yAxis);
    error->removeFromLegend();
    error->setDataPlottable(bars);
    error->setData(d.lows, d.highs);
    error->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.2));
    error->setWhiskerWidth(10);
}
} // namespace

QLabel *ComparisonView::verdictLegend(QWidget *parent)
{
    auto *legend = new QLabel(tr("<b>Metrics</b> with their 95% intervals; against the baseline, the ratio "
                                 "and its verdict: <span style='color:#1b7a2e'>better</span>, "
                                 "<span style='color:#b3261e'>worse</span>, "
                                 "<span style='color:#6b6b6b'>no change</span> or "
                                 "<span style='color:#a86400'>inconclusive</span>"),
                              parent);
    legend->setWordWrap(true); // a narrow window wraps it rather than growing
    return legend;
}

void ComparisonView::setUpThreshold()
{
    m_threshold->setObjectName(QStringLiteral("comparisonThreshold"));
    m_threshold->setRange(0.0, 50.0);
    m_threshold->setDecimals(1);
    m_threshold->setSingleStep(0.5);
    m_threshold->setSuffix(QStringLiteral(" %"));
    m_threshold->setValue(100.0 * stats::kDefaultThreshold);
    m_threshold->setToolTip(tr("A metric whose whole 95% interval lies within this share of the baseline's "
                               "value shows \"no change\"; one whose interval lies beyond it, \"better\" or "
                               "\"worse\"; anything else is inconclusive"));
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        m_model->setThreshold(percent / 100.0);
        m_recommend->setThresholds(m_model->thresholds());
        m_rows->setThresholds(m_model->thresholds());
    });
}

ComparisonView::ComparisonView(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_model(new ComparisonModel(this))
    , m_specModel(new SpecDiffModel(this))
    , m_hint(new QLabel(this))
    , m_baseline(new QComboBox(this))
    , m_threshold(new QDoubleSpinBox(this))
    , m_chart(new QCustomPlot(this))
    , m_tradeoff(new TradeoffView(m_store, this))
    , m_recommend(new RecommendPanel(this))
    , m_traceDiff(new TraceDiffView(m_store, this))
    , m_chartPages(new QTabWidget(this))
    , m_rows(new RunRowsView(this))
    , m_modes(new QStackedWidget(this))
    , m_columns(nullptr)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(tr("Nothing to compare yet"),
                             tr("Select two or more runs in the Runs table (Ctrl+1): Shift or Ctrl and a click, or "
                                "Ctrl+A for all. The comparison follows the selection; the baseline is the run you "
                                "chose with \"Use as baseline\", else the first."),
                             this))
{
    m_specTable = makeTable(this, m_specModel);
    m_metricsTable = makeTable(this, m_model);
    m_baseline->setToolTip(tr("Changes are shown relative to this run"));
    setUpThreshold();
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);

    m_chart->setMinimumHeight(220);
    m_chart->plotLayout()->insertRow(0);
    m_chart->plotLayout()->addElement(0, 0,
                                      new QCPTextElement(m_chart, QString(), QFont(font().family(), 10, QFont::Bold)));
    installExportMenu(m_chart);

    auto *top = new QHBoxLayout;
    top->addWidget(m_hint, 1);
    top->addWidget(new QLabel(tr("Baseline:"), this));
    top->addWidget(m_baseline);
    top->addWidget(new QLabel(tr("No change within:"), this));
    top->addWidget(m_threshold);

    auto *specBox = new QWidget(this);
    auto *specLayout = new QVBoxLayout(specBox);
    specLayout->setContentsMargins(0, 0, 0, 0);
    specLayout->addWidget(new QLabel(tr("<b>What differs</b>"), specBox));
    specLayout->addWidget(m_specTable);
    auto *metricBox = new QWidget(this);
    auto *metricLayout = new QVBoxLayout(metricBox);
    metricLayout->setContentsMargins(0, 0, 0, 0);
    metricLayout->addWidget(verdictLegend(metricBox));
    metricLayout->addWidget(m_metricsTable);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(specBox);
    split->addWidget(metricBox);
    m_chartPages->setDocumentMode(true);
    m_chartPages->addTab(m_chart, tr("Selected metric"));
    m_costAndQuality = costAndQualityPage();
    m_chartPages->addTab(m_costAndQuality, tr("Cost and quality"));
    m_chartPages->addTab(m_traceDiff, tr("Trace diff"));
    connect(m_tradeoff, &TradeoffView::errorOccurred, this, &ComparisonView::errorOccurred);
    split->addWidget(m_chartPages);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 4);
    split->setStretchFactor(2, 4);
    split->setSizes({160, 300, 300});

    m_columns = split;
    m_modes->addWidget(m_columns);
    m_modes->addWidget(m_rows);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 4);
    contentLayout->addLayout(top);
    contentLayout->addWidget(m_modes, 1);
    m_empty->setObjectName(QStringLiteral("comparisonEmpty"));
    layOutWithEmptyState(this, m_stack, m_empty, content);

    connect(m_baseline, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_baselineIndex = i;
        if (showsRows()) {
            loadNoiseFloors();
            m_rows->setRuns(m_runs, i, m_model->thresholds());
        } else {
            m_model->setBaseline(i);
            m_tradeoff->setRuns(m_model->runs(), i);
            loadNoiseFloors();
        }
        updateHint();
        updateChart();
        updateTraceDiff();
    });
    connectRows();
    connect(m_metricsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showMetric(m_model->metricKey(current.row()));
            });
    setRuns({});
}

void ComparisonView::updateHint()
{
    if (showsRows()) {
        m_hint->setText(
            tr("%n run(s), one row each (or one per group); %1 spec field(s) differ.", nullptr, int(m_runs.size()))
                .arg(m_rows->model()->differingFields().size()));
        return;
    }
    QString text = tr("%n run(s); %1 spec or environment field(s) differ.", nullptr, int(m_model->runs().size()))
                       .arg(m_specModel->rowCount());
    for (const QString &caution : m_model->cautions())
        text += QStringLiteral("<br>") + caution.toHtmlEscaped();
    m_hint->setText(text);
}

QVector<ComparedRun> ComparisonView::readRuns(const QVector<qint64> &runIds)
{
    QVector<ComparedRun> runs;
    try {
        const std::vector<std::int64_t> ids(runIds.begin(), runIds.end());
        const auto metrics = m_store->metrics(ids);
        const auto records = m_store->runsById(ids);
        const auto series = m_store->series(ids, core::blockSeriesNames());
        for (const auto &record : records) {
            ComparedRun r;
            r.id = record.id;
            r.name = toQ(record.name);
            r.specJson = toQ(record.specJson);
            r.environmentJson = toQ(record.environmentJson);
            if (const auto s = series.find(record.id); s != series.end())
                r.blocks = core::runBlocks(s->second);
            if (const auto it = metrics.find(record.id); it != metrics.end())
                for (const auto &m : it->second)
                    r.metrics.insert(toQ(m.key), m.value);
            runs << r;
        }
    } catch (const std::exception &e) {
        emit errorOccurred(tr("Could not read the runs to compare: %1").arg(toQ(e.what())));
    }
    return runs;
}

void ComparisonView::setRuns(const QVector<qint64> &runIds, qint64 baselineRunId)
{
    m_runIds = runIds;
    const QVector<ComparedRun> runs = readRuns(runIds);
    int baseline = 0;
    for (int i = 0; i < runs.size(); ++i) {
        if (runs.at(i).id == baselineRunId)
            baseline = i;
    }
    m_runs = runs;
    m_baselineIndex = baseline;
    const bool rows = runs.size() > int(core::kMostRunColumns);
    // Runs as columns only for a handful: the other mode's models are emptied.
    m_model->setRuns(rows ? QVector<ComparedRun>() : runs, rows ? 0 : baseline);
    m_specModel->setRuns(rows ? QVector<ComparedRun>() : runs);
    m_modes->setCurrentWidget(rows ? static_cast<QWidget *>(m_rows) : m_columns);
    loadNoiseFloors();
    if (rows)
        m_rows->setRuns(runs, baseline, m_model->thresholds());
    else
        m_rows->setRuns({}, 0, m_model->thresholds());
    {
        const QSignalBlocker block(m_baseline);
        m_baseline->clear();
        for (const ComparedRun &r : runs)
            m_baseline->addItem(tr("#%1 %2").arg(r.id).arg(r.name));
        m_baseline->setCurrentIndex(baseline);
    }
    m_stack->setCurrentIndex(runs.size() < 2 ? 0 : 1);
    if (runs.size() < 2)
        m_hint->clear();
    else
        updateHint();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_metricsTable->setColumnWidth(c, c == 0 ? 170 : 290);
    for (int c = 0; c < m_specModel->columnCount(); ++c)
        m_specTable->setColumnWidth(c, c == 0 ? 230 : 180);
    // The metric shown stays when the runs change (a sweep's runs landing), else the first.
    int row = 0;
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->metricKey(r) == m_metric)
            row = r;
    if (m_model->rowCount() > 0)
        m_metricsTable->selectRow(row);
    updateChart();
    m_tradeoff->setRuns(rows ? QVector<ComparedRun>() : runs, rows ? 0 : baseline);
    updateTraceDiff();
}

bool ComparisonView::showsRows() const
{
    return m_modes->currentWidget() == m_rows;
}

qint64 ComparisonView::baselineId() const
{
    return m_runs.isEmpty() ? 0 : m_runs.at(m_baselineIndex).id;
}

// The rows' selection as a comparison of its own or a re-run, both with the baseline.
void ComparisonView::connectRows()
{
    connect(m_rows, &RunRowsView::compareRequested, this, [this](const QVector<qint64> &ids) {
        QVector<qint64> compared{baselineId()};
        for (qint64 id : ids)
            if (id != baselineId())
                compared << id;
        emit compareRequested(compared, baselineId());
    });
    connect(m_rows, &RunRowsView::rerunRequested, this, [this](const QVector<qint64> &ids) {
        QueuedRun baseline;
        QVector<QueuedRun> others;
        for (const ComparedRun &r : std::as_const(m_runs)) {
            if (r.specJson.isEmpty())
                continue;
            if (r.id == baselineId())
                baseline = {r.name, r.specJson};
            else if (ids.contains(r.id))
                others << QueuedRun{r.name, r.specJson};
        }
        if (baseline.specJson.isEmpty() || others.isEmpty())
            emit errorOccurred(tr("Nothing to re-run: the selected runs or the baseline have no stored spec."));
        else
            emit interleavedRerunRequested(baseline, others);
    });
}

// The baseline's machine and model's noise floors, for the verdicts and the recommendation.
void ComparisonView::loadNoiseFloors()
{
    std::map<std::string, core::NoiseFloor> floors;
    if (!m_runs.isEmpty()) {
        try {
            floors = core::thresholdsFor(*m_store, figuresOf(m_runs.at(m_baselineIndex)), 0).floors;
        } catch (const std::exception &e) {
            emit errorOccurred(tr("Could not read the noise floors: %1").arg(QString::fromStdString(e.what())));
        }
    }
    m_model->setNoiseFloors(floors);
    m_rows->setThresholds(m_model->thresholds());
    m_recommend->setThresholds(m_model->thresholds());
    m_recommend->setRuns(m_model->runs(), m_model->baseline());
}

// The cost-against-quality chart with the Recommend panel beside it, which weighs the cost and
// the quality the chart shows.
QWidget *ComparisonView::costAndQualityPage()
{
    auto *page = new QSplitter(Qt::Horizontal, this);
    page->addWidget(m_tradeoff);
    page->addWidget(m_recommend);
    page->setStretchFactor(0, 3);
    page->setStretchFactor(1, 2);
    // Below their size hints, so that the page fits a small screen; the splitter gives either
    // side back its room.
    m_tradeoff->setMinimumWidth(240);
    m_recommend->setMinimumWidth(200);
    auto follow = [this] {
        m_recommend->setCostMetric(m_tradeoff->costBox()->currentData().toString());
        m_recommend->setQualityMetric(m_tradeoff->qualityBox()->currentData().toString());
    };
    connect(m_tradeoff->costBox(), &QComboBox::currentIndexChanged, this, follow);
    connect(m_tradeoff->qualityBox(), &QComboBox::currentIndexChanged, this, follow);
    follow();
    return page;
}

void ComparisonView::showCostAndQuality()
{
    m_chartPages->setCurrentWidget(m_costAndQuality);
}

bool ComparisonView::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void ComparisonView::updateTraceDiff()
{
    // The baseline against the first other run.
    const auto &runs = m_runs;
    const int base = m_baselineIndex;
    qint64 a = 0, b = 0;
    if (runs.size() >= 2 && base >= 0 && base < runs.size()) {
        a = runs.at(base).id;
        b = runs.at(base == 0 ? 1 : 0).id;
    }
    m_traceDiff->setRuns(a, b);
}

void ComparisonView::showMetric(const QString &key)
{
    m_metric = key;
    updateChart();
}

void ComparisonView::updateChart()
{
    m_chart->clearPlottables();
    auto *title = qobject_cast<QCPTextElement *>(m_chart->plotLayout()->element(0, 0));
    const auto &runs = m_model->runs();
    if (m_metric.isEmpty() || runs.isEmpty()) {
        if (title)
            title->setText(tr("Select a metric to chart it"));
        m_chart->replot();
        return;
    }
    const MetricInfo info = metricInfo(m_metric);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, values, lows, highs;
    QVector<double> baseKeys, baseValues, baseLows, baseHighs;
    double maxValue = 0;
    for (int i = 0; i < runs.size(); ++i) {
        ticker->addTick(i + 1, tr("#%1\n%2").arg(runs.at(i).id).arg(runs.at(i).name.left(24)));
        const auto figure = core::figureOf(fromQ(m_metric), figuresOf(runs.at(i)));
        if (!figure)
            continue;
        // Fractions are plotted in percent, like the tables show them.
        const double k = info.unit == QLatin1String("%") ? 100.0 : 1.0, v = figure->value * k;
        const auto iv = figure->interval.value_or(stats::Interval{figure->value, figure->value});
        maxValue = qMax(maxValue, iv.hi * k);
        const bool isBase = i == m_model->baseline();
        (isBase ? baseKeys : keys) << i + 1;
        (isBase ? baseValues : values) << v;
        (isBase ? baseLows : lows) << v - iv.lo * k;
        (isBase ? baseHighs : highs) << iv.hi * k - v;
    }
    addBars(m_chart, info.label, {keys, values, lows, highs}, QColor(0x1f, 0x6f, 0xb4, 190));
    addBars(m_chart, tr("%1 (baseline)").arg(info.label), {baseKeys, baseValues, baseLows, baseHighs},
            QColor(0x80, 0x80, 0x80, 190));
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setRange(0.4, runs.size() + 0.6);
    m_chart->xAxis->setSubTicks(false);
    m_chart->xAxis->setTickLength(0, 4);
    m_chart->yAxis->setRange(0, maxValue > 0 ? maxValue * 1.15 : 1);
    const QString unit = info.unit == QLatin1String("bytes") ? tr("bytes") : info.unit;
    m_chart->yAxis->setLabel(unit.isEmpty() ? info.label : tr("%1 (%2)").arg(info.label, unit));
    if (title) {
        QString better;
        if (info.better == Better::Lower)
            better = tr("lower is better");
        else if (info.better == Better::Higher)
            better = tr("higher is better");
        title->setText((better.isEmpty() ? info.label : tr("%1 — %2").arg(info.label, better))
                       + tr(" (whiskers: 95% interval)"));
    }
    m_chart->setWindowTitle(info.label);
    m_chart->replot();
}

} // namespace optibench::ui
