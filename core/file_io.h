#pragma once
// Files named by a user, read and written safely:
//
// * Reading takes only a regular file (never a folder, device, pipe or socket) of at most a
//   given size. The file is opened non-blocking, so a named pipe is refused at once instead of
//   waiting for a writer, and read with a bounded reader (at most limit + 1 bytes; the size a
//   pipe or device reports is not trusted).
// * Writing goes to a regular file only: an existing folder, device, pipe or socket at the
//   path is refused before anything is written. The bytes go to an unnamed temporary file in
//   the target's folder (O_TMPFILE) that gets a name only for the instant before it is renamed
//   over the target, so a killed process leaves nothing behind; where O_TMPFILE is missing a
//   named "<target>.tmp-XXXXXX" is used, locked while it is written. Either way a stale
//   "<target>.tmp-XXXXXX" that nobody holds (left by a process killed at the wrong instant)
//   is removed by the next write of that target.
// * Failures name the file and say what happened ("the disk is full", "permission denied": our
//   words for the common errno values, translated where shown; the C library's otherwise),
//   never "Unknown error".
//
// Every failure is an Error(BadFile).
#include "errors.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace orderlens {

// "16 MB", "4 MB", "512 KB", "100 bytes" (1 MB = 1024 * 1024 bytes).
std::string byteSizeText(uint64_t bytes);

// The whole file. Throws Error(BadFile):
//   "cannot read '<path>': <errno text>"                       (missing, no permission, ...)
//   "cannot read '<path>': it is a folder"
//   "cannot read '<path>': it is not a regular file (a device, a pipe or a socket)"
//   "cannot read '<path>': it is larger than <limit>"
std::string readRegularFile(const std::string& path, uint64_t maxBytes);

// Throws Error(BadFile) unless path can be written as a regular file: it is not an existing
// folder, device, pipe or socket, and its folder exists. Cheap; call it before a long job.
void checkWritableFile(const std::string& path);

// checkWritableFile(path), then the bytes to a temporary file in path's folder, synced and
// renamed over path: a failure never leaves a partial file and never touches an existing file
// at path. An existing file keeps its permissions; a new one gets 0644 (as before).
// Throws Error(BadFile) "cannot write '<path>': <reason>".
void writeFileAtomically(const std::string& path, const uint8_t* data, size_t size);
void writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes);

// The C library's text of errno value err ("No space left on device"); never empty.
std::string systemErrorText(int err);
// errno value err as an error of our own words ("the disk is full"), translated where shown;
// the cause that "cannot read '<path>': …" and "cannot write '<path>': …" wrap.
Error systemError(int err);

}  // namespace orderlens
