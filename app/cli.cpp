#include "cli.h"

#include "bench.h"
#include "library_product.h"
#include "cli_heads.h"
#include "cli_tokenize.h"
#include "cli_train.h"
#include "decoder.h"
#include "errors.h"
#include "exporter.h"
#include "file_io.h"
#include "font_check.h"
#include "main_window.h"
#include "picture_file.h"
#include "head_roles.h"
#include "language.h"
#include "message_text.h"
#include "model_catalog.h"
#include "palette.h"
#include "session.h"
#include "snapshot.h"
#include "snapshot_json.h"
#include "trainer_backend.h"
#include "training_view.h"
#include "views.h"
#include "trace_json.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orderlens::app {

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitBadInput = 3;

// The command line's own messages, in the language of the run (--lang, else the system's).
struct Cli {
    Q_DECLARE_TR_FUNCTIONS(orderlens::app::Cli)
};

// One line on stderr; control characters from sentences and file names are escaped (\x1b), so
// no terminal escape sequence, carriage return or line break gets through.
void printLine(const char* prefix, const QString& message)
{
    const std::string line = escapeControlCharacters(message.toStdString());
    std::fprintf(stderr, "%s%s\n", prefix, line.c_str());
}

int fail(int code, const QString& message)
{
    printLine("orderlens: ", message);
    return code;
}

// The text scale of `export --scale auto`: the layout of a 960 x 540 picture, enlarged.
double slideScale(QSize size)
{
    return std::max(1.0, std::min(size.width() / 960.0, size.height() / 540.0));
}

int exitCodeFor(const Error& e) { return e.kind() == ErrorKind::Usage ? kExitUsage : kExitBadInput; }
int fail(const Error& e) { return fail(exitCodeFor(e), widgets::userMessage(e)); }

}  // namespace

// A parse error of QCommandLineParser in the language of the run.
QString commandLineError(const QCommandLineParser& parser, const QStringList& arguments)
{
    if (!parser.unknownOptionNames().isEmpty())
        return Cli::tr("unknown option '%1' (orderlens %2 --help lists the options)")
            .arg(parser.unknownOptionNames().constFirst(), arguments.value(0));
    // Qt's other complaints (its own words, untranslated), said in ours.
    const QString qt = parser.errorText();
    const auto quoted = [&qt] { return qt.section(QLatin1Char('\''), 1, 1); };
    if (qt.startsWith(QLatin1String("Missing value after '")))
        return Cli::tr("option %1 needs a value").arg(quoted());
    if (qt.startsWith(QLatin1String("Unexpected value after '")))
        return Cli::tr("option %1 takes no value").arg(quoted());
    return Cli::tr("the command line could not be read: %1").arg(parser.errorText());
}

void addLanguageOption(QCommandLineParser& parser)
{
    parser.addOption({"lang", Cli::tr("Language of the messages and pictures: en or zh (default: the system's)."),
                      "en|zh"});
}

namespace {

// Parses; on error prints one line and returns false with *exitCode set.
bool parse(QCommandLineParser& parser, const QStringList& arguments, int* exitCode)
{
    parser.addHelpOption();
    addLanguageOption(parser);
    if (!parser.parse(arguments)) {
        *exitCode = fail(kExitUsage, commandLineError(parser, arguments));
        return false;
    }
    if (parser.isSet("help")) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        *exitCode = 0;
        return false;
    }
    return true;
}

void reportPeakMemory();

