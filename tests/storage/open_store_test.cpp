#define BOOST_TEST_MODULE open_store
#include <boost/test/unit_test.hpp>

#include "storage/Store.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

// Each test runs inside its own empty directory, so "nothing created" is a directory that stays empty.
struct InEmptyDirectory {
    fs::path previous = fs::current_path();
    fs::path dir;

    InEmptyDirectory()
    {
        std::string pattern = (fs::temp_directory_path() / "open-store-test-XXXXXX").string();
        BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
        fs::current_path(dir);
    }
    ~InEmptyDirectory()
    {
        fs::current_path(previous);
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    bool empty() const { return fs::is_empty(dir); }
};

std::string everything(const Errors& errors)
{
    std::string text;
    for (const Error& error : errors)
        text += error.describe(Lang::Vi) + "\n" + error.describe(Lang::En) + "\n";
    return text;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(a_path_opens_an_sqlite_file_created_when_missing, InEmptyDirectory)
{
    auto store = openStore("sub/store.db");
    BOOST_REQUIRE(store.ok());
    BOOST_TEST((*store)->describe().rfind("SQLite", 0) == 0);
    BOOST_TEST(fs::exists(dir / "sub" / "store.db"));
}

BOOST_FIXTURE_TEST_CASE(other_schemes_are_refused_and_nothing_is_created, InEmptyDirectory)
{
    for (const std::string location : {"mysql://root:hunter2@db.example/seclevel", "http://example.org/x.db",
                                       "SQLite://store.db", "file://store.db"}) {
        BOOST_TEST_CONTEXT(location)
        {
            auto store = openStore(location);
            BOOST_REQUIRE(!store.ok());
            const std::string text = everything(store.errors());
            BOOST_TEST(text.find("postgresql://") != std::string::npos); // says what would work
            BOOST_TEST(text.find("hunter2") == std::string::npos);
            BOOST_TEST(empty());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_postgresql_location_never_becomes_a_file, InEmptyDirectory)
{
    // The bug this guards against: `--db postgresql://x` created an SQLite file in a directory "postgresql:".
    for (const std::string location : {"postgresql://x", "postgres://x", "postgresql:x", "PostgreSQL://x"}) {
        BOOST_TEST_CONTEXT(location)
        {
            auto store = openStore(location);
            BOOST_TEST(!store.ok());
            BOOST_TEST(empty());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(an_unreachable_server_is_a_storage_error_naming_host_and_database_without_the_password,
                        InEmptyDirectory)
{
    // Port 1 on the loopback: nothing listens there, the refusal is immediate.
    for (const std::string location : {"postgresql://bob:s3cr3t-pw@127.0.0.1:1/national",
                                       "postgres://127.0.0.1:1/national?user=bob&password=s3cr3t-pw",
                                       "postgresql:///national?host=/nonexistent-socket-dir&password=s3cr3t-pw"}) {
        BOOST_TEST_CONTEXT(location)
        {
            auto store = openStore(location);
            BOOST_REQUIRE(!store.ok());
            BOOST_TEST((kindOf(store.errors()) == ErrorKind::Storage));
            const std::string text = everything(store.errors());
            BOOST_TEST(text.find("/national") != std::string::npos);
            BOOST_TEST(text.find("s3cr3t-pw") == std::string::npos);
            BOOST_TEST(text.find("Cannot connect") != std::string::npos);
            BOOST_TEST(text.find("Không kết nối được") != std::string::npos);
            BOOST_TEST(empty());
        }
    }
}
