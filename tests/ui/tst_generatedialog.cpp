// Run > Generate text…: a real decoder (the llama-tiny checkpoint) continuing a prompt through
// optibench-cli generate, the text streamed into the dialog; a model that cannot load named in
// the status; Stop ending a long generation at once.
#include "ui/window/generatedialog.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace optibench::ui;

namespace {

const QString kModel = QStringLiteral(OPTIBENCH_TEST_DATA_DIR "/hf/llama-tiny");

} // namespace

class TestGenerateDialog : public QObject {
    Q_OBJECT
private slots:
    void streamsTheContinuationAndItsTiming()
    {
        GenerateDialog dialog(kModel, nullptr, QStringLiteral(OPTIBENCH_WORKER_PATH));
        dialog.setPrompt(QStringLiteral("the battery"));
        dialog.setNewTokens(12);
        QSignalSpy finished(&dialog, &GenerateDialog::finished);
        dialog.generate();
        QVERIFY(dialog.isRunning());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!dialog.continuation().isEmpty());
        QVERIFY2(dialog.status().contains(QLatin1String("first token after")), qPrintable(dialog.status()));
        QVERIFY2(dialog.status().contains(QLatin1String("12 new")), qPrintable(dialog.status()));
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(shot + QStringLiteral("/generate-dialog.png"));
        }
    }

    void aModelThatCannotLoadIsNamed()
    {
        GenerateDialog dialog(QStringLiteral("/no/such/model"), nullptr, QStringLiteral(OPTIBENCH_WORKER_PATH));
        dialog.setPrompt(QStringLiteral("hello"));
        QSignalSpy finished(&dialog, &GenerateDialog::finished);
        dialog.generate();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(dialog.status().startsWith(QLatin1String("Generation failed")), qPrintable(dialog.status()));
        QVERIFY2(dialog.status().contains(QLatin1String("/no/such/model")), qPrintable(dialog.status()));
    }

    void stopEndsALongGeneration()
    {
        GenerateDialog dialog(kModel, nullptr, QStringLiteral(OPTIBENCH_WORKER_PATH));
        dialog.setPrompt(QStringLiteral("the battery"));
        dialog.setNewTokens(50); // the checkpoint's 64 positions hold it
        QSignalSpy finished(&dialog, &GenerateDialog::finished);
        dialog.generate();
        dialog.stop();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(finished.wait(10000));
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(dialog.status().startsWith(QLatin1String("Stopped")), qPrintable(dialog.status()));
        QVERIFY(!dialog.isRunning());
    }

    void theBuiltInDecoderContinuesInItsOwnWords()
    {
        GenerateDialog dialog(QStringLiteral("demo:tiny-bert"), nullptr, QStringLiteral(OPTIBENCH_WORKER_PATH));
        QCOMPARE(dialog.modelPath(), QStringLiteral("demo:tiny-llama"));
        dialog.setPrompt(QStringLiteral("the battery"));
        dialog.setNewTokens(24);
        QSignalSpy finished(&dialog, &GenerateDialog::finished);
        dialog.generate();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.status()));
        // Sampled (the default) from seed 0: demo words, until the model's end of text or 24 tokens.
        QVERIFY2(dialog.continuation().split(QLatin1Char(' '), Qt::SkipEmptyParts).size() >= 2,
                 qPrintable(dialog.continuation()));
        QVERIFY(!dialog.continuation().contains(QChar(0xFFFD)));
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(shot + QStringLiteral("/generate-demo.png"));
        }
    }

    void anEmptyPromptIsRefusedBeforeStarting()
    {
        GenerateDialog dialog(kModel, nullptr, QStringLiteral(OPTIBENCH_WORKER_PATH));
        dialog.generate();
        QVERIFY(!dialog.isRunning());
        QVERIFY(dialog.status().contains(QLatin1String("prompt")));
    }
};

QTEST_MAIN(TestGenerateDialog)
#include "tst_generatedialog.moc"
