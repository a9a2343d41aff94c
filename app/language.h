#pragma once
// The interface language: follows the system locale unless the user picked one (QSettings).
// Translations are compiled into the app (resources/translations/*.ts -> :/i18n/*.qm).
#include <QString>

class QCoreApplication;

namespace orderlens::app {

// "" (follow the system), "zh_CN" or "en".
QString chosenLanguage();
void setChosenLanguage(const QString& code);
// The language in effect: "zh_CN" or "en" — the one set for this process (below), else the
// one the user picked in the window, else the system's.
QString currentLanguage();
// The system locale's language: "zh_CN" or "en".
QString systemLanguage();
// For this process only, not saved (headless subcommands: `--lang`, else the system's, never the
// window's last choice). Takes "en", "zh" or "zh_CN"; false (nothing changed) for anything else.
bool setProcessLanguage(const QString& code);
// Installs the translator for the language in effect (replacing one installed before).
void installTranslations();

}  // namespace orderlens::app
