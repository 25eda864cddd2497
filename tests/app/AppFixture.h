#pragma once
// What the service tests share: the shipped catalogue, a fresh SQLite store in a temp dir, the example system.
#include "app/Catalogue.h"
#include "app/SystemService.h"
#include "formats/json/AnswersFile.h"
#include "storage/Store.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace seclevel::testing {

namespace fs = std::filesystem;

struct TempDir {
    fs::path dir;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "seclevel-app-test-XXXXXX").string();
        BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

inline const Catalogue& shippedCatalogue()
{
    static const std::shared_ptr<const Catalogue> catalogue = [] {
        auto loaded = Catalogue::load(SECLEVEL_SOURCE_DIR);
        BOOST_REQUIRE_MESSAGE(loaded.ok(), "the shipped catalogue loads");
        return *loaded;
    }();
    return *catalogue;
}

inline std::unique_ptr<Store> openTestStore(const fs::path& file)
{
    auto store = openStore(file.string());
    BOOST_REQUIRE_MESSAGE(store.ok(), "the store opens");
    return std::move(*store);
}

inline Actor actor(const std::string& user = "alice")
{
    Actor a;
    a.userId = user;
    a.at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 2} + std::chrono::hours{3};
    return a;
}

inline SystemDescription exampleSystem()
{
    auto system = readAnswersFile(std::string(SECLEVEL_SOURCE_DIR) + "/examples/cong-dich-vu-cong-tinh.json");
    BOOST_REQUIRE(system.ok());
    return *system;
}

} // namespace seclevel::testing