// Writes {"traces":[...]} with the text of each trace made by traceText(k), one at a time, so
// memory stays that of one trace however many sentences there are. The closing "]}" comes only
// after the last trace, so output cut short by a failure is never valid JSON, and when stdout is
// a regular file the part written is removed again. A closed pipe or the file-size limit is a
// write error to report, not a silent death.
void writeTraces(size_t count, const std::function<std::string(size_t)>& traceText)
{
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGXFSZ, SIG_IGN);
    const int fd = fileno(stdout);
    struct stat st {};
    const bool regularFile = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    // Where the document starts: the end of the file when appending (">>"), else the offset.
    const int flags = regularFile ? fcntl(fd, F_GETFL) : -1;
    const off_t start = !regularFile ? -1 : (flags >= 0 && (flags & O_APPEND)) ? st.st_size : lseek(fd, 0, SEEK_CUR);
    auto write = [](const std::string& text) {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::ferror(stdout))
            throw Error(ErrorKind::BadInput,
                        QT_TRANSLATE_NOOP("orderlens::core", "could not write the traces to standard output: %1"), {},
                        systemError(errno));
    };
    try {
        write("{\"traces\":[");
        for (size_t k = 0; k < count; ++k) {
            const std::string text = traceText(k);
            if (k > 0)
                write(",");
            write(text);
        }
        write("]}\n");
        if (std::fflush(stdout) != 0)
            throw Error(ErrorKind::BadInput,
                        QT_TRANSLATE_NOOP("orderlens::core", "could not write the traces to standard output: %1"), {},
                        systemError(errno));
    } catch (...) {
        if (start >= 0) {
            std::fflush(stdout);
            if (ftruncate(fd, start) == 0)
                lseek(fd, start, SEEK_SET);
        }
        throw;
    }
}

// `trace --model FOLDER` for a decoder checkpoint: every sentence tokenized and checked before
// anything is written, then one trace at a time (decoderTraceToJson).

// --ablate / --ablation / --corpus for an encoder or decoder (null without --ablate).
std::shared_ptr<const HeadAblation> surgeryOf(const QCommandLineParser& parser, const LoadedModel& model)
{
    if (!parser.isSet("ablate"))
        return nullptr;
    return std::make_shared<const HeadAblation>(model.encoder ? ablationOption(parser, *model.encoder)
                                                              : ablationOption(parser, *model.decoder));
}

// --bf16-products: decoders opened by this command compute their BF16 products in BF16
// (library_product.h: fast, inexact, labelled in the output).
void addArithmeticOption(QCommandLineParser& parser)
{
    parser.addOption({"bf16-products",
                      Cli::tr("Decoders with BF16 weights multiply in BF16: faster where the CPU has BF16 instructions, inexact (each "
                              "product's inputs rounded to BF16, as PyTorch's bfloat16 does; the output says "
                              "\"arithmetic\": \"bf16-products\"). Default: exact float32.")});
}

void applyArithmeticOption(const QCommandLineParser& parser)
{
    useBf16Products(parser.isSet("bf16-products"));
}

int runDecoderTrace(const QString& folder, const QStringList& sentences, bool pair, const QCommandLineParser& parser)
{
    if (pair)
        return fail(kExitUsage, Cli::tr("--pair is for BERT models; a decoder reads each sentence on its own"));
    const auto model = DecoderModel::open(folder.toStdString());
    if (!model->tokenizer())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                          "model '%1' has no tokenizer files (tokenizer.json or vocab.json + merges.txt)"),
                        {folder.toStdString()});
    std::vector<HfEncoding> inputs;
    for (const QString& sentence : sentences)
        inputs.push_back(model->encode(sentence.toStdString()));
    const HeadAblation ablation = ablationOption(parser, *model);
    writeTraces(inputs.size(), [&](size_t k) {
        DecoderTrace trace = model->forward(inputs[k], 5, &ablation);
        // RoPE's exact split when it stays a readable size.
        if (ropeTermsAreSmall(model->config(), trace.trace.length()))
            trace.trace.ropeTerms = decoderRopeTerms(*model, trace);
        return decoderTraceToJson(trace, model->config()).dump();
    });
    reportPeakMemory();
    return 0;
}

