#define BOOST_TEST_MODULE dossier_store
#include <boost/test/unit_test.hpp>

#include "core/Sha256.h"
#include "storage/sqlite/SqliteStore.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path dir;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "dossier-store-test-XXXXXX").string();
        BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    std::string db() const { return (dir / "store.db").string(); }
};

const Actor alice{"alice", std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}};
const Actor bob{"bob", std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

std::unique_ptr<SqliteStore> open(const std::string& path)
{
    auto store = SqliteStore::open(path);
    BOOST_REQUIRE(store.ok());
    return std::move(*store);
}

SystemDescription makeSystem(const std::string& id)
{
    SystemDescription s;
    s.id = id;
    s.name = "Cổng dịch vụ công";
    s.owner = "UBND tỉnh";
    s.answers.values["system_type"] = Value{std::string("internal")};
    return s;
}

Assessment assessment()
{
    Assessment a;
    a.rulesetId = "VN-2022";
    a.rulesetVersion = "1";
    a.derivedLevel = 1;
    a.proposedLevel = 1;
    return a;
}

Dossier sampleDossier(const std::string& id)
{
    Dossier d;
    d.systemId = id;
    d.fields["A.1.owner_mandate"] = "Quyết định số 12/QĐ-UBND";
    d.fields["A.2.scope"] = "Robert'); DROP TABLE systems;--";
    d.requirements.push_back({"L1.M.policy", 1, RequirementStatus::Met, "Đã ban hành quy chế", std::nullopt});
    d.requirements.push_back({"L1.T.network", 2, RequirementStatus::Planned, "Lắp tường lửa",
                              std::chrono::year{2027} / 1 / 31});
    d.attachments.push_back({"design_document", "thiet-ke.pdf", "application/pdf", 3, sha256Hex("abc"), "/tmp/x.pdf"});
    return d;
}


// One number from the file, read with plain sqlite3 (not through the store under test).
long long countRows(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const long long n = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return n;
}

} // namespace

BOOST_AUTO_TEST_CASE(empty_dossier_then_round_trip_with_history)
{
    TempDir temp;
    auto store = open(temp.db());
    BOOST_REQUIRE(store->addSystem(makeSystem("S-1"), alice).ok());
    auto empty = store->dossier("S-1");
    BOOST_REQUIRE(empty.ok());
    BOOST_TEST(empty->fields.empty());
    BOOST_TEST(empty->attachments.empty());
    BOOST_TEST(!store->dossier("NOPE").ok());

    const Dossier d = sampleDossier("S-1");
    auto saved = store->saveDossier(d, alice);
    BOOST_REQUIRE(saved.ok());
    BOOST_TEST(*saved);
    // Reopen: what was written is what is read.
    store.reset();
    store = open(temp.db());
    auto read = store->dossier("S-1");
    BOOST_REQUIRE(read.ok());
    BOOST_TEST(read->fields == d.fields);
    BOOST_REQUIRE(read->requirements.size() == 2u);
    BOOST_TEST(read->requirements[1].how == "Lắp tường lửa");
    BOOST_TEST((read->requirements[1].plannedBy == d.requirements[1].plannedBy));
    BOOST_TEST((read->requirements[1].status == RequirementStatus::Planned));
    BOOST_REQUIRE(read->attachments.size() == 1u);
    BOOST_TEST(read->attachments[0].sha256 == sha256Hex("abc"));
    BOOST_TEST(read->attachments[0].reference == "/tmp/x.pdf");
    BOOST_TEST(read->attachments[0].size == 3u);
    // Same again: nothing changes.
    auto again = store->saveDossier(d, bob);
    BOOST_REQUIRE(again.ok());
    BOOST_TEST(!*again);
}

BOOST_AUTO_TEST_CASE(failed_write_leaves_the_database_unchanged)
{
    TempDir temp;
    auto store = open(temp.db());
    BOOST_REQUIRE(store->addSystem(makeSystem("S-1"), alice).ok());
    BOOST_REQUIRE(store->saveDossier(sampleDossier("S-1"), alice).ok());
    const long long historyBefore = countRows(temp.db(), "SELECT count(*) FROM dossier_history");
    BOOST_TEST(historyBefore == 5);  // two fields, two requirements, one attachment

    Dossier bad = sampleDossier("S-1");
    bad.fields["A.9"] = std::string("nul\0byte", 8);
    bad.attachments[0].sha256 = "XYZ";
    auto refused = store->saveDossier(bad, bob);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().size() >= 2u);

    Dossier unknown = sampleDossier("S-404");
    BOOST_TEST(!store->saveDossier(unknown, bob).ok());

    // Duplicate requirement statement.
    Dossier duplicate = sampleDossier("S-1");
    duplicate.requirements.push_back(duplicate.requirements.front());
    BOOST_TEST(!store->saveDossier(duplicate, bob).ok());

    // Content that does not match its digest is refused.
    Attachment a{"security_regulation", "quy-che.pdf", "application/pdf", 5, sha256Hex("hello"), ""};
    BOOST_TEST(!store->storeAttachmentContent("S-1", a, "HELLO", bob).ok());

    auto read = store->dossier("S-1");
    BOOST_REQUIRE(read.ok());
    BOOST_TEST(read->fields == sampleDossier("S-1").fields);
    BOOST_TEST(read->attachments.size() == 1u);
    BOOST_TEST(countRows(temp.db(), "SELECT count(*) FROM dossier_history") == historyBefore);
    BOOST_TEST(countRows(temp.db(), "SELECT count(*) FROM attachment_contents") == 0);
}

