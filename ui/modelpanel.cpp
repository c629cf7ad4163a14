#include "ui/modelpanel.h"

#include "app/core/store.h"
#include "ui/convert.h"
#include "ui/metricinfo.h"
#include "ui/modelinfo.h"

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
    , m_recent(new QListWidget(this))
{
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_recent->setToolTip(tr("Double-click to use this model"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_info);
    layout->addWidget(new QLabel(tr("Recent models:"), this));
    layout->addWidget(m_recent, 1);
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

void ModelPanel::refresh()
{
    m_recent->clear();
    m_recent->addItems(recentModels());

    QString html = QStringLiteral("<b>%1</b><br>").arg(m_path.toHtmlEscaped());
    const LocalModelInfo info = readModelInfo(m_path);
    const QLocale locale;
    if (!info.ok()) {
        html += QStringLiteral("<span style='color:#b3261e'>%1</span><br>").arg(info.error.toHtmlEscaped());
    } else {
        if (info.format == QLatin1String("demo"))
            html += (m_path.endsWith(QLatin1String("-untrained"))
                         ? tr("Built-in demo model: a small BERT-style encoder with random weights, for trying the tool.")
                         : tr("Built-in demo model: a small BERT-style encoder trained on the demo reviews, for trying the tool."))
                    + QStringLiteral("<br>");
        auto row = [&html](const QString &label, const QString &value) {
            if (!value.isEmpty())
                html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td>%2</td></tr>").arg(label, value.toHtmlEscaped());
        };
        auto number = [&locale](int n) { return n > 0 ? locale.toString(n) : QString(); };
        html += QStringLiteral("<table>");
        row(tr("Architecture"), info.architecture);
        row(tr("Format"), info.format == QLatin1String("hf") ? tr("Hugging Face folder")
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
        html += QStringLiteral("</table>");
    }

    try {
        const auto models = m_store->models();
        int known = 0;
        for (const auto &m : models) {
            if (toQ(m.source) != m_path)
                continue;
            ++known;
            html += QStringLiteral("<table>");
            if (info.parameters <= 0 && m.parameters > 0)
                html += tr("<tr><td>Parameters</td><td>%1</td></tr>").arg(formatMetric(QStringLiteral("parameters"), double(m.parameters)));
            if (!m.sha256.empty())
                html += tr("<tr><td>SHA-256</td><td>%1…</td></tr>").arg(toQ(m.sha256).left(16));
            html += QStringLiteral("</table>");
        }
        core::RunFilter filter;
        int runs = 0;
        double best = std::numeric_limits<double>::infinity();
        for (const auto &run : m_store->runs(filter)) {
            if (toQ(run.modelSource) != m_path)
                continue;
            ++runs;
            for (const auto &metric : m_store->metrics(run.id)) {
                if (metric.key == "latency_p50_ms" && metric.value < best)
                    best = metric.value;
            }
        }
        if (known == 0)
            html += tr("No run of this model is stored yet.");
        else
            html += tr("%n stored run(s)", nullptr, runs);
        if (runs > 0 && best < std::numeric_limits<double>::infinity())
            html += tr(", best latency p50 %1").arg(formatMetric(QStringLiteral("latency_p50_ms"), best));
    } catch (const std::exception &e) {
        html += tr("The store could not be read: %1").arg(toQ(e.what()).toHtmlEscaped());
    }
    m_info->setText(html);
}

} // namespace optibench::ui
