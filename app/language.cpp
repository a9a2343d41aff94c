#include "language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QLibraryInfo>
#include <QTranslator>

#include <vector>

namespace orderlens::app {

namespace {
constexpr const char* kLanguageKey = "ui/language";
QString processLanguage;  // set by setProcessLanguage(); overrides the saved choice
}

QString chosenLanguage() { return QSettings().value(kLanguageKey).toString(); }

void setChosenLanguage(const QString& code)
{
    QSettings().setValue(kLanguageKey, code);
    installTranslations();
}

QString systemLanguage()
{
    return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

bool setProcessLanguage(const QString& code)
{
    if (code == QLatin1String("en"))
        processLanguage = code;
    else if (code == QLatin1String("zh") || code == QLatin1String("zh_CN"))
        processLanguage = QStringLiteral("zh_CN");
    else
        return false;
    return true;
}

QString currentLanguage()
{
    if (!processLanguage.isEmpty())
        return processLanguage;
    const QString chosen = chosenLanguage();
    if (!chosen.isEmpty())
        return chosen;
    return systemLanguage();
}

void installTranslations()
{
    // Ours, and Qt's own for the words Qt writes itself (file dialogs, Cancel, the command line's
    // "Usage:" and "Options:"; Debian's qt6-translations-l10n): one language in one window.
    static std::vector<QTranslator*> installed;
    for (QTranslator* t : installed) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installed.clear();
    const QString language = currentLanguage();
    const QString qtFolder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    const QString files[][2] = {{QStringLiteral(":/i18n/orderlens_%1.qm").arg(language), QString()},
                                {QStringLiteral("qtbase_%1.qm").arg(language), qtFolder}};
    for (const auto& [file, folder] : files) {
        auto* next = new QTranslator;
        if (folder.isEmpty() ? next->load(file) : next->load(file, folder)) {
            QCoreApplication::installTranslator(next);
            installed.push_back(next);
        } else {
            delete next;
        }
    }
}

}  // namespace orderlens::app
