#pragma once
// Head surgery on the command line (`trace --ablate`, `eval --ablate`, `eval --surgery`) and
// `orderlens census`. Errors propagate as orderlens::Error.
#include "head_surgery.h"
#include "model_catalog.h"
#include "snapshot.h"
#include "surgery_experiment.h"

#include <QStringList>

#include <string>
#include <vector>

class QCommandLineParser;

namespace orderlens {
class Model;
class DecoderModel;
}  // namespace orderlens

namespace orderlens::app {

int runCensus(const QStringList& arguments);

// --ablate HEADS, --ablation METHOD and --corpus FILE.
void addSurgeryOptions(QCommandLineParser& parser);
// The sentences of --corpus FILE (one a line, blank lines skipped), or the default corpus
// (core/head_census.h defaultCensusCorpus). Error(BadFile) for an unreadable or empty file.
std::vector<std::string> corpusOption(const QCommandLineParser& parser);
// The surgery --ablate and --ablation name (inactive without --ablate); the means of mean
// ablation and the head kinds of "positional" / "content" come from corpusOption's sentences.
HeadAblation ablationOption(const QCommandLineParser& parser, const Model& model);
HeadAblation ablationOption(const QCommandLineParser& parser, const DecoderModel& model);

// The Heads view's numbers for `export --view heads`: the census over corpusOption's sentences,
// progress on stderr, and for a model with a role head the experiment with --ablation's method.
HeadsFacts headsOption(const QCommandLineParser& parser, const LoadedModel& model);

// The experiment as a table (what `eval --surgery` prints).
std::string surgeryExperimentText(const SurgeryExperiment& experiment);

}  // namespace orderlens::app
