#pragma once
// Reading a file that came from outside (answers files, dossier XML, attachments, rule sets, schemas), as
// one safe path for the whole program.
//
// A path given on the command line can name anything: a FIFO (reading it blocks forever), /dev/zero (never
// ends), a directory (its "size" is nonsense), a /proc file (size 0 but content), a file that grows while it
// is read, or a symbolic link to a file the user never meant to hand over (/etc/shadow behind "x.pdf").
// So: open without blocking and without following a final symlink when links are refused, look at what the
// open descriptor is (never at the path again, so it cannot be swapped in between), accept only regular
// files, and count bytes while reading so the cap holds whatever stat said.
#include "core/Error.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace seclevel {

struct InputFileLimits {
    std::size_t maxBytes = 0;          // more than this is refused (checked while reading, not only from stat)
    bool followSymlinks = true;        // false: a symbolic link as the last path component is refused
    LocalizedText what{"tệp", "file"}; // what the file is for, in messages: "tệp trả lời" / "answers file"
    // true: the content must be text in UTF-8 (UTF-16/UTF-32 and NUL bytes are refused by name).
    bool text = false;
};

// The whole content of a regular file, or an Error naming the path and saying what is wrong (missing, not
// readable, a directory/FIFO/device/socket, a refused symlink and its target, too large, a read error, or
// not UTF-8 text when limits.text).
Result<std::string> readInputFile(const std::string& path, const InputFileLimits& limits);

// The same checks, but the content is handed over chunk by chunk (at most 64 KiB each) instead of being
// kept: for hashing large files. Returns the number of bytes read.
Result<std::uint64_t> readInputFileChunks(const std::string& path, const InputFileLimits& limits,
                                          const std::function<void(std::string_view)>& consume);

// What is wrong with `data` as UTF-8 text, judged from its first bytes: a UTF-16 or UTF-32 byte order mark,
// the NUL-byte pattern of UTF-16/UTF-32 text without one, or any other NUL byte. nullopt when none of these.
// The message says what the file is and how to fix it ("the file is UTF-16 (LE); save it as UTF-8").
// Whether the rest is valid UTF-8 is the parser's job (it names the line).
std::optional<LocalizedText> describeEncodingProblem(std::string_view data);

// The same as an Error naming `path` (line 1, the file as a whole), or nullopt.
std::optional<Error> checkTextEncoding(std::string_view data, const std::string& path);

// A text file (rule sets, schemas, dossiers, stylesheets): readInputFile with limits.text, following links.
Result<std::string> readTextFile(const std::string& path, std::size_t maxBytes);

} // namespace seclevel
