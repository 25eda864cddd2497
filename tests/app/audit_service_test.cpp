// The audit service without the CLI: the head, verification (intact, tampered, against a recorded head), the
// log, the head format, and the head an exported dossier carries.
#define BOOST_TEST_MODULE audit_service
#include "AppFixture.h"

#include "app/AuditService.h"
#include "app/DossierService.h"

#include <sqlite3.h>

using namespace seclevel;
using namespace seclevel::testing;

namespace {

struct Fixture {
    TempDir temp;
    fs::path db = temp.dir / "audit.db";
    std::unique_ptr<Store> store = openTestStore(db);
    SystemService systems{shippedCatalogue(), *store};
    AuditService audit{*store};

    Fixture()
    {
        BOOST_REQUIRE(systems.saveOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, actor()).ok());
        SystemWrite write{exampleSystem(), std::nullopt, {"VN-2026", std::nullopt}, {}};
        BOOST_REQUIRE(systems.add(std::move(write), actor("bob")).ok());
    }

    void sql(const std::string& statements)
    {
        sqlite3* handle = nullptr;
        BOOST_REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
        BOOST_REQUIRE(sqlite3_exec(handle, statements.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(handle);
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(the_head_and_an_intact_chain, Fixture)
{
    auto head = audit.head();
    BOOST_REQUIRE(head.ok());
    BOOST_TEST(head->seq == 3); // organisation.upsert, system.add, assessment.record
    auto verified = audit.verify(*head);
    BOOST_REQUIRE(verified.ok());
    BOOST_TEST(!verified->broken.has_value());
    BOOST_TEST(verified->entries == 3);
    BOOST_TEST((verified->head == *head));
}

BOOST_FIXTURE_TEST_CASE(a_tampered_chain_is_an_incomplete_error_naming_the_entry, Fixture)
{
    sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET subject_id = 'KHAC' WHERE seq = 2");
    auto verified = audit.verify();
    BOOST_REQUIRE(verified.ok()); // the store could be read: the finding is the result
    BOOST_REQUIRE(verified->broken.has_value());
    const Error& error = *verified->broken;
    BOOST_TEST((error.kind == ErrorKind::Incomplete));
    BOOST_TEST(error.field == "audit_log");
    BOOST_TEST(error.message.vi.find("Mục 2 (system.add, system KHAC)") != std::string::npos, error.message.vi);
    BOOST_TEST(error.message.en.find("Entry 2 (system.add, system KHAC)") != std::string::npos, error.message.en);
    BOOST_TEST(verified->entries == 1);
}

BOOST_FIXTURE_TEST_CASE(the_log_filters_by_system_and_keeps_the_last_entries, Fixture)
{
    auto all = audit.log();
    BOOST_REQUIRE(all.ok());
    BOOST_TEST(all->size() == 3u);
    auto system = audit.log("HN-DVC-01");
    BOOST_REQUIRE(system.ok());
    BOOST_REQUIRE(system->size() == 2u);
    BOOST_TEST(system->front().action == "system.add");
    BOOST_TEST(system->front().actor.userId == "bob");
    auto last = audit.log("", 1);
    BOOST_REQUIRE(last.ok());
    BOOST_REQUIRE(last->size() == 1u);
    BOOST_TEST(last->front().seq == 3);
    BOOST_TEST(audit.log("NONE")->empty());
}

BOOST_AUTO_TEST_CASE(heads_are_written_and_read_as_seq_colon_hash)
{
    const std::string hash(64, 'a');
    auto both = AuditService::parseHead("12:" + hash);
    BOOST_REQUIRE(both.ok());
    BOOST_TEST(both->seq == 12);
    BOOST_TEST(both->hash == hash);
    BOOST_TEST(AuditService::formatHead(*both) == "12:" + hash);
    auto hashOnly = AuditService::parseHead(hash);
    BOOST_REQUIRE(hashOnly.ok());
    BOOST_TEST(hashOnly->seq == 0);
    for (const std::string& bad : {std::string("x:") + hash, "-1:" + hash, ":" + hash, std::string(64, 'A'),
                                   std::string(63, 'a'), std::string("12:"), std::string()})
        BOOST_TEST((!AuditService::parseHead(bad).ok() &&
                    AuditService::parseHead(bad).errors().front().kind == ErrorKind::Usage),
                   bad);
}

BOOST_FIXTURE_TEST_CASE(an_exported_dossier_carries_the_head_at_export, Fixture)
{
    DossierService dossiers(shippedCatalogue(), *store);
    auto exported = dossiers.exportDocument("HN-DVC-01");
    BOOST_REQUIRE(exported.ok());
    auto head = audit.head();
    BOOST_REQUIRE(exported->document.auditHeadSeq.has_value());
    BOOST_TEST(*exported->document.auditHeadSeq == head->seq);
    BOOST_TEST(exported->document.auditHead == head->hash);
    // Exporting changes nothing in the chain.
    BOOST_TEST((*audit.head() == *head));
}
