#include "cli_train.h"

#include "cli.h"
#include "cli_heads.h"

#include "corpus.h"
#include "errors.h"
#include "file_io.h"
#include "head_roles.h"
#include "model_catalog.h"
#include "roles.h"
#include "trainer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace orderlens::app {

namespace {
// The help texts, translated with the other command-line messages (context orderlens::app::Cli).
struct CliHelp {
    Q_DECLARE_TR_FUNCTIONS(orderlens::app::Cli)
};
}  // namespace

// Parses; returns false (with *exitCode) after --help or a parse error.
bool parseArguments(QCommandLineParser& parser, const QStringList& arguments, int* exitCode)
{
    parser.addHelpOption();
    addLanguageOption(parser);
    if (!parser.parse(arguments))
        throw usageError(commandLineError(parser, arguments).toStdString());
    if (parser.isSet("help")) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        *exitCode = 0;
        return false;
    }
    return true;
}

void print(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

std::string percent(double fraction)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f %%", 100.0 * fraction);
    return buffer;
}

// The output file must be creatable before a long run starts: a regular file (never a folder,
// device or pipe: core/file_io.h) in an existing, writable folder. The save itself goes through a
// temporary file and a rename, so a failure never leaves a partial file.
void checkWritable(const QString& out)
{
    const std::string path = QFile::encodeName(out).toStdString();
    checkWritableFile(path);
    const QFileInfo info(out);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isWritable())
        throw fileError("cannot write '" + path + "': the folder '" + folder.filePath().toStdString() + "' is not writable");
    if (info.exists() && !info.isWritable())
        throw fileError("cannot write '" + path + "': the file is read-only");
}

std::string roleReportText(const RoleReport& r)
{
    std::string out;
    out += "held-out role accuracy: " + percent(r.heldOutAccuracy) + " of " + std::to_string(r.heldOutTokens) +
           " tokens (" + std::to_string(r.heldOutSentences) + " sentences of events never seen in training)\n";
    out += "reversal pairs:         " + percent(r.reversalAccuracy) + " of tokens, " + percent(r.reversalNounAccuracy) +
           " of agents/patients (" + std::to_string(r.reversalPairs) + " pairs such as 猫追老鼠 / 老鼠追猫)\n";
    out += "showcase:               " + std::to_string(r.showcaseCorrect) + "/" + std::to_string(r.showcase.size()) +
           " sentences labelled correctly\n";
    for (const auto& s : r.showcase) {
        out += "  " + s.sentence + "  ";
        for (size_t t = 0; t < s.tokens.size(); ++t) {
            out += " " + s.tokens[t] + "/" + roleName(s.predicted[t]);
            if (s.predicted[t] != s.expected[t])
                out += "(expected " + roleName(s.expected[t]) + ")";
        }
        out += s.correct ? "  ok\n" : "  WRONG\n";
    }
    return out;
}

std::string headRoleSummary(const Model& model, const std::string& sentence)
{
    const Trace trace = model.trace(sentence);
    std::string positional, content, mixed;
    for (const auto& h : headRoles(model, trace)) {
        const std::string name = " L" + std::to_string(h.layer) + "H" + std::to_string(h.head);
        (h.kind == HeadKind::Positional ? positional : h.kind == HeadKind::Content ? content : mixed) += name;
    }
    auto list = [](const std::string& s) { return s.empty() ? std::string(" -") : s; };
    return "head roles on " + sentence + ": positional" + list(positional) + "; content" + list(content) + "; mixed" +
           list(mixed) + "\n";
}

int runTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliHelp::tr("Train a built-in model (role head + masked-word head) on the generated corpus and save it.\n"
                    "Prints progress on stderr and a report (held-out and reversal-pair role accuracy, time) on stdout."));
    parser.addOption({"pe", CliHelp::tr("Position scheme: sinusoidal, learned, rope, alibi or none."), "KIND"});
    parser.addOption({"seed", CliHelp::tr("Seed of the initial weights and the sentence stream (default 1)."), "N", "1"});
    parser.addOption({"steps", CliHelp::tr("Optimizer steps of 32 sentences (default 1200)."), "S"});
    parser.addOption({"threads", CliHelp::tr("Threads, 1 or 2 (default 2); the result is the same."), "T", "2"});
    parser.addOption({"embedding-scale",
                      CliHelp::tr("Multiply each word row by X before the position row is added (default: sqrt(d_model) = 8 "
                                  "for sinusoidal, as in the original Transformer; 1 for the other schemes)."),
                                  "X"});
    parser.addOption({"out", CliHelp::tr("The model file to write (safetensors)."), "FILE"});
    int code = 0;
    if (!parseArguments(parser, arguments, &code))
        return code;
    if (!parser.isSet("pe"))
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "train needs --pe KIND (sinusoidal, learned, rope, alibi or none)"), {});
    if (!parser.isSet("out"))
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "train needs --out FILE"), {});
    if (!parser.positionalArguments().mid(1).isEmpty())
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "train takes no positional arguments (got '%1')"),
                         {parser.positionalArguments().value(1).toStdString()});
    PositionScheme scheme;
    try {
        scheme = parsePositionScheme(parser.value("pe").toStdString());
    } catch (const Error& e) {
        throw Error(ErrorKind::BadInput, e.messageTemplate(), e.values());  // a bad value, exit 3
    }
    TrainOptions options = defaultTrainOptions(scheme);
    bool ok = true;
    options.seed = parser.value("seed").toULongLong(&ok);
    if (!ok)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "--seed must be a non-negative whole number (got '%1')"),
                         {parser.value("seed").toStdString()});
    if (parser.isSet("steps")) {
        options.steps = parser.value("steps").toInt(&ok);
        if (!ok || options.steps < 1)
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "--steps must be a whole number of at least 1 (got '%1')"),
                             {parser.value("steps").toStdString()});
    }
    if (parser.isSet("embedding-scale")) {
        const float scale = parser.value("embedding-scale").toFloat(&ok);
        if (!ok || !std::isfinite(scale) || scale <= 0)
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "--embedding-scale must be a number greater than 0 (got '%1')"),
                             {parser.value("embedding-scale").toStdString()});
        options.architecture.embedding_scale = scale;
    }
    options.threads = parser.value("threads").toInt(&ok);
    if (!ok || options.threads < 1 || options.threads > 2)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "--threads must be 1 or 2 (got '%1')"), {parser.value("threads").toStdString()});
    const QString out = parser.value("out");
    checkWritable(out);

    const bool terminal = isatty(fileno(stderr));
    options.progressInterval = 25;
    const int lineEvery = std::max(1, options.steps / 10);
    const TrainResult result = trainRoleModel(options, [&](const TrainProgress& p) {
        if (!terminal && p.step % lineEvery != 0 && p.step != p.totalSteps)
            return;
        std::fprintf(stderr, "%sstep %d/%d  loss %.4f  role accuracy %.2f %%  %.1f s%s", terminal ? "\r" : "", p.step,
                     p.totalSteps, p.loss, 100.0 * p.accuracy, p.seconds, terminal ? "" : "\n");
        std::fflush(stderr);
    });
    if (terminal)
        std::fputs("\n", stderr);
    const Model& model = *result.model;
    model.save(out.toStdString());

    const ModelConfig& c = model.config();
    char header[256];
    std::snprintf(header, sizeof header,
                  "trained %s: %d steps in %.1f s (seed %llu; d_model %d, %d layers, %d heads, embedding scale %g)\n",
                  toString(scheme).c_str(), result.steps, result.seconds, static_cast<unsigned long long>(options.seed),
                  c.d_model, c.n_layers, c.n_heads, static_cast<double>(c.embedding_scale));
    print(header + roleReportText(evaluateRoles(model)) + headRoleSummary(model, "猫追老鼠") + "wrote " +
          out.toStdString() + "\n");
    return 0;
}

int runEval(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliHelp::tr("Role accuracy of a model: held-out events, reversal pairs (猫追老鼠 / 老鼠追猫) and the showcase sentences."));
    parser.addOption({"model", CliHelp::tr("Model: builtin:<scheme>, random:<scheme> or a PATH (default: the default model)."), "M"});
    addSurgeryOptions(parser);
    parser.addOption({"surgery",
                      CliHelp::tr("The surgery experiment: reversal accuracy with no head off, each head off alone, every "
                                  "positional head off and as many random content heads off (for --model, or every "
                                  "built-in model).")});
    parser.addOption({"draws", CliHelp::tr("Random draws of content heads in --surgery (default 5)."), "N"});
    int code = 0;
    if (!parseArguments(parser, arguments, &code))
        return code;
    if (!parser.positionalArguments().mid(1).isEmpty())
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "eval takes no positional arguments (got '%1')"),
                         {parser.positionalArguments().value(1).toStdString()});
    if (parser.isSet("surgery")) {
        if (parser.isSet("ablate"))
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "--surgery chooses its own heads: give --ablate or --surgery, not both"),
                             {});
        bool ok = true;
        const int draws = parser.isSet("draws") ? parser.value("draws").toInt(&ok) : 5;
        if (!ok || draws < 1 || draws > 100)
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "--draws must be a whole number from 1 to 100 (got '%1')"),
                             {parser.value("draws").toStdString()});
        const AblationMethod method =
            parseAblationMethod(parser.isSet("ablation") ? parser.value("ablation").toStdString() : "zero");
        QStringList specs;
        if (parser.isSet("model"))
            specs << parser.value("model");
        else
            for (const QString& s : knownModelSpecs())
                if (s.startsWith("builtin:"))
                    specs << s;
        for (const QString& spec : specs) {
            const auto model = loadModel(spec);
            print(surgeryExperimentText(surgeryExperiment(*model, method, draws)) + "\n");
        }
        return 0;
    }
    const QString spec = parser.isSet("model") ? parser.value("model") : defaultModelSpec();
    const auto model = loadModel(spec);
    const HeadAblation ablation = ablationOption(parser, *model);
    const RoleReport report = evaluateRoles(*model, Corpus(model->vocabulary()), 2000, &ablation);
    const ModelConfig& c = model->config();
    char scale[32];
    std::snprintf(scale, sizeof scale, "%g", static_cast<double>(c.embedding_scale));
    std::string surgery;
    if (ablation.active())
        surgery = "heads off (" + toString(ablation.surgery.method) + " ablation): " +
                  headListText(ablation.surgery.heads) + "\n";
    else if (parser.isSet("ablate"))
        surgery = "heads off: none (the model has no head of that kind)\n";
    print("model " + spec.toStdString() + " (pe " + toString(c.pe) + "; d_model " + std::to_string(c.d_model) + ", " +
          std::to_string(c.n_layers) + " layers, " + std::to_string(c.n_heads) + " heads, embedding scale " + scale +
          ")\n" + surgery + roleReportText(report) + headRoleSummary(*model, "猫追老鼠"));
    return 0;
}

}  // namespace orderlens::app
