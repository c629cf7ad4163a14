#include "ui/charts/tokenlatency.h"

#include <QCoreApplication>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace optibench::ui {

namespace {

const QColor kDecode(0x1f, 0x6f, 0xb4);
const QColor kPrefill(0xd9, 0x5f, 0x02);

} // namespace

QVector<double> TokenLatency::allDecodeMs() const
{
    QVector<double> all;
    for (const auto &g : decodeMs)
        all += g;
    return all;
}

TokenLatency tokenLatency(const std::vector<core::SeriesPoint> &series)
{
    std::map<std::int64_t, double> ttft, steps, blocks;
    for (const auto &p : series) {
        if (p.name == "ttft_ms")
            ttft[p.step] = p.value;
        else if (p.name == "latency_ms")
            steps[p.step] = p.value;
        else if (p.name == "latency_block")
            blocks[p.step] = p.value;
    }
    TokenLatency t;
    for (const auto &[block, ms] : ttft)
        t.prefillMs << ms;
    t.decodeMs.resize(t.prefillMs.size());
    for (const auto &[step, ms] : steps) { // in step order: each generation's steps in order
        const auto it = blocks.find(step);
        const auto block = it != blocks.end() ? static_cast<qsizetype>(it->second) : 0;
        if (block >= 0 && block < t.decodeMs.size())
            t.decodeMs[block] << ms;
    }
    return t;
}

void plotTokenLatency(QCustomPlot *plot, const TokenLatency &t)
{
    plot->clearPlottables();
    if (t.empty()) {
        plot->replot();
        return;
    }
    QVector<double> x, y, meanX, meanY;
    qsizetype longest = 0;
    for (const auto &g : t.decodeMs) {
        for (qsizetype i = 0; i < g.size(); ++i) {
            x << double(i + 2);
            y << g[i];
        }
        longest = std::max(longest, g.size());
    }
    for (qsizetype i = 0; i < longest; ++i) {
        double sum = 0;
        int n = 0;
        for (const auto &g : t.decodeMs)
            if (i < g.size()) {
                sum += g[i];
                ++n;
            }
        meanX << double(i + 2);
        meanY << sum / n;
    }
    auto *points = plot->addGraph();
    points->setName(QCoreApplication::translate("TokenLatency", "decode, each generation"));
    points->setData(x, y, true);
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(kDecode.red(), kDecode.green(), kDecode.blue(), 70), 3));
    auto *mean = plot->addGraph();
    mean->setName(QCoreApplication::translate("TokenLatency", "decode, mean per token"));
    mean->setData(meanX, meanY, true);
    mean->setPen(QPen(kDecode, 1.5));
    auto *prefill = plot->addGraph();
    prefill->setName(QCoreApplication::translate("TokenLatency", "first token (prefill)"));
    prefill->setData(QVector<double>(t.prefillMs.size(), 1.0), t.prefillMs);
    prefill->setLineStyle(QCPGraph::lsNone);
    prefill->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, kPrefill, kPrefill, 9));

    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    const auto all = y + t.prefillMs;
    const double lo = *std::min_element(all.begin(), all.end());
    const double hi = *std::max_element(all.begin(), all.end());
    // From the power of ten below the fastest token, so that the decode line has a label under it.
    plot->yAxis->setRange(std::pow(10.0, std::floor(std::log10(std::max(1e-6, lo)))), hi * 1.5);
    plot->xAxis->setRange(0.5, double(longest + 1) + 0.5);
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->replot();
}

} // namespace optibench::ui
