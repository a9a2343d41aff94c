// orderlens: the window, or a headless subcommand (trace, export, train, eval, bench).
#include "allocator.h"
#include "cli.h"
#include "font_check.h"
#include "language.h"
#include "main_window.h"
#include "palette.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>
#include <functional>
#include <memory>

namespace {
// Headless subcommands print one clear line on error; Qt's own chatter (XDG_RUNTIME_DIR,
// platform plugin notes) would only confuse. Set ORDERLENS_DEBUG=1 to see it.
void quietMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("ORDERLENS_DEBUG"))
        std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
}

// `orderlens --help`, `--version` (and -h, -v, --help-all): answered without a window system, so
// they work on a machine with no display.
bool asksForHelpOrVersion(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all" || a == "--version" || a == "-v")
            return true;
    }
    return false;
}

void describeOptions(QCommandLineParser& parser, QCommandLineOption& paletteOption)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "OrderLens (语序透镜): see how a Transformer adds position to meaning.\n\n"
                "Subcommands (orderlens SUBCOMMAND --help for each; they need no display):\n"
                "  trace     the forward pass of each sentence as JSON\n"
                "  analyse   the snapshot every view draws (PCA, head roles, residual, ...) as JSON\n"
                "  export    one view's picture (PNG, SVG, PDF) or the whole window\n"
                "  tokenize  ids, pieces and offsets of texts under a HuggingFace tokenizer.json, as JSON\n"
                "  train     train a built-in model\n"
                "  eval      role accuracy of a model\n"
                "  bench     speed figures of this machine\n\n"
                "Every subcommand takes --lang en|zh for its messages and pictures (default: the system's "
                "language, whatever the window last used)."));
    parser.addHelpOption();
    parser.addVersionOption();
    paletteOption = QCommandLineOption(
        "palette",
        QCoreApplication::translate("main", "light or dark colours instead of the system palette (which the window "
                                            "follows by default)."),
        "light|dark");
    parser.addOption(paletteOption);
    parser.addPositionalArgument("SESSION_FILE", QCoreApplication::translate("main", "A saved .orderlens session to open."),
                                 "[SESSION_FILE]");
}

}  // namespace

int main(int argc, char* argv[])
{
    orderlens::keepFreedMemory();
    if (argc > 1 && !orderlens::app::isSubcommand(QString::fromLocal8Bit(argv[1])) && asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);  // no window system: prints and exits
        QCoreApplication::setApplicationName("orderlens");
        QCoreApplication::setApplicationVersion(ORDERLENS_VERSION);
        QCommandLineParser parser;
        QCommandLineOption paletteOption("palette");
        describeOptions(parser, paletteOption);
        parser.process(app);  // exits 0 after printing
        return 0;
    }
    if (argc > 1 && orderlens::app::isSubcommand(QString::fromLocal8Bit(argv[1]))) {
        qInstallMessageHandler(quietMessages);
        // `bench` times drawing and `export` draws, so both need widgets: offscreen unless a
        // platform is set, so they run with no display and never flash a window.
        const QString command = QString::fromLocal8Bit(argv[1]);
        if (command == QLatin1String("bench") || command == QLatin1String("export")) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            QApplication app(argc, argv);
            QApplication::setApplicationName("OrderLens");
            QApplication::setOrganizationName("OrderLens");
            QCoreApplication::setApplicationVersion(ORDERLENS_VERSION);
            return orderlens::app::runSubcommand(QCoreApplication::arguments());  // sets the language (--lang)
        }
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName("orderlens");
        QCoreApplication::setApplicationVersion(ORDERLENS_VERSION);
        return orderlens::app::runSubcommand(QCoreApplication::arguments());
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName("OrderLens");
    QApplication::setOrganizationName("OrderLens");
    QApplication::setApplicationVersion(ORDERLENS_VERSION);

    QCommandLineParser parser;
    QCommandLineOption paletteOption("palette");
    describeOptions(parser, paletteOption);
    parser.process(app);
    if (parser.isSet(paletteOption)) {
        bool ok = false;
        const QPalette palette = orderlens::app::namedPalette(parser.value(paletteOption), &ok);
        if (!ok) {
            std::fprintf(stderr, "orderlens: --palette takes light or dark\n");
            return 2;
        }
        QApplication::setPalette(palette);
    }

    orderlens::app::installTranslations();
    const orderlens::app::FontCoverage fonts = orderlens::app::checkFontCoverage(QStringLiteral("猫追老鼠语序透镜"));

    // The window; rebuilt in place when the user picks another language (state carried over).
    std::unique_ptr<orderlens::app::MainWindow> window;
    std::function<void()> build = [&] {
        auto next = std::make_unique<orderlens::app::MainWindow>();
        bool presenting = false;
        if (window) {
            // The lesson, its step, the text size and presentation mode come along.
            presenting = window->isPresenting();
            window->setPresentationMode(false);  // its window geometry, not the full screen's
            next->continueFrom(*window);
            next->restoreGeometry(window->saveGeometry());
            window->hide();
            window.release()->deleteLater();
        }
        QObject::connect(next.get(), &orderlens::app::MainWindow::languageChangeRequested, next.get(),
                         [&build] { QMetaObject::invokeMethod(qApp, [&build] { build(); }, Qt::QueuedConnection); });
        window = std::move(next);
        window->show();
        if (presenting)
            window->setPresentationMode(true);
    };
    build();
    if (!fonts.complete)
        QMessageBox::warning(window.get(), QApplication::translate("main", "Chinese font missing"), fonts.message());
    if (!parser.positionalArguments().isEmpty()) {
        QString error;
        if (!window->openSession(parser.positionalArguments().constFirst(), &error))
            QMessageBox::warning(window.get(), QApplication::translate("main", "Session not opened"), error);
    }
    return app.exec();
}
