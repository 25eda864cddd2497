// io/InputFile: what a hostile path can be (FIFO, device, /proc file, directory, symlink, growing file, a file
// over the cap, UTF-16/UTF-32 text) and what the reader says about each. Every file is made here, at run time.
#define BOOST_TEST_MODULE input_file
#include "io/InputFile.h"

#include <boost/test/unit_test.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using namespace seclevel;

namespace {

struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "seclevel-input-file-XXXXXX").string();
        BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string write(const std::string& name, const std::string& content) const
    {
        std::ofstream(path / name, std::ios::binary) << content;
        return (path / name).string();
    }
};

InputFileLimits limits(std::size_t maxBytes, LocalizedText what = {"tệp", "file"}, bool followSymlinks = true,
                       bool text = false)
{
    InputFileLimits l;
    l.maxBytes = maxBytes;
    l.what = std::move(what);
    l.followSymlinks = followSymlinks;
    l.text = text;
    return l;
}

// The English message of the single error, or "ok: <content size>".
std::string outcome(const Result<std::string>& result)
{
    if (result.ok())
        return "ok: " + std::to_string(result->size()) + " bytes";
    BOOST_REQUIRE_EQUAL(result.errors().size(), 1u);
    return result.errors().front().message.en;
}

struct Timed {
    std::optional<std::string> text; // nullopt: still running at the deadline (the child was killed)
    double seconds = 0;
};

