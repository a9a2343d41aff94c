#pragma once
// `orderlens train` and `orderlens eval`: train a built-in model on the generated corpus, and
// measure how well a model labels who does what. Errors propagate as orderlens::Error.
#include "role_evaluation.h"

#include <QStringList>

#include <string>

namespace orderlens::app {

int runTrain(const QStringList& arguments);
int runEval(const QStringList& arguments);

// The report both commands print: held-out accuracy, reversal pairs, showcase with labels.
std::string roleReportText(const RoleReport& report);
// "L0H1 L1H2" lists of the heads head-role analysis calls positional / content / mixed on a sentence.
std::string headRoleSummary(const Model& model, const std::string& sentence);

}  // namespace orderlens::app
