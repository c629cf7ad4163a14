#pragma once
// Every toggle of the experiment spec as a widget, in tabs (task, optimizations, training,
// hardware) that each read without scrolling, with a tooltip that says what the technique
// does and what it usually costs. Choices that cannot combine with the rest of the spec are
// disabled with the reason (the rule table of options/rules.h decides, not the GUI). Presets, built-in
// and the user's own (QSettings). Run (Ctrl+R) emits runRequested with the spec as JSON.
#include "app/core/spec.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QToolButton;

namespace optibench::ui {

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentPanel(QWidget *parent = nullptr);

    core::ExperimentSpec spec() const;
    void setSpec(const core::ExperimentSpec &spec);
    QString specJson() const;
    void setModelPath(const QString &path);
    void setDevices(const QStringList &devices);
    // Empty when the spec is valid, else the reason it cannot run.
    QString validationError() const { return m_error; }
    QPushButton *runButton() const { return m_run; }
    QStringList presetNames() const;
    void applyPreset(const QString &name);

signals:
    void runRequested(const QString &name, const QString &specJson);
    void modelPathChanged(const QString &path);

private:
    void buildUi();
    QFormLayout *addPage(const QString &title);
    void buildTaskPage(QFormLayout *task);
    void buildOptimizationsPage(QFormLayout *opt);
    void buildTrainingPage(QFormLayout *train);
    void buildHardwarePage(QFormLayout *hw);
    void revalidate();
    void savePreset();
    void deletePreset();
    void reloadPresets();
    void addChoices(QComboBox *combo, const std::vector<std::string> &values);
    // Disables each item of combo whose value would break a rule (options/rules.h), with the reason.
    void markInvalidChoices(QComboBox *combo, void (*apply)(core::ExperimentSpec &, const std::string &));
    void markInvalidComboItems();
    void markStructuredPruning();
    // Disables the control when switching it on (turnOn) would break a rule of `field`, with the
    // rule's reason as its tooltip; enables it, with its own tooltip, when no rule refuses it.
    void enableByRule(QWidget *control, const char *field, void (*turnOn)(core::ExperimentSpec &));
    void enableControlsByRules();
    void showValidation();
    void readOptimizations(core::OptimizationSpec &o) const;
    QWidget *buildDistillation(QWidget *parent);
    // Reads what the model path is (the GUI's own look at config.json): structured pruning of
    // heads and neurons needs a native BERT-family encoder.
    void updateModelFamily();
    void pruningMethodChanged();

    QTabWidget *m_sections = nullptr;
    QLineEdit *m_name;
    QLineEdit *m_model;
    QComboBox *m_mode;
    QComboBox *m_dataset;
    QSpinBox *m_batch;
    QSpinBox *m_maxLength;
    QSpinBox *m_warmup;
    QSpinBox *m_iterations;
    QSpinBox *m_steps;
    QLabel *m_trainingHint = nullptr;
    QComboBox *m_precision;
    QComboBox *m_quantization;
    QComboBox *m_pruning;
    QDoubleSpinBox *m_pruneAmount;
    QComboBox *m_pruneScope;
    QComboBox *m_padding;
    QSpinBox *m_checkpoint;
    QSpinBox *m_accumulation;
    QCheckBox *m_freeze;
    QCheckBox *m_quantEmbeddings;
    QSpinBox *m_share;
    QCheckBox *m_distill;
    QLineEdit *m_teacher;
    QToolButton *m_teacherBrowse;
    QSpinBox *m_studentLayers;
    QSpinBox *m_studentHidden;
    QDoubleSpinBox *m_alpha;
    QDoubleSpinBox *m_temperature;
    QComboBox *m_device;
    QSpinBox *m_threads;
    QCheckBox *m_traceOps;
    QCheckBox *m_traceKernels;
    QComboBox *m_presets;
    QPushButton *m_savePreset;
    QPushButton *m_deletePreset;
    QLabel *m_status;
    QPushButton *m_run;
    QString m_error;
    core::ExperimentSpec m_loaded; // the spec last set: fields without a control keep its values
    bool m_bertFamily = true;
    QString m_structuredPruningReason; // why heads/neurons pruning is unavailable
    double m_lastPruneAmount = 0.3;    // restored when leaving 2:4, whose amount is fixed
    bool m_updating = false;
};

} // namespace optibench::ui
