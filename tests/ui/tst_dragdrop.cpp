// Dropping onto the main window: a Hugging Face model folder (tests/data/hf/bert-tiny) dropped on
// the model panel becomes the model of the experiment, with its config shown; a file that is no
// model shows an error in the message bar and changes nothing. The drops go through the window's
// own drag-and-drop dispatch (QDragEnterEvent, then QDropEvent on the window handle), as a
// desktop drop would.
#include "engine/formats/demo_architecture.h"
#include "testutil.h"
#include "ui/models/modelinfo.h"
#include "ui/panels/experimentpanel.h"
#include "ui/panels/modelpanel.h"
#include "ui/widgets/messagebar.h"
#include "ui/window/mainwindow.h"

#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QWindow>

#include <memory>

using namespace optibench;
using namespace optibench::ui;

namespace {
// Drags urls onto the window at the centre of `target` and drops them; returns whether the drop
// was accepted.
bool dropOn(QWidget *window, QWidget *target, const QList<QUrl> &urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPointF pos = target->mapTo(window, target->rect().center());
    QDragEnterEvent enter(pos.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window->windowHandle(), &enter);
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window->windowHandle(), &drop);
    return drop.isAccepted();
}

QString infoText(const ModelPanel *panel)
{
    QString text;
    for (const QLabel *label : panel->findChildren<QLabel *>())
        text += label->text();
    return text;
}
} // namespace

class TestDragDrop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_dragdrop"));
    }

    void modelInfoOfTheFixtures()
    {
        const LocalModelInfo bert = readModelInfo(QFINDTESTDATA("../data/hf/bert-tiny"));
        QVERIFY2(bert.ok(), qPrintable(bert.error));
        QCOMPARE(bert.format, QStringLiteral("hf"));
        QCOMPARE(bert.architecture, QStringLiteral("BertForSequenceClassification"));
        QCOMPARE(bert.layers, 2);
        QCOMPARE(bert.hidden, 32);
        QCOMPARE(bert.heads, 4);
        QVERIFY(bert.parameters > 0);
        QVERIFY(bert.takesStructuredPruning());
        const LocalModelInfo gpt2 = readModelInfo(QFINDTESTDATA("../data/hf/gpt2-tiny/config.json"));
        QVERIFY2(gpt2.ok(), qPrintable(gpt2.error));
        QVERIFY(gpt2.path.endsWith(QLatin1String("gpt2-tiny"))); // the file stands for its folder
        QVERIFY(!gpt2.takesStructuredPruning());
        const LocalModelInfo script = readModelInfo(QFINDTESTDATA("../data/hf/torchscript-tiny/tiny-classifier.pt"));
        QCOMPARE(script.format, QStringLiteral("torchscript"));
        QVERIFY(!readModelInfo(QFINDTESTDATA("../data/hf/bert-tiny/vocab.txt")).ok());
    }

    void modelInfoOfTheDemos()
    {
        const LocalModelInfo bert = readModelInfo(QStringLiteral("demo:tiny-bert-untrained"));
        QVERIFY2(bert.ok(), qPrintable(bert.error));
        QCOMPARE(bert.architecture, QStringLiteral("BertForSequenceClassification"));
        QVERIFY(bert.takesStructuredPruning());
        const LocalModelInfo llama = readModelInfo(QStringLiteral("demo:tiny-llama"));
        QVERIFY2(llama.ok(), qPrintable(llama.error));
        QCOMPARE(llama.format, QStringLiteral("demo"));
        QCOMPARE(llama.architecture, QStringLiteral("LlamaForCausalLM"));
        QCOMPARE(llama.parameters, engine::demo::kTinyLlama.parameters());
        QVERIFY(llama.takesStructuredPruning()); // whole groups and FFN neurons of the decoder
        QVERIFY(readModelInfo(QStringLiteral("demo:tiny-llama-untrained")).ok());
        QVERIFY(!readModelInfo(QStringLiteral("demo:tiny-gpt")).ok());
    }

    void droppingAModelFolderLoadsIt()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString folder = QFileInfo(QFINDTESTDATA("../data/hf/bert-tiny")).absoluteFilePath();
        QVERIFY(!folder.isEmpty());

        QVERIFY(dropOn(&window, window.modelPanel(), {QUrl::fromLocalFile(folder)}));
        QCOMPARE(window.modelPanel()->modelPath(), folder);
        QCOMPARE(QString::fromStdString(window.experimentPanel()->spec().model.path), folder);
        const QString shown = infoText(window.modelPanel());
        QVERIFY2(shown.contains(QLatin1String("BertForSequenceClassification")), qPrintable(shown));
        QVERIFY(window.messageBar()->isHidden() || window.messageBar()->text().isEmpty());
    }

    void droppingANonModelFileShowsAnError()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<core::Store>((dir.path() + QStringLiteral("/runs.sqlite")).toStdString());
        MainWindow window(store, QStringLiteral("demo:tiny-bert"));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QFile notes(dir.path() + QStringLiteral("/notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not a model\n");
        notes.close();

        QVERIFY(!dropOn(&window, window.modelPanel(), {QUrl::fromLocalFile(notes.fileName())}));
        QVERIFY(window.messageBar()->isVisible());
        QVERIFY2(window.messageBar()->text().contains(QLatin1String("notes.txt")),
                 qPrintable(window.messageBar()->text()));
        // Nothing changed: the demo is still the model.
        QCOMPARE(window.modelPanel()->modelPath(), QStringLiteral("demo:tiny-bert"));
        QCOMPARE(window.experimentPanel()->spec().model.path, std::string("demo:tiny-bert"));
        // A folder without config.json is refused the same way.
        QVERIFY(!dropOn(&window, window.modelPanel(), {QUrl::fromLocalFile(dir.path())}));
        QVERIFY(window.messageBar()->text().contains(QLatin1String("config.json")));
    }
};

QTEST_MAIN(TestDragDrop)
#include "tst_dragdrop.moc"
