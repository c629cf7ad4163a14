#include "ui/pages/rundetail.h"
#include "ui/charts/tokenlatency.h"

#include "app/core/run_statistics.h"
#include "app/core/store.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/seriescharts.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/spectext.h"
#include "ui/pages/tracesummaryview.h"
#include "ui/timeline/timelineview.h"
#include "ui/widgets/emptystate.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace optibench::ui {

namespace {
QString prettyJson(const std::string &text)
{
    if (text.empty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text));
    return doc.isNull() ? toQ(text) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

void setupPlot(QCustomPlot *plot, const QString &title)
{
    plot->setMinimumSize(320, 160);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setWindowTitle(title);
    installExportMenu(plot);
}

// The title and axis labels of a plot made by setupPlot.
void labelPlot(QCustomPlot *plot, const QString &title, const QString &x, const QString &y)
{
    if (auto *text = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        text->setText(title);
    plot->setWindowTitle(title);
    plot->xAxis->setLabel(x);
    plot->yAxis->setLabel(y);
}
} // namespace

RunDetail::RunDetail(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_title(new QLabel(this))
    , m_metrics(new QTableWidget(this))
    , m_spec(new QPlainTextEdit(this))
    , m_environment(new QPlainTextEdit(this))
    , m_latency(new QCustomPlot(this))
    , m_histogram(new QCustomPlot(this))
    , m_pages(new QTabWidget(this))
    , m_series(new SeriesCharts(this))
    , m_traceSummary(new TraceSummaryView(m_store, this))
    , m_timeline(new TimelineView(m_store, this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(tr("No run selected"),
                             tr("Select a run in the Runs table (Ctrl+1) and its metrics, latency charts, series and "
                                "trace show here. Enter or a double-click on a run opens this page."),
                             this))
{
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metrics->setColumnCount(3);
    m_metrics->setHorizontalHeaderLabels({tr("Metric"), tr("Value"), tr("Key")});
    m_metrics->verticalHeader()->hide();
    m_metrics->verticalHeader()->setDefaultSectionSize(m_metrics->fontMetrics().height() + 8);
    m_metrics->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_metrics->horizontalHeader()->setStretchLastSection(true);
    m_metrics->setColumnWidth(0, 160);
    m_metrics->setColumnWidth(1, 200); // a value with its interval: "612.1 seq/s ±16.7 %"
    for (QPlainTextEdit *e : {m_spec, m_environment}) {
        e->setReadOnly(true);
        e->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }

    setupPlot(m_latency, QString());
    setupPlot(m_histogram, QString());
    labelCharts(false);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_metrics, tr("Metrics"));
    tabs->addTab(m_spec, tr("Spec"));
    tabs->addTab(m_environment, tr("Environment"));

    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_latency);
    charts->addWidget(m_histogram);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tabs);
    split->addWidget(charts);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    m_pages->setDocumentMode(true);
    m_pages->addTab(split, tr("Overview"));
    m_pages->addTab(m_series, tr("Series"));
    m_pages->addTab(m_traceSummary, tr("Ops and kernels"));
    m_pages->addTab(m_timeline, tr("Timeline"));
    m_timeline->setToolTip(tr("Wheel or +/- zooms, drag or arrow keys pan, Home shows the whole trace"));
    connect(m_traceSummary, &TraceSummaryView::errorOccurred, this, &RunDetail::errorOccurred);
    connect(m_timeline, &TimelineView::errorOccurred, this, &RunDetail::errorOccurred);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 4);
    contentLayout->addWidget(m_title);
    contentLayout->addWidget(m_pages, 1);
    m_empty->setObjectName(QStringLiteral("runDetailEmpty"));
    layOutWithEmptyState(this, m_stack, m_empty, content);
    setRun(0);
}

// Every metric with its interval (app/core/run_statistics.h), in the metric table's order.
void RunDetail::showMetrics(std::vector<core::Metric> metrics, const std::vector<core::SeriesPoint> &series)
{
    const QStringList order = knownMetricKeys();
    std::stable_sort(metrics.begin(), metrics.end(), [&order](const core::Metric &a, const core::Metric &b) {
        auto rank = [&order](const std::string &k) {
            const int i = order.indexOf(toQ(k));
            return i < 0 ? order.size() : i;
        };
        return rank(a.key) < rank(b.key);
    });
    core::RunFigures figures;
    for (const auto &m : metrics)
        figures.metrics[m.key] = m.value;
    figures.blocks = core::runBlocks(series);
    m_metrics->setRowCount(int(metrics.size()));
    for (int i = 0; i < int(metrics.size()); ++i) {
        const auto &m = metrics[size_t(i)];
        const QString key = toQ(m.key);
        const auto figure = core::figureOf(m.key, figures);
        auto *value = new QTableWidgetItem(formatFigure(key, *figure));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QString tip = QString::number(m.value, 'g', 10) + QLatin1Char(' ') + toQ(m.unit);
        if (figure->interval && figure->interval->lo != figure->interval->hi)
            tip += tr("\n95% interval: %1 to %2")
                       .arg(formatMetric(key, figure->interval->lo), formatMetric(key, figure->interval->hi));
        value->setToolTip(tip);
        m_metrics->setItem(i, 0, new QTableWidgetItem(metricInfo(key).label));
        m_metrics->setItem(i, 1, value);
        m_metrics->setItem(i, 2, new QTableWidgetItem(key));
    }
}

