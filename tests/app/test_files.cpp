// Files read and written by the app and the CLI: sessions and lessons only from regular files
// within their limits (a pipe or /dev/zero is refused at once), pictures, sessions and models only
// to regular files (never over a device, pipe or folder), nothing left behind by a killed
// training, system reasons instead of "Unknown error", and file dialogs that never open in
// /proc, /sys, /dev or a folder that is not writable.
#include "lesson.h"
#include "session.h"
#include "start_folder.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <csignal>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace orderlens::app;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run runOrderlens(const QStringList& arguments, int timeoutMs = 120000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    p.setProcessEnvironment(env);
    p.start(ORDERLENS_BINARY, arguments);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

bool oneLine(const QByteArray& err) { return err.count('\n') == 1 && err.endsWith('\n') && err.startsWith("orderlens: "); }

bool isCharDevice(const char* path)
{
    struct stat st {};
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

bool isFifo(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// A copy of /dev/full (character device 1, 7) under `name`; empty if mknod is not allowed.
QString makeFullDevice(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    return ::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0644, makedev(1, 7)) == 0 ? path : QString();
}

QString makeFifo(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0 ? path : QString();
}

// f() on another thread, within a generous bound; a call blocked on the pipe is freed (by
// opening the pipe's other end) and reported as "(hung)".
QString withinBound(const QString& fifo, const std::function<QString()>& f)
{
    QFuture<QString> result = QtConcurrent::run(f);
    QDeadlineTimer deadline(10000);
    while (!result.isFinished() && !deadline.hasExpired())
        QThread::msleep(10);
    if (result.isFinished())
        return result.result();
    // Opening the other end lets a blocked open() return; closing it gives the reader an end of file.
    const int unblock = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK);
    if (unblock >= 0)
        ::close(unblock);
    result.waitForFinished();
    return QStringLiteral("(hung)");
}

QString sessionError(const QString& path)
{
    SessionState state;
    QString error;
    return loadSessionFile(path, &state, &error) ? QStringLiteral("(opened)") : error;
}

QString lessonError(const QString& path)
{
    try {
        loadLesson(path);
    } catch (const LessonError& e) {
        return e.message();
    }
    return QStringLiteral("(loaded)");
}

QStringList temporaryFiles(const QString& folder)
{
    return QDir(folder).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden);
}

}  // namespace

class TestFiles : public QObject {
    Q_OBJECT
private slots:
    void sessionFromAPipeIsRefusedAtOnce();
    void sessionFromDevicesAndFoldersIsRefused();
    void sessionOverTheLimitNamesTheLimit();
    void twoMegabyteSessionOpens();
    void sessionIsNeverSavedOverADevicePipeOrFolder();
    void lessonFromAPipeOrDeviceIsRefused();
    void lessonOverTheLimitNamesTheLimit();
    void exportRefusesDevicesPipesAndFolders_data();
    void exportRefusesDevicesPipesAndFolders();
    void trainRefusesDevicesBeforeTraining_data();
    void trainRefusesDevicesBeforeTraining();
    void exportOnAFullDiskSaysNoSpaceLeft_data();
    void exportOnAFullDiskSaysNoSpaceLeft();
    void exportIntoSysSaysPermissionDenied();
    void killedTrainingLeavesNoTemporaryFile();
    void dialogsNeverStartInSpecialOrUnwritableFolders_data();
    void dialogsNeverStartInSpecialOrUnwritableFolders();
};

void TestFiles::sessionFromAPipeIsRefusedAtOnce()
{
    QTemporaryDir dir;
    const QString fifo = makeFifo(dir, "a.orderlens");
    QVERIFY(!fifo.isEmpty());
    const QString error = withinBound(fifo, [fifo] { return sessionError(fifo); });
    QCOMPARE(error, QStringLiteral("cannot read '%1': it is not a regular file (a device, a pipe or a socket)").arg(fifo));
}

void TestFiles::sessionFromDevicesAndFoldersIsRefused()
{
    QCOMPARE(sessionError("/dev/zero"), QStringLiteral("cannot read '/dev/zero': it is not a regular file (a device, a pipe or a socket)"));
    QTemporaryDir dir;
    QCOMPARE(sessionError(dir.path()), QStringLiteral("cannot read '%1': it is a folder").arg(dir.path()));
}

void TestFiles::sessionOverTheLimitNamesTheLimit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("big.orderlens");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray json = sessionToJson(SessionState());
    json.insert(1, QByteArray(kMaxSessionBytes, ' '));  // valid JSON, one byte per space
    file.write(json);
    file.close();
    QCOMPARE(sessionError(path), QStringLiteral("cannot read '%1': it is larger than 16 MB").arg(path));
}

// Used to be refused as "the JSON is broken at byte 1048577": the reader stopped at 1 MiB.
void TestFiles::twoMegabyteSessionOpens()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("two-megabytes.orderlens");
    SessionState saved;
    saved.sentenceA = QStringLiteral("老鼠被猫追");
    QByteArray json = sessionToJson(saved);
    json.insert(1, QByteArray(2 * 1024 * 1024, ' '));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();
    SessionState state;
    QString error;
    QVERIFY2(loadSessionFile(path, &state, &error), qPrintable(error));
    QCOMPARE(state.sentenceA, saved.sentenceA);
}

