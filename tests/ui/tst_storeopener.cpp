// A store that cannot be opened is no dead end: the real dialog names the file and the problem
// and offers another store, a new one, or quitting; each choice is taken here as a user would,
// on real SQLite files. The file that failed is never written to.
#include "testutil.h"
#include "ui/window/storeopener.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace optibench;
using namespace optibench::ui;

namespace {
struct SeenDialog {
    QString text;
    QString details;
    QStringList buttons;
};

// Clicks the dialog's button with this object name once the dialog shows, and notes what it said.
void answerWith(const char *buttonName, QList<SeenDialog> *seen)
{
    test::whenShown([buttonName, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return false;
        SeenDialog d{box->text(), box->informativeText(), {}};
        for (QAbstractButton *b : box->buttons())
            d.buttons << b->objectName();
        seen->append(d);
        auto *button = box->findChild<QPushButton *>(QLatin1String(buttonName));
        if (!button)
            return false;
        button->click();
        return true;
    });
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

int userVersion(const QString &path)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
    const int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}
} // namespace

class TestStoreOpener : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aGoodStoreOpensWithoutAsking()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
        StoreOpener opener;
        int asked = 0;
        opener.setFileChooser([&asked](StoreChoice, const QString &) {
            ++asked;
            return QString();
        });
        QVERIFY(opener.open(path));
        QCOMPARE(opener.openedPath(), path);
        QCOMPARE(asked, 0);
    }

    void notADatabaseOffersTheThreeChoicesAndCreatesANewStore()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.sqlite"));
        const QByteArray junk = QByteArray("this is not a database\n").repeated(200);
        writeFile(broken, junk);
        const QString fresh = dir.filePath(QStringLiteral("new/runs.sqlite"));

        StoreOpener opener;
        QList<StoreChoice> choices;
        opener.setFileChooser([&](StoreChoice choice, const QString &failed) {
            choices << choice;
            return failed == broken ? fresh : QString();
        });
        QList<SeenDialog> seen;
        answerWith(StoreOpener::kCreateNewButton, &seen);
        auto store = opener.open(broken);

        QVERIFY(store);
        QCOMPARE(opener.openedPath(), fresh);
        QCOMPARE(choices, QList<StoreChoice>{StoreChoice::CreateNew});
        QCOMPARE(seen.size(), 1);
        QVERIFY2(seen[0].text.contains(broken), qPrintable(seen[0].text));
        QVERIFY2(seen[0].details.contains(QLatin1String("not a database")), qPrintable(seen[0].details));
        QCOMPARE(seen[0].buttons.size(), 3);
        for (const char *name :
             {StoreOpener::kOpenAnotherButton, StoreOpener::kCreateNewButton, StoreOpener::kQuitButton})
            QVERIFY(seen[0].buttons.contains(QLatin1String(name)));
        QCOMPARE(contents(broken), junk); // left as it was
        // The new store is a working one.
        test::writeRun(*store, test::shortDemoSpec("first"), 10, 0.9);
        QCOMPARE(int(store->runs().size()), 1);
    }

    void openAnotherStoreKeepsItsRuns()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.sqlite"));
        writeFile(broken, QByteArray(4096, '\x7f'));
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        {
            core::Store s(other.toStdString());
            test::writeRun(s, test::shortDemoSpec("kept"), 12, 0.8);
        }
        StoreOpener opener;
        opener.setFileChooser([&](StoreChoice choice, const QString &) {
            return choice == StoreChoice::OpenAnother ? other : QString();
        });
        QList<SeenDialog> seen;
        answerWith(StoreOpener::kOpenAnotherButton, &seen);
        auto store = opener.open(broken);
        QVERIFY(store);
        QCOMPARE(opener.openedPath(), other);
        const auto runs = store->runs();
        QCOMPARE(int(runs.size()), 1);
        QCOMPARE(QString::fromStdString(runs.front().name), QStringLiteral("kept"));
    }

    void aCancelledFileDialogAsksAgainAndQuitReturnsNothing()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.sqlite"));
        writeFile(broken, QByteArray("garbage").repeated(100));
        StoreOpener opener;
        int chooserCalls = 0;
        QList<SeenDialog> seen;
        opener.setFileChooser([&](StoreChoice, const QString &) {
            ++chooserCalls;
            // The user cancels the file dialog; the same question comes again: quit this time.
            answerWith(StoreOpener::kQuitButton, &seen);
            return QString();
        });
        answerWith(StoreOpener::kOpenAnotherButton, &seen);
        QVERIFY(!opener.open(broken));
        QCOMPARE(chooserCalls, 1);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[1].text, seen[0].text);
    }

    void aStoreFromANewerOptiBenchSaysSo()
    {
        QTemporaryDir dir;
        const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            core::Store s(newer.toStdString());
            test::writeRun(s, test::shortDemoSpec("future"), 12, 0.8);
        }
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(newer.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        const QByteArray before = contents(newer);

        StoreOpener opener;
        opener.setFileChooser([](StoreChoice, const QString &) { return QString(); });
        QList<SeenDialog> seen;
        answerWith(StoreOpener::kQuitButton, &seen);
        QVERIFY(!opener.open(newer));
        QCOMPARE(seen.size(), 1);
        QVERIFY2(seen[0].text.contains(QLatin1String("newer OptiBench")), qPrintable(seen[0].text));
        QVERIFY2(seen[0].details.contains(QLatin1String("99")), qPrintable(seen[0].details));
        QCOMPARE(seen[0].buttons.size(), 3);
        QCOMPARE(userVersion(newer), 99);
        QCOMPARE(contents(newer), before);
    }
};

QTEST_MAIN(TestStoreOpener)
#include "tst_storeopener.moc"
