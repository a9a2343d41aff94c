#include "start_folder.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace orderlens::app {

bool isGoodStartFolder(const QString& folder)
{
    if (folder.isEmpty())
        return false;
    const QFileInfo info(folder);
    if (!info.isAbsolute() || !info.isDir() || !info.isWritable())
        return false;
    const QString canonical = info.canonicalFilePath();
    for (const char* special : {"/proc", "/sys", "/dev"}) {
        const QString root = QString::fromLatin1(special);
        if (canonical == root || canonical.startsWith(root + QLatin1Char('/')))
            return false;
    }
    return true;
}

QString dialogStartFolder(const QString& remembered)
{
    if (isGoodStartFolder(remembered))
        return remembered;
    for (const QString& candidate : {QStandardPaths::writableLocation(QStandardPaths::PicturesLocation), QDir::homePath()})
        if (isGoodStartFolder(candidate))
            return candidate;
    return QDir::tempPath();
}

}  // namespace orderlens::app
