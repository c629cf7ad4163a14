#pragma once
// The runs page: search field, status filter and the sortable runs table, with a context menu
// (details, rename, notes, baseline, re-run, compare, delete) and a header menu to pick columns.
#include <QVector>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace optibench::ui {

class RunsModel;
class RunsFilterModel;

class RunsView : public QWidget {
    Q_OBJECT
public:
    explicit RunsView(RunsModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    RunsFilterModel *proxy() const { return m_proxy; }
    QVector<qint64> selectedRunIds() const;
    void selectRun(qint64 runId);
    void focusSearch();
    void deleteSelected();     // asks for confirmation
    void editNotesOfSelected();

signals:
    void detailsRequested(qint64 runId);
    void compareRequested(const QVector<qint64> &runIds);
    void rerunRequested(const QString &name, const QString &specJson);
    void selectionChanged();

private:
    void showContextMenu(const QPoint &pos);
    void showHeaderMenu(const QPoint &pos);
    void saveColumns() const;
    void restoreColumns();

    RunsModel *m_model;
    RunsFilterModel *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_status;
    QTableView *m_table;
};

} // namespace optibench::ui
