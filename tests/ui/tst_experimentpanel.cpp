// The experiment panel: every toggle has a tooltip; the built-in presets exist; distillation
// fields follow the training mode and reach the spec; choices that cannot combine are disabled
// with the reason (CUDA-only precisions on the CPU, int8 with bf16, 2:4's fixed amount, heads
// and neurons pruning on a model that is not BERT-family); and every rule of options/rules.h,
// walked through the cases of tests/options/rule_cases.h, is refused with the table's reason.
#include "tests/options/rule_cases.h"
#include "ui/models/spectext.h"
#include "ui/panels/experimentpanel.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace optibench;
using namespace optibench::ui;

namespace {
QComboBox *comboWith(const ExperimentPanel &panel, const QString &value)
{
    for (QComboBox *c : panel.findChildren<QComboBox *>()) {
        if (c->findData(value) >= 0)
            return c;
    }
    return nullptr;
}

bool itemEnabled(QComboBox *combo, const QString &value)
{
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    return model->item(combo->findData(value))->isEnabled();
}

QString itemTip(QComboBox *combo, const QString &value)
{
    return combo->itemData(combo->findData(value), Qt::ToolTipRole).toString();
}

// The disabled control (or combo item) whose tooltip gives `reason`; empty when there is none.
QString disabledWithReason(const ExperimentPanel &panel, const QString &reason)
{
    for (QWidget *w : panel.findChildren<QWidget *>()) {
        if (!w->isEnabled() && w->toolTip().contains(reason))
            return w->objectName().isEmpty() ? QString::fromUtf8(w->metaObject()->className()) : w->objectName();
        auto *combo = qobject_cast<QComboBox *>(w);
        auto *items = combo ? qobject_cast<QStandardItemModel *>(combo->model()) : nullptr;
        for (int i = 0; items && i < items->rowCount(); ++i) {
            if (!items->item(i)->isEnabled() && items->item(i)->toolTip().contains(reason))
                return combo->itemText(i);
        }
    }
    return {};
}
} // namespace

class TestExperimentPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OptiBenchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_experimentpanel"));
    }

    void everyToggleHasATooltip()
    {
        ExperimentPanel panel;
        int checked = 0;
        for (QWidget *w : panel.findChildren<QWidget *>()) {
            if (qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QCheckBox *>(w) || qobject_cast<QComboBox *>(w)
                || qobject_cast<QToolButton *>(w)) {
                QVERIFY2(!w->toolTip().isEmpty(),
                         qPrintable(w->metaObject()->className() + QStringLiteral(" without tooltip")));
                ++checked;
            }
        }
        QVERIFY(checked >= 25);
    }

    void builtinPresets()
    {
        ExperimentPanel panel;
        const QStringList names = panel.presetNames();
        for (const char *spec : {"baseline", "int8 CPU", "bf16 GPU", "memory-saving training"}) {
            bool found = false;
            for (const QString &n : names) {
                panel.applyPreset(n);
                found |= panel.spec().name == spec;
            }
            QVERIFY2(found, spec);
        }
    }

    void distillationFollowsTrainingMode()
    {
        ExperimentPanel panel;
        QCheckBox *distill = nullptr;
        for (QCheckBox *c : panel.findChildren<QCheckBox *>()) {
            if (c->text().contains(QLatin1String("teacher")))
                distill = c;
        }
        QVERIFY(distill);
        QVERIFY(!distill->isEnabled()); // inference by default
        core::ExperimentSpec s;
        s.task.mode = options::Mode::Training;
        panel.setSpec(s);
        QVERIFY(distill->isEnabled());
        distill->setChecked(true);
        // No teacher yet: the panel cannot run and says why.
        QVERIFY(!panel.validationError().isEmpty());
        QVERIFY(panel.validationError().contains(QLatin1String("teacher")));
        QLineEdit *teacher = nullptr;
        for (QLineEdit *e : panel.findChildren<QLineEdit *>()) {
            if (e->placeholderText().contains(QLatin1String("teacher")))
                teacher = e;
        }
        QVERIFY(teacher);
        QVERIFY(teacher->isEnabled());
        teacher->setText(QStringLiteral("demo:tiny-bert"));
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        const auto spec = panel.spec();
        QVERIFY(spec.optimizations.distillation.has_value());
        QCOMPARE(spec.optimizations.distillation->teacher, std::string("demo:tiny-bert"));
        QCOMPARE(spec.optimizations.distillation->temperature, 2.0);
        // Back in inference the fields are off.
        s.task.mode = options::Mode::Inference;
        panel.setSpec(s);
        QVERIFY(!teacher->isEnabled());
        QVERIFY(!panel.spec().optimizations.distillation.has_value());
    }

    void generationFieldsShowInGenerationMode()
    {
        ExperimentPanel panel;
        panel.resize(420, 1000);
        panel.show();
        auto *prompt = panel.findChild<QSpinBox *>(QStringLiteral("promptLength"));
        auto *sample = panel.findChild<QCheckBox *>(QStringLiteral("sample"));
        auto *topP = panel.findChild<QDoubleSpinBox *>(QStringLiteral("topP"));
        QVERIFY(prompt && sample && topP);
        QVERIFY(!prompt->isVisible()); // inference by default
        core::ExperimentSpec s;
        s.model.path = "demo:tiny-llama";
        s.task.mode = options::Mode::Generation;
        s.task.generation.promptLength = 48;
        s.task.generation.newTokens = 20;
        panel.setSpec(s);
        QVERIFY(prompt->isVisible());
        QCOMPARE(prompt->value(), 48);
        QVERIFY(!topP->isEnabled()); // greedy
        sample->setChecked(true);
        QVERIFY(topP->isEnabled());
        topP->setValue(0.9);
        const auto spec = panel.spec();
        QCOMPARE(spec.task.mode, options::Mode::Generation);
        QCOMPARE(spec.task.generation.newTokens, 20);
        QVERIFY(spec.task.generation.sample);
        QCOMPARE(spec.task.generation.topP, 0.9);
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        const QString shot = qEnvironmentVariable("OPTIBENCH_SCREENSHOT_DIR");
        if (!shot.isEmpty()) {
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.grab().save(shot + QStringLiteral("/experiment-generation.png"));
        }
        // Out of range: the spec's own message.
        prompt->setValue(0);
        QCOMPARE(prompt->value(), 1); // the range comes from options/ranges.h
    }

    void int8EmbeddingTablesFollowTheQuantization()
    {
        ExperimentPanel panel;
        panel.resize(520, 900);
        QCheckBox *tables = nullptr;
        for (QCheckBox *c : panel.findChildren<QCheckBox *>()) {
            if (c->text().contains(QLatin1String("Embedding tables")))
                tables = c;
        }
        QVERIFY(tables);
        QVERIFY(!tables->isEnabled()); // quantization none by default
        QComboBox *quantization = comboWith(panel, QStringLiteral("weight-int8"));
        quantization->setCurrentIndex(quantization->findData(QStringLiteral("weight-int8")));
        QVERIFY(tables->isEnabled());
        tables->setChecked(true);
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        QVERIFY(panel.spec().optimizations.quantizeEmbeddings);
        // Every other quantization stays selectable: the tables simply drop out of the spec.
        QVERIFY(itemEnabled(quantization, QStringLiteral("fp16-weights")));
        if (const QByteArray dir = qgetenv("OPTIBENCH_GRAB_DIR"); !dir.isEmpty())
            panel.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/experiment-int8-tables.png"));
        quantization->setCurrentIndex(quantization->findData(QStringLiteral("fp16-weights")));
        QVERIFY(!tables->isEnabled());
        QVERIFY(!panel.spec().optimizations.quantizeEmbeddings);
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        // A stored spec with int8 tables comes back checked.
        core::ExperimentSpec s;
        s.optimizations.quantization = options::Quantization::DynamicInt8;
        s.optimizations.quantizeEmbeddings = true;
        panel.setSpec(s);
        QVERIFY(tables->isChecked());
        QVERIFY(tables->isEnabled());
        QVERIFY(panel.spec().optimizations.quantizeEmbeddings);
    }

    // Each rule case set in the form is refused with the rule's reason from the table: either the
    // Run button's message says it, or (where the form cannot hold the choice) the control that
    // would make it is disabled with the reason as its tooltip.
    void everyRuleIsRefusedWithTheTablesReason()
    {
        QCOMPARE(rulecases::rulesWithoutCase(), std::vector<std::string>{});
        ExperimentPanel panel;
        for (const auto &c : rulecases::ruleCases()) {
            const core::ExperimentSpec spec = c.spec();
            const auto violation = options::firstViolation(core::choicesOf(spec));
            QVERIFY(violation.has_value());
            const QString reason = ruleReasonText(*violation);
            QVERIFY(!reason.isEmpty());
            panel.setSpec(spec);
            const bool inMessage = panel.validationError().contains(reason);
            const QString control = disabledWithReason(panel, reason);
            QVERIFY2(inMessage || !control.isEmpty(),
                     qPrintable(QStringLiteral("%1: \"%2\" neither in the message (\"%3\") nor on a disabled control")
                                    .arg(QString::fromStdString(c.rule), reason, panel.validationError())));
            QVERIFY2(!inMessage || !panel.runButton()->isEnabled(), c.rule.c_str());
        }
    }

    // A training-only control in an inference run: disabled, its tooltip the rule's reason.
    void aTrainingOnlyControlShowsTheRuleInItsTooltip()
    {
        ExperimentPanel panel;
        panel.setSpec(core::ExperimentSpec{});
        options::Choices inference;
        inference.checkpointEvery = 1;
        const auto rule = options::violationOf(inference, "optimizations.checkpoint_every");
        QVERIFY(rule.has_value());
        QVERIFY(!disabledWithReason(panel, ruleReasonText(*rule)).isEmpty());
        core::ExperimentSpec training;
        training.task.mode = options::Mode::Training;
        panel.setSpec(training);
        QVERIFY(disabledWithReason(panel, ruleReasonText(*rule)).isEmpty());
    }

    void invalidCombinationsAreDisabledWithTheReason()
    {
        ExperimentPanel panel;
        QComboBox *precision = comboWith(panel, QStringLiteral("tf32"));
        QVERIFY(precision);
        for (const char *cudaOnly : {"tf32", "fp16", "amp-fp16"}) {
            QVERIFY(!itemEnabled(precision, QLatin1String(cudaOnly)));
            QVERIFY(itemTip(precision, QLatin1String(cudaOnly)).contains(QLatin1String("CUDA")));
        }
        QVERIFY(itemEnabled(precision, QStringLiteral("bf16")));

        // dynamic-int8 with bf16 precision.
        core::ExperimentSpec s;
        s.optimizations.precision = options::Precision::Bf16;
        panel.setSpec(s);
        QComboBox *quantization = comboWith(panel, QStringLiteral("dynamic-int8"));
        QVERIFY(!itemEnabled(quantization, QStringLiteral("dynamic-int8")));
        QVERIFY(itemTip(quantization, QStringLiteral("dynamic-int8")).contains(QLatin1String("fp32")));

        // 2:4 pruning: the amount is fixed at 0.5.
        panel.setSpec(core::ExperimentSpec{});
        QComboBox *pruning = comboWith(panel, QStringLiteral("2:4"));
        QDoubleSpinBox *amount = nullptr;
        for (QDoubleSpinBox *d : panel.findChildren<QDoubleSpinBox *>()) {
            if (d->maximum() < 1.0)
                amount = d;
        }
        QVERIFY(amount);
        pruning->setCurrentIndex(pruning->findData(QStringLiteral("2:4")));
        QCOMPARE(amount->value(), 0.5);
        QVERIFY(!amount->isEnabled());
        QVERIFY(amount->toolTip().contains(QLatin1String("0.5")));
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        pruning->setCurrentIndex(pruning->findData(QStringLiteral("magnitude")));
        QVERIFY(amount->isEnabled());
        QVERIFY(amount->value() > 0 && amount->value() != 0.5);
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));

        // Heads and neurons need a native BERT- or Llama-family model: not GPT-2.
        QVERIFY(itemEnabled(pruning, QStringLiteral("heads")));
        panel.setModelPath(QFINDTESTDATA("../data/hf/gpt2-tiny"));
        QVERIFY(!itemEnabled(pruning, QStringLiteral("heads")));
        QVERIFY(!itemEnabled(pruning, QStringLiteral("neurons")));
        QVERIFY(itemTip(pruning, QStringLiteral("heads")).contains(QLatin1String("BERT")));
        panel.setModelPath(QFINDTESTDATA("../data/hf/bert-tiny"));
        QVERIFY(itemEnabled(pruning, QStringLiteral("heads")));
        panel.setModelPath(QFINDTESTDATA("../data/hf/llama-tiny")); // whole grouped-query groups
        QVERIFY(itemEnabled(pruning, QStringLiteral("heads")));
        QVERIFY(itemEnabled(pruning, QStringLiteral("neurons")));
    }
};

QTEST_MAIN(TestExperimentPanel)
#include "tst_experimentpanel.moc"
