#pragma once
// Runs the orderlens binary as a user's shell would for the command-line tests: headless (no
// DISPLAY, no QT_QPA_PLATFORM), with the exit code and both streams.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace clitest {

struct Run {
    int exitCode = -1;  // -1 when the process crashed or did not finish in time
    QByteArray out, err;
};

// `environment` entries are set on top of the test's own (e.g. {"LANG", "C.UTF-8"}).
inline Run orderlens(const QStringList& arguments, int timeoutMs = 120000,
                     const QList<QPair<QString, QString>>& environment = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");  // headless subcommands need no display
    env.remove("QT_QPA_PLATFORM");
    for (const auto& [name, value] : environment)
        env.insert(name, value);
    p.setProcessEnvironment(env);
    p.start(ORDERLENS_BINARY, arguments);
    if (!p.waitForFinished(timeoutMs))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// A tiny decoder of tests/fixtures/tiny_decoders (`variant`) with its real tokenizer's files
// (`tokenizer`, fetched by scripts/fetch-tokenizers.sh) beside it, as a downloaded folder would
// be, in `into`. False when the tokenizer is not fetched (the caller skips).
inline bool assembleDecoder(const QString& variant, const QString& tokenizer, const QString& into)
{
    const QString fixtures = ORDERLENS_SOURCE_DIR "/tests/fixtures/tiny_decoders/" + variant;
    const QString tokenizers =
        qEnvironmentVariable("ORDERLENS_TOKENIZER_DIR", ORDERLENS_SOURCE_DIR "/build/tokenizers") + "/" + tokenizer;
    if (!QDir(tokenizers).exists())
        return false;
    QDir().mkpath(into);
    for (const QString& dir : {fixtures, tokenizers})
        for (const QString& name : QDir(dir).entryList(QDir::Files))
            if (!QFile::copy(dir + "/" + name, into + "/" + name))
                return false;
    return true;
}

}  // namespace clitest
