#include "language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

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
    static QTranslator* translator = nullptr;
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
    auto* next = new QTranslator;
    if (next->load(QStringLiteral(":/i18n/orderlens_%1.qm").arg(currentLanguage()))) {
        QCoreApplication::installTranslator(next);
        translator = next;
    } else {
        delete next;
    }
}

}  // namespace orderlens::app
