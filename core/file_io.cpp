#include "file_io.h"

#include "errors.h"

#include <cerrno>
#include <cstdio>
#include <random>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orderlens {

namespace {

constexpr const char* kTempInfix = ".tmp-";
constexpr size_t kTempSuffixLength = 6;  // as mkstemp's XXXXXX

// Closes a descriptor on every path out of a scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd = -1) : fd_(fd) {}
    ~FileDescriptor()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    void reset(int fd)
    {
        close();
        fd_ = fd;
    }
    // Closes now; returns close()'s errno, 0 on success.
    int close()
    {
        const int fd = fd_;
        fd_ = -1;
        return fd >= 0 && ::close(fd) != 0 ? errno : 0;
    }

private:
    int fd_;
};

[[noreturn]] void cannotRead(const std::string& path, int err)
{
    throw Error(ErrorKind::BadFile, QT_TRANSLATE_NOOP("orderlens::core", "cannot read '%1': %2"), {path},
                systemError(err));
}

[[noreturn]] void cannotWrite(const std::string& path, int err)
{
    throw Error(ErrorKind::BadFile, QT_TRANSLATE_NOOP("orderlens::core", "cannot write '%1': %2"), {path},
                systemError(err));
}

[[noreturn]] void notARegularFile(const char* readTemplate, const char* writeTemplate, bool reading,
                                  const std::string& path)
{
    throw fileError(reading ? readTemplate : writeTemplate, {path});
}

// Refuses a folder, device, pipe or socket (the stat of something that exists).
void requireRegular(const struct stat& st, const std::string& path, bool reading)
{
    if (S_ISDIR(st.st_mode))
        notARegularFile(QT_TRANSLATE_NOOP("orderlens::core", "cannot read '%1': it is a folder"),
                        QT_TRANSLATE_NOOP("orderlens::core", "cannot write '%1': it is a folder"), reading, path);
    if (!S_ISREG(st.st_mode))
        notARegularFile(
            QT_TRANSLATE_NOOP("orderlens::core", "cannot read '%1': it is not a regular file (a device, a pipe or a socket)"),
            QT_TRANSLATE_NOOP("orderlens::core",
                              "cannot write '%1': it is not a regular file (a device, a pipe or a socket); choose a file name"),
            reading, path);
}

[[noreturn]] void tooLarge(const std::string& path, uint64_t maxBytes)
{
    throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "cannot read '%1': it is larger than %2"),
                    {path, byteSizeText(maxBytes)});
}

std::string folderOf(const std::string& path)
{
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string fileNameOf(const std::string& path)
{
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string randomSuffix()
{
    static constexpr char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device device;
    std::string s(kTempSuffixLength, 'X');
    for (char& c : s)
        c = kLetters[device() % (sizeof kLetters - 1)];
    return s;
}

// Removes "<target>.tmp-XXXXXX" files of ours that no writer holds: a writer keeps an exclusive
// flock on its temporary file until it is renamed, and a lock dies with its process.
void removeStaleTemporaryFiles(const std::string& target)
{
    const std::string folder = folderOf(target);
    const std::string prefix = fileNameOf(target) + kTempInfix;
    DIR* dir = ::opendir(folder.c_str());
    if (!dir)
        return;
    const int dirFd = ::dirfd(dir);
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name.size() != prefix.size() + kTempSuffixLength || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        struct stat st {};
        if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != ::geteuid())
            continue;
        FileDescriptor fd(::openat(dirFd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        struct stat opened {};
        if (fd.get() < 0 || ::fstat(fd.get(), &opened) != 0 || opened.st_ino != st.st_ino || opened.st_dev != st.st_dev)
            continue;
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0)
            ::unlinkat(dirFd, name.c_str(), 0);
    }
    ::closedir(dir);
}

void writeAll(int fd, const uint8_t* data, size_t size, const std::string& target)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            cannotWrite(target, errno);
        if (n == 0)
            cannotWrite(target, EIO);
        done += size_t(n);
    }
}

// Gives the unnamed file fd (O_TMPFILE) the name `name`; false with errno set on failure.
bool linkUnnamed(int fd, const std::string& name)
{
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0)
        return true;
    if (errno != ENOENT)
        return false;
    // No /proc: AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH, but try it.
    return ::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0;
}

}  // namespace

std::string systemErrorText(int err)
{
    std::string text = std::error_code(err, std::generic_category()).message();
    if (text.empty() || text.rfind("Unknown error", 0) == 0)
        text = "system error " + std::to_string(err);
    return text;
}

