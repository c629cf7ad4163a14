// The comparison at sweep scale: how long the comparison page takes to open on every run of a
// store, to sort by a metric, to group and to filter. Not a test; run it under xvfb-run -a:
//
//   bench_comparison STORE.sqlite [--grab DIR]
//
// Make the stores with tests/bench/make_sweep_bundle.py and `optibench-cli import`. With
// --grab, it saves the page at 1600x1000 (table, grouped, each chart) as PNGs into DIR.
#include "app/core/store.h"
#include "ui/charts/rankedbars.h"
#include "ui/charts/runscatter.h"
#include "ui/models/runrowsmodel.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/runrowsview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTableView>

#include <cstdio>
#include <functional>
#include <memory>

using namespace optibench;

namespace {

// Milliseconds that `step` and the repaint it causes take.
double timed(QWidget *window, const std::function<void()> &step)
{
    QElapsedTimer t;
    t.start();
    step();
    window->repaint();
    QApplication::processEvents();
    return double(t.nsecsElapsed()) / 1e6;
}

void grab(QWidget *window, const QString &dir, const char *name)
{
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    window->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_comparison STORE.sqlite [--grab DIR]\n");
        return 2;
    }
    const QString dir = args.indexOf(QStringLiteral("--grab")) > 0 ? args.value(args.indexOf("--grab") + 1) : QString();
    if (!dir.isEmpty())
        QDir().mkpath(dir);
    auto store = std::make_shared<core::Store>(args.at(1).toStdString());
    QVector<qint64> ids;
    for (const auto &r : store->runs())
        ids.prepend(r.id); // oldest first: the first run is the baseline
    std::printf("store %s: %lld runs\n", qPrintable(args.at(1)), static_cast<long long>(ids.size()));

    ui::ComparisonView view(store);
    view.resize(1600, 1000);
    view.show();
    QApplication::processEvents();
    const double open = timed(&view, [&] { view.setRuns(ids, ids.value(0)); });
    ui::RunRowsView *rows = view.rowsView();
    std::printf("open the comparison:        %9.1f ms (%d rows)\n", open, rows->proxy()->rowCount());
    grab(&view, dir, "comparison-rows");

    const int latency = rows->model()->metricColumn(QStringLiteral("latency_mean_ms"));
    const int throughput = rows->model()->metricColumn(QStringLiteral("throughput_seq_s"));
    const double sortThroughput = timed(&view, [&] { rows->table()->sortByColumn(throughput, Qt::DescendingOrder); });
    const double sortLatency = timed(&view, [&] { rows->table()->sortByColumn(latency, Qt::AscendingOrder); });
    std::printf("sort by throughput:         %9.1f ms\n", sortThroughput);
    std::printf("sort by latency mean:       %9.1f ms\n", sortLatency);
    const double scroll = timed(&view, [&] { rows->table()->scrollToBottom(); });
    std::printf("scroll to the last row:     %9.1f ms\n", scroll);
    const double filter = timed(&view, [&] { rows->setFilterText(QStringLiteral("padding=bucketed")); });
    std::printf("filter padding=bucketed:    %9.1f ms (%d rows)\n", filter, rows->proxy()->rowCount());
    rows->setFilterText({});

    rows->chartPages()->setCurrentWidget(rows->scatter());
    const double select = timed(&view, [&] { rows->selectRows(rows->scatter()->frontRows()); });
    std::printf("select the Pareto front:    %9.1f ms (%lld rows)\n", select,
                static_cast<long long>(rows->selectedRows().size()));
    grab(&view, dir, "comparison-scatter");
    rows->chartPages()->setCurrentIndex(2);
    grab(&view, dir, "comparison-parallel");

    const double group = timed(&view, [&] {
        rows->setGroupBy({QStringLiteral("optimizations.quantization"), QStringLiteral("optimizations.padding")});
    });
    std::printf("group by quantization x padding: %4.1f ms (%d groups)\n", group, rows->proxy()->rowCount());
    rows->chartPages()->setCurrentIndex(0);
    grab(&view, dir, "comparison-grouped");
    return 0;
}