// Runs `work` in a child process and returns what it printed, or nullopt when it had not finished after
// `limitSeconds`: a reader that blocks (a FIFO without a writer) or never ends (/dev/zero) fails the test
// instead of hanging it.
Timed runInChild(const std::function<std::string()>& work, int limitSeconds)
{
    int fds[2];
    BOOST_REQUIRE(::pipe(fds) == 0);
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        const std::string text = work();
        const ssize_t written = ::write(fds[1], text.data(), text.size());
        ::_exit(written == static_cast<ssize_t>(text.size()) ? 0 : 1);
    }
    ::close(fds[1]);
    Timed timed;
    std::string received;
    pollfd poller{fds[0], POLLIN, 0};
    bool finished = false;
    while (!finished) {
        const auto elapsed = std::chrono::steady_clock::now() - start;
        const int left = limitSeconds * 1000 -
                         static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
        if (left <= 0 || ::poll(&poller, 1, left) <= 0)
            break;
        char buffer[4096];
        const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
        if (got <= 0)
            finished = true;
        else
            received.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!finished)
        ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (finished)
        timed.text = received;
    return timed;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_regular_file_is_read_whole)
{
    TempDir dir;
    const std::string content = "{\"a\": \"Hà Nam\"}\n";
    const auto path = dir.write("a.json", content);
    auto read = readInputFile(path, limits(1024));
    BOOST_REQUIRE(read.ok());
    BOOST_TEST(*read == content);
    // Larger than one 64 KiB chunk, exactly at the cap.
    const std::string big(200'000, 'x');
    BOOST_TEST(readInputFile(dir.write("big.txt", big), limits(200'000)).value() == big);
}

BOOST_AUTO_TEST_CASE(a_fifo_is_refused_at_once)
{
    TempDir dir;
    const std::string fifo = (dir.path / "answers.json").string();
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Nobody ever writes: a blocking open or read would wait forever.
    const Timed timed = runInChild(
        [&] {
            return outcome(readInputFile(fifo, limits(1 << 20, {"tệp trả lời", "answers file"})));
        },
        10);
    BOOST_TEST_MESSAGE("FIFO refused in " << timed.seconds << " s");
    BOOST_REQUIRE_MESSAGE(timed.text.has_value(), "reading a FIFO did not return within 10 s");
    BOOST_TEST(*timed.text == "the answers file is a named pipe (FIFO), not a regular file");
    BOOST_TEST(timed.seconds < 2.0);

    auto vi = readInputFile(fifo, limits(1 << 20, {"tệp trả lời", "answers file"}));
    BOOST_REQUIRE(!vi.ok());
    BOOST_TEST(vi.errors().front().file == fifo);
    BOOST_TEST(vi.errors().front().message.vi == "tệp trả lời là một ống có tên (FIFO), không phải tệp thông thường");
}

BOOST_AUTO_TEST_CASE(devices_are_refused)
{
    // /dev/zero never ends; /dev/null ends at once but is no file either.
    for (const std::string device : {"/dev/zero", "/dev/null"}) {
        if (!fs::exists(device))
            continue;
        const Timed timed = runInChild([&] { return outcome(readInputFile(device, limits(1 << 20))); }, 10);
        BOOST_REQUIRE_MESSAGE(timed.text.has_value(), device << " did not return within 10 s");
        BOOST_TEST(*timed.text == "the file is a character device, not a regular file");
    }
}

BOOST_AUTO_TEST_CASE(a_proc_file_reporting_size_zero_is_read_and_capped_while_reading)
{
    const std::string status = "/proc/self/status";
    struct stat st {};
    if (::stat(status.c_str(), &st) != 0) {
        BOOST_TEST_MESSAGE("no /proc here; skipped");
        return;
    }
    BOOST_TEST(st.st_size == 0, "the point of the test is a file whose size stat does not know");
    auto whole = readInputFile(status, limits(1 << 20));
    BOOST_REQUIRE(whole.ok());
    BOOST_TEST(whole->find("Name:") != std::string::npos);
    BOOST_TEST(outcome(readInputFile(status, limits(10))) ==
               "the file is too large: more than 10 bytes, at most 10 bytes");
}

BOOST_AUTO_TEST_CASE(a_file_growing_while_it_is_read_stops_at_the_cap)
{
    TempDir dir;
    const std::string path = dir.write("growing.log", std::string(64 * 1024, 'a'));
    const std::size_t cap = 1 << 20;
    // Each chunk read appends another 64 KiB: stat said 64 KiB, the file never ends.
    const Timed timed = runInChild(
        [&] {
            std::ofstream grow(path, std::ios::binary | std::ios::app);
            const std::string more(64 * 1024, 'b');
            std::uint64_t seen = 0;
            auto read = readInputFileChunks(path, limits(cap), [&](std::string_view chunk) {
                seen += chunk.size();
                grow << more << std::flush;
            });
            return (read.ok() ? std::string("ok") : read.errors().front().message.en) + " after " +
                   std::to_string(seen);
        },
        20);
    BOOST_REQUIRE_MESSAGE(timed.text.has_value(), "the growing file was read for 20 s");
    BOOST_TEST(*timed.text ==
               "the file is too large: more than 1048576 bytes, at most 1048576 bytes (1 MB) after 1048576");
}

BOOST_AUTO_TEST_CASE(a_directory_is_named_as_such_without_a_nonsense_size)
{
    TempDir dir;
    const std::string message =
        outcome(readInputFile(dir.path.string(), limits(1 << 20, {"tệp trả lời", "answers file"})));
    BOOST_TEST(message == "the answers file is a directory, not a regular file");
    BOOST_TEST(message.find("9223372036854775807") == std::string::npos);
    auto vi = readInputFile(dir.path.string(), limits(1 << 20, {"tệp trả lời", "answers file"}));
    BOOST_TEST(vi.errors().front().message.vi == "tệp trả lời là một thư mục, không phải tệp thông thường");
}

BOOST_AUTO_TEST_CASE(a_missing_file_and_a_path_through_a_file)
{
    TempDir dir;
    BOOST_TEST(outcome(readInputFile((dir.path / "missing.json").string(), limits(10))) ==
               "cannot open the file: it does not exist");
    const auto plain = dir.write("plain.txt", "x");
    BOOST_TEST(outcome(readInputFile(plain + "/inside", limits(10))) ==
               "cannot open the file: a part of the path is not a directory");
    auto vi = readInputFile((dir.path / "missing.json").string(), limits(10, {"tệp trả lời", "answers file"}));
    BOOST_TEST(vi.errors().front().message.vi == "không mở được tệp trả lời: không tồn tại");
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_named)
{
    if (::geteuid() == 0) {
        BOOST_TEST_MESSAGE("running as root, which reads any file; skipped");
        return;
    }
    TempDir dir;
    const auto path = dir.write("secret.txt", "x");
    fs::permissions(path, fs::perms::none);
    BOOST_TEST(outcome(readInputFile(path, limits(10))) == "cannot open the file: permission denied");
}

BOOST_AUTO_TEST_CASE(a_symlink_is_refused_with_its_target_or_followed_when_allowed)
{
    TempDir dir;
    const auto target = dir.write("shadow", "root:$6$secret:19000:0:99999:7:::\n");
    const auto link = (dir.path / "x.pdf").string();
    fs::create_symlink(target, link);

    const auto refused = readInputFile(link, limits(1 << 20, {"tài liệu đính kèm", "attachment"}, false));
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().front().file == link);
    BOOST_TEST(refused.errors().front().message.en == "the attachment is a symbolic link to '" + target +
                                                          "'; links are not followed here: give the file itself");
    BOOST_TEST(refused.errors().front().message.vi == "tài liệu đính kèm là một liên kết tượng trưng trỏ tới '" +
                                                          target +
                                                          "'; liên kết không được đi theo ở đây: hãy đưa chính tệp đó");

    const auto followed = readInputFile(link, limits(1 << 20, {"tài liệu đính kèm", "attachment"}, true));
    BOOST_REQUIRE(followed.ok());
    BOOST_TEST(*followed == "root:$6$secret:19000:0:99999:7:::\n");

    // A dangling link: refused by what it points to, or missing when followed.
    const auto dangling = (dir.path / "dangling.pdf").string();
    fs::create_symlink(dir.path / "nowhere", dangling);
    BOOST_TEST(outcome(readInputFile(dangling, limits(10, {"tệp", "file"}, false))) ==
               "the file is a symbolic link to '" + (dir.path / "nowhere").string() +
                   "'; links are not followed here: give the file itself");
    BOOST_TEST(outcome(readInputFile(dangling, limits(10))) == "cannot open the file: it does not exist");

    // A target holding an escape sequence is shown escaped, not sent to the terminal.
    const auto tricky = (dir.path / "tricky.pdf").string();
    fs::create_symlink("a\x1B[31mb", tricky);
    BOOST_TEST(outcome(readInputFile(tricky, limits(10, {"tệp", "file"}, false))) ==
               "the file is a symbolic link to 'a\\x1B[31mb'; links are not followed here: give the file itself");
}

BOOST_AUTO_TEST_CASE(a_file_over_the_cap_is_refused_by_its_size)
{
    TempDir dir;
    const auto path = dir.write("large.json", std::string(101, ' '));
    BOOST_TEST(outcome(readInputFile(path, limits(100, {"tệp trả lời", "answers file"}))) ==
               "the answers file is too large: 101 bytes, at most 100 bytes");
    auto vi = readInputFile(path, limits(100, {"tệp trả lời", "answers file"}));
    BOOST_TEST(vi.errors().front().message.vi == "tệp trả lời quá lớn: 101 byte, tối đa 100 byte");
    BOOST_TEST(readInputFile(path, limits(101)).ok());
    // An empty file is a file.
    BOOST_TEST(outcome(readInputFile(dir.write("empty", ""), limits(0))) == "ok: 0 bytes");
}

BOOST_AUTO_TEST_CASE(chunks_add_up_to_the_file)
{
    TempDir dir;
    std::string content;
    for (int i = 0; i < 50'000; ++i)
        content += std::to_string(i) + "\n";
    const auto path = dir.write("numbers.txt", content);
    std::string joined;
    int chunks = 0;
    auto read = readInputFileChunks(path, limits(1 << 20), [&](std::string_view chunk) {
        joined.append(chunk);
        ++chunks;
        BOOST_TEST(chunk.size() <= 64u * 1024u);
    });
    BOOST_REQUIRE(read.ok());
    BOOST_TEST(*read == content.size());
    BOOST_TEST(joined == content);
    BOOST_TEST(chunks > 1);
}

BOOST_AUTO_TEST_CASE(utf16_and_utf32_are_named)
{
    struct Case {
        std::string bytes;
        std::string en;
    };
    const Case cases[] = {
        {std::string("\xFF\xFE{\0}\0", 6), "the file is UTF-16 (LE); save it as UTF-8"},
        {std::string("\xFE\xFF\0{\0}", 6), "the file is UTF-16 (BE); save it as UTF-8"},
        {std::string("\xFF\xFE\0\0{\0\0\0", 8), "the file is UTF-32 (LE); save it as UTF-8"},
        {std::string("\0\0\xFE\xFF\0\0\0{", 8), "the file is UTF-32 (BE); save it as UTF-8"},
        {std::string("{\0\"\0", 4), "the file is UTF-16 (LE) (no byte order mark); save it as UTF-8"},
        {std::string("\0{\0\"", 4), "the file is UTF-16 (BE) (no byte order mark); save it as UTF-8"},
        {std::string("{\0\0\0\"\0\0\0", 8), "the file is UTF-32 (LE) (no byte order mark); save it as UTF-8"},
        {std::string("\0\0\0{\0\0\0\"", 8), "the file is UTF-32 (BE) (no byte order mark); save it as UTF-8"},
        {std::string("{\"a\": 1}\0", 9), "the file contains a NUL byte (byte 9): it is not UTF-8 text"},
    };
    TempDir dir;
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.en)
        {
            auto problem = describeEncodingProblem(c.bytes);
            BOOST_REQUIRE(problem.has_value());
            BOOST_TEST(problem->en == c.en);
            BOOST_TEST(!problem->vi.empty());
            const auto path = dir.write("text.json", c.bytes);
            auto read = readInputFile(path, limits(1024, {"tệp", "file"}, true, true));
            BOOST_REQUIRE(!read.ok());
            BOOST_TEST(read.errors().front().message.en == c.en);
            BOOST_TEST(read.errors().front().line == 1);
            // The same bytes as a binary file (an attachment) are fine.
            BOOST_TEST(readInputFile(path, limits(1024)).ok());
        }
    }
    BOOST_TEST(describeEncodingProblem("\xFF\xFE{\0}\0")->vi ==
               "tệp được mã hóa UTF-16 (LE); hãy lưu lại dưới dạng UTF-8");
    // UTF-8, with or without its mark, and the empty file are text.
    BOOST_TEST(!describeEncodingProblem("\xEF\xBB\xBF{\"tên\": \"Hà Nam\"}").has_value());
    BOOST_TEST(!describeEncodingProblem("{}").has_value());
    BOOST_TEST(!describeEncodingProblem("").has_value());
    BOOST_TEST(!describeEncodingProblem("x").has_value());
}

BOOST_AUTO_TEST_CASE(read_text_file_checks_the_encoding)
{
    TempDir dir;
    const auto path = dir.write("ruleset.xml", std::string("\xFF\xFE<\0?\0", 6));
    BOOST_TEST(outcome(readTextFile(path, 1024)) == "the file is UTF-16 (LE); save it as UTF-8");
    BOOST_TEST(readTextFile(dir.write("ok.xml", "<?xml version=\"1.0\"?><a/>"), 1024).ok());
}
