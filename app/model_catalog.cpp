#include "model_catalog.h"

#include "bert_checkpoint.h"
#include "decoder.h"
#include "errors.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace orderlens::app {

namespace {
struct ModelNames {
    Q_DECLARE_TR_FUNCTIONS(orderlens::app::ModelNames)
};

const QStringList kSchemes{"sinusoidal", "learned", "rope", "alibi", "none"};

QString builtinResource(const QString& scheme) { return QStringLiteral(":/models/%1.safetensors").arg(scheme); }
}  // namespace

std::shared_ptr<const Model> loadModel(const QString& spec)
{
    if (spec.startsWith("builtin:")) {
        const QString scheme = spec.mid(8);
        if (!kSchemes.contains(scheme))
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "unknown model '%1' (expected builtin:sinusoidal|learned|rope|alibi|none)"),
                             {spec.toStdString()});
        QFile file(builtinResource(scheme));
        if (!file.open(QIODevice::ReadOnly))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the built-in model %1 is not in this build (train it "
                                                                 "with: orderlens train --pe %2 --out %3)"),
                            {spec.toStdString(), scheme.toStdString(),
                             "resources/models/" + scheme.toStdString() + ".safetensors"});
        const QByteArray bytes = file.readAll();
        return std::make_shared<const Model>(Model::fromSafetensorsBytes(
            reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<size_t>(bytes.size()), spec.toStdString()));
    }
    if (spec.startsWith("random:")) {
        const auto scheme = parsePositionScheme(spec.mid(7).toStdString());
        return std::make_shared<const Model>(Model::random(scheme, 1));
    }
    if (spec == "handmade")
        return std::make_shared<const Model>(Model::handmade());
    const QFileInfo info(spec);
    if (!info.exists())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                          "model '%1' not found: expected builtin:<scheme>, random:<scheme>, handmade, "
                                          "a path to a model file or a HuggingFace BERT folder"),
                        {spec.toStdString()});
    if (info.isDir()) {
        if (isDecoderFolder(spec))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                              "'%1' is a decoder (a causal language model): it cannot be trained "
                                              "or evaluated here; trace, analyse, export and the window show it"),
                            {spec.toStdString()});
        return std::make_shared<const Model>(loadBertFolder(spec.toStdString()));
    }
    return std::make_shared<const Model>(Model::load(info.absoluteFilePath().toStdString()));
}

LoadedModel loadAnyModel(const QString& spec)
{
    LoadedModel loaded;
    if (isDecoderFolder(spec))
        loaded.decoder = DecoderModel::open(spec.toStdString());
    else
        loaded.encoder = loadModel(spec);
    return loaded;
}

ModelFacts LoadedModel::positionFacts() const
{
    return decoder ? orderlens::positionFacts(*decoder) : orderlens::positionFacts(*encoder);
}

SnapshotResult LoadedModel::analyse(const ModelFacts& facts, const SnapshotRequest& request) const
{
    return decoder ? orderlens::analyse(*decoder, facts, request) : orderlens::analyse(*encoder, facts, request);
}

void LoadedModel::check(const QString& sentence) const
{
    if (decoder)
        (void)decoder->encode(sentence.toStdString());
    else
        (void)encoder->checkedTokens(sentence.toStdString());
}

QStringList knownModelSpecs()
{
    QStringList specs;
    for (const auto& s : kSchemes)
        if (QFile::exists(builtinResource(s)))
            specs << "builtin:" + s;
    for (const auto& s : kSchemes)
        specs << "random:" + s;
    specs << "handmade";
    return specs;
}

QString defaultModelSpec()
{
    return QFile::exists(builtinResource("sinusoidal")) ? QStringLiteral("builtin:sinusoidal")
                                                        : QStringLiteral("random:sinusoidal");
}

QString modelDisplayName(const QString& spec)
{
    const auto scheme = [&](const QString& name) -> QString {
        if (name == QLatin1String("sinusoidal"))
            return ModelNames::tr("Sinusoidal positions");
        if (name == QLatin1String("learned"))
            return ModelNames::tr("Learned positions");
        if (name == QLatin1String("rope"))
            return ModelNames::tr("RoPE (rotated queries and keys)");
        if (name == QLatin1String("alibi"))
            return ModelNames::tr("ALiBi (distance penalty)");
        if (name == QLatin1String("none"))
            return ModelNames::tr("No positions");
        return name;
    };
    if (spec.startsWith(QLatin1String("builtin:")))
        return ModelNames::tr("%1 · trained").arg(scheme(spec.mid(8)));
    if (spec.startsWith(QLatin1String("random:")))
        return ModelNames::tr("%1 · untrained").arg(scheme(spec.mid(7)));
    if (spec.startsWith(QLatin1String("trained:"))) {
        const QString rest = spec.mid(8);  // <scheme>-seed<N>
        const qsizetype dash = rest.lastIndexOf(QLatin1String("-seed"));
        return dash < 0 ? ModelNames::tr("Trained in this window")
                        : ModelNames::tr("%1 · trained here, seed %2").arg(scheme(rest.left(dash)), rest.mid(dash + 5));
    }
    if (spec == QLatin1String("handmade"))
        return ModelNames::tr("Hand-made example (2-D / 3-D)");
    const QFileInfo info(spec);
    return info.fileName().isEmpty() ? spec : info.fileName();
}

bool showsRoles(const QString& spec)
{
    return !spec.startsWith(QLatin1String("random:")) && spec != QLatin1String("handmade");
}

bool isDecoderFolder(const QString& spec)
{
    QFile config(QDir(spec).filePath(QStringLiteral("config.json")));
    if (!QFileInfo(spec).isDir() || config.size() > (64 << 20) || !config.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = config.readAll();
    return isDecoderConfig(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

}  // namespace orderlens::app