void TestFiles::sessionIsNeverSavedOverADevicePipeOrFolder()
{
    // Never the real devices: as root, a regression would replace them for the whole system.
    QTemporaryDir dir;
    const QString device = makeFullDevice(dir, "full.orderlens");
    if (device.isEmpty())
        QSKIP("mknod is not allowed here");
    QString error;
    QVERIFY(!saveSessionFile(device, SessionState(), &error));
    QCOMPARE(error, QStringLiteral("cannot write '%1': it is not a regular file (a device, a pipe or a socket); choose a file name").arg(device));
    QVERIFY(isCharDevice(QFile::encodeName(device).constData()));
    const QString fifo = makeFifo(dir, "s.orderlens");
    error = withinBound(fifo, [fifo] {
        QString e;
        return saveSessionFile(fifo, SessionState(), &e) ? QStringLiteral("(saved)") : e;
    });
    QVERIFY2(error.contains("it is not a regular file"), qPrintable(error));
    QVERIFY(isFifo(fifo));
    QVERIFY(!saveSessionFile(dir.path(), SessionState(), &error));
    QCOMPARE(error, QStringLiteral("cannot write '%1': it is a folder").arg(dir.path()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System), (QStringList{"full.orderlens", "s.orderlens"}));
}

// A pipe used to bypass the 4 MB check (its size() is 0) and was read to 300 MB.
void TestFiles::lessonFromAPipeOrDeviceIsRefused()
{
    QTemporaryDir dir;
    const QString fifo = makeFifo(dir, "lesson.json");
    QVERIFY(!fifo.isEmpty());
    QCOMPARE(withinBound(fifo, [fifo] { return lessonError(fifo); }),
             QStringLiteral("cannot read '%1': it is not a regular file (a device, a pipe or a socket)").arg(fifo));
    QCOMPARE(lessonError("/dev/zero"), QStringLiteral("cannot read '/dev/zero': it is not a regular file (a device, a pipe or a socket)"));
}

void TestFiles::lessonOverTheLimitNamesTheLimit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("big.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(kMaxLessonBytes + 1, ' '));
    file.close();
    QCOMPARE(lessonError(path), QStringLiteral("cannot read '%1': it is larger than 4 MB").arg(path));
}

void TestFiles::exportRefusesDevicesPipesAndFolders_data()
{
    QTest::addColumn<QString>("target");  // DEVICE / FIFO / FOLDER: made in a temporary folder
    QTest::addColumn<QString>("message");
    QTest::newRow("a copy of /dev/full") << "DEVICE" << "it is not a regular file";
    QTest::newRow("pipe") << "FIFO" << "it is not a regular file";
    QTest::newRow("folder") << "FOLDER" << "it is a folder";
}

void TestFiles::exportRefusesDevicesPipesAndFolders()
{
    QFETCH(QString, target);
    QFETCH(QString, message);
    QTemporaryDir dir;
    if (target == "DEVICE" && (target = makeFullDevice(dir, "full.png")).isEmpty())
        QSKIP("mknod is not allowed here");
    if (target == "FIFO")
        target = makeFifo(dir, "out.svg");
    else if (target == "FOLDER")
        QVERIFY(QDir(dir.path()).mkdir(target = dir.filePath("out.png")));
    // The extension comes from the path; --format is not needed for a device.
    QStringList arguments{"export", "--view", "pca", "--model", "random:none", "--out", target, "猫追老鼠"};
    const Run r = runOrderlens(arguments, 60000);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QVERIFY2(r.err.contains(message.toUtf8()) && r.err.contains(target.toUtf8()), r.err.constData());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden),
             QStringList{QFileInfo(target).fileName()});
    if (target.endsWith("full.png"))
        QVERIFY(isCharDevice(QFile::encodeName(target).constData()));
}

void TestFiles::trainRefusesDevicesBeforeTraining_data()
{
    QTest::addColumn<QString>("target");
    // Never the real /dev/null or /dev/full: as root, a regression would replace them.
    QTest::newRow("pipe") << "FIFO";
    QTest::newRow("a copy of /dev/full") << "DEVICE";
}

// Used to train, then replace the device with a regular file and exit 0.
void TestFiles::trainRefusesDevicesBeforeTraining()
{
    QFETCH(QString, target);
    QTemporaryDir dir;
    if (target == "FIFO")
        target = makeFifo(dir, "model.safetensors");
    if (target == "DEVICE" && (target = makeFullDevice(dir, "model.safetensors")).isEmpty())
        QSKIP("mknod is not allowed here");
    const Run r = runOrderlens({"train", "--pe", "none", "--steps", "2000", "--out", target}, 60000);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QCOMPARE(QString::fromUtf8(r.err).trimmed(),
             QStringLiteral("orderlens: cannot write '%1': it is not a regular file (a device, a pipe or a socket); choose a file name")
                 .arg(target));
    QVERIFY(r.out.isEmpty());  // refused before the first step
    QVERIFY(isFifo(target) || isCharDevice(QFile::encodeName(target).constData()));
}

