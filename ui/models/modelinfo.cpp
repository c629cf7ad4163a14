#include "ui/models/modelinfo.h"

#include "engine/formats/demo_architecture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtEndian>

namespace optibench::ui {

namespace {
// Messages under the context "ModelInfo".
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ModelInfo)
};

int firstInt(const QJsonObject &o, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const QJsonValue v = o.value(QLatin1String(k));
        if (v.isDouble())
            return v.toInt();
    }
    return 0;
}

// Sums the elements of every tensor in one safetensors file (its JSON header only); collects
// the dtypes. False when the file is not safetensors.
bool readSafetensorsHeader(const QString &file, qint64 &parameters, QSet<QString> &dtypes)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray lengthBytes = f.read(8);
    if (lengthBytes.size() != 8)
        return false;
    const quint64 length = qFromLittleEndian<quint64>(lengthBytes.constData());
    if (length == 0 || length > 100u * 1024 * 1024 || qint64(length) > f.size() - 8)
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(qint64(length)));
    if (!doc.isObject())
        return false;
    const QJsonObject header = doc.object();
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__"))
            continue;
        const QJsonObject t = it.value().toObject();
        qint64 n = 1;
        for (const QJsonValue d : t.value(QLatin1String("shape")).toArray())
            n *= qint64(d.toDouble());
        parameters += n;
        dtypes.insert(t.value(QLatin1String("dtype")).toString());
    }
    return true;
}

QString dtypeName(const QString &safetensorsType)
{
    static const QHash<QString, QString> names = {{QStringLiteral("F32"), QStringLiteral("float32")},
                                                  {QStringLiteral("F16"), QStringLiteral("float16")},
                                                  {QStringLiteral("BF16"), QStringLiteral("bfloat16")},
                                                  {QStringLiteral("I8"), QStringLiteral("int8")},
                                                  {QStringLiteral("F64"), QStringLiteral("float64")},
                                                  {QStringLiteral("I64"), QStringLiteral("int64")}};
    return names.value(safetensorsType, safetensorsType.toLower());
}

