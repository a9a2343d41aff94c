// core/file_io.h: reading only regular files within a limit, writing only regular files through
// a temporary file that a killed writer never leaves behind, and errors in the system's words.
#include "errors.h"
#include "file_io.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace orderlens;
namespace fs = std::filesystem;

namespace {

std::string messageOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

std::vector<std::string> listDir(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string readWhole(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool isCharDevice(const char* path)
{
    struct stat st {};
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

class FileIo : public ::testing::Test {
protected:
    void SetUp() override
    {
        char pattern[] = "/tmp/orderlens-file-io-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

// Runs f on another thread; if it has not finished within a generous bound (it blocked on a
// pipe), opens the pipe for writing so that it can finish, and reports the hang.
std::string messageWithinBound(const std::string& fifo, const std::function<void()>& f)
{
    auto result = std::async(std::launch::async, [&] { return messageOf(f); });
    if (result.wait_for(std::chrono::seconds(10)) == std::future_status::ready)
        return result.get();
    // Opening the other end lets a blocked open() return; closing it gives the reader an end of file.
    const int unblock = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK);
    if (unblock >= 0)
        ::close(unblock);
    result.wait();
    return "(hung on the pipe)";
}

}  // namespace

TEST_F(FileIo, ReadsARegularFileUpToTheLimit)
{
    const std::string file = path("a.json");
    std::ofstream(file) << std::string(1024, 'x');
    EXPECT_EQ(readRegularFile(file, 1024), std::string(1024, 'x'));
    EXPECT_EQ(messageOf([&] { readRegularFile(file, 1023); }), "cannot read '" + file + "': it is larger than 1023 bytes");
    EXPECT_EQ(messageOf([&] { readRegularFile(file, 512); }), "cannot read '" + file + "': it is larger than 512 bytes");
    const std::string big = path("big.json");
    std::ofstream(big) << std::string(3 * 1024 * 1024, ' ');
    EXPECT_EQ(messageOf([&] { readRegularFile(big, 2 * 1024 * 1024); }), "cannot read '" + big + "': it is larger than 2 MB");
}

TEST_F(FileIo, ReadRefusesANamedPipeAtOnce)
{
    const std::string fifo = path("lesson.json");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(messageWithinBound(fifo, [&] { readRegularFile(fifo, 4 << 20); }),
              "cannot read '" + fifo + "': it is not a regular file (a device, a pipe or a socket)");
}

TEST_F(FileIo, ReadRefusesDevicesAndFolders)
{
    EXPECT_EQ(messageOf([] { readRegularFile("/dev/zero", 4 << 20); }),
              "cannot read '/dev/zero': it is not a regular file (a device, a pipe or a socket)");
    EXPECT_EQ(messageOf([] { readRegularFile("/dev/null", 4 << 20); }),
              "cannot read '/dev/null': it is not a regular file (a device, a pipe or a socket)");
    EXPECT_EQ(messageOf([&] { readRegularFile(dir_.string(), 4 << 20); }), "cannot read '" + dir_.string() + "': it is a folder");
    EXPECT_EQ(messageOf([&] { readRegularFile(path("missing"), 4 << 20); }),
              "cannot read '" + path("missing") + "': no such file or folder");
}

TEST_F(FileIo, WriteRefusesDevicesPipesAndFoldersBeforeWriting)
{
    const std::vector<uint8_t> bytes(100, 'x');
    // A copy of /dev/null, never the real one: as root, a regression would replace it.
    const std::string device = path("null.png");
    if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
        EXPECT_EQ(messageOf([&] { writeFileAtomically(device, bytes); }),
                  "cannot write '" + device + "': it is not a regular file (a device, a pipe or a socket); choose a file name");
        EXPECT_TRUE(isCharDevice(device.c_str()));
        ::unlink(device.c_str());
    }
    const std::string fifo = path("out.png");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(messageWithinBound(fifo, [&] { writeFileAtomically(fifo, bytes); }),
              "cannot write '" + fifo + "': it is not a regular file (a device, a pipe or a socket); choose a file name");
    const std::string folder = path("folder");
    fs::create_directory(folder);
    EXPECT_EQ(messageOf([&] { writeFileAtomically(folder, bytes); }), "cannot write '" + folder + "': it is a folder");
    EXPECT_EQ(messageOf([&] { checkWritableFile(path("missing/a.png")); }),
              "cannot write '" + path("missing/a.png") + "': the folder '" + path("missing") + "' does not exist");
    EXPECT_EQ(listDir(dir_), (std::vector<std::string>{"folder", "out.png"}));
    struct stat st {};
    ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST_F(FileIo, WriteReplacesAFileAndLeavesNoTemporaryFile)
{
    const std::string target = path("model.safetensors");
    writeFileAtomically(target, std::vector<uint8_t>{'a', 'b'});
    EXPECT_EQ(readWhole(target), "ab");
    ::chmod(target.c_str(), 0600);
    writeFileAtomically(target, std::vector<uint8_t>{'c'});
    EXPECT_EQ(readWhole(target), "c");
    struct stat st {};
    ASSERT_EQ(::stat(target.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(listDir(dir_), std::vector<std::string>{"model.safetensors"});
}

// A writer killed between naming its temporary file and renaming it (or an older OrderLens,
// which named it from the start) leaves "<target>.tmp-XXXXXX"; the next write of that target
// removes it. A temporary file another writer still holds (locked) stays.
TEST_F(FileIo, NextWriteRemovesStaleTemporaryFilesButNotOnesInUse)
{
    const std::string target = path("model.safetensors");
    std::ofstream(path("model.safetensors.tmp-Ab3dE9")) << "left by a killed writer";
    std::ofstream(path("model.safetensors.tmp-inUse1")) << "being written";
    std::ofstream(path("other.safetensors.tmp-Ab3dE9")) << "another target's";
    std::ofstream(path("model.safetensors.tmp-toolongname")) << "not our pattern";
    const int held = ::open(path("model.safetensors.tmp-inUse1").c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(held, 0);
    ASSERT_EQ(::flock(held, LOCK_EX), 0);
    writeFileAtomically(target, std::vector<uint8_t>{'x'});
    ::close(held);
    EXPECT_EQ(listDir(dir_), (std::vector<std::string>{"model.safetensors", "model.safetensors.tmp-inUse1",
                                                       "model.safetensors.tmp-toolongname", "other.safetensors.tmp-Ab3dE9"}));
}

// A full disk (a 64 KB tmpfs, mounted when the tests run as root) says so, and leaves the
// existing file and nothing else.
TEST_F(FileIo, FullDiskSaysNoSpaceLeft)
{
    const std::string mountPoint = path("tiny");
    fs::create_directory(mountPoint);
    if (::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here (not root?)";
    const std::string target = mountPoint + "/picture.svg";
    writeFileAtomically(target, std::vector<uint8_t>{'o', 'l', 'd'});
    const std::vector<uint8_t> big(1 << 20, 'x');
    const std::string message = messageOf([&] { writeFileAtomically(target, big); });
    const std::string contents = readWhole(target);
    const std::vector<std::string> names = listDir(mountPoint);
    ::umount(mountPoint.c_str());
    EXPECT_EQ(message, "cannot write '" + target + "': the disk is full");
    EXPECT_EQ(contents, "old");
    EXPECT_EQ(names, std::vector<std::string>{"picture.svg"});
}

// Folders not writable even for root: the reason is the system's, never "Unknown error".
TEST_F(FileIo, UnwritableFoldersSayWhy)
{
    const std::vector<uint8_t> bytes(10, 'x');
    EXPECT_EQ(messageOf([&] { writeFileAtomically("/sys/orderlens-test.png", bytes); }),
              "cannot write '/sys/orderlens-test.png': permission denied");
    const std::string inProc = messageOf([&] { writeFileAtomically("/proc/self/orderlens-test.png", bytes); });
    EXPECT_EQ(inProc.rfind("cannot write '/proc/self/orderlens-test.png': ", 0), 0u) << inProc;
    EXPECT_EQ(inProc.find("Unknown error"), std::string::npos) << inProc;
}

TEST(SystemErrorText, IsNeverUnknownError)
{
    EXPECT_EQ(systemErrorText(ENOSPC), "No space left on device");
    EXPECT_EQ(systemErrorText(EACCES), "Permission denied");
    EXPECT_EQ(systemErrorText(0x7fff), "system error 32767");
}

TEST(SystemError, SaysTheCommonReasonsInOurWordsAndTheRestAsTheSystemDoes)
{
    EXPECT_STREQ(systemError(ENOENT).what(), "no such file or folder");
    EXPECT_STREQ(systemError(ENOSPC).what(), "the disk is full");
    EXPECT_STREQ(systemError(EACCES).what(), "permission denied");
    EXPECT_EQ(systemError(ENOSPC).kind(), ErrorKind::BadFile);
    EXPECT_STREQ(systemError(0x7fff).what(), "the system says: system error 32767");
    // Wrapped, so the window and `--lang zh` translate the reason too (not only its frame).
    try {
        (void)readRegularFile("/nonexistent/orderlens/x", 100);
        FAIL() << "read a missing file";
    } catch (const Error& e) {
        ASSERT_NE(e.cause(), nullptr);
        EXPECT_EQ(e.cause()->messageTemplate(), "no such file or folder");
    }
}

TEST(ByteSizeText, NamesTheLimit)
{
    EXPECT_EQ(byteSizeText(16 * 1024 * 1024), "16 MB");
    EXPECT_EQ(byteSizeText(4 * 1024 * 1024), "4 MB");
    EXPECT_EQ(byteSizeText(512 * 1024), "512 KB");
    EXPECT_EQ(byteSizeText(1000), "1000 bytes");
}
