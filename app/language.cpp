#include "language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace orderlens::app {

namespace {
constexpr const char* kLanguageKey = "ui/language";
}

QString chosenLanguage() { return QSettings().value(kLanguageKey).toString(); }

void setChosenLanguage(const QString& code)
{
    QSettings().setValue(kLanguageKey, code);
    installTranslations();
}

QString currentLanguage()
{
    const QString chosen = chosenLanguage();
    if (!chosen.isEmpty())
        return chosen;
    return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
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