void readFolder(const QDir &dir, LocalModelInfo &info)
{
    QFile configFile(dir.filePath(QStringLiteral("config.json")));
    if (!configFile.open(QIODevice::ReadOnly)) {
        info.error = Text::tr("%1 is not a model: a Hugging Face model folder holds config.json and model.safetensors")
                         .arg(QDir::toNativeSeparators(dir.absolutePath()));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument config = QJsonDocument::fromJson(configFile.readAll(), &parseError);
    if (!config.isObject()) {
        info.error = Text::tr("The config.json in %1 cannot be read: %2")
                         .arg(QDir::toNativeSeparators(dir.absolutePath()), parseError.errorString());
        return;
    }
    const QJsonObject c = config.object();
    info.format = QStringLiteral("hf");
    info.architecture = c.value(QLatin1String("architectures")).toArray().first().toString();
    info.modelType = c.value(QLatin1String("model_type")).toString();
    info.layers = firstInt(c, {"num_hidden_layers", "n_layer", "n_layers"});
    info.hidden = firstInt(c, {"hidden_size", "n_embd", "dim", "d_model"});
    info.heads = firstInt(c, {"num_attention_heads", "n_head", "n_heads"});
    info.dtype = c.value(QLatin1String("torch_dtype")).toString();

    QSet<QString> dtypes;
    QStringList weights = dir.entryList({QStringLiteral("*.safetensors")}, QDir::Files, QDir::Name);
    for (const QString &w : weights) {
        info.sizeBytes += QFileInfo(dir.filePath(w)).size();
        if (!readSafetensorsHeader(dir.filePath(w), info.parameters, dtypes)) {
            info.error = Text::tr("%1 is not a valid safetensors file").arg(QDir::toNativeSeparators(dir.filePath(w)));
            return;
        }
    }
    if (weights.isEmpty()) {
        const bool pickle = QFileInfo::exists(dir.filePath(QStringLiteral("pytorch_model.bin")));
        info.error = pickle
            ? Text::tr("%1 holds only pickle weights (pytorch_model.bin), which are refused because unpickling "
                       "can run code; save the model with safe_serialization=True")
                  .arg(QDir::toNativeSeparators(dir.absolutePath()))
            : Text::tr("%1 has a config.json but no model.safetensors")
                  .arg(QDir::toNativeSeparators(dir.absolutePath()));
        return;
    }
    if (info.dtype.isEmpty() && dtypes.size() == 1)
        info.dtype = dtypeName(*dtypes.begin());

    if (QFileInfo::exists(dir.filePath(QStringLiteral("vocab.txt"))))
        info.tokenizer = Text::tr("WordPiece (vocab.txt)");
    else if (QFileInfo::exists(dir.filePath(QStringLiteral("merges.txt"))))
        info.tokenizer = Text::tr("byte-level BPE (vocab.json, merges.txt)");
    else if (QFileInfo::exists(dir.filePath(QStringLiteral("tokenizer.json"))))
        info.tokenizer = QStringLiteral("tokenizer.json");
    else
        info.tokenizer = Text::tr("none found");
}
// Built in: their shapes are known without loading them.
void readDemo(LocalModelInfo &info)
{
    info.format = QStringLiteral("demo");
    info.dtype = QStringLiteral("float32");
    const QString name = info.path.endsWith(QLatin1String("-untrained")) ? info.path.chopped(10) : info.path;
    if (name == QLatin1String("demo:tiny-llama")) {
        const engine::demo::DecoderArchitecture &demo = engine::demo::kTinyLlama;
        info.architecture = QStringLiteral("LlamaForCausalLM");
        info.modelType = QStringLiteral("llama");
        info.layers = demo.layers;
        info.hidden = demo.hidden;
        info.heads = demo.heads;
        info.parameters = demo.parameters();
        info.tokenizer = Text::tr("whole words (built in, %1 tokens)").arg(demo.vocabSize);
    } else if (name == QLatin1String("demo:tiny-bert")) {
        const engine::demo::Architecture &demo = engine::demo::kTinyBert;
        info.architecture = QStringLiteral("BertForSequenceClassification");
        info.modelType = QStringLiteral("bert");
        info.layers = demo.layers;
        info.hidden = demo.hidden;
        info.heads = demo.heads;
        info.parameters = demo.parameters();
        info.tokenizer = Text::tr("whole words (built in, %1 tokens)").arg(demo.vocabSize);
    } else {
        info.error = Text::tr("%1 is no built-in model: the demos are demo:tiny-bert and demo:tiny-llama (and their "
                              "-untrained variants)")
                         .arg(info.path);
        return;
    }
    info.sizeBytes = info.parameters * qint64(sizeof(float));
}

} // namespace

bool LocalModelInfo::takesStructuredPruning() const
{
    static const QStringList kTypes = {QStringLiteral("bert"),  QStringLiteral("roberta"), QStringLiteral("distilbert"),
                                       QStringLiteral("llama"), QStringLiteral("mistral"), QStringLiteral("qwen2")};
    return (format == QLatin1String("demo") || format == QLatin1String("hf")) && kTypes.contains(modelType);
}

LocalModelInfo readModelInfo(const QString &path)
{
    LocalModelInfo info;
    info.path = path;
    if (path.startsWith(QLatin1String("demo:"))) {
        readDemo(info);
        return info;
    }
    const QFileInfo fi(path);
    if (!fi.exists()) {
        info.error = Text::tr("%1 does not exist").arg(QDir::toNativeSeparators(path));
        return info;
    }
    if (fi.isDir()) {
        info.path = fi.absoluteFilePath();
        readFolder(QDir(info.path), info);
        return info;
    }
    // config.json or a weights file stands for its folder.
    if (fi.fileName() == QLatin1String("config.json") || fi.suffix() == QLatin1String("safetensors")) {
        info.path = fi.absolutePath();
        readFolder(fi.absoluteDir(), info);
        return info;
    }
    // TorchScript: a zip archive (torch.jit.save) with a code/ or constants.pkl entry.
    QFile f(path);
    QByteArray head;
    if (f.open(QIODevice::ReadOnly))
        head = f.read(4);
    if (head.startsWith("PK\x03\x04")) {
        info.path = fi.absoluteFilePath();
        info.format = QStringLiteral("torchscript");
        info.sizeBytes = fi.size();
        info.architecture = Text::tr("TorchScript module");
        return info;
    }
    info.error = Text::tr("%1 is not a model: open a Hugging Face model folder (config.json and model.safetensors), a "
                          "TorchScript file, or the demo")
                     .arg(QDir::toNativeSeparators(fi.absoluteFilePath()));
    return info;
}

} // namespace optibench::ui
