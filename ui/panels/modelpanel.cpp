#include "ui/panels/modelpanel.h"

#include "app/core/store.h"
#include "ui/models/convert.h"
#include "ui/models/metricinfo.h"
#include "ui/models/modelinfo.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSettings>
#include <QVBoxLayout>

#include <limits>

namespace optibench::ui {

namespace {
constexpr int kRecentMax = 10;
const char kRecentKey[] = "models/recent";
} // namespace

ModelPanel::ModelPanel(std::shared_ptr<core::Store> store, QWidget *parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_info(new QLabel(this))
    , m_recentLabel(new QLabel(tr("Recent models:"), this))
    , m_recent(new QListWidget(this))
{
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_recent->setToolTip(tr("Double-click to use this model"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_info);
    layout->addWidget(m_recentLabel);
    layout->addWidget(m_recent, 1);
    layout->addStretch();
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit modelChosen(item->text()); });
}

QStringList ModelPanel::recentModels()
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void ModelPanel::addRecentModel(const QString &path)
{
    QStringList recent = recentModels();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kRecentMax)
        recent.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), recent);
}

void ModelPanel::setModelPath(const QString &path)
{
    m_path = path;
    refresh();
}

QString ModelPanel::describe(const LocalModelInfo &info) const
{
    const QLocale locale;
    QString html = QStringLiteral("<table>");
    auto row = [&html](const QString &label, const QString &value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td>%2</td></tr>").arg(label, value.toHtmlEscaped());
    };
    auto number = [&locale](int n) { return n > 0 ? locale.toString(n) : QString(); };
    row(tr("Architecture"), info.architecture);
    row(tr("Format"),
        info.format == QLatin1String("hf")                ? tr("Hugging Face folder")
            : info.format == QLatin1String("torchscript") ? tr("TorchScript")
                                                          : tr("built in"));
    row(tr("Layers"), number(info.layers));
    row(tr("Hidden size"), number(info.hidden));
    row(tr("Attention heads"), number(info.heads));
    if (info.parameters > 0)
        row(tr("Parameters"), formatMetric(QStringLiteral("parameters"), double(info.parameters)));
    if (info.sizeBytes > 0)
        row(tr("Size"), locale.formattedDataSize(info.sizeBytes));
    row(tr("Data type"), info.dtype);
    row(tr("Tokenizer"), info.tokenizer);
    return html + QStringLiteral("</table>");
}

QString ModelPanel::storeSummary(const LocalModelInfo &info, QString &storedRows) const
{
    try {
        int known = 0;
        for (const auto &m : m_store->models()) {
            if (toQ(m.source) != m_path)
                continue;
            ++known;
            storedRows += QStringLiteral("<table>");
            if (info.parameters <= 0 && m.parameters > 0)
                storedRows += tr("<tr><td>Parameters</td><td>%1</td></tr>")
                                  .arg(formatMetric(QStringLiteral("parameters"), double(m.parameters)));
            if (!m.sha256.empty())
                storedRows += tr("<tr><td>SHA-256</td><td>%1…</td></tr>").arg(toQ(m.sha256).left(16));
            storedRows += QStringLiteral("</table>");
        }
        std::vector<std::int64_t> ids;
        for (const auto &run : m_store->runs(core::RunFilter{})) {
            if (toQ(run.modelSource) == m_path)
                ids.push_back(run.id);
        }
        const int runs = int(ids.size());
        double best = std::numeric_limits<double>::infinity();
        for (const auto &[id, metrics] : m_store->metrics(ids)) {
            for (const auto &metric : metrics) {
                if (metric.key == "latency_p50_ms" && metric.value < best)
                    best = metric.value;
            }
        }
        if (known == 0)
            return tr("No run of this model is stored yet.");
        QString line = tr("%n stored run(s)", nullptr, runs);
        if (runs > 0 && best < std::numeric_limits<double>::infinity())
            line += tr(", best latency p50 %1").arg(formatMetric(QStringLiteral("latency_p50_ms"), best));
        return line;
    } catch (const std::exception &e) {
        return tr("The store could not be read: %1").arg(toQ(e.what()).toHtmlEscaped());
    }
}

QString ModelPanel::demoDescription(const QString &path, bool decoder)
{
    const bool untrained = path.endsWith(QLatin1String("-untrained"));
    if (decoder)
        return untrained ? tr("Built-in demo decoder: a small Llama-style language model with random weights, for "
                              "trying the tool on text generation.")
                         : tr("Built-in demo decoder: a small Llama-style language model trained on the demo "
                              "reviews, for trying the tool on text generation.");
    return untrained
        ? tr("Built-in demo model: a small BERT-style encoder with random weights, for trying the tool.")
        : tr("Built-in demo model: a small BERT-style encoder trained on the demo reviews, for trying the tool.");
}

void ModelPanel::refresh()
{
    m_recent->clear();
    m_recent->addItems(recentModels());
    // Nothing to offer on a first start: no empty box.
    m_recentLabel->setVisible(m_recent->count() > 0);
    m_recent->setVisible(m_recent->count() > 0);

    QString html = QStringLiteral("<b>%1</b><br>").arg(m_path.toHtmlEscaped());
    const LocalModelInfo info = readModelInfo(m_path);
    if (!info.ok()) {
        html += QStringLiteral("<span style='color:#b3261e'>%1</span><br>").arg(info.error.toHtmlEscaped());
    } else if (info.format == QLatin1String("demo")) {
        html += demoDescription(m_path, info.modelType == QLatin1String("llama")) + QStringLiteral("<br>");
    }
    // What the store knows comes first: it changes as runs land, and stays in view when the
    // dock is short.
    QString storedRows;
    html += storeSummary(info, storedRows) + QStringLiteral("<br>");
    if (info.ok())
        html += describe(info) + storedRows;
    m_info->setText(html);
}

} // namespace optibench::ui
