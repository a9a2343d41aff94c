#include "cli_heads.h"

#include "cli.h"
#include "cli_train.h"

#include "census_json.h"
#include "decoder.h"
#include "errors.h"
#include "file_io.h"
#include "head_census.h"
#include "model.h"
#include "model_catalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

namespace orderlens::app {

namespace {
struct CliHelp {
    Q_DECLARE_TR_FUNCTIONS(orderlens::app::Cli)
};


std::string methodOption(const QCommandLineParser& parser)
{
    return parser.isSet("ablation") ? parser.value("ablation").toStdString() : std::string("zero");
}

// "census: 120/1000 sentences" on stderr: redrawn on a terminal, every tenth otherwise.
class ProgressLine {
public:
    explicit ProgressLine(const char* what) : what_(what), terminal_(isatty(fileno(stderr))) {}
    void operator()(int done, int total)
    {
        const int every = std::max(1, total / 10);
        if (!terminal_ && done % every != 0 && done != total)
            return;
        std::fprintf(stderr, "%s%s: %d/%d sentences%s", terminal_ ? "\r" : "", what_, done, total, terminal_ ? "" : "\n");
        if (terminal_ && done == total)
            std::fputs("\n", stderr);
        std::fflush(stderr);
    }

private:
    const char* what_;
    bool terminal_;
};
}  // namespace

void addSurgeryOptions(QCommandLineParser& parser)
{
    parser.addOption({"ablate",
                      CliHelp::tr("Switch heads off: L0H1,L1H2 (counted from 0; L1 is a whole layer), positional or "
                                  "content (the model's head kinds over the corpus)."),
                      "HEADS"});
    parser.addOption({"ablation",
                      CliHelp::tr("How a head is switched off: zero (its output is 0), mean (its mean output over the "
                                  "corpus) or uniform (it attends evenly). Default: zero."),
                      "METHOD"});
    parser.addOption({"corpus",
                      CliHelp::tr("Sentences, one a line, for mean ablation and head kinds (default: the built-in "
                                  "showcase and held-out sentences)."),
                      "FILE"});
}

std::vector<std::string> corpusOption(const QCommandLineParser& parser)
{
    if (!parser.isSet("corpus"))
        return defaultCensusCorpus();
    return readCorpusFile(QFile::encodeName(parser.value("corpus")).toStdString());
}

HeadAblation ablationOption(const QCommandLineParser& parser, const Model& model)
{
    const AblationMethod method = parseAblationMethod(methodOption(parser));
    if (!parser.isSet("ablate"))
        return {};
    const std::string heads = parser.value("ablate").toStdString();
    const bool needsCorpus = method == AblationMethod::Mean || heads == "positional" || heads == "content";
    return ablationFor(model, heads, method, needsCorpus ? corpusOption(parser) : std::vector<std::string>{});
}

HeadAblation ablationOption(const QCommandLineParser& parser, const DecoderModel& model)
{
    const AblationMethod method = parseAblationMethod(methodOption(parser));
    if (!parser.isSet("ablate"))
        return {};
    return ablationFor(model, parser.value("ablate").toStdString(), method,
                       method == AblationMethod::Mean ? corpusOption(parser) : std::vector<std::string>{});
}

HeadsFacts headsOption(const QCommandLineParser& parser, const LoadedModel& model)
{
    const AblationMethod method = parseAblationMethod(methodOption(parser));
    const std::vector<std::string> corpus = corpusOption(parser);
    ProgressLine progress("census");
    const auto report = [&](int done, int total) { progress(done, total); };
    const QString spec = parser.isSet("model") ? parser.value("model") : defaultModelSpec();
    const std::optional<AblationMethod> experiment = showsRoles(spec) ? std::optional(method) : std::nullopt;
    HeadsFacts facts = model.encoder ? headsFacts(*model.encoder, corpus, experiment, report)
                                     : headsFacts(*model.decoder, corpus, report);
    if (parser.isSet("corpus"))
        facts.corpus = QFileInfo(parser.value("corpus")).fileName().toStdString();
    return facts;
}

std::string surgeryExperimentText(const SurgeryExperiment& e)
{
    std::string out = "surgery experiment: " + e.modelId + ", " + toString(e.method) + " ablation; reversal accuracy = " +
                      "agent and patient tokens of " + std::to_string(e.reversalPairs) +
                      " held-out reversal pairs (50 % is chance for a model that cannot see order)\n";
    char line[512];
    std::snprintf(line, sizeof line, "  %-34s %-10s %9s %9s %9s\n", "heads off", "kind", "reversal", "held-out",
                  "showcase");
    out += line;
    auto row = [&](const std::string& label, const std::string& kind, const SurgeryRow& r) {
        std::snprintf(line, sizeof line, "  %-34s %-10s %9s %9s %6d/%d\n", label.substr(0, 34).c_str(), kind.c_str(),
                      percent(r.reversalNounAccuracy).c_str(), percent(r.heldOutAccuracy).c_str(), r.showcaseCorrect,
                      r.showcaseTotal);
        out += line;
    };
    row("none", "", e.intact);
    for (size_t i = 0; i < e.single.size(); ++i)
        row(e.single[i].label, i < e.roles.size() ? toString(e.roles[i].kind) : "", e.single[i]);
    row("all positional: " + (e.positional.heads.empty() ? std::string("(none)") : headListText(e.positional.heads)),
        "positional", e.positional);
    for (const SurgeryRow& r : e.random)
        row("instead: " + headListText(r.heads), e.randomPool == "content" ? "content" : "cont+mixed", r);
    if (!e.random.empty()) {
        std::snprintf(line, sizeof line, "  as many %s heads instead (mean of %zu sets): %s\n", e.randomPool.c_str(),
                      e.random.size(), percent(e.randomMean).c_str());
        out += line;
    } else {
        out += "  no random draw: the model has no positional head, or no other head to draw\n";
    }
    return out;
}

int runCensus(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliHelp::tr("The head census: where each head's attention goes over a corpus (first token, special tokens, "
                    "punctuation, itself, the previous and next token, entropy; raw and value-norm weighted) and a "
                    "2-D map of the heads by the Jensen-Shannon distance of their attention. Writes JSON or CSV."));
    parser.addOption({"model", CliHelp::tr("Model: builtin:<scheme>, random:<scheme> or a PATH (a BERT or decoder folder)."), "M"});
    parser.addOption({"corpus", CliHelp::tr("Sentences, one a line (default: the built-in showcase and 200 held-out sentences)."), "FILE"});
    parser.addOption({"out", CliHelp::tr("The file to write: .json or .csv."), "FILE"});
    int code = 0;
    if (!parseArguments(parser, arguments, &code))
        return code;
    if (!parser.positionalArguments().mid(1).isEmpty())
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "census takes no positional arguments (got '%1')"),
                         {parser.positionalArguments().value(1).toStdString()});
    if (!parser.isSet("out"))
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "census needs --out FILE (.json or .csv)"), {});
    const QString out = parser.value("out");
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (suffix != "json" && suffix != "csv")
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "--out must end in .json or .csv (got '%1')"),
                         {out.toStdString()});
    checkWritable(out);
    const QString spec = parser.isSet("model") ? parser.value("model") : defaultModelSpec();
    const std::vector<std::string> corpus = corpusOption(parser);
    const LoadedModel model = loadAnyModel(spec);
    ProgressLine progress("census");
    const auto report = [&](int done, int total) { progress(done, total); };
    const HeadCensus census = model.encoder ? headCensus(*model.encoder, corpus, report)
                                            : headCensus(*model.decoder, corpus, report);
    const std::string text = suffix == "csv" ? censusToCsv(census) : censusToJson(census).dump(1) + "\n";
    writeFileAtomically(QFile::encodeName(out).toStdString(), reinterpret_cast<const uint8_t*>(text.data()), text.size());
    print("census of " + spec.toStdString() + ": " + std::to_string(census.layers * census.heads) + " heads over " +
          std::to_string(census.sentences) + " sentences (" + std::to_string(census.tokens) + " tokens); wrote " +
          out.toStdString() + "\n");
    return 0;
}

}  // namespace orderlens::app
