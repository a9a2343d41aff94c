#include "model_catalog.h"

#include "bert_checkpoint.h"
#include "errors.h"

#include <QFile>
#include <QFileInfo>

namespace orderlens::app {

namespace {
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
    if (info.isDir())
        return std::make_shared<const Model>(loadBertFolder(spec.toStdString()));
    return std::make_shared<const Model>(Model::load(info.absoluteFilePath().toStdString()));
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

bool showsRoles(const QString& spec)
{
    return !spec.startsWith(QLatin1String("random:")) && spec != QLatin1String("handmade");
}

}  // namespace orderlens::app