void RunDetail::setRun(qint64 runId)
{
    m_runId = runId;
    m_metrics->setRowCount(0);
    m_spec->clear();
    m_environment->clear();
    m_traceSummary->setRun(runId);
    m_timeline->setRun(runId);
    m_stack->setCurrentIndex(runId > 0 ? 1 : 0);
    if (runId <= 0) {
        m_title->clear();
        m_series->setSeries({});
        plotLatency({}, {});
        return;
    }
    try {
        const auto run = m_store->run(runId);
        if (!run) {
            m_title->setText(tr("Run %1 is no longer in the store.").arg(runId));
            plotLatency({}, {});
            return;
        }
        QString title = tr("<b>#%1 %2</b> — %3, %4")
                            .arg(run->id)
                            .arg(toQ(run->name).toHtmlEscaped(), toQ(run->modelSource).toHtmlEscaped(),
                                 statusText(toQ(core::toString(run->status))));
        if (!run->error.empty())
            title += QStringLiteral("<br><span style='color:#b3261e'>%1</span>")
                         .arg(toQ(run->error).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        m_title->setText(title);
        m_spec->setPlainText(prettyJson(run->specJson));
        m_environment->setPlainText(prettyJson(run->environmentJson));

        auto series = m_store->series(runId);
        showMetrics(m_store->metrics(runId), series);
        const TokenLatency tokens = tokenLatency(series);

        QVector<double> steps, values;
        std::vector<core::SeriesPoint> others;
        for (auto &p : series) {
            if (p.name == "latency_ms") {
                steps << double(p.step);
                values << p.value;
            } else if (p.name != "latency_block" && p.name != "latency_at_ms" && p.name != "ttft_ms"
                       && p.name != "e2e_ms" && p.name != "prefill_tokens") { // indexes, or in the latency charts
                others.push_back(std::move(p));
            }
        }
        if (tokens.empty()) {
            plotLatency(steps, values);
        } else {
            plotLatency({}, {});
            plotTokens(tokens);
        }
        m_series->setSeries(others);
    } catch (const std::exception &e) {
        emit errorOccurred(tr("Could not read run %1: %2").arg(runId).arg(toQ(e.what())));
    }
}

bool RunDetail::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void RunDetail::labelCharts(bool generation)
{
    if (generation) {
        labelPlot(m_latency, tr("Latency per token"), tr("token of the generation"), tr("latency (ms, log)"));
        labelPlot(m_histogram, tr("Inter-token latency distribution"), tr("latency (ms)"), tr("tokens"));
    } else {
        labelPlot(m_latency, tr("Latency per iteration"), tr("iteration"), tr("latency (ms)"));
        labelPlot(m_histogram, tr("Latency distribution"), tr("latency (ms)"), tr("iterations"));
    }
}

void RunDetail::plotTokens(const TokenLatency &tokens)
{
    labelCharts(true);
    plotTokenLatency(m_latency, tokens);
    plotHistogram(tokens.allDecodeMs(), tr("tokens"));
    m_histogram->replot();
}

void RunDetail::plotLatency(const QVector<double> &steps, const QVector<double> &values)
{
    labelCharts(false);
    m_latency->clearPlottables();
    m_histogram->clearPlottables();
    m_latency->legend->setVisible(false);
    m_latency->yAxis->setScaleType(QCPAxis::stLinear);
    m_latency->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    if (!values.isEmpty()) {
        QCPGraph *graph = m_latency->addGraph();
        graph->setName(tr("latency (ms)"));
        graph->setData(steps, values, true);
        graph->setPen(QPen(QColor(0x1f, 0x6f, 0xb4), 1.5));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        m_latency->rescaleAxes();
        const double lo = *std::min_element(values.begin(), values.end());
        const double hi = *std::max_element(values.begin(), values.end());
        const double pad = qMax(1e-3, (hi - lo) * 0.1);
        m_latency->yAxis->setRange(qMax(0.0, lo - pad), hi + pad);
        m_latency->xAxis->setRange(steps.first() - 0.5, steps.last() + 0.5);
        plotHistogram(values, tr("iterations"));
    }
    m_latency->replot();
    m_histogram->replot();
}

void RunDetail::plotHistogram(const QVector<double> &values, const QString &name)
{
    m_histogram->clearPlottables();
    if (values.isEmpty())
        return;
    const double lo = *std::min_element(values.begin(), values.end());
    const double hi = *std::max_element(values.begin(), values.end());
    // About sqrt(n) bins, at least 5, at most 30.
    const int bins = std::clamp(int(std::ceil(std::sqrt(double(values.size())))), 5, 30);
    const double width = qMax(1e-6, (hi - lo) / bins);
    QVector<double> centers(bins), counts(bins, 0.0);
    for (int b = 0; b < bins; ++b)
        centers[b] = lo + (b + 0.5) * width;
    for (double v : values)
        counts[std::min(bins - 1, int((v - lo) / width))] += 1;
    auto *bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    bars->setName(name);
    bars->setWidth(width * 0.9);
    bars->setData(centers, counts, true);
    bars->setBrush(QColor(0x1f, 0x6f, 0xb4, 160));
    bars->setPen(QPen(QColor(0x1f, 0x6f, 0xb4)));
    m_histogram->xAxis->setRange(lo - width, hi + width);
    m_histogram->yAxis->setRange(0, *std::max_element(counts.begin(), counts.end()) * 1.15);
}

} // namespace optibench::ui