int runTrace(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr("Print the trace of each SENTENCE as JSON: {\"traces\": [...]}."));
    parser.addOption({"model", Cli::tr("Model: builtin:<scheme>, random:<scheme>, handmade or a PATH."), "M"});
    parser.addOption({"pair", Cli::tr("Treat two sentences as one input [CLS] A [SEP] B [SEP] (BERT models).")});
    parser.addOption({"no-head-roles", Cli::tr("Skip the head-role ablation (faster for big models).")});
    addSurgeryOptions(parser);
    addArithmeticOption(parser);
    parser.addPositionalArgument("SENTENCE", Cli::tr("One or more sentences."), "SENTENCE...");
    int code = 0;
    if (!parse(parser, arguments, &code))
        return code;
    applyArithmeticOption(parser);
    const QStringList sentences = parser.positionalArguments();
    if (sentences.isEmpty())
        return fail(kExitUsage, Cli::tr("trace needs at least one SENTENCE, e.g. orderlens trace 猫追老鼠 老鼠追猫"));
    const bool pair = parser.isSet("pair");
    if (pair && sentences.size() != 2)
        return fail(kExitUsage, Cli::tr("--pair takes exactly two sentences A and B (one input [CLS] A [SEP] B [SEP])"));
    const QString spec = parser.isSet("model") ? parser.value("model") : defaultModelSpec();
    if (isDecoderFolder(spec))
        return runDecoderTrace(spec, sentences, pair, parser);
    const auto model = loadModel(spec);
    // Every sentence is tokenized and checked before anything is written: a bad one (empty,
    // longer than the model's positions) fails with nothing on stdout.
    std::vector<std::vector<Token>> inputs;
    if (pair)
        inputs.push_back(model->tokenizer().tokenizePair(sentences[0].toStdString(), sentences[1].toStdString()));
    else
        for (const QString& sentence : sentences)
            inputs.push_back(model->checkedTokens(sentence.toStdString()));
    const HeadAblation ablation = ablationOption(parser, *model);
    // Then one trace at a time: computed, turned into text, written and freed.
    writeTraces(inputs.size(), [&](size_t k) {
        const Trace trace = model->trace(std::move(inputs[k]), &ablation);
        const auto roles =
            parser.isSet("no-head-roles") ? std::vector<HeadRole>{} : headRoles(*model, trace, 4, 1, &ablation);
        return traceToJson(trace, roles).dump();
    });
    reportPeakMemory();
    return 0;
}

int runAnalyse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Print the snapshot of SENTENCE (compared with SENTENCE_B when given) as JSON: every number the views "
                "draw (PCA points, aligned difference, head roles, term shares, residual stream, position tables, "
                "recoverability, colour ranges)."));
    parser.addOption({"model", Cli::tr("Model: builtin:<scheme>, random:<scheme>, handmade or a PATH."), "M"});
    addSurgeryOptions(parser);
    addArithmeticOption(parser);
    parser.addOption({"words", Cli::tr("Merge the pieces of each word (老 鼠 → 老鼠: your spaces, else the built-in lexicon; "
                                       "WordPiece's ## pieces) into word-level attention: summed over a word's key pieces, "
                                       "averaged over its query pieces. Encoders only.")});
    parser.addPositionalArgument("SENTENCE", Cli::tr("The sentence to analyse."));
    parser.addPositionalArgument("SENTENCE_B", Cli::tr("A second sentence to compare with."), "[SENTENCE_B]");
    int code = 0;
    if (!parse(parser, arguments, &code))
        return code;
    applyArithmeticOption(parser);
    const QStringList sentences = parser.positionalArguments();
    if (sentences.isEmpty() || sentences.size() > 2)
        return fail(kExitUsage, Cli::tr("analyse takes SENTENCE and an optional SENTENCE_B, e.g. orderlens analyse 猫追老鼠 老鼠追猫"));
    const QString spec = parser.isSet("model") ? parser.value("model") : defaultModelSpec();
    const LoadedModel model = loadAnyModel(spec);
    if (parser.isSet("words") && model.decoder)
        return fail(kExitUsage, Cli::tr("--words is for encoders (the built-in models and BERT): a decoder's byte-level "
                                        "pieces do not line up with characters"));
    // The whole snapshot, the recoverability curve included (the window fills that in later;
    // decoders have none).
    ModelFacts facts = model.positionFacts();
    if (model.encoder)
        facts.recoverability = recoverabilityFacts(*model.encoder);
    SnapshotRequest request;
    request.sentenceA = sentences.at(0).toStdString();
    request.sentenceB = sentences.value(1).toStdString();
    request.compare = sentences.size() == 2;
    request.showRoles = showsRoles(spec);
    request.ablation = surgeryOf(parser, model);
    request.mergeWords = parser.isSet("words");
    const SnapshotResult result = model.analyse(facts, request);
    if (result.errorA || result.errorB)
        return fail(result.errorA ? *result.errorA : *result.errorB);
    // Build the whole text first: a failure (a non-finite number, say) never leaves half a document.
    const std::string text = snapshotToJson(*result.snapshot).dump() + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : fail(kExitBadInput, Cli::tr("could not write to standard output"));
}

