#include "io/InputFile.h"

#include "core/TextSafety.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace seclevel {
namespace {

// Closes the descriptor on every path out.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

Error fileError(const std::string& path, std::string vi, std::string en)
{
    return makeError(path, 0, "", std::move(vi), std::move(en));
}

std::string systemMessage(int error)
{
    return std::strerror(error);
}

// "directory"/"thư mục", … for a file type that is not a regular file.
LocalizedText describeFileType(mode_t mode)
{
    if (S_ISDIR(mode))
        return {"một thư mục", "a directory"};
    if (S_ISFIFO(mode))
        return {"một ống có tên (FIFO)", "a named pipe (FIFO)"};
    if (S_ISCHR(mode))
        return {"một thiết bị ký tự", "a character device"};
    if (S_ISBLK(mode))
        return {"một thiết bị khối", "a block device"};
    if (S_ISSOCK(mode))
        return {"một socket", "a socket"};
    if (S_ISLNK(mode))
        return {"một liên kết tượng trưng", "a symbolic link"};
    return {"một đối tượng không phải tệp", "something other than a file"};
}

// "104857600 bytes (100 MB)": the exact cap, and the round figure officials know it by.
std::string capText(std::size_t maxBytes, const char* unit)
{
    std::string text = std::to_string(maxBytes) + unit;
    if (maxBytes >= 1024u * 1024u && maxBytes % (1024u * 1024u) == 0)
        text += " (" + std::to_string(maxBytes / (1024u * 1024u)) + " MB)";
    return text;
}

std::string tooLargeVi(const LocalizedText& what, const std::string& amount, std::size_t maxBytes)
{
    return what.vi + " quá lớn: " + amount + " byte, tối đa " + capText(maxBytes, " byte");
}

std::string tooLargeEn(const LocalizedText& what, const std::string& amount, std::size_t maxBytes)
{
    return "the " + what.en + " is too large: " + amount + " bytes, at most " + capText(maxBytes, " bytes");
}

// Where a refused symbolic link points, for the message; the target is the user's own text, so it is escaped.
std::optional<std::string> symlinkTarget(const std::string& path)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
        return std::nullopt;
    std::vector<char> buffer(4096);
    const ssize_t length = ::readlink(path.c_str(), buffer.data(), buffer.size());
    if (length < 0)
        return std::string("?");
    return escapeUnsafeCharacters(std::string_view(buffer.data(), static_cast<std::size_t>(length)));
}

Error openError(const std::string& path, const InputFileLimits& limits, int error)
{
    const LocalizedText& what = limits.what;
    if (!limits.followSymlinks) {
        if (auto target = symlinkTarget(path))
            return fileError(path,
                             what.vi + " là một liên kết tượng trưng trỏ tới '" + *target +
                                 "'; liên kết không được đi theo ở đây: hãy đưa chính tệp đó",
                             "the " + what.en + " is a symbolic link to '" + *target +
                                 "'; links are not followed here: give the file itself");
    }
    switch (error) {
    case ENOENT:
        return fileError(path, "không mở được " + what.vi + ": không tồn tại",
                         "cannot open the " + what.en + ": it does not exist");
    case EACCES:
    case EPERM:
        return fileError(path, "không mở được " + what.vi + ": không có quyền đọc",
                         "cannot open the " + what.en + ": permission denied");
    case ENOTDIR:
        return fileError(path, "không mở được " + what.vi + ": một phần của đường dẫn không phải thư mục",
                         "cannot open the " + what.en + ": a part of the path is not a directory");
    case ELOOP:
        return fileError(path, "không mở được " + what.vi + ": quá nhiều liên kết tượng trưng lồng nhau",
                         "cannot open the " + what.en + ": too many levels of symbolic links");
    default:
        return fileError(path, "không mở được " + what.vi + " (" + systemMessage(error) + ")",
                         "cannot open the " + what.en + " (" + systemMessage(error) + ")");
    }
}