Error systemError(int err)
{
    // The reasons people meet, in words of our own (translated); the C library's text otherwise.
    const char* reason = nullptr;
    switch (err) {
    case ENOENT: reason = QT_TRANSLATE_NOOP("orderlens::core", "no such file or folder"); break;
    case EACCES:
    case EPERM: reason = QT_TRANSLATE_NOOP("orderlens::core", "permission denied"); break;
    case ENOSPC: reason = QT_TRANSLATE_NOOP("orderlens::core", "the disk is full"); break;
    case EROFS: reason = QT_TRANSLATE_NOOP("orderlens::core", "the file system is read-only"); break;
    case ENOTDIR: reason = QT_TRANSLATE_NOOP("orderlens::core", "a part of the path is not a folder"); break;
    case EISDIR: reason = QT_TRANSLATE_NOOP("orderlens::core", "it is a folder"); break;
    case ENAMETOOLONG: reason = QT_TRANSLATE_NOOP("orderlens::core", "the name is too long"); break;
    case ELOOP: reason = QT_TRANSLATE_NOOP("orderlens::core", "too many symbolic links"); break;
    case EDQUOT: reason = QT_TRANSLATE_NOOP("orderlens::core", "the disk quota is used up"); break;
    case EFBIG: reason = QT_TRANSLATE_NOOP("orderlens::core", "the file is too large"); break;
    case EIO: reason = QT_TRANSLATE_NOOP("orderlens::core", "an input/output error"); break;
    default: break;
    }
    if (reason)
        return Error(ErrorKind::BadFile, reason, {});
    return Error(ErrorKind::BadFile, QT_TRANSLATE_NOOP("orderlens::core", "the system says: %1"), {systemErrorText(err)});
}

std::string byteSizeText(uint64_t bytes)
{
    constexpr uint64_t kKB = 1024, kMB = 1024 * 1024;
    if (bytes >= kMB && bytes % kMB == 0)
        return std::to_string(bytes / kMB) + " MB";
    if (bytes >= kKB && bytes % kKB == 0)
        return std::to_string(bytes / kKB) + " KB";
    return std::to_string(bytes) + " bytes";
}

std::string readRegularFile(const std::string& path, uint64_t maxBytes)
{
    // stat first, so that a device is refused without opening it (opening some has effects).
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        cannotRead(path, errno);
    requireRegular(st, path, true);
    // Non-blocking: if a pipe took the file's place since the stat, open() still returns at once.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0)
        cannotRead(path, errno);
    if (::fstat(fd.get(), &st) != 0)
        cannotRead(path, errno);
    requireRegular(st, path, true);
    if (uint64_t(st.st_size) > maxBytes)
        tooLarge(path, maxBytes);
    // Bounded: at most maxBytes + 1 bytes, whatever the size said (a file may grow meanwhile).
    std::string bytes;
    bytes.resize(size_t(std::min<uint64_t>(uint64_t(st.st_size), maxBytes)) + 1);
    size_t done = 0;
    for (;;) {
        if (done == bytes.size()) {
            if (done > maxBytes)
                tooLarge(path, maxBytes);
            bytes.resize(size_t(std::min<uint64_t>(maxBytes + 1, uint64_t(done) * 2 + 4096)));
        }
        const ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            cannotRead(path, errno);
        if (n == 0)
            break;
        done += size_t(n);
        if (done > maxBytes)
            tooLarge(path, maxBytes);
    }
    bytes.resize(done);
    return bytes;
}

void checkWritableFile(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        requireRegular(st, path, false);
        return;
    }
    if (errno != ENOENT)
        cannotWrite(path, errno);
    const std::string folder = folderOf(path);
    if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "cannot write '%1': the folder '%2' does not exist"),
                        {path, folder});
}

void writeFileAtomically(const std::string& path, const uint8_t* data, size_t size)
{
    checkWritableFile(path);
    removeStaleTemporaryFiles(path);
    const std::string folder = folderOf(path);
    struct stat existing {};
    const bool exists = ::stat(path.c_str(), &existing) == 0;
    const mode_t mode = exists ? (existing.st_mode & 07777) : 0644;

    std::string tempName;  // named fallback only: removed unless renamed over path
    struct RemoveName {
        std::string* name;
        ~RemoveName()
        {
            if (!name->empty())
                ::unlink(name->c_str());
        }
    } removeName{&tempName};

    FileDescriptor fd(::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644));
    const bool unnamed = fd.get() >= 0;
    if (!unnamed) {
        if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
            cannotWrite(path, errno);
        std::string pattern = path + kTempInfix + std::string(kTempSuffixLength, 'X');
        const int named = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (named < 0)
            cannotWrite(path, errno);
        tempName = pattern;
        fd.reset(named);
    }
    // Held until the rename: removeStaleTemporaryFiles() of another writer leaves this file alone.
    ::flock(fd.get(), LOCK_EX);
    writeAll(fd.get(), data, size, path);
    if (::fchmod(fd.get(), mode) != 0 || ::fsync(fd.get()) != 0)
        cannotWrite(path, errno);

    if (unnamed) {
        // A new file needs no temporary name at all.
        if (!exists && linkUnnamed(fd.get(), path))
            return;
        for (int attempt = 0; tempName.empty(); ++attempt) {
            const std::string name = path + kTempInfix + randomSuffix();
            if (linkUnnamed(fd.get(), name))
                tempName = name;
            else if (errno != EEXIST || attempt == 100)
                cannotWrite(path, errno);
        }
    }
    if (::rename(tempName.c_str(), path.c_str()) != 0)
        cannotWrite(path, errno);
    tempName.clear();
    if (const int err = fd.close())
        cannotWrite(path, err);
}

void writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes)
{
    writeFileAtomically(path, bytes.data(), bytes.size());
}

}  // namespace orderlens