int runBench(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr("Measure OrderLens's speed on this machine (medians)."));
    parser.addOption({"json", Cli::tr("Print the figures as JSON.")});
    parser.addOption({"quick", Cli::tr("Fewer repetitions (a smoke run).")});
    QStringList groupNames;
    for (const std::string& g : benchGroups())
        groupNames << QString::fromStdString(g);
    parser.addOption({"only", Cli::tr("Run only these groups, comma-separated: %1.").arg(groupNames.join(", ")), "groups"});
    int code = 0;
    if (!parse(parser, arguments, &code))
        return code;
    std::vector<std::string> only;
    for (const QString& g : parser.value("only").split(',', Qt::SkipEmptyParts)) {
        if (!groupNames.contains(g.trimmed()))
            return fail(kExitUsage, Cli::tr("unknown bench group '%1' (groups: %2)").arg(g, groupNames.join(", ")));
        only.push_back(g.trimmed().toStdString());
    }
    const auto figures = runBenchmarks(parser.isSet("quick"), only);
    const std::string text = parser.isSet("json") ? benchFiguresToJson(figures).dump(2) + "\n" : benchFiguresToText(figures);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

// For `orderlens bench`, which runs export as a child process: the child's own peak resident
// memory (VmHWM of its address space; the parent's getrusage would also count the memory the
// child had as a fork of the bench before exec).
void reportPeakMemory()
{
    if (!qEnvironmentVariableIsSet("ORDERLENS_REPORT_PEAK_MEMORY"))
        return;
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            std::fprintf(stderr, "orderlens: peak memory %s\n", line.mid(6).trimmed().constData());
}

// The Training picture of `export`: two real runs (the scheme, then none), progress on stderr.
bool trainCurves(TrainerBackend& trainer, widgets::TrainingView& view, const QString& spec, int steps)
{
    QString scheme = spec.section(QLatin1Char(':'), 1);
    if (!(spec.startsWith(QLatin1String("builtin:")) || spec.startsWith(QLatin1String("random:"))) ||
        !QStringList{"sinusoidal", "learned", "rope", "alibi", "none"}.contains(scheme))
        scheme = QStringLiteral("sinusoidal");
    const bool terminal = isatty(fileno(stderr));
    QStringList schemes{scheme};
    if (scheme != QLatin1String("none"))
        schemes << QStringLiteral("none");
    for (const QString& s : schemes) {
        view.startRun(Cli::tr("%1, seed %2").arg(s).arg(1));
        const auto model = trainer.train({s, 1, steps}, [&](const TrainingProgress& p) {
            view.addPoint(p.step, p.loss, p.accuracy, p.reversalAccuracy);
            const bool tenth = p.step % std::max(1, p.totalSteps / 10) == 0 || p.step == p.totalSteps;
            if (terminal || tenth) {
                const QString line = Cli::tr("training %1: step %2 of %3").arg(s).arg(p.step).arg(p.totalSteps);
                std::fprintf(stderr, terminal ? "\r%s" : "%s\n", line.toUtf8().constData());
                std::fflush(stderr);
            }
            return true;
        });
        if (terminal)
            std::fputs("\n", stderr);
        if (!model)
            return false;
        view.finishRun(QString(), false);
    }
    return true;
}

int runExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Write the picture of one view (or the whole window) for SENTENCE, compared with SENTENCE_B when given.\n"
                "The format follows the file's extension: .png, .jpg, .svg or .pdf. Needs no display."));
    parser.addOption({"view", Cli::tr("vectors, position, pca, attention, decomposition, residual, recoverability, training, heads or "
                                             "window."),
                      "V"});
    parser.addOption({"out", Cli::tr("The file to write (written whole or not at all)."), "FILE"});
    parser.addOption({"model", Cli::tr("Model: builtin:<scheme>, random:<scheme>, handmade or a PATH."), "M"});
    parser.addOption({"width", Cli::tr("Width in pixels (default 1600)."), "W", "1600"});
    parser.addOption({"height", Cli::tr("Height in pixels (default 900)."), "H", "900"});
    parser.addOption({"scale",
                      Cli::tr("Enlarge text and lines: a number, or auto (default): the picture is laid out as at 960x540 "
                              "and enlarged to the size asked for (x2 at 1920x1080, the slide preset of the window's export "
                              "dialog; x1.67 at 1600x900; never below 1)."),
                              "S", "auto"});
    parser.addOption({"transparent", Cli::tr("Transparent background (PNG).")});
    parser.addOption({"difference-scale",
                      Cli::tr("--view attention: the aligned difference's colour scale, ± this much attention (0 < X <= 1), "
                              "the same for every model; default: fitted to the pair."),
                              "X"});
    parser.addOption({"train-steps",
                      Cli::tr("--view training: train the model's position scheme (sinusoidal for other models) and its "
                              "twin without positions for N steps each and draw their curves (default 600)."),
                              "N", "600"});
    parser.addOption({"palette",
                      Cli::tr("Colours of the picture: light (default: for print and light slides) or dark (light text and "
                              "lines on a dark background, as the window draws with a dark system palette)."),
                              "light|dark", "light"});
    parser.addOption({"pca-axes", Cli::tr("The PCA view's two components: auto (default: the pair that keeps the points "
                                          "apart, chosen from the data), 1,2, 1,3 or 2,3."),
                                          "I,J", "auto"});
    addSurgeryOptions(parser);
    addArithmeticOption(parser);
    parser.addOption({"words", Cli::tr("Merge the pieces of each word (老 鼠 → 老鼠: your spaces, else the built-in lexicon; "
                                       "WordPiece's ## pieces) into word-level attention: summed over a word's key pieces, "
                                       "averaged over its query pieces. Encoders only.")});
    parser.addPositionalArgument("SENTENCE", Cli::tr("The sentence to show."));
    parser.addPositionalArgument("SENTENCE_B", Cli::tr("A second sentence to compare with."), "[SENTENCE_B]");
    int code = 0;
    if (!parse(parser, arguments, &code))
        return code;
    applyArithmeticOption(parser);
    const QStringList sentences = parser.positionalArguments();
    const bool autoAxes = parser.value("pca-axes") == QLatin1String("auto");
    const QStringList axes = parser.value("pca-axes").split(',');
    const int firstAxis = autoAxes ? 0 : axes.value(0).trimmed().toInt();
    const int secondAxis = autoAxes ? 0 : axes.value(1).trimmed().toInt();
    if (!autoAxes && (axes.size() != 2 || firstAxis < 1 || secondAxis <= firstAxis || secondAxis > 3))
        return fail(kExitUsage, Cli::tr("--pca-axes takes auto or two components in order: 1,2, 1,3 or 2,3 (got '%1')")
                                    .arg(parser.value("pca-axes")));
    if (!parser.isSet("view") || !parser.isSet("out"))
        return fail(kExitUsage, Cli::tr("export needs --view V and --out FILE, e.g. orderlens export --view attention "
                                        "--out a.png 猫追老鼠 老鼠追猫"));
    if (sentences.isEmpty() || sentences.size() > 2)
        return fail(kExitUsage, Cli::tr("export takes SENTENCE and an optional SENTENCE_B"));
    const QString view = parser.value("view");
    if (!exportViewNames().contains(view))
        return fail(kExitUsage, Cli::tr("unknown view '%1' (expected %2)").arg(view, exportViewNames().join(", ")));
    double differenceScale = 0;
    if (parser.isSet("difference-scale")) {
        bool ok = false;
        differenceScale = parser.value("difference-scale").toDouble(&ok);
        if (!ok || !(differenceScale > 0 && differenceScale <= 1))
            return fail(kExitUsage, Cli::tr("--difference-scale takes a number above 0 and at most 1 (got '%1')")
                                        .arg(parser.value("difference-scale")));
    }
    bool okSteps = false;
    const int trainSteps = parser.value("train-steps").toInt(&okSteps);
    if (!okSteps || trainSteps < 10 || trainSteps > 100000)
        return fail(kExitUsage, Cli::tr("--train-steps takes a whole number from 10 to 100000 (got '%1')")
                                    .arg(parser.value("train-steps")));
    bool okW = false, okH = false, okS = false;
    ExportOptions options;
    options.size = QSize(parser.value("width").toInt(&okW), parser.value("height").toInt(&okH));
    if (parser.value("scale") == QLatin1String("auto")) {
        okS = true;
        options.scale = slideScale(options.size);
    } else {
        options.scale = parser.value("scale").toDouble(&okS);
    }
    options.transparent = parser.isSet("transparent");
    if (!okW || !okH || !okS)
        return fail(kExitUsage, Cli::tr("--width and --height take whole numbers, --scale a number"));
    bool okPalette = false;
    const QPalette palette = namedPalette(parser.value("palette"), &okPalette);
    if (!okPalette)
        return fail(kExitUsage, Cli::tr("--palette takes light or dark (got '%1')").arg(parser.value("palette")));
    const QString suffix = QFileInfo(parser.value("out")).suffix().toLower();
    if (!QStringList{"png", "jpg", "jpeg", "svg", "pdf"}.contains(suffix))
        return fail(kExitUsage, Cli::tr("cannot tell the format from '%1': end the file name in .png, .jpg, .svg or "
                                        ".pdf").arg(parser.value("out")));
    // Load the model here first: a bad model or sentence is one clear line, before any window exists.
    const QString spec = parser.isSet("model") ? parser.value("model") : defaultModelSpec();
    const LoadedModel model = loadAnyModel(spec);
    if (parser.isSet("words") && model.decoder)
        return fail(kExitUsage, Cli::tr("--words is for encoders (the built-in models and BERT): a decoder's byte-level "
                                        "pieces do not line up with characters"));
    for (const QString& s : sentences)
        model.check(s);
    const FontCoverage coverage = checkFontCoverage(sentences.join(QString()));
    if (!coverage.complete)
        printLine("orderlens: warning: ", coverage.message());

    QApplication::setPalette(palette);  // before any view exists: every widget draws with it
    SessionState state;
    state.sentenceA = sentences.at(0);
    state.sentenceB = sentences.value(1);
    state.compare = sentences.size() == 2;
    state.modelSpec = spec;
    state.selection.view = (view == "window" ? QStringLiteral("attention") : view).toStdString();
    state.selection.pcaFirst = firstAxis - 1;
    state.selection.pcaSecond = secondAxis - 1;
    state.selection.differenceScale = differenceScale;
    state.selection.mergeWords = parser.isSet("words");
    const std::shared_ptr<const HeadAblation> ablation = surgeryOf(parser, model);
    if (ablation)
        state.selection.surgery = ablation->surgery;
    // The snapshot, computed here as the window's worker computes it; the recoverability curve
    // (seconds for a large vocabulary) only when the picture needs it.
    const bool needsCurve = view == "recoverability" || view == "window";
    ModelFacts facts = model.positionFacts();
    if (needsCurve && model.encoder)
        facts.recoverability = recoverabilityFacts(*model.encoder);
    SnapshotRequest request;
    request.sentenceA = state.sentenceA.toStdString();
    request.sentenceB = state.sentenceB.toStdString();
    request.compare = state.compare;
    request.showRoles = showsRoles(spec);
    request.ablation = ablation;
    request.mergeWords = state.selection.mergeWords;
    SnapshotResult result = model.analyse(facts, request);
    if (result.errorA || result.errorB)
        return fail(result.errorA ? *result.errorA : *result.errorB);
    if (view == "heads") {  // the census (and the experiment) only when the picture needs them
        auto data = std::make_shared<Snapshot>(*result.snapshot);
        data->heads = headsOption(parser, model);
        result.snapshot = data;
    }
    const QString caption = pictureCaption(state, spec, result.snapshot && result.snapshot->config.bf16_products);
    QString error;
    if (view == "window") {
        MainWindow window(nullptr, false, false);  // shows the snapshot above; schedules no model
        window.session()->showSnapshot(model.encoder, state, result.snapshot);
        if (!exportWindow(window, parser.value("out"), options, &error))
            return fail(kExitBadInput, error);
    } else {
        const std::unique_ptr<widgets::View> picture = widgets::createView(view);
        if (auto* training = qobject_cast<widgets::TrainingView*>(picture.get())) {
            const auto trainer = makeTrainerBackend();
            training->setAvailability(trainer->available(), trainer->unavailableReason());
            if (trainer->available() && !trainCurves(*trainer, *training, spec, trainSteps))
                return fail(kExitBadInput, Cli::tr("training was stopped"));
        }
        picture->setSelection(state.selection);
        picture->setData(result.snapshot);
        picture->setCaption(caption);
        picture->resize(logicalSize(options));
        if (!writeViewPicture(*picture, parser.value("out"), options, &error))
            return fail(kExitBadInput, error);
    }
    reportPeakMemory();
    return 0;
}

}  // namespace

