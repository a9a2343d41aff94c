#pragma once
// The interface language: follows the system locale unless the user picked one (QSettings).
// Translations are compiled into the app (resources/translations/*.ts -> :/i18n/*.qm).
#include <QString>

class QCoreApplication;

namespace orderlens::app {

// "" (follow the system), "zh_CN" or "en".
QString chosenLanguage();
void setChosenLanguage(const QString& code);
// The language in effect: "zh_CN" or "en".
QString currentLanguage();
// Installs the translator for the language in effect (replacing one installed before).
void installTranslations();

}  // namespace orderlens::app
