#pragma once
// The headless subcommands of the orderlens binary (no display needed).
// Exit codes: 0 ok, 2 usage, 3 bad input or file.
#include <QStringList>

namespace orderlens::app {

bool isSubcommand(const QString& word);
// arguments: the full argv as a QStringList (program name first). Prints to stdout/stderr.
int runSubcommand(const QStringList& arguments);

}  // namespace orderlens::app
