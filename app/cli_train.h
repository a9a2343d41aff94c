#pragma once
// `orderlens train` and `orderlens eval`: train a built-in model on the generated corpus, and
// measure how well a model labels who does what. Errors propagate as orderlens::Error.
#include "role_evaluation.h"

#include <QStringList>

class QCommandLineParser;

#include <string>

namespace orderlens::app {

int runTrain(const QStringList& arguments);
int runEval(const QStringList& arguments);

// Shared by the subcommands of cli_train.cpp and cli_heads.cpp.
// Adds --help and --lang, parses; returns false (with *exitCode) after --help. Error(Usage) on a parse error.
bool parseArguments(QCommandLineParser& parser, const QStringList& arguments, int* exitCode);
void print(const std::string& text);  // to stdout, flushed
std::string percent(double fraction);  // "97.50 %"
// Error(BadFile) unless `out` can be written (core/file_io.h checkWritableFile, a writable folder
// and file): checked before a long run starts.
void checkWritable(const QString& out);

// The report both commands print: held-out accuracy, reversal pairs, showcase with labels.
std::string roleReportText(const RoleReport& report);
// "L0H1 L1H2" lists of the heads head-role analysis calls positional / content / mixed on a sentence.
std::string headRoleSummary(const Model& model, const std::string& sentence);

}  // namespace orderlens::app
