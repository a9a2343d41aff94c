#pragma once
// Runs the orderlens binary as a user's shell would for the command-line tests: headless (no
// DISPLAY, no QT_QPA_PLATFORM), with the exit code and both streams.
#include <QByteArray>
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

}  // namespace clitest
