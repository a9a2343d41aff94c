#pragma once
// The headless subcommands of the orderlens binary (no display needed).
// Exit codes: 0 ok, 2 usage, 3 bad input or file.
#include <QStringList>

class QCommandLineParser;

namespace orderlens::app {

bool isSubcommand(const QString& word);
// Every subcommand takes --lang en|zh (applied by runSubcommand before any parsing).
void addLanguageOption(QCommandLineParser& parser);
// QCommandLineParser's parse error, said in the language of the run.
QString commandLineError(const QCommandLineParser& parser, const QStringList& arguments);
// arguments: the full argv as a QStringList (program name first). Prints to stdout/stderr.
int runSubcommand(const QStringList& arguments);

}  // namespace orderlens::app
