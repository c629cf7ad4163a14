#pragma once
// A generation run's latency per token: each timed generation's first token (the prompt's pass,
// prefill) apart from its later tokens (decode), by position, on a log scale so that both show
// although the first token takes many times longer. Read from the store's series ttft_ms (per
// generation), latency_ms and latency_block (per decoding step).
#include "app/core/store.h"

#include <QVector>

#include <vector>

class QCustomPlot;

namespace optibench::ui {

struct TokenLatency {
    QVector<double> prefillMs;         // per timed generation
    QVector<QVector<double>> decodeMs; // per timed generation, its steps in order (tokens 2, 3, ...)
    bool empty() const { return prefillMs.isEmpty(); }
    QVector<double> allDecodeMs() const;
};

// The run's token latencies; empty for a run without the ttft_ms series (not a generation run).
TokenLatency tokenLatency(const std::vector<core::SeriesPoint> &series);

// Draws it on `plot` (its plottables replaced): the decode tokens of every generation as faint
// points, their mean per position as a line, and the first tokens as larger points at position 1.
void plotTokenLatency(QCustomPlot *plot, const TokenLatency &latency);

} // namespace optibench::ui