bool isSubcommand(const QString& word)
{
    return word == "trace" || word == "analyse" || word == "bench" || word == "export" || word == "train" || word == "eval" ||
           word == "tokenize" || word == "census";
}

int runSubcommand(const QStringList& arguments)
{
    const QString command = arguments.value(1);
    QStringList rest = arguments;
    rest.removeAt(1);  // the parser sees "orderlens [options] args"
    rest[0] = command;    // and its messages name the subcommand (commandLineError)
    // The language first, so every message (usage errors included) is in it: --lang, else the
    // system's — never the window's last choice, so a script's output does not depend on it.
    QString language = systemLanguage();
    for (int i = 1; i < rest.size(); ++i) {
        if (rest[i] == QLatin1String("--"))
            break;
        if (rest[i] == QLatin1String("--lang") && i + 1 < rest.size())
            language = rest[i + 1];
        else if (rest[i].startsWith(QLatin1String("--lang=")))
            language = rest[i].mid(7);
    }
    const bool known = setProcessLanguage(language);
    installTranslations();
    if (!known)
        return fail(kExitUsage, Cli::tr("--lang takes en or zh (got '%1')").arg(language));
    try {
        if (command == "trace")
            return runTrace(rest);
        if (command == "analyse")
            return runAnalyse(rest);
        if (command == "bench")
            return runBench(rest);
        if (command == "train")
            return runTrain(rest);
        if (command == "eval")
            return runEval(rest);
        if (command == "export")
            return runExport(rest);
        if (command == "tokenize")
            return runTokenize(rest);
        if (command == "census")
            return runCensus(rest);
        return fail(kExitUsage, Cli::tr("'%1' is not available in this build yet").arg(command));
    } catch (const Error& e) {
        return fail(e);
    } catch (const std::bad_alloc&) {
        return fail(kExitBadInput, Cli::tr("out of memory"));
    } catch (const std::exception& e) {
        return fail(kExitBadInput, QString::fromStdString(e.what()));
    }
}

}  // namespace orderlens::app
