// The runs table's user edits through its own context menu and dialogs, on a real store: rename
// (in-place editor), notes (dialog), re-run (the stored spec again), delete (confirmation:
// Cancel keeps the run, Yes removes it from the store).
#include "testutil.h"
#include "ui/models/runsmodel.h"
#include "ui/pages/runsview.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace optibench;
using namespace optibench::ui;

namespace {
using test::whenShown;

void chooseInMenu(const QString &text)
{
    whenShown([text] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return false;
        for (QAction *a : menu->actions()) {
            if (a->text() == text) {
                menu->close();
                a->trigger();
                return true;
            }
        }
        menu->close();
        return true;
    });
}
} // namespace

class TestRunsView : public QObject {
    Q_OBJECT
private:
    void openMenuOnRun(RunsView &view, qint64 runId)
    {
        view.selectRun(runId);
        const int row = view.proxy()
                            ->mapFromSource(view.proxy()->sourceModel()->index(
                                static_cast<RunsModel *>(view.proxy()->sourceModel())->rowOfRun(runId), 0))
                            .row();
        const QRect rect = view.table()->visualRect(view.proxy()->index(row, RunsModel::NameColumn));
        emit view.table()->customContextMenuRequested(rect.center());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runsview"));
    }

    void renameNotesRerunDelete()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        const auto a = test::writeRun(*store, test::shortDemoSpec("fp32"), 20, 0.5);
        auto int8 = test::shortDemoSpec("int8");
        int8.optimizations.quantization = options::Quantization::DynamicInt8;
        const auto b = test::writeRun(*store, int8, 10, 0.5);
        RunsModel model(store);
        model.reload();
        RunsView view(&model);
        view.resize(1000, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view)); // keyboard focus needs an active window

        // Rename: the menu opens the in-place editor on the name, with the keyboard focus.
        chooseInMenu(QStringLiteral("Rename"));
        openMenuOnRun(view, b);
        QTRY_VERIFY(view.table()->findChild<QLineEdit *>(QString(), Qt::FindChildrenRecursively));
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget())
                    && view.table()->isAncestorOf(QApplication::focusWidget()));
        auto *editor = QApplication::focusWidget();
        static_cast<QLineEdit *>(editor)->setText(QStringLiteral("int8 renamed"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(store->run(b)->name, std::string("int8 renamed"));

        // Notes: the dialog's text goes to the store.
        whenShown([] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return false;
            dialog->setTextValue(QStringLiteral("checked on battery"));
            dialog->accept();
            return true;
        });
        view.selectRun(b);
        view.editNotesOfSelected();
        QCOMPARE(store->run(b)->notes, std::string("checked on battery"));

        // Run again: the stored spec, unchanged.
        QSignalSpy rerun(&view, &RunsView::rerunRequested);
        chooseInMenu(QStringLiteral("Run again"));
        openMenuOnRun(view, b);
        QTRY_COMPARE(rerun.size(), 1);
        QCOMPARE(rerun.at(0).at(1).toString().toStdString(), store->run(b)->specJson);

        // Delete asks first: Cancel keeps the run, Yes removes it.
        auto answer = [](QMessageBox::StandardButton button) {
            whenShown([button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return false;
                box->button(button)->click();
                return true;
            });
        };
        view.selectRun(a);
        answer(QMessageBox::Cancel);
        view.deleteSelected();
        QVERIFY(store->run(a).has_value());
        QCOMPARE(model.rowCount(), 2);
        answer(QMessageBox::Yes);
        view.deleteSelected();
        QVERIFY(!store->run(a).has_value());
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(store->run(b).has_value());
    }
};

QTEST_MAIN(TestRunsView)
#include "tst_runsview.moc"