void TestFiles::exportOnAFullDiskSaysNoSpaceLeft_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("svg") << "svg";
    QTest::newRow("png 4K") << "png";
}

// Used to say "Cannot write …: Unknown error". A 32 KB tmpfs stands for the full disk.
void TestFiles::exportOnAFullDiskSaysNoSpaceLeft()
{
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString mountPoint = dir.filePath("tiny");
    QVERIFY(QDir(dir.path()).mkdir("tiny"));
    if (::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=32k") != 0)
        QSKIP("cannot mount a tmpfs here (not root?)");
    const QString out = mountPoint + "/attention." + format;
    const Run r = runOrderlens({"export", "--view", "attention", "--model", "random:sinusoidal", "--width", "3840",
                                "--height", "2160", "--out", out, "猫追老鼠", "老鼠追猫"},
                               120000);
    const QStringList left = QDir(mountPoint).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    ::umount(QFile::encodeName(mountPoint).constData());
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QCOMPARE(QString::fromUtf8(r.err).trimmed(), QStringLiteral("orderlens: cannot write '%1': the disk is full").arg(out));
    QCOMPARE(left, QStringList());
}

// Not writable even for root (the tests run as root, so a chmod-ed folder would not do).
void TestFiles::exportIntoSysSaysPermissionDenied()
{
    const Run r = runOrderlens({"export", "--view", "pca", "--model", "random:none", "--out", "/sys/orderlens-test.png", "猫追老鼠"});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QCOMPARE(QString::fromUtf8(r.err).trimmed(), QStringLiteral("orderlens: cannot write '/sys/orderlens-test.png': permission denied"));
}

// A training killed while it saves used to leave model.safetensors.tmp-XXXXXX for good (7 of
// 80). Now the temporary file has no name while it is written; one left by an older version
// (or by a kill in the instant between naming and renaming) goes with the next run.
void TestFiles::killedTrainingLeavesNoTemporaryFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("model.safetensors");
    {
        QFile stale(out + ".tmp-Xy12Z9");
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("half a model");
    }
    for (int round = 0; round < 6; ++round) {
        QProcess p;
        p.start(ORDERLENS_BINARY, {"train", "--pe", "none", "--steps", "4", "--threads", "1", "--out", out});
        QVERIFY(p.waitForStarted());
        // Kill as the last step is reported, i.e. while the model is being saved, or a little after.
        QByteArray err;
        QDeadlineTimer deadline(60000);
        while (!err.contains("step 4/4") && p.state() == QProcess::Running && !deadline.hasExpired()) {
            p.waitForReadyRead(50);
            err += p.readAllStandardError();
        }
        QThread::usleep(round * 2000);
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
    }
    const Run r = runOrderlens({"train", "--pe", "none", "--steps", "2", "--threads", "1", "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(temporaryFiles(dir.path()), QStringList());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"model.safetensors"});
}

void TestFiles::dialogsNeverStartInSpecialOrUnwritableFolders_data()
{
    QTest::addColumn<QString>("remembered");  // TMP: a temporary folder; LINK: a link to /proc in it
    QTest::addColumn<bool>("kept");
    QTest::newRow("proc") << "/proc" << false;
    QTest::newRow("proc/self") << "/proc/self" << false;
    QTest::newRow("sys") << "/sys" << false;
    QTest::newRow("dev") << "/dev" << false;
    QTest::newRow("dev/shm (writable, still /dev)") << "/dev/shm" << false;
    QTest::newRow("link to proc") << "LINK" << false;
    QTest::newRow("gone") << "TMP/gone" << false;
    QTest::newRow("a file, not a folder") << "TMP/file.png" << false;
    QTest::newRow("relative") << "pictures" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("a normal folder") << "TMP" << true;
}

void TestFiles::dialogsNeverStartInSpecialOrUnwritableFolders()
{
    QFETCH(QString, remembered);
    QFETCH(bool, kept);
    QTemporaryDir dir;
    QFile(dir.filePath("file.png")).open(QIODevice::WriteOnly);
    QVERIFY(QFile::link("/proc", dir.filePath("proc-link")));
    if (remembered == "LINK")
        remembered = dir.filePath("proc-link");
    remembered.replace("TMP", dir.path());
    QCOMPARE(isGoodStartFolder(remembered), kept);
    const QString start = dialogStartFolder(remembered);
    if (kept) {
        QCOMPARE(start, remembered);
    } else {
        QVERIFY2(start != remembered, qPrintable(start));
        QVERIFY2(isGoodStartFolder(start) || start == QDir::tempPath(), qPrintable(start));
        const QString canonical = QFileInfo(start).canonicalFilePath();
        QVERIFY2(!canonical.startsWith("/proc") && !canonical.startsWith("/sys") && !canonical.startsWith("/dev"),
                 qPrintable(canonical));
    }
}

QTEST_GUILESS_MAIN(TestFiles)
#include "test_files.moc"
