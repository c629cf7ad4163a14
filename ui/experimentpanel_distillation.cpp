// The experiment panel's distillation group: teacher, student shape, alpha and temperature.
#include "ui/experimentpanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

namespace optibench::ui {

namespace {
QSpinBox *spin(QWidget *parent, int min, int max, const QString &tip)
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setToolTip(tip);
    return s;
}
} // namespace

QWidget *ExperimentPanel::buildDistillation(QWidget *parent)
{
    auto *box = new QGroupBox(tr("Distillation (training)"), parent);
    auto *form = new QFormLayout(box);
    m_distill = new QCheckBox(tr("Distill from a teacher"), box);
    m_distill->setToolTip(tr("Trains the model as a student that imitates a larger teacher's outputs: a smaller, faster "
                             "model that keeps much of the teacher's accuracy, for the cost of running the teacher in "
                             "every training step"));
    form->addRow(QString(), m_distill);
    auto *teacherRow = new QHBoxLayout;
    m_teacher = new QLineEdit(box);
    m_teacher->setPlaceholderText(tr("teacher model folder"));
    m_teacher->setToolTip(tr("The trained teacher: a Hugging Face model folder or \"demo:tiny-bert\"; it must have the "
                             "same tokenizer and labels as the student"));
    m_teacherBrowse = new QToolButton(box);
    m_teacherBrowse->setText(tr("…"));
    m_teacherBrowse->setToolTip(tr("Choose the teacher's model folder"));
    teacherRow->addWidget(m_teacher, 1);
    teacherRow->addWidget(m_teacherBrowse);
    form->addRow(tr("Teacher:"), teacherRow);
    m_studentLayers = spin(box, 0, 96, tr("Encoder layers of the student: fewer layers run faster and lose more "
                                          "accuracy (0: as many as the model has)"));
    m_studentLayers->setSpecialValueText(tr("same as the model"));
    form->addRow(tr("Student layers:"), m_studentLayers);
    m_studentHidden = spin(box, 0, 16384, tr("Hidden size of the student: narrower layers are faster and smaller, and "
                                             "lose accuracy (0: the model's own)"));
    m_studentHidden->setSpecialValueText(tr("same as the model"));
    m_studentHidden->setSingleStep(32);
    form->addRow(tr("Student hidden size:"), m_studentHidden);
    m_alpha = new QDoubleSpinBox(box);
    m_alpha->setRange(0.0, 1.0);
    m_alpha->setSingleStep(0.1);
    m_alpha->setToolTip(tr("Weight of the teacher's soft targets against the true labels: higher imitates the teacher "
                           "more closely, which helps when labels are few or noisy"));
    form->addRow(tr("Alpha:"), m_alpha);
    m_temperature = new QDoubleSpinBox(box);
    m_temperature->setRange(0.1, 20.0);
    m_temperature->setSingleStep(0.5);
    m_temperature->setToolTip(tr("Softens both output distributions before they are compared: higher passes on more "
                                 "of the teacher's knowledge about wrong classes; 2-4 is usual"));
    form->addRow(tr("Temperature:"), m_temperature);

    connect(m_teacherBrowse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the teacher's model folder"));
        if (!dir.isEmpty())
            m_teacher->setText(dir);
    });
    connect(m_distill, &QCheckBox::toggled, this, &ExperimentPanel::revalidate);
    connect(m_teacher, &QLineEdit::textChanged, this, &ExperimentPanel::revalidate);
    for (QSpinBox *sb : {m_studentLayers, m_studentHidden})
        connect(sb, &QSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    for (QDoubleSpinBox *sb : {m_alpha, m_temperature})
        connect(sb, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::revalidate);
    return box;
}

} // namespace optibench::ui