// Opens `path` as the limits allow and checks the descriptor is a regular file within the cap. On success
// `fd` holds it and `sizeHint` what fstat reported (0 for /proc files, which still have content).
std::optional<Error> openRegularFile(const std::string& path, const InputFileLimits& limits, int& fd,
                                     std::size_t& sizeHint)
{
    // O_NONBLOCK: opening a FIFO without a writer (or a device such as a terminal or modem line) returns at
    // once instead of waiting; the descriptor is then refused below for not being a regular file. On a
    // regular file the flag changes nothing.
    int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    if (!limits.followSymlinks)
        flags |= O_NOFOLLOW;
    do {
        fd = ::open(path.c_str(), flags);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return openError(path, limits, errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return fileError(path, "không đọc được " + limits.what.vi + " (" + systemMessage(errno) + ")",
                         "cannot read the " + limits.what.en + " (" + systemMessage(errno) + ")");
    if (!S_ISREG(st.st_mode)) {
        const LocalizedText kind = describeFileType(st.st_mode);
        return fileError(path, limits.what.vi + " là " + kind.vi + ", không phải tệp thông thường",
                         "the " + limits.what.en + " is " + kind.en + ", not a regular file");
    }
    // A regular file that already says it is too large is refused without reading it.
    if (st.st_size > 0 && static_cast<std::uint64_t>(st.st_size) > limits.maxBytes)
        return fileError(path,
                         tooLargeVi(limits.what, std::to_string(static_cast<long long>(st.st_size)), limits.maxBytes),
                         tooLargeEn(limits.what, std::to_string(static_cast<long long>(st.st_size)), limits.maxBytes));
    sizeHint = st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
    return std::nullopt;
}

// Reads to the end, counting: the cap holds for files that grow while they are read and for files whose
// size stat does not know.
Result<std::uint64_t> readChunks(int fd, const std::string& path, const InputFileLimits& limits,
                                 const std::function<void(std::string_view)>& consume)
{
    std::vector<char> buffer(64 * 1024);
    std::uint64_t total = 0;
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return fileError(path, "lỗi khi đọc " + limits.what.vi + " (" + systemMessage(errno) + ")",
                             "error while reading the " + limits.what.en + " (" + systemMessage(errno) + ")");
        }
        if (got == 0)
            return total;
        total += static_cast<std::uint64_t>(got);
        if (total > limits.maxBytes)
            return fileError(path, tooLargeVi(limits.what, "hơn " + std::to_string(limits.maxBytes), limits.maxBytes),
                             tooLargeEn(limits.what, "more than " + std::to_string(limits.maxBytes), limits.maxBytes));
        consume(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
}

} // namespace

Result<std::uint64_t> readInputFileChunks(const std::string& path, const InputFileLimits& limits,
                                          const std::function<void(std::string_view)>& consume)
{
    int rawFd = -1;
    std::size_t sizeHint = 0;
    auto refused = openRegularFile(path, limits, rawFd, sizeHint);
    FileDescriptor fd(rawFd);
    if (refused)
        return *refused;
    return readChunks(fd.get(), path, limits, consume);
}

Result<std::string> readInputFile(const std::string& path, const InputFileLimits& limits)
{
    int rawFd = -1;
    std::size_t sizeHint = 0;
    auto refused = openRegularFile(path, limits, rawFd, sizeHint);
    FileDescriptor fd(rawFd);
    if (refused)
        return *refused;
    std::string content;
    content.reserve(sizeHint);
    auto read = readChunks(fd.get(), path, limits, [&](std::string_view chunk) { content.append(chunk); });
    if (!read)
        return read.errors();
    if (limits.text)
        if (auto problem = checkTextEncoding(content, path))
            return *problem;
    return content;
}

std::optional<LocalizedText> describeEncodingProblem(std::string_view data)
{
    auto byteAt = [&](std::size_t i) { return static_cast<unsigned char>(data[i]); };
    auto named = [](const std::string& encoding, const std::string& noteVi, const std::string& noteEn) {
        return LocalizedText{"tệp được mã hóa " + encoding + noteVi + "; hãy lưu lại dưới dạng UTF-8",
                             "the file is " + encoding + noteEn + "; save it as UTF-8"};
    };
    const std::size_t n = data.size();
    // Byte order marks; UTF-32 LE (FF FE 00 00) starts like UTF-16 LE (FF FE), so it is tested first.
    if (n >= 4 && byteAt(0) == 0xFF && byteAt(1) == 0xFE && byteAt(2) == 0 && byteAt(3) == 0)
        return named("UTF-32 (LE)", "", "");
    if (n >= 4 && byteAt(0) == 0 && byteAt(1) == 0 && byteAt(2) == 0xFE && byteAt(3) == 0xFF)
        return named("UTF-32 (BE)", "", "");
    if (n >= 2 && byteAt(0) == 0xFF && byteAt(1) == 0xFE)
        return named("UTF-16 (LE)", "", "");
    if (n >= 2 && byteAt(0) == 0xFE && byteAt(1) == 0xFF)
        return named("UTF-16 (BE)", "", "");
    // Without a mark: text starts with an ASCII character ('{', '<', a letter), whose other bytes are NUL.
    const std::string noMarkVi = " (không có dấu thứ tự byte)";
    const std::string noMarkEn = " (no byte order mark)";
    if (n >= 4 && byteAt(0) != 0 && byteAt(1) == 0 && byteAt(2) == 0 && byteAt(3) == 0)
        return named("UTF-32 (LE)", noMarkVi, noMarkEn);
    if (n >= 4 && byteAt(0) == 0 && byteAt(1) == 0 && byteAt(2) == 0 && byteAt(3) != 0)
        return named("UTF-32 (BE)", noMarkVi, noMarkEn);
    if (n >= 2 && byteAt(0) != 0 && byteAt(1) == 0)
        return named("UTF-16 (LE)", noMarkVi, noMarkEn);
    if (n >= 2 && byteAt(0) == 0 && byteAt(1) != 0)
        return named("UTF-16 (BE)", noMarkVi, noMarkEn);
    if (const void* nul = std::memchr(data.data(), 0, n)) {
        const auto at = std::to_string(static_cast<const char*>(nul) - data.data() + 1);
        return LocalizedText{"tệp chứa byte NUL (byte thứ " + at + "): không phải tệp văn bản UTF-8",
                             "the file contains a NUL byte (byte " + at + "): it is not UTF-8 text"};
    }
    return std::nullopt;
}

std::optional<Error> checkTextEncoding(std::string_view data, const std::string& path)
{
    if (auto problem = describeEncodingProblem(data))
        return Error{ErrorKind::InvalidInput, path, 1, "", std::move(*problem)};
    return std::nullopt;
}

Result<std::string> readTextFile(const std::string& path, std::size_t maxBytes)
{
    InputFileLimits limits;
    limits.maxBytes = maxBytes;
    limits.text = true;
    return readInputFile(path, limits);
}

} // namespace seclevel