BOOST_AUTO_TEST_CASE(attachment_content_is_kept_by_digest)
{
    TempDir temp;
    auto store = open(temp.db());
    BOOST_REQUIRE(store->addSystem(makeSystem("S-1"), alice).ok());
    std::string bytes("binary\0\xff\x01 content", 17);
    Attachment a{"security_regulation", "quy-che.pdf", "application/pdf", bytes.size(), sha256Hex(bytes), ""};
    auto stored = store->storeAttachmentContent("S-1", a, bytes, alice);
    BOOST_REQUIRE(stored.ok());
    auto content = store->attachmentContent(a.sha256);
    BOOST_REQUIRE(content.ok());
    BOOST_REQUIRE(content->has_value());
    BOOST_TEST(**content == bytes);
    auto none = store->attachmentContent(sha256Hex("other"));
    BOOST_REQUIRE(none.ok());
    BOOST_TEST(!none->has_value());
    auto read = store->dossier("S-1");
    BOOST_REQUIRE(read.ok());
    BOOST_REQUIRE(read->attachments.size() == 1u);
    BOOST_TEST(read->attachments[0].name == "quy-che.pdf");
}

BOOST_AUTO_TEST_CASE(import_is_idempotent)
{
    TempDir temp;
    auto store = open(temp.db());
    DossierDocument document;
    document.system = makeSystem("S-2");
    document.system.components.push_back(Component{"Cổng'; --", {}});
    document.assessment = assessment();
    document.dossier = sampleDossier("S-2");
    const std::string trace = R"({"level": 1})";

    auto first = store->importDossier(document, trace, alice);
    BOOST_REQUIRE(first.ok());
    BOOST_TEST(*first);
    const long long history = countRows(temp.db(), "SELECT count(*) FROM dossier_history");
    const long long answerHistory = countRows(temp.db(), "SELECT count(*) FROM answer_history");
    auto second = store->importDossier(document, trace, bob);
    BOOST_REQUIRE(second.ok());
    BOOST_TEST(!*second);
    BOOST_TEST(store->assessments("S-2")->size() == 1u);
    BOOST_TEST(countRows(temp.db(), "SELECT count(*) FROM dossier_history") == history);
    BOOST_TEST(countRows(temp.db(), "SELECT count(*) FROM answer_history") == answerHistory);
    auto stored = store->system("S-2");
    BOOST_REQUIRE(stored.ok() && stored->has_value());
    BOOST_TEST((*stored)->description.components.size() == 1u);
    BOOST_TEST((*stored)->derivedLevel == 1);

    // A changed field: one more import writes, without a second assessment.
    document.dossier.fields["A.2.scope"] = "Phạm vi mới";
    auto third = store->importDossier(document, trace, bob);
    BOOST_REQUIRE(third.ok());
    BOOST_TEST(*third);
    BOOST_TEST(store->assessments("S-2")->size() == 1u);
    BOOST_TEST(store->dossier("S-2")->fields.at("A.2.scope") == "Phạm vi mới");
    BOOST_TEST(countRows(temp.db(), "SELECT count(*) FROM dossier_history") == history + 1);
    // The injection string is stored verbatim and the tables are still there.
    BOOST_TEST(store->dossier("S-2")->fields.at("A.1.owner_mandate") == "Quyết định số 12/QĐ-UBND");
    BOOST_TEST(countRows(temp.db(), "SELECT count(*) FROM systems") == 1);

    // Invalid trace: nothing is stored, not even the changed dossier.
    document.dossier.fields["A.2.scope"] = "Không lưu";
    document.assessment.proposedLevel = 3;  // higher without justification
    BOOST_TEST(!store->importDossier(document, trace, bob).ok());
    BOOST_TEST(store->dossier("S-2")->fields.at("A.2.scope") == "Phạm vi mới");
}
