#pragma once
// The runs page: search field, status filter and the sortable runs table, with a context menu
// (details, rename, notes, baseline, re-run, re-run interleaved against the baseline, calibrate
// the noise floor, compare, delete) and a header menu to pick columns.
// A store without runs shows the start page instead (run the demo, open a model, import runs);
// a store with one run says what to try next. The current row drives the run detail; Enter or a
// double-click asks to open it.
#include "ui/models/rungroups.h"

#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace optibench::ui {

class EmptyState;
class RunsModel;
class RunsFilterModel;

class RunsView : public QWidget {
    Q_OBJECT
public:
    explicit RunsView(RunsModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    RunsFilterModel *proxy() const { return m_proxy; }
    EmptyState *startPage() const { return m_start; }
    bool showsStartPage() const;
    qint64 currentRunId() const;
    QVector<qint64> selectedRunIds() const;
    void selectRun(qint64 runId);
    void focusSearch();
    void deleteSelected(); // asks for confirmation
    void editNotesOfSelected();
    // The baseline and the other selected runs with a spec, to run again interleaved; false
    // when there is no baseline with a spec or no other such run is selected.
    bool interleavedRerun(QueuedRun *baseline, QVector<QueuedRun> *others) const;
    void rerunSelectedInterleaved(); // asks for interleavedRerunRequested
    void calibrateCurrent();         // asks how many A/A pairs, then for calibrateRequested

signals:
    void detailsRequested(qint64 runId);
    void compareRequested(const QVector<qint64> &runIds);
    void rerunRequested(const QString &name, const QString &specJson);
    void interleavedRerunRequested(const QueuedRun &baseline, const QVector<QueuedRun> &others);
    void calibrateRequested(const QueuedRun &run, int pairs);
    void selectionChanged();
    void currentRunChanged(qint64 runId); // 0: no current run
    // The start page's actions.
    void demoRequested();
    void openModelRequested();
    void importRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildStartPage();
    void setUpFilters();
    void setUpTable();
    void connectSignals();
    void updateEmptyState();
    void restoreSelection();
    void showContextMenu(const QPoint &pos);
    void showHeaderMenu(const QPoint &pos);
    void saveColumns() const;
    bool queuedRun(qint64 runId, QueuedRun *run) const; // false without a stored spec
    void restoreColumns();

    RunsModel *m_model;
    RunsFilterModel *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_status;
    QTableView *m_table;
    QStackedWidget *m_stack;
    EmptyState *m_start;
    QLabel *m_hint;
    QVector<qint64> m_keptSelection; // across a model reset
    qint64 m_keptCurrent = 0;
};

} // namespace optibench::ui
