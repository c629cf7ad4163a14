#pragma once
// The main window: the runs table in the middle, with the run detail and the comparison as
// further pages (Ctrl+1, 2, 3); model panel, experiment panel and run queue as dock widgets.
// The detail follows the current run and the comparison a selection of two or more. Errors go
// to a message bar inside the window. Layout and recent models persist in QSettings; the first
// start sizes the window to its screen.
#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <QVector>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTabWidget;
class QTimer;

namespace optibench::core {
class Store;
}

namespace optibench::ui {

class ComparisonView;
class ExperimentPanel;
class GenerateDialog;
class MessageBar;
class ModelPanel;
class RunDetail;
class RunGroups;
class RunQueueModel;
class RunQueueView;
class RunsModel;
class RunsView;
class ResultsWatcher;
class WorkerClient;
struct BundleImport;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(std::shared_ptr<core::Store> store, const QString &modelPath, QWidget *parent = nullptr);
    ~MainWindow() override;

    WorkerClient *workerClient() const { return m_worker; }
    RunsModel *runsModel() const { return m_runsModel; }
    RunsView *runsView() const { return m_runsView; }
    RunQueueModel *runQueue() const { return m_queue; }
    RunGroups *runGroups() const { return m_groups; }
    RunQueueView *runQueueView() const { return m_queueView; }
    ExperimentPanel *experimentPanel() const { return m_experiment; }
    ModelPanel *modelPanel() const { return m_modelPanel; }
    RunDetail *runDetail() const { return m_detail; }
    ComparisonView *comparisonView() const { return m_comparison; }
    MessageBar *messageBar() const { return m_messages; }
    QTabWidget *pages() const { return m_pages; }

public slots:
    void setModelPath(const QString &path);
    void runCurrentSpec();
    void sweepCurrentSpec();   // asks for the grid (SweepDialog), then queues it
    void showGenerateDialog(); // Run > Generate text…, one dialog at a time
    void showRun(qint64 runId);
    void compareSelected();
    void runDemo();
    void importRunsFrom(const QString &fileName);
    // File > Import results folder; Watch results folder (empty: stop), kept across starts.
    void importResultsFolderFrom(const QString &dir);
    void watchResultsFolder(const QString &dir);
    ResultsWatcher *resultsWatcher() const { return m_results; }
    void showWorkerLog();
    QPlainTextEdit *workerLogView() const { return m_workerLogView; }
    void showError(const QString &message);
    // Writes the runs the table shows, in its order, as optibench-cli export --format csv does;
    // false (with the error shown) when the file cannot be written.
    bool exportRunsCsvTo(const QString &fileName);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void buildCentralWidget();
    void connectViews();
    void connectRunsAndWorker();
    void connectRunGroups();
    bool experimentCanRun();
    void showSweepProgress(const QVector<qint64> &runIds, int remaining);
    void createDocks();
    QList<QAction *> createFileMenu();
    void createEditMenu();
    QList<QAction *> createRunMenu();
    void createViewMenu();
    void createSettingsAndHelpMenus();
    void openModel();
    void importRuns();
    void importResultsFolder();
    void addImportFolderActions(QMenu *file);
    void showImported(const BundleImport &result, const QString &from);
    void appendWorkerLog(const QString &line);
    void followSelection();
    void restoreLayout();
    QRect firstStartGeometry() const;
    void exportCurrent();
    void exportRunsCsv();
    void configureWorker();
    void updateStatus();
    void updateRecentMenu();
    QString baselineKey() const;

    std::shared_ptr<core::Store> m_store;
    WorkerClient *m_worker;
    RunQueueModel *m_queue;
    RunGroups *m_groups;
    RunsModel *m_runsModel;
    RunsView *m_runsView;
    RunDetail *m_detail;
    ComparisonView *m_comparison;
    ExperimentPanel *m_experiment;
    ModelPanel *m_modelPanel;
    RunQueueView *m_queueView;
    MessageBar *m_messages;
    QTabWidget *m_pages;
    QLabel *m_workerStatus;
    QTimer *m_reloadTimer;
    QTimer *m_followTimer;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QString m_workerVersion;
    ResultsWatcher *m_results;
    QAction *m_watchAction = nullptr;
    QStringList m_workerLog; // the worker's stderr, the last lines
    QPlainTextEdit *m_workerLogView = nullptr;
    QPointer<GenerateDialog> m_generateDialog;
};

} // namespace optibench::ui
