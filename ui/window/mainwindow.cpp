#include "ui/window/mainwindow.h"

#include "app/core/export.h"
#include "app/core/store.h"
#include "ui/charts/chartexport.h"
#include "ui/models/convert.h"
#include "ui/models/modelinfo.h"
#include "ui/models/resultswatcher.h"
#include "ui/models/rungroups.h"
#include "ui/models/runqueuemodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/workerclient.h"
#include "ui/pages/comparisonview.h"
#include "ui/pages/rundetail.h"
#include "ui/pages/runsview.h"
#include "ui/panels/experimentpanel.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/runqueueview.h"
#include "ui/widgets/messagebar.h"
#include "ui/window/gettingstarted.h"
#include "ui/window/settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace optibench::ui {

namespace {
// Runs written by a CLI next to the GUI show up within this interval.
constexpr int kReloadIntervalMs = 3000;
// The detail and the comparison follow the selection once it rests this long, so holding an
// arrow key through the table does not load every run on the way.
constexpr int kFollowSelectionMs = 120;
} // namespace

MainWindow::MainWindow(std::shared_ptr<core::Store> store, const QString &modelPath, QWidget *parent)
    : QMainWindow(parent)
    , m_store(std::move(store))
    , m_worker(new WorkerClient(this))
    , m_queue(new RunQueueModel(m_worker, this))
    , m_groups(new RunGroups(m_queue, m_worker, m_store, this))
    , m_runsModel(new RunsModel(m_store, this))
    , m_runsView(new RunsView(m_runsModel, this))
    , m_detail(new RunDetail(m_store, this))
    , m_comparison(new ComparisonView(m_store, this))
    , m_experiment(new ExperimentPanel(this))
    , m_modelPanel(new ModelPanel(m_store, this))
    , m_queueView(new RunQueueView(m_queue, this))
    , m_messages(new MessageBar(this))
    , m_pages(new QTabWidget(this))
    , m_workerStatus(new QLabel(this))
    , m_reloadTimer(new QTimer(this))
    , m_followTimer(new QTimer(this))
    , m_results(new ResultsWatcher(m_store, this))
{
    setWindowTitle(tr("OptiBench — %1").arg(toQ(m_store->path())));
    setWindowIcon(QIcon(QStringLiteral(":/icons/optibench.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    m_worker->setDatabase(toQ(m_store->path()));

    buildCentralWidget();
    createDocks();
    createActions();
    m_workerStatus->setObjectName(QStringLiteral("workerStatus"));
    statusBar()->addPermanentWidget(m_workerStatus);
    connectViews();
    connectRunsAndWorker();
    connectRunGroups();

    m_reloadTimer->setInterval(kReloadIntervalMs);
    connect(m_reloadTimer, &QTimer::timeout, m_runsModel, &RunsModel::reload);
    m_reloadTimer->start();

    m_runsModel->reload();
    m_runsModel->setBaselineRunId(QSettings().value(baselineKey()).toLongLong());
    setModelPath(modelPath);

    restoreLayout();
    updateStatus();
}

// The pages (runs, run detail, comparison) under the message bar.
void MainWindow::buildCentralWidget()
{
    m_pages->addTab(m_runsView, tr("Runs"));
    m_pages->addTab(m_detail, tr("Run detail"));
    m_pages->addTab(m_comparison, tr("Comparison"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

// What the panels and the runs table ask for: runs queued, models chosen, runs shown and compared.
void MainWindow::connectViews()
{
    connect(m_experiment, &ExperimentPanel::runRequested, this,
            [this](const QString &name, const QString &spec) { m_queue->enqueue(name, spec); });
    connect(m_experiment, &ExperimentPanel::modelPathChanged, this, &MainWindow::setModelPath);
    connect(m_modelPanel, &ModelPanel::modelChosen, this, &MainWindow::setModelPath);
    connect(m_runsView, &RunsView::detailsRequested, this, &MainWindow::showRun);
    connect(m_runsView, &RunsView::compareRequested, this, [this](const QVector<qint64> &ids) {
        m_comparison->setRuns(ids, m_runsModel->baselineRunId());
        m_pages->setCurrentWidget(m_comparison);
    });
    m_followTimer->setSingleShot(true);
    m_followTimer->setInterval(kFollowSelectionMs);
    connect(m_followTimer, &QTimer::timeout, this, &MainWindow::followSelection);
    connect(m_runsView, &RunsView::currentRunChanged, m_followTimer, qOverload<>(&QTimer::start));
    connect(m_runsView, &RunsView::selectionChanged, m_followTimer, qOverload<>(&QTimer::start));
    connect(m_runsView, &RunsView::demoRequested, this, &MainWindow::runDemo);
    connect(m_runsView, &RunsView::openModelRequested, this, &MainWindow::openModel);
    connect(m_runsView, &RunsView::importRequested, this, &MainWindow::importRuns);
    connect(m_runsView, &RunsView::rerunRequested, this,
            [this](const QString &name, const QString &spec) { m_queue->enqueue(name, spec); });
}

// Errors of the models, runs finishing in the queue, and the worker's hello and errors.
void MainWindow::connectRunsAndWorker()
{
    connect(m_runsModel, &RunsModel::errorOccurred, this, &MainWindow::showError);
    connect(m_runsModel, &RunsModel::baselineChanged, this,
            [this](qint64 id) { QSettings().setValue(baselineKey(), id); });
    connect(m_detail, &RunDetail::errorOccurred, this, &MainWindow::showError);
    connect(m_comparison, &ComparisonView::errorOccurred, this, &MainWindow::showError);
    connect(m_queue, &RunQueueModel::runFinished, this,
            [this](qint64 runId, const QString &status, const QString &error) {
                m_runsModel->reload();
                m_modelPanel->refresh();
                if (runId > 0 && runId == m_detail->runId())
                    m_detail->setRun(runId); // it was shown while running
                if (status == QLatin1String("failed"))
                    showError(runId ? tr("Run #%1 failed: %2").arg(runId).arg(error)
                                    : tr("A run failed: %1").arg(error));
                else if (status == QLatin1String("done"))
                    statusBar()->showMessage(tr("Run #%1 finished").arg(runId), 5000);
                updateStatus();
            });
    connect(m_queue, &QAbstractItemModel::dataChanged, this, &MainWindow::updateStatus);
    connect(m_queue, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStatus);
    connect(m_worker, &WorkerClient::hello, this,
            [this](const QString &version, const QString &libtorch, const QStringList &devices) {
                const QString where = m_worker->command().isRemote()
                    ? tr(" on %1 (ssh, pid %2)").arg(m_worker->command().host).arg(m_worker->workerPid())
                    : QString();
                m_workerVersion = tr("worker %1%2, LibTorch %3, %4")
                                      .arg(version, where, libtorch, devices.join(QStringLiteral(", ")));
                m_experiment->setDevices(devices);
                updateStatus();
            });
    connect(m_worker, &WorkerClient::error, this,
            [this](const QString &, const QString &message) { showError(message); });
    connect(m_worker, &WorkerClient::logLine, this, &MainWindow::appendWorkerLog);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        setGeometry(firstStartGeometry());
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First start: dock sizes only apply once the window has its size. The model panel
        // takes what its text needs; the experiment form the rest of the left column.
        QTimer::singleShot(0, this, [this] {
            auto *experiment = findChild<QDockWidget *>(QStringLiteral("experimentDock"));
            auto *model = findChild<QDockWidget *>(QStringLiteral("modelDock"));
            if (!experiment || !model)
                return;
            const int column = qBound(400, width() / 4, 460);
            resizeDocks({experiment}, {column}, Qt::Horizontal);
            // The dock adds its title bar to the panel's own height.
            const int modelHeight = m_modelPanel->heightForWidth(column) + 3 * fontMetrics().height();
            resizeDocks({model}, {modelHeight}, Qt::Vertical);
        });
    }
}

QRect MainWindow::firstStartGeometry() const
{
    // Nine tenths of the screen the window opens on, centred; the whole screen when that is small.
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return QRect(0, 0, 1280, 800);
    const QRect available = screen->availableGeometry();
    const bool small = available.width() < 1400 || available.height() < 860;
    const QSize size = small ? available.size() : available.size() * 0.9;
    QRect rect(QPoint(0, 0), size);
    rect.moveCenter(available.center());
    return rect;
}

void MainWindow::followSelection()
{
    const qint64 current = m_runsView->currentRunId();
    if (current != m_detail->runId())
        m_detail->setRun(current);
    const QVector<qint64> ids = m_runsView->selectedRunIds();
    if (ids.size() >= 2 && ids != m_comparison->runIds())
        m_comparison->setRuns(ids, m_runsModel->baselineRunId());
}

MainWindow::~MainWindow() = default;

QString MainWindow::baselineKey() const
{
    // One baseline per store file.
    return QStringLiteral("baselines/%1").arg(qHash(toQ(m_store->path())));
}

void MainWindow::createDocks()
{
    auto addDock = [this](QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name); // saveState() needs names
        dock->setWidget(widget);
        addDockWidget(area, dock);
        return dock;
    };
    QDockWidget *model = addDock(m_modelPanel, tr("Model"), QStringLiteral("modelDock"), Qt::LeftDockWidgetArea);
    QDockWidget *experiment =
        addDock(m_experiment, tr("Experiment"), QStringLiteral("experimentDock"), Qt::LeftDockWidgetArea);
    QDockWidget *queue = addDock(m_queueView, tr("Run queue"), QStringLiteral("queueDock"), Qt::BottomDockWidgetArea);
    // The left column runs the full height, so the experiment form keeps its room when the
    // queue opens; the queue sits under the pages.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    splitDockWidget(model, experiment, Qt::Vertical);
    resizeDocks({model, experiment}, {180, 600}, Qt::Vertical);
    resizeDocks({experiment}, {400}, Qt::Horizontal);
    // Collapsed to one line while nothing is queued; a queued run opens it to a useful height.
    connect(m_queueView, &RunQueueView::collapsedChanged, this, [this, queue](bool collapsed) {
        if (!collapsed)
            QTimer::singleShot(0, this, [this, queue] { resizeDocks({queue}, {210}, Qt::Vertical); });
    });
}

void MainWindow::createActions()
{
    const QList<QAction *> file = createFileMenu();
    createEditMenu();
    const QList<QAction *> run = createRunMenu();
    createViewMenu();
    createSettingsAndHelpMenus();

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({file.at(0), run.at(0), run.at(1), run.at(2), file.at(1)});
    updateRecentMenu();
}

// File: open a model, recent models, import, export, quit. Returns {open, export}.
QList<QAction *> MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open model…"), this, &MainWindow::openModel);
    open->setShortcut(QKeySequence::Open);
    open->setIcon(QIcon(QStringLiteral(":/icons/open.svg")));
    m_recentMenu = file->addMenu(tr("Recent models"));
    QAction *import = file->addAction(tr("&Import runs…"), this, &MainWindow::importRuns);
    import->setShortcut(QKeySequence(tr("Ctrl+I")));
    import->setToolTip(tr("Add the runs of a bundle made by optibench-cli export --format json"));
    addImportFolderActions(file);
    file->addSeparator();
    QAction *exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportCurrent);
    exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportAction->setIcon(QIcon(QStringLiteral(":/icons/export.svg")));
    exportAction->setToolTip(tr("Export the chart of the current page, or the runs table as CSV"));
    file->addAction(tr("Export runs as CSV…"), this, &MainWindow::exportRunsCsv);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    return {open, exportAction};
}

// Edit: find, notes, delete.
void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = edit->addAction(tr("&Find runs"), m_runsView, [this] {
        m_pages->setCurrentWidget(m_runsView);
        m_runsView->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    edit->addAction(tr("Edit &notes…"), m_runsView, &RunsView::editNotesOfSelected);
    QAction *del = edit->addAction(tr("&Delete runs…"), m_runsView, &RunsView::deleteSelected);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_runsView->table()->addAction(del);
}

// View: one entry per page (Ctrl+1, Ctrl+2, ...) and the docks.
void MainWindow::createViewMenu()
{
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (int page = 0; page < m_pages->count(); ++page) {
        QAction *show = m_viewMenu->addAction(m_pages->tabText(page), this, [this, page] {
            m_pages->setCurrentIndex(page);
            if (m_pages->currentWidget() == m_runsView)
                m_runsView->table()->setFocus();
        });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
    }
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindow::createSettingsAndHelpMenus()
{
    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Worker…"), this, &MainWindow::configureWorker);
    settings->addAction(tr("Worker &log…"), this, &MainWindow::showWorkerLog);
    settings->addAction(tr("&Preferences…"), this, [this] { SettingsDialog(this).exec(); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *start = help->addAction(tr("&Getting started"), this, [this] { showGettingStarted(this); });
    start->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About OptiBench"), this, [this] {
        QMessageBox::about(this, tr("About OptiBench"),
                           tr("<b>OptiBench %1</b><p>Measures which optimizations make a transformer model "
                              "cheaper on your hardware.</p><p>Store: %2</p>")
                               .arg(QApplication::applicationVersion(), toQ(m_store->path()).toHtmlEscaped()));
    });
}

void MainWindow::setModelPath(const QString &path)
{
    if (path.isEmpty())
        return;
    // Recent first, so the panel reads the store and the list once.
    if (!path.startsWith(QLatin1String("demo:")))
        ModelPanel::addRecentModel(path);
    m_experiment->setModelPath(path);
    m_modelPanel->setModelPath(path);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    QStringList recent = ModelPanel::recentModels();
    recent.prepend(QStringLiteral("demo:tiny-llama"));
    recent.prepend(QStringLiteral("demo:tiny-bert"));
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { setModelPath(path); });
}

void MainWindow::openModel()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a model folder (config.json and weights)"));
    if (!dir.isEmpty())
        setModelPath(dir);
}

void MainWindow::showRun(qint64 runId)
{
    m_detail->setRun(runId);
    m_pages->setCurrentWidget(m_detail);
}

void MainWindow::showError(const QString &message)
{
    m_messages->showMessage(message, MessageBar::Kind::Error);
}

void MainWindow::exportCurrent()
{
    if (m_pages->currentWidget() == m_detail)
        exportChartInteractive(m_detail->latencyPlot(), this);
    else if (m_pages->currentWidget() == m_comparison)
        exportChartInteractive(m_comparison->chart(), this);
    else
        exportRunsCsv();
}

void MainWindow::exportRunsCsv()
{
    const QString fileName =
        QFileDialog::getSaveFileName(this, tr("Export runs"), QStringLiteral("runs.csv"), tr("CSV data (*.csv)"));
    if (!fileName.isEmpty())
        exportRunsCsvTo(fileName);
}

bool MainWindow::exportRunsCsvTo(const QString &fileName)
{
    // The runs the table shows (filtered), in its order, as `optibench-cli export --format csv`
    // writes them: one CSV format for the GUI and the CLI (core::exportRunsCsv).
    const QAbstractItemModel *model = m_runsView->table()->model();
    std::vector<std::int64_t> ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids.push_back(model->index(row, 0).data(RunsModel::RunIdRole).toLongLong());
    QSaveFile file(fileName); // an existing file is replaced only once the new one is complete
    try {
        const std::string csv = core::exportRunsCsv(*m_store, ids);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(csv.data(), static_cast<qint64>(csv.size())) != static_cast<qint64>(csv.size())
            || !file.commit())
            throw std::runtime_error(fromQ(file.errorString()));
    } catch (const std::exception &e) {
        showError(tr("Could not write %1: %2").arg(fileName, toQ(e.what())));
        return false;
    }
    statusBar()->showMessage(tr("Exported %n run(s) to %1", nullptr, model->rowCount()).arg(fileName), 5000);
    return true;
}

void MainWindow::updateStatus()
{
    const int active = m_queue->activeCount();
    QString text = active > 0 ? tr("%n run(s) queued or running", nullptr, active) : tr("idle");
    if (m_results->isWatching())
        text += QStringLiteral(" · ") + tr("watching %1").arg(QDir::toNativeSeparators(m_results->folder()));
    if (m_worker->command().isRemote() && m_workerVersion.isEmpty())
        text += QStringLiteral(" · ") + tr("worker on %1 (ssh)").arg(m_worker->command().host);
    if (!m_workerVersion.isEmpty())
        text += QStringLiteral(" · ") + m_workerVersion;
    m_workerStatus->setText(text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_queue->activeCount() > 0) {
        const auto answer = QMessageBox::question(this, tr("Quit"),
                                                  tr("%n run(s) are queued or running. Quit and cancel them?", nullptr,
                                                     m_queue->activeCount()));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_queue->cancelAll();
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    // A dropped config.json or weights file stands for its model folder; anything that is no
    // model is refused here, with the reason, rather than failing later in a run.
    const LocalModelInfo info = readModelInfo(urls.first().toLocalFile());
    if (!info.ok()) {
        showError(tr("Cannot open the dropped model: %1").arg(info.error));
        event->ignore();
        return;
    }
    setModelPath(info.path);
    event->acceptProposedAction();
}

} // namespace optibench::ui
