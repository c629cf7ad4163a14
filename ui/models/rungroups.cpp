#include "ui/models/rungroups.h"

#include "app/core/noise_floor.h"
#include "app/core/spec.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/workerclient.h"

#include <stdexcept>
#include <utility>

namespace optibench::ui {

RunGroups::RunGroups(RunQueueModel *queue, WorkerClient *client, std::shared_ptr<core::Store> store, QObject *parent)
    : QObject(parent), m_queue(queue), m_client(client), m_store(std::move(store))
{
    connect(client, &WorkerClient::finished, this, &RunGroups::onFinished);
}

bool RunGroups::rerunInterleaved(const QueuedRun &baseline, const QVector<QueuedRun> &others)
{
    if (baseline.specJson.isEmpty() || others.isEmpty()) {
        emit failed(tr("Choose the baseline and at least one other run with a stored spec to re-run interleaved."));
        return false;
    }
    QStringList names{tr("%1 (interleaved baseline)").arg(baseline.name)};
    QStringList specs{baseline.specJson};
    for (const QueuedRun &r : others) {
        names << tr("%1 (interleaved)").arg(r.name);
        specs << r.specJson;
    }
    Group g;
    g.name = baseline.name;
    g.batches << m_queue->enqueueInterleaved(names, specs);
    m_groups << g;
    return true;
}

bool RunGroups::sweep(const QStringList &names, const QStringList &specJsons, bool interleaved)
{
    if (specJsons.isEmpty() || names.size() != specJsons.size()) {
        emit failed(tr("The sweep has no valid combination to run."));
        return false;
    }
    Group g;
    g.kind = Kind::Sweep;
    g.name = names.constFirst();
    if (interleaved && specJsons.size() > 1)
        g.batches << m_queue->enqueueInterleaved(names, specJsons);
    else
        for (int i = 0; i < specJsons.size(); ++i)
            g.batches << QStringList{m_queue->enqueue(names.at(i), specJsons.at(i))};
    m_groups << g;
    return true;
}

bool RunGroups::calibrate(const QueuedRun &run, int pairs)
{
    QString refusal;
    try {
        refusal = toQ(core::calibrationRefusal(core::parseSpecText(run.specJson.toStdString())));
    } catch (const std::exception &e) {
        refusal = toQ(e.what());
    }
    if (pairs < 1)
        refusal = tr("the number of A/A pairs must be at least 1");
    if (!refusal.isEmpty()) {
        emit failed(tr("Cannot calibrate the noise floor on \"%1\": %2").arg(run.name, refusal));
        return false;
    }
    Group g;
    g.kind = Kind::Calibration;
    g.name = run.name;
    for (int p = 1; p <= pairs; ++p) {
        const QString pair = tr("pair %1 of %2").arg(p).arg(pairs);
        g.batches << m_queue->enqueueInterleaved({tr("Calibrate %1: A, %2").arg(run.name, pair),
                                                  tr("Calibrate %1: A′, %2").arg(run.name, pair)},
                                                 {run.specJson, run.specJson});
    }
    m_groups << g;
    return true;
}

int RunGroups::Group::runCount() const
{
    int n = 0;
    for (const QStringList &batch : batches)
        n += int(batch.size());
    return n;
}

int RunGroups::Group::batchOf(const QString &request) const
{
    for (int b = 0; b < batches.size(); ++b)
        if (batches.at(b).contains(request))
            return b;
    return -1;
}

QVector<qint64> RunGroups::runIds(const Group &group)
{
    QVector<qint64> ids;
    for (const QStringList &batch : group.batches)
        for (const QString &request : batch)
            if (group.ids.contains(request))
                ids << group.ids.value(request);
    return ids;
}

void RunGroups::onFinished(const QString &request, qint64 runId, const QString &status, const QString &error)
{
    for (int i = 0; i < m_groups.size(); ++i) {
        Group &g = m_groups[i];
        const int batch = g.batchOf(request);
        if (batch < 0)
            continue;
        const bool done = status == QLatin1String("done") && runId > 0;
        ++g.reported;
        if (done)
            g.ids.insert(request, runId);
        if (g.kind == Kind::Sweep) {
            // A point that failed is left out; the others still land.
            const QVector<qint64> landed = runIds(g);
            const int remaining = g.runCount() - g.reported;
            if (remaining == 0)
                m_groups.removeAt(i);
            emit sweepProgress(landed, remaining);
            return;
        }
        if (!done) {
            const QString why = runId > 0 ? tr("run #%1 %2").arg(runId).arg(status) : tr("a run %1").arg(status);
            abandon(m_groups.takeAt(i), batch, error.isEmpty() ? why : why + QStringLiteral(": ") + error);
            return;
        }
        if (g.reported < g.runCount())
            return;
        const Group finished = m_groups.takeAt(i);
        if (finished.kind == Kind::Interleaved)
            emit interleavedFinished(runIds(finished));
        else
            storeCalibration(finished);
        return;
    }
}

// A run of the group did not finish done: the worker ends the rest of its request; the group's
// later requests still queued are cancelled, since they cannot complete it.
void RunGroups::abandon(const Group &group, int failedBatch, const QString &why)
{
    for (int b = failedBatch + 1; b < group.batches.size(); ++b)
        m_client->cancel(group.batches.at(b).constFirst());
    if (group.kind == Kind::Calibration)
        emit failed(tr("The noise floor of \"%1\" was not measured (%2); nothing was stored.").arg(group.name, why));
}

void RunGroups::storeCalibration(const Group &group)
{
    try {
        std::vector<std::pair<core::RunFigures, core::RunFigures>> pairs;
        for (const QStringList &batch : group.batches)
            pairs.emplace_back(core::runFigures(*m_store, group.ids.value(batch.at(0))),
                               core::runFigures(*m_store, group.ids.value(batch.at(1))));
        const core::Calibration c = core::calibrate(*m_store, pairs);
        QStringList floors; // in the tables' order
        for (const QString &key : knownMetricKeys()) {
            const auto it = c.floors.find(fromQ(key));
            if (it != c.floors.end())
                floors << tr("%1 %2 %").arg(metricInfo(key).label).arg(100 * it->second, 0, 'f', 1);
        }
        const QString machine = toQ(core::machineDescription(c.machine));
        emit calibrated(tr("Noise floor of \"%1\" on %2 stored from %n A/A pair(s): %3. Verdicts against runs of "
                           "this model on this machine now need a change beyond these floors.",
                           nullptr, int(pairs.size()))
                            .arg(group.name, machine, floors.join(QStringLiteral(", "))));
    } catch (const std::exception &e) {
        emit failed(tr("The noise floor of \"%1\" could not be stored: %2").arg(group.name, toQ(e.what())));
    }
}

} // namespace optibench::ui
