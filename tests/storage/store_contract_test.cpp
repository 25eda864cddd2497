// The Store contract: what every store (SQLite, PostgreSQL) must do, written against Store& only. The store
// under test comes from StoreFixture.h (SECLEVEL_TEST_STORE chooses). What only one store can show (files,
// WAL, triggers seen through raw SQL) lives in that store's own test.
#define BOOST_TEST_MODULE store_contract
#include <boost/test/unit_test.hpp>

#include "StoreFixture.h"

#include "codec/StoredEncoding.h"
#include "core/Sha256.h"
#include "formats/json/AnswersFile.h"
#include "rules/RuleSetLoader.h"
#include "storage/AuditChain.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <thread>

using namespace seclevel;
using seclevel::test::freshLocation;
using seclevel::test::freshStore;
using seclevel::test::openStoreAt;
namespace fs = std::filesystem;

namespace {

TimePoint utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0)
{
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

const Actor alice{"alice", "", Role::Operator, utc(2026, 3, 1, 8, 0, 0)};
const Actor bob{"bob", "", Role::Operator, utc(2026, 3, 2, 14, 30, 5)};

template <class T>
void requireOk(const Result<T>& result)
{
    if (!result) {
        for (const Error& error : result.errors())
            BOOST_TEST_MESSAGE(error.describe(Lang::En));
    }
    BOOST_REQUIRE(result.ok());
}

std::string allMessages(const Errors& errors)
{
    std::string out;
    for (const Error& error : errors)
        out += error.describe(Lang::En) + "\n" + error.describe(Lang::Vi) + "\n";
    return out;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::vector<std::string> list(std::initializer_list<const char*> items)
{
    return {items.begin(), items.end()};
}

Date date(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::string actorText(const RecordedActor& actor)
{
    return actor.userId + "@" + actor.organisationId + "/" + actor.role;
}

// Everything a store shows through the interface, as text: two equal snapshots mean that nothing observable
// changed (the contract's "a failed write leaves the store as it was").
std::string snapshot(Store& store)
{
    std::ostringstream out;
    auto organisations = store.organisations();
    requireOk(organisations);
    for (const Organisation& o : *organisations)
        out << "org " << o.id << "|" << o.name << "|" << o.parentId << "\n";
    auto systems = store.systems();
    requireOk(systems);
    for (const StoredSystem& s : *systems) {
        const SystemDescription& d = s.description;
        out << "system " << d.id << "|" << d.name << "|" << d.owner << "|" << d.operatorName << "|" << d.organisationId
            << "|" << s.rulesetId << "|" << s.rulesetVersion << "|" << s.derivedLevel << "|" << s.proposedLevel << "|"
            << s.justification << "|" << s.approvedLevel << "|" << actorText(s.createdBy) << "|"
            << isoTimestamp(s.createdAt) << "|" << isoTimestamp(s.updatedAt) << "\n  "
            << codec::encodeAnswerSet(d.answers) << "\n";
        for (const Component& c : d.components)
            out << "  component " << c.name << " " << codec::encodeAnswerSet(c.answers) << "\n";
        auto history = store.answerHistory(d.id);
        requireOk(history);
        for (const AnswerChange& change : *history)
            out << "  change " << change.component << "|" << change.key << "|" << change.oldValue << "|"
                << change.newValue << "|" << actorText(change.actor) << "|" << isoTimestamp(change.at) << "\n";
        auto assessments = store.assessments(d.id);
        requireOk(assessments);
        for (const StoredAssessment& a : *assessments)
            out << "  assessment " << codec::encodeAssessment(a.assessment) << "|" << actorText(a.actor) << "|"
                << isoTimestamp(a.at) << "\n";
        auto dossier = store.dossier(d.id);
        requireOk(dossier);
        for (const auto& [key, value] : dossier->fields)
            out << "  field " << key << "=" << value << "\n";
        for (const RequirementStatement& r : dossier->requirements)
            out << "  " << codec::requirementKey(r) << " " << codec::requirementText(r) << "\n";
        for (const Attachment& a : dossier->attachments) {
            auto content = store.attachmentContent(a.sha256);
            requireOk(content);
            out << "  " << codec::attachmentKey(a) << " " << codec::attachmentText(a)
                << (content->has_value() ? " content" : "") << "\n";
        }
    }
    auto announcements = store.calendarAnnouncements();
    requireOk(announcements);
    for (const StoredCalendarAnnouncement& a : *announcements)
        out << "calendar " << a.year << "|" << a.xml << "|" << actorText(a.actor) << "|" << isoTimestamp(a.at) << "\n";
    return out.str();
}

// ---- sample data -----------------------------------------------------------------------------------------

using test::injection;

using test::sampleAssessment;
using test::sampleSystem;

const std::vector<RuleSet>& ruleSets()
{
    static const std::vector<RuleSet> loaded = [] {
        const fs::path dir = SECLEVEL_SOURCE_DIR;
        auto result = loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
        if (!result)
            throw std::runtime_error("shipped rule sets do not load: " + result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

// The shipped example and what `rulesetId` derives from it: a real, full assessment.
std::pair<SystemDescription, Assessment> derivedExample(const std::string& rulesetId)
{
    auto system =
        readAnswersFile((fs::path(SECLEVEL_SOURCE_DIR) / "examples" / "cong-dich-vu-cong-tinh.json").string());
    BOOST_REQUIRE(system.ok());
    const RuleSet* ruleSet = ruleSetById(ruleSets(), rulesetId);
    BOOST_REQUIRE(ruleSet);
    auto valid = validateAnswers(*ruleSet, *system);
    BOOST_REQUIRE(valid.ok());
    Assessment assessment = deriveLevel(*ruleSet, *valid);
    valid->organisationId.clear(); // no organisations in these stores
    return {*valid, assessment};
}

std::string rendered(const AnswerSet& answers)
{
    std::string out;
    for (const auto& [key, value] : answers.values)
        if (isAnswered(value))
            out += key + "=" + codec::canonicalJson(value) + "\n";
    return out;
}

std::string historyRow(const AnswerChange& change)
{
    return change.component + "|" + change.key + "|" + change.oldValue + "|" + change.newValue + "|" +
           change.actor.userId + "|" + isoTimestamp(change.at);
}

std::vector<std::string> historyRows(Store& store, const std::string& id)
{
    auto history = store.answerHistory(id);
    requireOk(history);
    std::vector<std::string> rows;
    for (const AnswerChange& change : *history) {
        BOOST_TEST(change.systemId == id);
        rows.push_back(historyRow(change));
    }
    return rows;
}

Dossier sampleDossier(const std::string& id)
{
    Dossier d;
    d.systemId = id;
    d.fields["A.1.owner_mandate"] = "Quyết định số 12/QĐ-UBND";
    d.fields["A.2.scope"] = "Robert'); DROP TABLE systems;--";
    d.requirements.push_back({"L1.M.policy", 1, RequirementStatus::Met, "Đã ban hành quy chế", std::nullopt});
    d.requirements.push_back(
        {"L1.T.network", 2, RequirementStatus::Planned, "Lắp tường lửa", std::chrono::year{2027} / 1 / 31});
    d.attachments.push_back({"design_document", "thiet-ke.pdf", "application/pdf", 3, sha256Hex("abc"), "/tmp/x.pdf"});
    return d;
}

SystemDescription dossierSystem(const std::string& id)
{
    SystemDescription s;
    s.id = id;
    s.name = "Cổng dịch vụ công";
    s.owner = "UBND tỉnh";
    s.answers.values["system_type"] = Value{std::string("internal")};
    return s;
}

// ---- the audit trail: reading and checking it --------------------------------------------------------------

std::vector<AuditEntry> auditEntries(Store& store, std::int64_t fromSeq = 1)
{
    std::vector<AuditEntry> entries;
    requireOk(store.forEachAuditEntry(fromSeq, [&](const AuditEntryView& view) {
        entries.push_back(view.entry());
        return true;
    }));
    return entries;
}

AuditFinding verifyChain(Store& store, std::optional<AuditHead> expect = std::nullopt)
{
    AuditVerifier verifier(std::move(expect));
    requireOk(store.forEachAuditEntry(1, [&](const AuditEntryView& view) {
        verifier.feed(view);
        return true;
    }));
    return verifier.finish();
}

std::string findingText(const AuditFinding& finding)
{
    return describeAuditFinding(finding).en;
}

// Raw SQL on the store at `location`, past the store: what someone with access to the database file or server
// can do (drop the append-only triggers, edit rows).
void rawSql(const std::string& location, const std::string& sql)
{
    if (location.rfind("postgres", 0) == 0) {
#ifdef SECLEVEL_HAVE_POSTGRES
        testing::executeAsAdmin(location, sql);
#else
        BOOST_FAIL("no PostgreSQL in this build");
#endif
        return;
    }
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2(location.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close_v2(db);
    BOOST_REQUIRE_MESSAGE(code == SQLITE_OK, sql << ": " << error);
}

// The same, expected to be refused (by the append-only triggers); returns the refusal.
std::string refusedSql(const std::string& location, const std::string& sql)
{
    try {
        if (location.rfind("postgres", 0) == 0) {
#ifdef SECLEVEL_HAVE_POSTGRES
            testing::executeAsAdmin(location, sql);
#endif
            return {};
        }
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(location.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            return "cannot open";
        char* message = nullptr;
        const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
        std::string error = code == SQLITE_OK ? "" : (message ? message : "failed");
        sqlite3_free(message);
        sqlite3_close_v2(db);
        return error;
    } catch (const std::exception& failure) {
        return failure.what();
    }
}

void dropAuditTriggers(const std::string& location)
{
    if (location.rfind("postgres", 0) == 0)
        rawSql(location, "DROP TRIGGER audit_log_append_only ON audit_log;"
                         " DROP TRIGGER audit_log_no_truncate ON audit_log");
    else
        rawSql(location, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
}

// A store with ten entries: an organisation, then systems added and updated.
std::unique_ptr<Store> storeWithTenEntries(std::string& location)
{
    auto store = freshStore(&location);
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    for (int i = 1; i <= 3; ++i) {
        SystemDescription system = sampleSystem("S-" + std::to_string(i), "BNV");
        requireOk(store->addSystem(system, alice));
        system.answers.values["subjects"] = std::int64_t{i};
        requireOk(store->updateSystem(system, bob));
        requireOk(store->recordAssessment(system.id, sampleAssessment(1, 1), bob));
    }
    BOOST_REQUIRE(store->auditHead()->seq == 10);
    BOOST_REQUIRE((verifyChain(*store).problem == AuditProblem::None));
    return store;
}

} // namespace

// ---- what the store is --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(describe_names_the_kind_of_store)
{
    auto store = freshStore();
    const std::string description = store->describe();
    BOOST_TEST((description.rfind("SQLite ", 0) == 0 || description.rfind("PostgreSQL ", 0) == 0), description);
}

BOOST_AUTO_TEST_CASE(reopening_keeps_everything)
{
    std::string location;
    {
        auto store = freshStore(&location);
        requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
        requireOk(store->addSystem(sampleSystem("BNV-QLVB", "BNV"), alice));
        requireOk(store->recordAssessment("BNV-QLVB", sampleAssessment(2, 3, "phục vụ người dân"), alice));
    }
    auto first = openStoreAt(location);
    const std::string before = snapshot(*first);
    first.reset();
    auto store = openStoreAt(location);
    BOOST_TEST(snapshot(*store) == before);
    auto found = store->system("BNV-QLVB");
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const StoredSystem& stored = **found;
    BOOST_TEST(stored.description.name == "Hệ thống quản lý văn bản và điều hành");
    BOOST_TEST(stored.description.organisationId == "BNV");
    BOOST_TEST(stored.rulesetId == "VN-2016");
    BOOST_TEST(stored.rulesetVersion == "85/2016/NĐ-CP");
    BOOST_TEST(stored.derivedLevel == 2);
    BOOST_TEST(stored.proposedLevel == 3);
    BOOST_TEST(stored.justification == "phục vụ người dân");
    BOOST_TEST(stored.approvedLevel == 0);
    BOOST_TEST(stored.createdBy.userId == "alice");
    BOOST_TEST(isoTimestamp(stored.createdAt) == "2026-03-01T08:00:00Z");
    BOOST_TEST(rendered(stored.description.answers) == rendered(sampleSystem().answers));
    BOOST_TEST(store->organisations()->size() == 1u);
    BOOST_TEST(store->assessments("BNV-QLVB")->size() == 1u);
    BOOST_TEST(store->answerHistory("BNV-QLVB")->size() == 8u);
}

BOOST_AUTO_TEST_CASE(two_connections_see_each_others_writes)
{
    std::string location;
    auto writer = freshStore(&location);
    auto reader = openStoreAt(location);
    requireOk(writer->addSystem(sampleSystem(), alice));
    auto found = reader->system("BNV-QLVB");
    requireOk(found);
    BOOST_TEST(found->has_value());
}

// ---- actors ---------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_change_records_user_organisation_and_role)
{
    auto store = freshStore();
    requireOk(store->upsertOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, alice));
    const Actor owner{"tran.thi.b", "UBND-HANAM", Role::Owner, utc(2026, 9, 1, 7, 5, 9)};
    const Actor appraiser{"le.van.c", "BCA", Role::AppraisingBody, utc(2026, 9, 2, 10, 0, 0)};
    requireOk(store->addSystem(sampleSystem("HN-DVC", "UBND-HANAM"), owner));
    requireOk(store->recordAssessment("HN-DVC", sampleAssessment(2, 2), appraiser));
    SystemDescription changed = sampleSystem("HN-DVC", "UBND-HANAM");
    changed.answers.values["subjects"] = std::int64_t{9};
    requireOk(store->updateSystem(changed, appraiser));

    auto found = store->system("HN-DVC");
    requireOk(found);
    BOOST_TEST(actorText((*found)->createdBy) == "tran.thi.b@UBND-HANAM/owner");
    BOOST_TEST(isoTimestamp((*found)->createdAt) == "2026-09-01T07:05:09Z");
    BOOST_TEST(isoTimestamp((*found)->updatedAt) == "2026-09-02T10:00:00Z");
    auto history = store->answerHistory("HN-DVC");
    requireOk(history);
    BOOST_TEST(actorText(history->front().actor) == "tran.thi.b@UBND-HANAM/owner");
    BOOST_TEST(actorText(history->back().actor) == "le.van.c@BCA/appraising_body");
    auto latest = store->latestAssessment("HN-DVC");
    requireOk(latest);
    BOOST_REQUIRE(latest->has_value());
    BOOST_TEST(actorText((*latest)->actor) == "le.van.c@BCA/appraising_body");
    BOOST_TEST(isoTimestamp((*latest)->at) == "2026-09-02T10:00:00Z");

    const std::string before = snapshot(*store);
    auto refused = store->addSystem(sampleSystem("X"), Actor{"", "", Role::Operator, alice.at});
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().front().field == "actor");
    BOOST_TEST((refused.errors().front().kind == ErrorKind::InvalidInput));
    BOOST_TEST(snapshot(*store) == before);
}

// ---- values round-trip exactly ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_value_alternative_round_trips_exactly)
{
    const SystemDescription system = test::everyValueSystem();

    auto store = freshStore();
    requireOk(store->addSystem(system, alice));
    auto found = store->system("ROUND-TRIP");
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const SystemDescription& back = (*found)->description;

    auto expected = system.answers.values;
    expected.erase("not_answered"); // not answered = not stored
    BOOST_TEST(rendered(back.answers) == rendered(system.answers));
    BOOST_CHECK(back.answers.values == expected); // exact variant alternatives, not just equal renderings
    BOOST_REQUIRE_EQUAL(back.components.size(), 2u);
    BOOST_TEST(back.components[0].name == "cổng 'thông tin'");
    BOOST_CHECK(back.components[0].answers.values == system.components[0].answers.values);
    BOOST_TEST(back.components[1].name == "no answers");
    BOOST_TEST(back.components[1].answers.values.empty());
}

BOOST_AUTO_TEST_CASE(creation_is_recorded_in_the_history_as_canonical_json)
{
    SystemDescription system;
    system.id = "HIST";
    system.name = "History";
    system.answers.values = {
        {"internet", true},
        {"subjects", std::int64_t{12000}},
        {"purpose", std::string("citizen_service")},
        {"data_types", list({"public", "personal"})},
        {"since", date(2026, 8, 19)},
        {"note", std::string("a \"b\"\nc\\")},
    };
    auto store = freshStore();
    requireOk(store->addSystem(system, alice));
    const std::vector<std::string> expected = {
        "|data_types||[\"public\",\"personal\"]|alice|2026-03-01T08:00:00Z",
        "|internet||true|alice|2026-03-01T08:00:00Z",
        "|note||\"a \\\"b\\\"\\nc\\\\\"|alice|2026-03-01T08:00:00Z",
        "|purpose||\"citizen_service\"|alice|2026-03-01T08:00:00Z",
        "|since||\"2026-08-19\"|alice|2026-03-01T08:00:00Z",
        "|subjects||12000|alice|2026-03-01T08:00:00Z",
    };
    BOOST_TEST(historyRows(*store, "HIST") == expected, boost::test_tools::per_element());
}

// ---- add and update -----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_duplicate_id_is_a_conflict_and_nothing_changes)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = snapshot(*store);
    SystemDescription other = sampleSystem();
    other.name = "Another system with the same id";
    other.answers.values["subjects"] = std::int64_t{1};
    auto result = store->addSystem(other, bob);
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST(result.errors().front().field == "id");
    BOOST_TEST((result.errors().front().kind == ErrorKind::Conflict));
    BOOST_TEST(contains(allMessages(result.errors()), "System 'BNV-QLVB' already exists"));
    BOOST_TEST(contains(allMessages(result.errors()), "Hệ thống 'BNV-QLVB' đã tồn tại"));
    BOOST_TEST(snapshot(*store) == before);
}

BOOST_AUTO_TEST_CASE(an_update_writes_exactly_one_history_row_per_changed_answer)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    const auto initial = historyRows(*store, "BNV-QLVB");
    BOOST_TEST(initial.size() == 8u);

    SystemDescription changed = sampleSystem();
    changed.name = "QLVB 2.0";
    changed.answers.values["subjects"] = std::int64_t{12000};           // changed
    changed.answers.values["purpose"] = std::string("citizen_service"); // changed
    changed.answers.values.erase("removed_key");                        // removed
    changed.answers.values["new_key"] = date(2026, 8, 19);              // added
    changed.components[0].answers.values["users"] = std::int64_t{150};  // changed in a component
    Component gateway{"gateway", {}};
    gateway.answers.values = {{"exposed", true}};
    changed.components = {changed.components[0], gateway}; // backend removed, gateway added
    requireOk(store->updateSystem(changed, bob));

    auto rows = historyRows(*store, "BNV-QLVB");
    BOOST_REQUIRE_EQUAL(rows.size(), initial.size() + 7);
    std::vector<std::string> added(rows.begin() + static_cast<long>(initial.size()), rows.end());
    std::sort(added.begin(), added.end()); // one time: the order among them is the store's
    const std::vector<std::string> expected = {
        "backend|internet|false||bob|2026-03-02T14:30:05Z",
        "gateway|exposed||true|bob|2026-03-02T14:30:05Z",
        "portal|users|100|150|bob|2026-03-02T14:30:05Z",
        "|new_key||\"2026-08-19\"|bob|2026-03-02T14:30:05Z",
        "|purpose|\"internal\"|\"citizen_service\"|bob|2026-03-02T14:30:05Z",
        "|removed_key|\"bye\"||bob|2026-03-02T14:30:05Z",
        "|subjects|3200|12000|bob|2026-03-02T14:30:05Z",
    };
    std::vector<std::string> sortedExpected = expected;
    std::sort(sortedExpected.begin(), sortedExpected.end());
    BOOST_TEST(added == sortedExpected, boost::test_tools::per_element());

    auto found = store->system("BNV-QLVB");
    requireOk(found);
    const StoredSystem& stored = **found;
    BOOST_TEST(stored.description.name == "QLVB 2.0");
    BOOST_TEST(rendered(stored.description.answers) == rendered(changed.answers));
    BOOST_REQUIRE_EQUAL(stored.description.components.size(), 2u);
    BOOST_TEST(stored.description.components[0].name == "portal");
    BOOST_TEST(stored.description.components[1].name == "gateway");
    BOOST_TEST(rendered(stored.description.components[1].answers) == "exposed=true\n");
    BOOST_TEST(stored.createdBy.userId == "alice");
    BOOST_TEST(isoTimestamp(stored.createdAt) == "2026-03-01T08:00:00Z");
    BOOST_TEST(isoTimestamp(stored.updatedAt) == "2026-03-02T14:30:05Z");
}

BOOST_AUTO_TEST_CASE(an_unchanged_update_writes_nothing)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = snapshot(*store);
    requireOk(store->updateSystem(sampleSystem(), bob));
    BOOST_TEST(snapshot(*store) == before);
}

BOOST_AUTO_TEST_CASE(only_the_changed_answer_is_recorded)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    SystemDescription changed = sampleSystem();
    changed.answers.values["internet"] = false;
    requireOk(store->updateSystem(changed, bob));
    const auto rows = historyRows(*store, "BNV-QLVB");
    BOOST_REQUIRE_EQUAL(rows.size(), 9u);
    BOOST_TEST(rows.back() == "|internet|true|false|bob|2026-03-02T14:30:05Z");
}

BOOST_AUTO_TEST_CASE(an_unanswered_value_removes_the_answer)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    SystemDescription changed = sampleSystem();
    changed.answers.values["data_types"] = std::monostate{};
    requireOk(store->updateSystem(changed, bob));
    BOOST_TEST(historyRows(*store, "BNV-QLVB").back() ==
               "|data_types|[\"public\",\"personal\"]||bob|2026-03-02T14:30:05Z");
    BOOST_TEST(!(*store->system("BNV-QLVB"))->description.answers.has("data_types"));
}

BOOST_AUTO_TEST_CASE(a_type_change_with_the_same_text_is_a_change)
{
    auto store = freshStore();
    SystemDescription system = sampleSystem();
    system.answers.values["since"] = std::string("2026-08-19");
    requireOk(store->addSystem(system, alice));
    system.answers.values["since"] = date(2026, 8, 19);
    requireOk(store->updateSystem(system, bob));
    // Both render as "2026-08-19" in JSON, so the history shows no change, but the stored type must follow.
    BOOST_CHECK((*store->system("BNV-QLVB"))->description.answers.get("since") == Value{date(2026, 8, 19)});
    BOOST_TEST(historyRows(*store, "BNV-QLVB").size() == 9u);
}

BOOST_AUTO_TEST_CASE(updating_an_unknown_system_is_not_found_and_changes_nothing)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = snapshot(*store);
    auto result = store->updateSystem(sampleSystem("NO-SUCH"), bob);
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST((result.errors().front().kind == ErrorKind::NotFound));
    BOOST_TEST(contains(allMessages(result.errors()), "No system 'NO-SUCH' exists"));
    BOOST_TEST(contains(allMessages(result.errors()), "Không có hệ thống 'NO-SUCH'"));
    BOOST_TEST(snapshot(*store) == before);
}

BOOST_AUTO_TEST_CASE(an_unknown_organisation_fails_and_changes_nothing)
{
    auto store = freshStore();
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->addSystem(sampleSystem("BNV-QLVB", "BNV"), alice));
    const std::string before = snapshot(*store);

    SystemDescription changed = sampleSystem("BNV-QLVB", "NO-SUCH-ORG");
    changed.answers.values["subjects"] = std::int64_t{99};
    auto updated = store->updateSystem(changed, bob);
    BOOST_REQUIRE(!updated.ok());
    BOOST_TEST(updated.errors().front().field == "organisation");
    BOOST_TEST(contains(allMessages(updated.errors()), "No organisation 'NO-SUCH-ORG' exists"));
    BOOST_TEST(snapshot(*store) == before);

    auto added = store->addSystem(sampleSystem("OTHER", "NO-SUCH-ORG"), bob);
    BOOST_REQUIRE(!added.ok());
    BOOST_TEST(snapshot(*store) == before);
}

BOOST_AUTO_TEST_CASE(invalid_input_is_refused_with_every_error_before_writing)
{
    auto store = freshStore();
    const std::string before = snapshot(*store);
    SystemDescription system;
    system.sourceFile = "answers/bad.json";
    system.id = "";
    system.name = "";
    system.owner = std::string("bad \xC3\x28 utf-8");
    system.answers.values = {{"when", date(2026, 2, 30)}, {"text", std::string("nul\0inside", 10)}};
    system.answers.lines = {{"when", 7}};
    system.components = {Component{"dup", {}}, Component{"dup", {}}, Component{"", {}}};
    auto result = store->addSystem(system, Actor{"", "", Role::Operator, alice.at});
    BOOST_REQUIRE(!result.ok());
    const Errors& errors = result.errors();
    auto has = [&](const std::string& field) {
        return std::any_of(errors.begin(), errors.end(), [&](const Error& e) { return e.field == field; });
    };
    BOOST_TEST(has("id"));
    BOOST_TEST(has("name"));
    BOOST_TEST(has("owner"));
    BOOST_TEST(has("when"));
    BOOST_TEST(has("text"));
    BOOST_TEST(has("components"));
    BOOST_TEST(has("actor"));
    for (const Error& error : errors)
        BOOST_TEST((error.kind == ErrorKind::InvalidInput));
    const auto when = std::find_if(errors.begin(), errors.end(), [](const Error& e) { return e.field == "when"; });
    BOOST_TEST(when->file == "answers/bad.json");
    BOOST_TEST(when->line == 7);
    BOOST_TEST(!when->message.vi.empty());
    BOOST_TEST(!when->message.en.empty());
    BOOST_TEST(snapshot(*store) == before);
}

// ---- hostile text -------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sql_injection_strings_are_stored_verbatim_in_every_field)
{
    const std::string evil = injection;
    const std::string quote = "Robert'); DELETE FROM answers WHERE ('1'='1";
    auto store = freshStore();
    requireOk(store->upsertOrganisation({evil, quote, ""}, Actor{evil, "", Role::Operator, alice.at}));
    requireOk(store->upsertOrganisation({quote, evil, evil}, Actor{quote, evil, Role::Operator, alice.at}));

    SystemDescription system;
    system.id = evil;
    system.name = quote;
    system.owner = evil;
    system.operatorName = "\" OR \"\"=\"";
    system.organisationId = quote;
    system.answers.values = {{evil, evil}, {quote, std::vector<std::string>{evil, quote}}};
    Component component{evil, {}};
    component.answers.values = {{quote, evil}};
    system.components = {component};
    requireOk(store->addSystem(system, Actor{evil, quote, Role::Owner, alice.at}));
    Assessment assessment = sampleAssessment(1, 2, evil);
    assessment.rulesetId = evil;
    assessment.rulesetVersion = quote;
    assessment.components = {ComponentResult{evil, 1, {}, {}}};
    requireOk(store->recordAssessment(evil, assessment, Actor{quote, evil, Role::Operator, bob.at}));

    auto organisations = store->organisations();
    requireOk(organisations);
    BOOST_REQUIRE_EQUAL(organisations->size(), 2u);
    BOOST_TEST((*organisations)[0].id == evil); // "'" (0x27) sorts before "R"
    BOOST_TEST((*organisations)[1].id == quote);
    BOOST_TEST((*organisations)[1].parentId == evil);
    auto found = store->system(evil);
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const StoredSystem& stored = **found;
    BOOST_TEST(stored.description.id == evil);
    BOOST_TEST(stored.description.name == quote);
    BOOST_TEST(stored.description.owner == evil);
    BOOST_TEST(stored.description.operatorName == "\" OR \"\"=\"");
    BOOST_TEST(stored.description.organisationId == quote);
    BOOST_CHECK(stored.description.answers.values == system.answers.values);
    BOOST_REQUIRE_EQUAL(stored.description.components.size(), 1u);
    BOOST_TEST(stored.description.components[0].name == evil);
    BOOST_CHECK(stored.description.components[0].answers.values == component.answers.values);
    BOOST_TEST(stored.createdBy.userId == evil);
    BOOST_TEST(stored.createdBy.organisationId == quote);
    BOOST_TEST(stored.rulesetId == evil);
    BOOST_TEST(stored.justification == evil);
    auto assessments = store->assessments(evil);
    requireOk(assessments);
    BOOST_REQUIRE_EQUAL(assessments->size(), 1u);
    BOOST_TEST((*assessments)[0].assessment.rulesetVersion == quote);
    BOOST_TEST(codec::sameAssessment((*assessments)[0].assessment, assessment));
    BOOST_TEST((*assessments)[0].actor.userId == quote);
    BOOST_TEST(store->answerHistory(evil)->front().actor.userId == evil);
    BOOST_TEST(store->systems()->size() == 1u);
}

// ---- assessments --------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(assessments_are_kept_whole_and_set_the_systems_levels)
{
    auto store = freshStore();
    auto [system, first] = derivedExample("VN-2022");
    auto [same, second] = derivedExample("VN-2026");
    requireOk(store->addSystem(system, alice));
    BOOST_TEST(!store->latestAssessment(system.id)->has_value());
    requireOk(store->recordAssessment(system.id, first, alice));
    auto proposed = proposeLevel(second, second.derivedLevel + 1, "Hệ thống phục vụ Chính phủ điện tử");
    requireOk(proposed);
    requireOk(store->recordAssessment(system.id, *proposed, bob));

    auto found = store->system(system.id);
    requireOk(found);
    BOOST_TEST((*found)->rulesetId == "VN-2026");
    BOOST_TEST((*found)->rulesetVersion == second.rulesetVersion);
    BOOST_TEST((*found)->derivedLevel == second.derivedLevel);
    BOOST_TEST((*found)->proposedLevel == second.derivedLevel + 1);
    BOOST_TEST((*found)->justification == "Hệ thống phục vụ Chính phủ điện tử");
    BOOST_TEST(isoTimestamp((*found)->updatedAt) == "2026-03-02T14:30:05Z");

    auto all = store->assessments(system.id);
    requireOk(all);
    BOOST_REQUIRE_EQUAL(all->size(), 2u);
    const StoredAssessment& a = (*all)[0];
    BOOST_TEST(a.systemId == system.id);
    BOOST_TEST(codec::sameAssessment(a.assessment, first)); // every component, criterion, answer, warning
    BOOST_TEST(!a.assessment.components.front().nearest.empty());
    BOOST_TEST(a.actor.userId == "alice");
    BOOST_TEST(isoTimestamp(a.at) == "2026-03-01T08:00:00Z");
    const StoredAssessment& b = (*all)[1];
    BOOST_TEST(codec::sameAssessment(b.assessment, *proposed));
    BOOST_TEST(b.actor.userId == "bob");
    BOOST_TEST(isoTimestamp(b.at) == "2026-03-02T14:30:05Z");
    auto latest = store->latestAssessment(system.id);
    requireOk(latest);
    BOOST_REQUIRE(latest->has_value());
    BOOST_TEST(codec::sameAssessment((*latest)->assessment, *proposed));
    BOOST_TEST(store->assessments("NO-SUCH")->empty());
    BOOST_TEST(!store->latestAssessment("NO-SUCH")->has_value());
}

BOOST_AUTO_TEST_CASE(an_assessment_is_refused_for_an_unknown_system_or_impossible_levels)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = snapshot(*store);
    auto fails = [&](const std::string& id, const Assessment& assessment, const std::string& expected, ErrorKind kind) {
        auto result = store->recordAssessment(id, assessment, bob);
        BOOST_REQUIRE(!result.ok());
        BOOST_TEST(contains(allMessages(result.errors()), expected),
                   "expected: " << expected << "\nin: " << allMessages(result.errors()));
        BOOST_TEST((result.errors().front().kind == kind), expected);
        BOOST_TEST(snapshot(*store) == before);
    };
    fails("NO-SUCH", sampleAssessment(2, 2), "No system 'NO-SUCH' exists", ErrorKind::NotFound);
    fails("BNV-QLVB", sampleAssessment(6, 6), "Level 6 is outside 0–5", ErrorKind::InvalidInput);
    fails("BNV-QLVB", sampleAssessment(-1, 1, "x"), "Level -1 is outside 0–5", ErrorKind::InvalidInput);
    fails("BNV-QLVB", sampleAssessment(3, 2), "must not be lower than the derived level", ErrorKind::InvalidInput);
    fails("BNV-QLVB", sampleAssessment(2, 3), "needs a justification", ErrorKind::InvalidInput);
    Assessment noRuleset = sampleAssessment(2, 2);
    noRuleset.rulesetId.clear();
    fails("BNV-QLVB", noRuleset, "rule set id must not be empty", ErrorKind::InvalidInput);
    Assessment badText = sampleAssessment(2, 2);
    badText.components = {ComponentResult{"c", 2, {FiredCriterion{"C", 2, "x", {"ok", "bad \xC3\x28"}, {}, {}}}, {}}};
    fails("BNV-QLVB", badText, "not valid UTF-8", ErrorKind::InvalidInput);
}

BOOST_AUTO_TEST_CASE(save_system_stores_the_system_and_its_assessment_together)
{
    auto store = freshStore();
    requireOk(store->saveSystem(sampleSystem(), true, sampleAssessment(2, 2), alice));
    auto found = store->system("BNV-QLVB");
    requireOk(found);
    BOOST_TEST((*found)->derivedLevel == 2);
    BOOST_TEST(store->assessments("BNV-QLVB")->size() == 1u);

    SystemDescription changed = sampleSystem();
    changed.answers.values["subjects"] = std::int64_t{200000};
    requireOk(store->saveSystem(changed, false, sampleAssessment(3, 3), bob));
    BOOST_TEST((*store->system("BNV-QLVB"))->derivedLevel == 3);
    BOOST_TEST(store->assessments("BNV-QLVB")->size() == 2u);
    BOOST_TEST(historyRows(*store, "BNV-QLVB").back() == "|subjects|3200|200000|bob|2026-03-02T14:30:05Z");

    const std::string before = snapshot(*store);
    auto exists = store->saveSystem(changed, true, sampleAssessment(3, 3), bob);
    BOOST_REQUIRE(!exists.ok());
    BOOST_TEST((exists.errors().front().kind == ErrorKind::Conflict));
    auto missing = store->saveSystem(sampleSystem("NEW"), false, sampleAssessment(3, 3), bob);
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST((missing.errors().front().kind == ErrorKind::NotFound));
    BOOST_TEST(!store->saveSystem(sampleSystem("NEW"), true, sampleAssessment(3, 1), bob).ok()); // bad levels
    BOOST_TEST(snapshot(*store) == before);
}

// ---- the unit of work ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(transact_commits_several_writes_together)
{
    auto store = freshStore();
    auto done = store->transact([&]() -> Result<bool> {
        for (const char* id : {"A", "B", "C"}) {
            auto saved = store->saveSystem(sampleSystem(id), true, sampleAssessment(2, 2), alice);
            if (!saved)
                return saved.errors();
        }
        // Reads inside the unit see its own writes.
        auto seen = store->systems();
        if (!seen || seen->size() != 3u)
            return makeError("", 0, {}, "không thấy", "own writes not visible");
        return true;
    });
    requireOk(done);
    BOOST_TEST(store->systems()->size() == 3u);
    BOOST_TEST(store->assessments("B")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(transact_rolls_everything_back_on_errors_and_exceptions)
{
    auto store = freshStore();
    requireOk(store->addSystem(sampleSystem("KEEP"), alice));
    const std::string before = snapshot(*store);

    auto failed = store->transact([&]() -> Result<bool> {
        requireOk(store->addSystem(sampleSystem("A"), alice));
        requireOk(store->recordAssessment("KEEP", sampleAssessment(4, 4), alice));
        return store->addSystem(sampleSystem("KEEP"), alice); // a conflict: the whole unit goes
    });
    BOOST_REQUIRE(!failed.ok());
    BOOST_TEST((failed.errors().front().kind == ErrorKind::Conflict));
    BOOST_TEST(snapshot(*store) == before);

    auto thrown = store->transact([&]() -> Result<bool> {
        requireOk(store->addSystem(sampleSystem("B"), alice));
        throw std::runtime_error("a bug in the caller");
    });
    BOOST_REQUIRE(!thrown.ok());
    BOOST_TEST(contains(allMessages(thrown.errors()), "a bug in the caller"));
    BOOST_TEST(snapshot(*store) == before);

    // The store is still usable: no transaction was left open.
    requireOk(store->addSystem(sampleSystem("AFTER"), alice));
    BOOST_TEST(store->systems()->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_failed_write_inside_a_unit_undoes_only_itself)
{
    auto store = freshStore();
    auto done = store->transact([&]() -> Result<bool> {
        requireOk(store->addSystem(sampleSystem("A"), alice));
        // Each failing write is undone in its own savepoint; the unit goes on.
        auto duplicate = store->saveSystem(sampleSystem("A"), true, sampleAssessment(1, 1), alice);
        BOOST_TEST(!duplicate.ok());
        auto missing = store->recordAssessment("NO-SUCH", sampleAssessment(1, 1), alice);
        BOOST_TEST(!missing.ok());
        return store->recordAssessment("A", sampleAssessment(2, 2), alice);
    });
    requireOk(done);
    BOOST_TEST(store->assessments("A")->size() == 1u);
    BOOST_TEST((*store->system("A"))->derivedLevel == 2);
}

BOOST_AUTO_TEST_CASE(nested_units_commit_with_the_outer_one_and_roll_back_alone)
{
    auto store = freshStore();
    auto outer = store->transact([&]() -> Result<bool> {
        requireOk(store->addSystem(sampleSystem("OUTER"), alice));
        auto inner = store->transact([&]() -> Result<bool> {
            requireOk(store->addSystem(sampleSystem("INNER-KEPT"), alice));
            return true;
        });
        requireOk(inner);
        auto undone = store->transact([&]() -> Result<bool> {
            requireOk(store->addSystem(sampleSystem("INNER-UNDONE"), alice));
            return makeError(ErrorKind::Refused, "", 0, {}, "không", "no");
        });
        BOOST_TEST(!undone.ok());
        BOOST_TEST(!store->system("INNER-UNDONE")->has_value());
        return true;
    });
    requireOk(outer);
    BOOST_TEST(store->system("OUTER")->has_value());
    BOOST_TEST(store->system("INNER-KEPT")->has_value());
    BOOST_TEST(!store->system("INNER-UNDONE")->has_value());

    // An inner unit that succeeded is still undone when the outer one fails.
    const std::string before = snapshot(*store);
    auto failed = store->transact([&]() -> Result<bool> {
        requireOk(store->transact([&]() -> Result<bool> { return store->addSystem(sampleSystem("GONE"), alice); }));
        return makeError(ErrorKind::Refused, "", 0, {}, "không", "no");
    });
    BOOST_TEST(!failed.ok());
    BOOST_TEST(snapshot(*store) == before);
}

// ---- organisations and listing ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(organisations_form_a_tree_without_loops)
{
    auto store = freshStore();
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->upsertOrganisation({"BNV-TTTT", "Trung tâm Thông tin", "BNV"}, alice));
    requireOk(store->upsertOrganisation({"BNV-TTTT-HT", "Phòng Hạ tầng", "BNV-TTTT"}, alice));

    auto all = store->organisations();
    requireOk(all);
    BOOST_REQUIRE_EQUAL(all->size(), 3u);
    BOOST_TEST((*all)[0].id == "BNV");
    BOOST_TEST((*all)[0].parentId.empty());
    BOOST_TEST((*all)[1].parentId == "BNV");
    BOOST_TEST((*all)[2].name == "Phòng Hạ tầng");
    BOOST_TEST((*all)[2].parentId == "BNV-TTTT");

    const std::string before = snapshot(*store);
    auto unknownParent = store->upsertOrganisation({"X", "X", "NO-SUCH"}, bob);
    BOOST_REQUIRE(!unknownParent.ok());
    BOOST_TEST(unknownParent.errors().front().field == "parent");
    BOOST_TEST(!store->upsertOrganisation({"BNV", "Bộ Nội vụ", "BNV"}, bob).ok());
    auto loop = store->upsertOrganisation({"BNV", "Bộ Nội vụ", "BNV-TTTT-HT"}, bob);
    BOOST_REQUIRE(!loop.ok());
    BOOST_TEST(contains(allMessages(loop.errors()), "lies below"));
    BOOST_TEST(!store->upsertOrganisation({"", "no id", ""}, bob).ok());
    BOOST_TEST(!store->upsertOrganisation({"Y", "", ""}, bob).ok());
    BOOST_TEST(snapshot(*store) == before);

    // Upserting the same values again changes nothing; renaming and moving work.
    requireOk(store->upsertOrganisation({"BNV-TTTT", "Trung tâm Thông tin", "BNV"}, bob));
    BOOST_TEST(snapshot(*store) == before);
    requireOk(store->upsertOrganisation({"BNV-TTTT-HT", "Phòng Hạ tầng số", "BNV"}, bob));
    all = store->organisations();
    BOOST_TEST((*all)[2].name == "Phòng Hạ tầng số");
    BOOST_TEST((*all)[2].parentId == "BNV");
}

BOOST_AUTO_TEST_CASE(systems_are_listed_by_id_and_filtered_by_organisation)
{
    auto store = freshStore();
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->upsertOrganisation({"BTC", "Bộ Tài chính", ""}, alice));
    requireOk(store->addSystem(sampleSystem("C", "BNV"), alice));
    requireOk(store->addSystem(sampleSystem("A", "BTC"), alice));
    requireOk(store->addSystem(sampleSystem("B", "BNV"), alice));
    requireOk(store->addSystem(sampleSystem("D"), alice));

    auto ids = [](const Result<std::vector<StoredSystem>>& systems) {
        requireOk(systems);
        std::string out;
        for (const StoredSystem& system : *systems)
            out += system.description.id + " ";
        return out;
    };
    BOOST_TEST(ids(store->systems()) == "A B C D ");
    BOOST_TEST(ids(store->systems("BNV")) == "B C ");
    BOOST_TEST(ids(store->systems("BTC")) == "A ");
    BOOST_TEST(ids(store->systems("NO-SUCH")) == "");
    auto all = store->systems();
    for (const StoredSystem& system : *all) { // each with its full description
        BOOST_TEST(system.description.components.size() == 2u);
        BOOST_TEST(rendered(system.description.answers) == rendered(sampleSystem().answers));
        BOOST_TEST(rendered(system.description.components[0].answers) ==
                   rendered(sampleSystem().components[0].answers));
    }
    BOOST_TEST(!store->system("NO-SUCH")->has_value());
}

BOOST_AUTO_TEST_CASE(a_thousand_systems_are_stored_and_listed)
{
    auto store = freshStore();
    requireOk(store->upsertOrganisation({"EVEN", "Even", ""}, alice));
    for (int i = 0; i < 1000; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "SYS-%04d", i);
        requireOk(store->addSystem(sampleSystem(id, i % 2 == 0 ? "EVEN" : ""), alice));
    }
    auto all = store->systems();
    requireOk(all);
    BOOST_REQUIRE_EQUAL(all->size(), 1000u);
    BOOST_TEST(all->front().description.id == "SYS-0000");
    BOOST_TEST(all->back().description.id == "SYS-0999");
    BOOST_TEST(all->back().description.components.size() == 2u);
    BOOST_TEST(rendered(all->back().description.components[0].answers) ==
               rendered(sampleSystem().components[0].answers));
    BOOST_TEST(store->systems("EVEN")->size() == 500u);
}

// ---- the level-proposal dossier -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(empty_dossier_then_round_trip)
{
    std::string location;
    auto store = freshStore(&location);
    requireOk(store->addSystem(dossierSystem("S-1"), alice));
    auto empty = store->dossier("S-1");
    requireOk(empty);
    BOOST_TEST(empty->fields.empty());
    BOOST_TEST(empty->attachments.empty());
    auto missing = store->dossier("NOPE");
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST((missing.errors().front().kind == ErrorKind::NotFound));

    const Dossier d = sampleDossier("S-1");
    auto saved = store->saveDossier(d, alice);
    requireOk(saved);
    BOOST_TEST(*saved);
    // Reopen: what was written is what is read.
    store.reset();
    store = openStoreAt(location);
    auto read = store->dossier("S-1");
    requireOk(read);
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
    const std::string before = snapshot(*store);
    auto again = store->saveDossier(d, bob);
    requireOk(again);
    BOOST_TEST(!*again);
    BOOST_TEST(snapshot(*store) == before);
    BOOST_TEST(!read->attachments[0].importedReference);
    // A reference that came in an imported dossier is kept marked as such (it is never opened as a path here).
    Dossier imported = d;
    imported.attachments[0].importedReference = true;
    auto marked = store->saveDossier(imported, bob);
    requireOk(marked);
    BOOST_TEST(*marked, "marking a reference as imported is a change");
    auto reread = store->dossier("S-1");
    requireOk(reread);
    BOOST_REQUIRE(reread->attachments.size() == 1u);
    BOOST_TEST(reread->attachments[0].importedReference);
}

BOOST_AUTO_TEST_CASE(a_refused_dossier_write_leaves_the_store_unchanged)
{
    auto store = freshStore();
    requireOk(store->addSystem(dossierSystem("S-1"), alice));
    requireOk(store->saveDossier(sampleDossier("S-1"), alice));
    const std::string before = snapshot(*store);

    Dossier bad = sampleDossier("S-1");
    bad.fields["A.9"] = std::string("nul\0byte", 8);
    bad.attachments[0].sha256 = "XYZ";
    auto refused = store->saveDossier(bad, bob);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().size() >= 2u);

    auto unknown = store->saveDossier(sampleDossier("S-404"), bob);
    BOOST_REQUIRE(!unknown.ok());
    BOOST_TEST((unknown.errors().front().kind == ErrorKind::NotFound));

    Dossier duplicate = sampleDossier("S-1");
    duplicate.requirements.push_back(duplicate.requirements.front());
    BOOST_TEST(!store->saveDossier(duplicate, bob).ok());

    // Content that does not match its digest is refused.
    Attachment a{"security_regulation", "quy-che.pdf", "application/pdf", 5, sha256Hex("hello"), ""};
    BOOST_TEST(!store->storeAttachmentContent("S-1", a, "HELLO", bob).ok());
    BOOST_TEST(!store->attachmentContent(sha256Hex("HELLO"))->has_value());
    BOOST_TEST(!store->attachmentContent(sha256Hex("hello"))->has_value());
    BOOST_TEST(snapshot(*store) == before);
}

BOOST_AUTO_TEST_CASE(attachment_content_is_kept_by_digest_and_removed_with_its_last_attachment)
{
    auto store = freshStore();
    requireOk(store->addSystem(dossierSystem("S-1"), alice));
    requireOk(store->addSystem(dossierSystem("S-2"), alice));
    std::string bytes("binary\0\xff\x01 content", 17);
    Attachment a{"security_regulation", "quy-che.pdf", "application/pdf", bytes.size(), sha256Hex(bytes), ""};
    requireOk(store->storeAttachmentContent("S-1", a, bytes, alice));
    requireOk(store->storeAttachmentContent("S-2", a, bytes, alice)); // the same content for another system
    auto content = store->attachmentContent(a.sha256);
    requireOk(content);
    BOOST_REQUIRE(content->has_value());
    BOOST_TEST(**content == bytes);
    auto none = store->attachmentContent(sha256Hex("other"));
    requireOk(none);
    BOOST_TEST(!none->has_value());
    auto read = store->dossier("S-1");
    requireOk(read);
    BOOST_REQUIRE(read->attachments.size() == 1u);
    BOOST_TEST(read->attachments[0].name == "quy-che.pdf");

    // A new version replaces the old one: the old content goes once nothing refers to it.
    const std::string newer = "version 2";
    Attachment replaced = a;
    replaced.size = newer.size();
    replaced.sha256 = sha256Hex(newer);
    requireOk(store->storeAttachmentContent("S-1", replaced, newer, bob));
    BOOST_TEST(store->attachmentContent(a.sha256)->has_value()); // S-2 still refers to it
    Dossier second = *store->dossier("S-2");
    second.attachments.clear();
    requireOk(store->saveDossier(second, bob));
    BOOST_TEST(!store->attachmentContent(a.sha256)->has_value());
    BOOST_TEST(**store->attachmentContent(replaced.sha256) == newer);
    Dossier first = *store->dossier("S-1");
    first.attachments.clear();
    requireOk(store->saveDossier(first, bob));
    BOOST_TEST(!store->attachmentContent(replaced.sha256)->has_value());
}

BOOST_AUTO_TEST_CASE(import_is_idempotent)
{
    auto store = freshStore();
    auto [system, assessment] = derivedExample("VN-2022");
    DossierDocument document;
    document.system = system;
    document.system.components.push_back(Component{"Cổng'; --", {}});
    document.assessment = assessment;
    document.dossier = sampleDossier(system.id);

    auto first = store->importDossier(document, alice);
    requireOk(first);
    BOOST_TEST(*first);
    const std::string afterFirst = snapshot(*store);
    auto second = store->importDossier(document, bob);
    requireOk(second);
    BOOST_TEST(!*second);
    BOOST_TEST(snapshot(*store) == afterFirst);
    BOOST_TEST(store->assessments(system.id)->size() == 1u);
    auto stored = store->system(system.id);
    requireOk(stored);
    BOOST_REQUIRE(stored->has_value());
    BOOST_TEST((*stored)->description.components.size() == system.components.size() + 1);
    BOOST_TEST((*stored)->derivedLevel == assessment.derivedLevel);
    BOOST_TEST(codec::sameAssessment((*store->latestAssessment(system.id))->assessment, assessment));

    // A changed field: one more import writes, without a second assessment.
    document.dossier.fields["A.2.scope"] = "Phạm vi mới";
    auto third = store->importDossier(document, bob);
    requireOk(third);
    BOOST_TEST(*third);
    BOOST_TEST(store->assessments(system.id)->size() == 1u);
    BOOST_TEST(store->dossier(system.id)->fields.at("A.2.scope") == "Phạm vi mới");
    BOOST_TEST(store->dossier(system.id)->fields.at("A.1.owner_mandate") == "Quyết định số 12/QĐ-UBND");

    // An invalid assessment: nothing is stored, not even the changed dossier.
    const std::string before = snapshot(*store);
    document.dossier.fields["A.2.scope"] = "Không lưu";
    document.assessment.proposedLevel = document.assessment.derivedLevel + 1; // higher without justification
    BOOST_TEST(!store->importDossier(document, bob).ok());
    BOOST_TEST(snapshot(*store) == before);
}

// ---- concurrency --------------------------------------------------------------------------------------------

// Eight processes open the same new store at once (the first use of a location) and write many times each,
// interleaved: every write either succeeds and is in the history afterwards, or fails for a reason other than
// a lock; none fails because another process was writing.
BOOST_AUTO_TEST_CASE(concurrent_processes_all_write_and_nothing_is_lost)
{
    constexpr int children = 8;
    constexpr int rounds = 40; // each: one updateSystem and one recordAssessment
    const std::string location = freshLocation();
    const fs::path reports = seclevel::test::temporaryRoot() / ("reports-" + std::to_string(getpid()));
    fs::create_directories(reports);

    int start[2];
    BOOST_REQUIRE(pipe(start) == 0);
    std::vector<pid_t> pids;
    for (int child = 0; child < children; ++child) {
        const pid_t pid = fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            close(start[1]);
            char go;
            [[maybe_unused]] const auto ignored = read(start[0], &go, 1); // returns when the parent closes the pipe
            std::ofstream report(reports / std::to_string(child));
            auto line = [&](const std::string& what, int round, const Errors* errors) {
                report << what << " " << round;
                if (errors)
                    for (const Error& error : *errors)
                        report << " " << error.describe(Lang::En);
                report << "\n" << std::flush;
            };
            try {
                auto store = openStoreAt(location);
                const std::string id = "CHILD-" + std::to_string(child);
                const Actor actor{"child" + std::to_string(child), "", Role::Operator, alice.at};
                auto added = store->addSystem(sampleSystem(id), actor);
                line(added ? "added" : "add-failed", 0, added ? nullptr : &added.errors());
                SystemDescription system = sampleSystem(id);
                for (int round = 1; round <= rounds; ++round) {
                    system.answers.values["round"] = std::int64_t{round};
                    auto updated = store->updateSystem(system, actor);
                    line(updated ? "updated" : "update-failed", round, updated ? nullptr : &updated.errors());
                    auto recorded =
                        store->recordAssessment(id, sampleAssessment(1, 1, "round " + std::to_string(round)), actor);
                    line(recorded ? "recorded" : "record-failed", round, recorded ? nullptr : &recorded.errors());
                }
            } catch (...) {
                report << "exception\n" << std::flush;
                _exit(2);
            }
            _exit(0);
        }
        pids.push_back(pid);
    }
    close(start[0]);
    close(start[1]); // all children start now
    for (const pid_t pid : pids) {
        int status = 0;
        BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
        BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }

    auto store = openStoreAt(location);
    int successes = 0;
    for (int child = 0; child < children; ++child) {
        const std::string id = "CHILD-" + std::to_string(child);
        std::ifstream report(reports / std::to_string(child));
        std::set<std::string> updated, recorded;
        std::string text;
        while (std::getline(report, text)) {
            std::istringstream words(text);
            std::string what, round;
            words >> what >> round;
            BOOST_TEST((what == "added" || what == "updated" || what == "recorded"), "child " << child << ": " << text);
            BOOST_TEST(!contains(text, "locked"), text);
            BOOST_TEST(!contains(text, "busy"), text);
            if (what == "updated")
                updated.insert(round);
            else if (what == "recorded")
                recorded.insert("round " + round);
            successes += what != "added" ? 1 : 0;
        }
        BOOST_TEST(updated.size() == static_cast<size_t>(rounds));
        std::set<std::string> inHistory, inAssessments;
        auto history = store->answerHistory(id);
        requireOk(history);
        for (const AnswerChange& change : *history)
            if (change.key == "round")
                inHistory.insert(change.newValue);
        auto assessments = store->assessments(id);
        requireOk(assessments);
        for (const StoredAssessment& assessment : *assessments)
            inAssessments.insert(assessment.assessment.justification);
        for (const std::string& round : updated)
            BOOST_TEST(inHistory.count(round) == 1u, id << " update " << round << " missing from the history");
        for (const std::string& round : recorded)
            BOOST_TEST(inAssessments.count(round) == 1u, id << " " << round << " missing from the assessments");
        BOOST_TEST(inAssessments.size() == recorded.size());
    }
    BOOST_TEST(successes == children * rounds * 2);
    BOOST_TEST(store->systems()->size() == static_cast<size_t>(children));
}

// ---- users, workflow steps, duty records (the appraisal and approval procedure) ----------------------------

namespace {

WorkflowStepRecord stepRecord(const std::string& system, int seq, const std::string& step, const std::string& from,
                              const std::string& to)
{
    WorkflowStepRecord r;
    r.systemId = system;
    r.seq = seq;
    r.step = step;
    r.fromState = from;
    r.toState = to;
    r.rulesetId = "VN-2022";
    r.rulesetVersion = "1.0.0";
    r.level = 3;
    r.date = std::chrono::year{2025} / 6 / static_cast<unsigned>(seq);
    r.documentNumber = "0" + std::to_string(seq) + "/" + test::injection;
    r.documentDate = r.date;
    r.note = "Ghi chú " + test::injection;
    return r;
}

} // namespace

BOOST_AUTO_TEST_CASE(users_and_their_roles_round_trip_and_need_known_organisations)
{
    auto store = freshStore();
    requireOk(store->upsertOrganisation({"UBND", "UBND tỉnh", "", ""}, alice));
    requireOk(store->upsertOrganisation({"A05", "Cục A05", "", "MPS"}, alice));
    auto organisations = store->organisations();
    requireOk(organisations);
    BOOST_TEST(organisations->front().authorityCode == "MPS"); // "A05" sorts first
    BOOST_TEST(store->users()->empty());
    const User user{"nguyen.van.a", test::injection, {{"UBND", Role::Owner}, {"A05", Role::AppraisingBody}}};
    auto saved = store->saveUser(user, alice);
    requireOk(saved);
    BOOST_TEST(*saved);
    BOOST_TEST(!*store->saveUser(user, bob)); // nothing changed
    auto loaded = store->user("nguyen.van.a");
    requireOk(loaded);
    BOOST_REQUIRE(loaded->has_value());
    BOOST_TEST((*loaded)->name == test::injection);
    BOOST_REQUIRE((*loaded)->memberships.size() == 2u);
    BOOST_TEST((*loaded)->memberships[1].organisationId == "A05");
    BOOST_TEST(((*loaded)->memberships[1].role == Role::AppraisingBody));
    BOOST_TEST(!store->user(test::injection)->has_value());
    auto unknown = store->saveUser({"x", "X", {{"NOWHERE", Role::Operator}}}, alice);
    BOOST_REQUIRE(!unknown.ok());
    BOOST_TEST((unknown.errors().front().kind == ErrorKind::NotFound));
    BOOST_TEST(store->users()->size() == 1u);
    auto badCode = store->upsertOrganisation({"X", "X", "", "lower case"}, alice);
    BOOST_TEST(!badCode.ok());
}

BOOST_AUTO_TEST_CASE(workflow_steps_append_in_order_and_move_the_state)
{
    auto store = freshStore();
    requireOk(store->saveSystem(test::sampleSystem("WF"), true, test::sampleAssessment(3, 3), alice));
    auto first = stepRecord("WF", 1, "submit_appraisal", "draft", "submitted_for_appraisal");
    first.attachments.push_back(Attachment{"step", "to-trinh.pdf", "", 4, sha256Hex("%PDF"), {}, false});
    requireOk(store->appendWorkflowStep(first, {"%PDF"}, alice));
    auto s = store->system("WF");
    BOOST_TEST((*s)->workflowState == "submitted_for_appraisal");
    BOOST_TEST((*s)->stateStep == "submit_appraisal");
    BOOST_TEST(formatIsoDate(*(*s)->stateDate) == "2025-06-01");
    BOOST_TEST((*s)->workflowSeq == 1);
    BOOST_TEST((*s)->approvedLevel == 0);

    // Someone else's view of the state is stale: a wrong seq or from-state is a conflict, nothing written.
    auto stale = store->appendWorkflowStep(
        stepRecord("WF", 1, "appraise_fit", "submitted_for_appraisal", "appraised_fit"), {}, bob);
    BOOST_REQUIRE(!stale.ok());
    BOOST_TEST((stale.errors().front().kind == ErrorKind::Conflict));
    auto wrongState =
        store->appendWorkflowStep(stepRecord("WF", 2, "approve", "submitted_for_approval", "approved"), {}, bob);
    BOOST_TEST((!wrongState.ok() && wrongState.errors().front().kind == ErrorKind::Conflict));
    // A record-only step keeps the state and when it was entered.
    requireOk(store->appendWorkflowStep(
        stepRecord("WF", 2, "issue_security_regulation", "submitted_for_appraisal", "submitted_for_appraisal"), {},
        bob));
    s = store->system("WF");
    BOOST_TEST((*s)->stateStep == "submit_appraisal");
    BOOST_TEST((*s)->workflowSeq == 2);
    auto approve = stepRecord("WF", 3, "approve", "submitted_for_appraisal", "approved");
    approve.approvedLevel = 3;
    requireOk(store->appendWorkflowStep(approve, {}, bob));
    s = store->system("WF");
    BOOST_TEST((*s)->approvedLevel == 3);
    BOOST_TEST(formatIsoDate(*(*s)->approvedOn) == "2025-06-03");
    BOOST_TEST((*s)->approvedRuleset == "VN-2022");

    auto steps = store->workflowSteps("WF");
    requireOk(steps);
    BOOST_REQUIRE(steps->size() == 3u);
    const WorkflowStepRecord& r = steps->front();
    BOOST_TEST(r.documentNumber == first.documentNumber);
    BOOST_TEST(r.note == first.note);
    BOOST_TEST(r.fromState == "draft");
    BOOST_TEST(r.actor.userId == "alice");
    BOOST_REQUIRE(r.attachments.size() == 1u);
    auto content = store->recordContent(r.attachments.front().sha256);
    BOOST_TEST((content.ok() && content->value_or("") == "%PDF"));
    BOOST_TEST(steps->back().approvedLevel == 3);

    // Contents must match their record; an unknown system is not found.
    auto altered = stepRecord("WF", 4, "x", "approved", "approved");
    altered.attachments.push_back(Attachment{"step", "a.pdf", "", 4, sha256Hex("%PDF"), {}, false});
    BOOST_TEST(!store->appendWorkflowStep(altered, {"EVIL"}, bob).ok());
    auto nowhere = store->appendWorkflowStep(stepRecord("NOPE", 1, "x", "draft", "draft"), {}, bob);
    BOOST_TEST((!nowhere.ok() && nowhere.errors().front().kind == ErrorKind::NotFound));
    BOOST_TEST(store->workflowSteps("WF")->size() == 3u);

    // The headers carry the procedure's columns without loading answers.
    auto headers = store->systemHeaders();
    requireOk(headers);
    BOOST_REQUIRE(headers->size() == 1u);
    BOOST_TEST(headers->front().workflowState == "approved");
    BOOST_TEST(headers->front().description.answers.values.empty());
    BOOST_TEST(headers->front().proposedLevel == 3);
}

BOOST_AUTO_TEST_CASE(duty_records_are_kept_with_their_evidence)
{
    auto store = freshStore();
    requireOk(store->saveSystem(test::sampleSystem("D1"), true, test::sampleAssessment(3, 3), alice));
    requireOk(store->saveSystem(test::sampleSystem("D2"), true, test::sampleAssessment(3, 3), alice));
    DutyRecord record;
    record.systemId = "D2";
    record.dutyId = "periodic_assessment";
    record.fulfilledOn = std::chrono::year{2026} / 5 / 20;
    record.documentNumber = "12/BC";
    record.note = test::injection;
    record.attachments.push_back(Attachment{"step", "bc.pdf", "", 3, sha256Hex("abc"), {}, false});
    requireOk(store->recordDuty(record, {"abc"}, bob));
    record.systemId = "D1";
    record.attachments.clear();
    requireOk(store->recordDuty(record, {}, alice));
    auto all = store->dutyRecords();
    requireOk(all);
    BOOST_REQUIRE(all->size() == 2u);
    BOOST_TEST(all->front().systemId == "D1");
    BOOST_TEST(all->back().note == test::injection);
    BOOST_TEST(all->back().actor.userId == "bob");
    BOOST_TEST(store->dutyRecords("D2")->size() == 1u);
    BOOST_TEST(store->dutyRecords(test::injection)->empty());
    record.systemId = "NOPE";
    BOOST_TEST(!store->recordDuty(record, {}, alice).ok());
}

// ---- working-day calendar announcements -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(calendar_announcements_are_kept_verbatim_by_year_in_order)
{
    std::string location;
    const Actor admin{"quan.tri", "BNV", Role::Administrator, utc(2026, 11, 20, 9, 15, 0)};
    const std::string first =
        "<year xmlns=\"urn:seclevel:calendar:1\" number=\"2027\">Tết 'Đinh Mùi'; DROP TABLE x;</year>";
    const std::string second = "<year xmlns=\"urn:seclevel:calendar:1\" number=\"2027\">sửa đổi</year>";
    const std::string other = "<year xmlns=\"urn:seclevel:calendar:1\" number=\"2026\"/>";
    {
        auto store = freshStore(&location);
        auto none = store->calendarAnnouncements();
        requireOk(none);
        BOOST_TEST(none->empty());
        requireOk(store->saveCalendarAnnouncement(2027, first, admin));
        requireOk(store->saveCalendarAnnouncement(2026, other, alice));
        requireOk(store->saveCalendarAnnouncement(2027, second, bob));
    }
    auto store = openStoreAt(location);
    auto stored = store->calendarAnnouncements();
    requireOk(stored);
    BOOST_REQUIRE(stored->size() == 3u);
    // By year, then in the order recorded: the last of a year is the one in force.
    BOOST_TEST((*stored)[0].year == 2026);
    BOOST_TEST((*stored)[0].xml == other);
    BOOST_TEST((*stored)[1].year == 2027);
    BOOST_TEST((*stored)[1].xml == first);
    BOOST_TEST((*stored)[1].actor.userId == "quan.tri");
    BOOST_TEST((*stored)[1].actor.organisationId == "BNV");
    BOOST_TEST((*stored)[1].actor.role == "administrator");
    BOOST_TEST(isoTimestamp((*stored)[1].at) == "2026-11-20T09:15:00Z");
    BOOST_TEST((*stored)[2].xml == second);
    BOOST_TEST((*stored)[2].actor.userId == "bob");
}

BOOST_AUTO_TEST_CASE(a_wrong_calendar_announcement_is_refused_and_nothing_is_stored)
{
    auto store = freshStore();
    const std::string before = snapshot(*store);
    auto badYear = store->saveCalendarAnnouncement(1800, "<year/>", alice);
    BOOST_REQUIRE(!badYear.ok());
    BOOST_TEST((badYear.errors().front().kind == ErrorKind::InvalidInput));
    BOOST_TEST(badYear.errors().front().field == "year");
    auto empty = store->saveCalendarAnnouncement(2027, "  \n", alice);
    BOOST_REQUIRE(!empty.ok());
    BOOST_TEST(empty.errors().front().field == "xml");
    auto notUtf8 = store->saveCalendarAnnouncement(2027, std::string("<year>\xff</year>"), alice);
    BOOST_REQUIRE(!notUtf8.ok());
    auto tooLarge = store->saveCalendarAnnouncement(2027, std::string((1u << 20) + 1, 'x'), alice);
    BOOST_REQUIRE(!tooLarge.ok());
    auto noActor = store->saveCalendarAnnouncement(2027, "<year/>", Actor{"", "", Role::Administrator, alice.at});
    BOOST_REQUIRE(!noActor.ok());
    BOOST_TEST(store->calendarAnnouncements()->empty());
    BOOST_TEST(snapshot(*store) == before);
}

BOOST_AUTO_TEST_CASE(a_calendar_announcement_inside_a_failed_unit_is_rolled_back)
{
    auto store = freshStore();
    auto failed = store->transact([&]() -> Result<bool> {
        requireOk(store->saveCalendarAnnouncement(2027, "<year/>", alice));
        return makeError("", 0, "", "thôi", "give up");
    });
    BOOST_REQUIRE(!failed.ok());
    BOOST_TEST(store->calendarAnnouncements()->empty());
}

// ---- the audit trail ------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_empty_store_has_the_genesis_head)
{
    auto store = freshStore();
    auto head = store->auditHead();
    requireOk(head);
    BOOST_TEST(head->seq == 0);
    BOOST_TEST(head->hash == std::string(genesisHash));
    BOOST_TEST(auditEntries(*store).empty());
    BOOST_TEST((verifyChain(*store).problem == AuditProblem::None));
}

// Every write appends exactly one entry per change, with its actor, action and subject; a write that changes
// nothing appends nothing; the chain verifies and its head is the last entry.
BOOST_AUTO_TEST_CASE(every_write_appends_its_entry_and_a_write_that_changes_nothing_appends_none)
{
    auto store = freshStore();
    const Actor owner{"tran.thi.b", "UBND-HANAM", Role::Owner, utc(2026, 9, 1, 7, 5, 9)};
    std::vector<std::string> expected; // "action subject actor"
    auto expect = [&](const std::string& action, const std::string& subject, const Actor& actor) {
        expected.push_back(action + " " + subject + " " + actor.userId + "@" + actor.organisationId + "/" +
                           roleName(actor.role));
    };
    auto seen = [&] {
        std::vector<std::string> out;
        for (const AuditEntry& e : auditEntries(*store))
            out.push_back(e.action + " " + e.subjectKind + ":" + e.subjectId + " " + e.actor.userId + "@" +
                          e.actor.organisationId + "/" + e.actor.role);
        return out;
    };

    requireOk(store->upsertOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, alice));
    expect("organisation.upsert", "organisation:UBND-HANAM", alice);
    requireOk(store->upsertOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, bob)); // unchanged
    requireOk(store->upsertOrganisation({"UBND-HANAM", "UBND tỉnh Hà Nam", ""}, bob));
    expect("organisation.upsert", "organisation:UBND-HANAM", bob);

    SystemDescription system = dossierSystem("HN-1");
    system.organisationId = "UBND-HANAM";
    requireOk(store->addSystem(system, owner));
    expect("system.add", "system:HN-1", owner);
    requireOk(store->updateSystem(system, bob)); // unchanged
    system.answers.values["system_type"] = Value{std::string("citizen_service")};
    requireOk(store->updateSystem(system, bob));
    expect("system.update", "system:HN-1", bob);
    requireOk(store->recordAssessment("HN-1", sampleAssessment(2, 2), owner));
    expect("assessment.record", "system:HN-1", owner);

    SystemDescription second = dossierSystem("HN-2");
    requireOk(store->saveSystem(second, true, sampleAssessment(1, 1), alice));
    expect("system.add", "system:HN-2", alice);
    expect("assessment.record", "system:HN-2", alice);
    requireOk(store->saveSystem(second, false, sampleAssessment(1, 2, "lý do"), bob)); // system unchanged
    expect("assessment.record", "system:HN-2", bob);

    Dossier dossier = sampleDossier("HN-1");
    requireOk(store->saveDossier(dossier, owner));
    expect("dossier.save", "system:HN-1", owner);
    BOOST_TEST(!*store->saveDossier(dossier, owner)); // unchanged

    const std::string bytes = "nội dung";
    const Attachment attachment{"security_regulation", "quy-che.pdf",    "application/pdf",
                                bytes.size(),          sha256Hex(bytes), ""};
    requireOk(store->storeAttachmentContent("HN-1", attachment, bytes, bob));
    expect("attachment.store", "system:HN-1", bob);
    requireOk(store->storeAttachmentContent("HN-1", attachment, bytes, bob)); // the same again

    auto [example, assessment] = derivedExample("VN-2022");
    DossierDocument document;
    document.system = example;
    document.assessment = assessment;
    document.dossier = sampleDossier(example.id);
    requireOk(store->importDossier(document, alice));
    expect("dossier.import", "system:" + example.id, alice);
    BOOST_TEST(!*store->importDossier(document, alice)); // the same document again

    // Refused writes append nothing either.
    BOOST_TEST(!store->addSystem(dossierSystem("HN-1"), alice).ok());
    BOOST_TEST(!store->recordAssessment("NONE", sampleAssessment(1, 1), alice).ok());
    BOOST_TEST(!store
                    ->transact([&]() -> Result<bool> {
                        requireOk(store->addSystem(dossierSystem("ROLLED-BACK"), alice));
                        return makeError(ErrorKind::Conflict, "", 0, "", "thôi", "give up");
                    })
                    .ok());

    const std::vector<std::string> actual = seen();
    BOOST_TEST(actual == expected, boost::test_tools::per_element());
    const std::vector<AuditEntry> entries = auditEntries(*store);
    BOOST_REQUIRE(entries.size() == expected.size());
    for (size_t i = 0; i < entries.size(); ++i)
        BOOST_TEST(entries[i].seq == static_cast<std::int64_t>(i + 1));
    BOOST_TEST(isoTimestamp(entries[2].at) == "2026-09-01T07:05:09Z");
    // Details say what changed, canonically.
    BOOST_TEST(entries[0].details == R"({"id":"UBND-HANAM","name":"Ủy ban nhân dân tỉnh Hà Nam","parent":""})");
    BOOST_TEST(
        contains(
            entries[3].details,
            R"("answer_changes":[{"component":"","key":"system_type","old":"\"internal\"","new":"\"citizen_service\""}])"),
        entries[3].details);
    BOOST_TEST(contains(entries[4].details,
                        "\"sha256\":\"" + sha256Hex(codec::encodeAssessment(sampleAssessment(2, 2))) + "\""));
    BOOST_TEST(contains(entries[8].details, "\"key\":\"A.2.scope\""));
    BOOST_TEST(contains(entries[9].details, attachment.sha256));

    const AuditFinding finding = verifyChain(*store);
    BOOST_TEST((finding.problem == AuditProblem::None), findingText(finding));
    auto head = store->auditHead();
    requireOk(head);
    BOOST_TEST(head->seq == static_cast<std::int64_t>(entries.size()));
    BOOST_TEST(head->hash == entries.back().hash);
    // Streaming from the middle, and stopping early.
    BOOST_TEST(auditEntries(*store, 5).front().seq == 5);
    int visited = 0;
    requireOk(store->forEachAuditEntry(1, [&](const AuditEntryView&) { return ++visited < 3; }));
    BOOST_TEST(visited == 3);
}

BOOST_AUTO_TEST_CASE(entries_appended_inside_a_unit_of_work_go_with_it)
{
    auto store = freshStore();
    requireOk(store->transact([&]() -> Result<bool> {
        requireOk(store->addSystem(dossierSystem("A"), alice));
        BOOST_TEST(!store->addSystem(dossierSystem("A"), alice).ok()); // undoes only itself
        requireOk(store->recordAssessment("A", sampleAssessment(1, 1), alice));
        return true;
    }));
    BOOST_TEST(store->auditHead()->seq == 2);
    BOOST_TEST(!store
                    ->transact([&]() -> Result<bool> { // rolled back whole: its entries too
                        requireOk(store->addSystem(dossierSystem("B"), alice));
                        throw std::runtime_error("crash");
                    })
                    .ok());
    BOOST_TEST(store->auditHead()->seq == 2);
    requireOk(store->addSystem(dossierSystem("B"), bob));
    const auto entries = auditEntries(*store);
    BOOST_REQUIRE(entries.size() == 3u);
    BOOST_TEST(entries[2].subjectId == "B");
    BOOST_TEST(entries[2].prevHash == entries[1].hash);
    BOOST_TEST((verifyChain(*store).problem == AuditProblem::None));
}

BOOST_AUTO_TEST_CASE(the_triggers_refuse_to_edit_or_delete_entries)
{
    std::string location;
    auto store = storeWithTenEntries(location);
    BOOST_TEST(contains(refusedSql(location, "UPDATE audit_log SET details = 'x' WHERE seq = 3"), "append-only"));
    BOOST_TEST(contains(refusedSql(location, "DELETE FROM audit_log WHERE seq = 10"), "append-only"));
    BOOST_TEST((verifyChain(*store).problem == AuditProblem::None));
}

// With the triggers dropped, every kind of tampering is still found, from the rows alone.
BOOST_AUTO_TEST_CASE(an_edited_entry_is_found_after_the_triggers_were_dropped)
{
    std::string location;
    auto store = storeWithTenEntries(location);
    dropAuditTriggers(location);
    rawSql(location, "UPDATE audit_log SET details = replace(details, 'Bộ Nội vụ', 'Bộ Tài chính') WHERE seq = 1");
    const AuditFinding finding = verifyChain(*store);
    BOOST_TEST((finding.problem == AuditProblem::HashMismatch), findingText(finding));
    BOOST_TEST(finding.seq == 1);
    BOOST_TEST(finding.action == "organisation.upsert");
    BOOST_TEST(finding.subjectId == "BNV");
}

BOOST_AUTO_TEST_CASE(a_deleted_middle_entry_is_found_after_the_triggers_were_dropped)
{
    std::string location;
    auto store = storeWithTenEntries(location);
    dropAuditTriggers(location);
    rawSql(location, "DELETE FROM audit_log WHERE seq = 5");
    const AuditFinding finding = verifyChain(*store);
    BOOST_TEST((finding.problem == AuditProblem::SeqGap), findingText(finding));
    BOOST_TEST(finding.seq == 6);
    // Renumbering the rest does not hide it: the links break instead.
    rawSql(location, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 5");
    const AuditFinding renumbered = verifyChain(*store);
    BOOST_TEST((renumbered.problem == AuditProblem::PrevHashMismatch), findingText(renumbered));
    BOOST_TEST(renumbered.seq == 5);
}

BOOST_AUTO_TEST_CASE(two_swapped_entries_are_found_after_the_triggers_were_dropped)
{
    std::string location;
    auto store = storeWithTenEntries(location);
    dropAuditTriggers(location);
    rawSql(location, "UPDATE audit_log SET seq = 1000 WHERE seq = 3");
    rawSql(location, "UPDATE audit_log SET seq = 3 WHERE seq = 4");
    rawSql(location, "UPDATE audit_log SET seq = 4 WHERE seq = 1000");
    const AuditFinding finding = verifyChain(*store);
    BOOST_TEST((finding.problem != AuditProblem::None));
    BOOST_TEST(finding.seq == 3, findingText(finding));
}

BOOST_AUTO_TEST_CASE(a_deleted_tail_is_found_against_the_recorded_head)
{
    std::string location;
    auto store = storeWithTenEntries(location);
    const AuditHead recorded = *store->auditHead();
    dropAuditTriggers(location);
    rawSql(location, "DELETE FROM audit_log WHERE seq > 7");
    BOOST_TEST((verifyChain(*store).problem == AuditProblem::None)); // alone, a shorter chain looks whole
    const AuditFinding finding = verifyChain(*store, recorded);
    BOOST_TEST((finding.problem == AuditProblem::HeadNotFound), findingText(finding));
    // The next write continues from the truncated head: still caught against the recorded one.
    requireOk(store->addSystem(dossierSystem("AFTER"), alice));
    BOOST_TEST(store->auditHead()->seq == 8);
    BOOST_TEST((verifyChain(*store, recorded).problem == AuditProblem::HeadNotFound));
    // A head recorded before the cut is still found.
    const auto entries = auditEntries(*store);
    BOOST_TEST((verifyChain(*store, AuditHead{5, entries[4].hash}).problem == AuditProblem::None));
}

// Several processes append at once: the chain has no fork (two entries after one head) and no gap, and
// verifies; every successful write has its entry.
BOOST_AUTO_TEST_CASE(concurrent_processes_never_fork_the_chain)
{
    constexpr int children = 6;
    constexpr int rounds = 25;
    const std::string location = freshLocation();
    int start[2];
    BOOST_REQUIRE(pipe(start) == 0);
    std::vector<pid_t> pids;
    for (int child = 0; child < children; ++child) {
        const pid_t pid = fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            close(start[1]);
            char go;
            [[maybe_unused]] const auto ignored = read(start[0], &go, 1);
            int failures = 0;
            try {
                auto store = openStoreAt(location);
                const std::string id = "P-" + std::to_string(child);
                const Actor actor{"p" + std::to_string(child), "", Role::Operator, alice.at};
                SystemDescription system = dossierSystem(id);
                failures += store->addSystem(system, actor).ok() ? 0 : 1;
                for (int round = 1; round <= rounds; ++round) {
                    system.answers.values["round"] = std::int64_t{round};
                    failures += store->updateSystem(system, actor).ok() ? 0 : 1;
                    failures +=
                        store->transact([&]() -> Result<bool> {
                                 auto recorded =
                                     store->recordAssessment(id, sampleAssessment(1, 1, std::to_string(round)), actor);
                                 if (!recorded)
                                     return recorded.errors();
                                 return store->saveDossier(Dossier{id, {{"round", std::to_string(round)}}, {}, {}},
                                                           actor);
                             }).ok()
                            ? 0
                            : 1;
                }
            } catch (...) {
                _exit(3);
            }
            _exit(failures == 0 ? 0 : 1);
        }
        pids.push_back(pid);
    }
    close(start[0]);
    close(start[1]);
    for (const pid_t pid : pids) {
        int status = 0;
        BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
        BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    auto store = openStoreAt(location);
    const auto entries = auditEntries(*store);
    BOOST_TEST(entries.size() == static_cast<size_t>(children * (1 + 3 * rounds)));
    std::set<std::string> previous;
    for (const AuditEntry& entry : entries)
        BOOST_TEST(previous.insert(entry.prevHash).second, "fork after " << entry.prevHash);
    const AuditFinding finding = verifyChain(*store);
    BOOST_TEST((finding.problem == AuditProblem::None), findingText(finding));
    for (int child = 0; child < children; ++child) {
        const std::string id = "P-" + std::to_string(child);
        BOOST_TEST(store->assessments(id)->size() == static_cast<size_t>(rounds));
    }
}

// A writer killed with SIGKILL in the middle of its writes, again and again: the store opens, every change
// it holds has its entry and every entry its change, and the chain verifies.
BOOST_AUTO_TEST_CASE(a_writer_killed_mid_write_leaves_a_consistent_store_and_chain)
{
    const std::string location = freshLocation();
    openStoreAt(location); // created before the writers start
    std::mt19937 random(12345);
    for (int attempt = 0; attempt < 5; ++attempt) {
        const pid_t pid = fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            try {
                auto store = openStoreAt(location);
                const std::string id = "K-" + std::to_string(attempt);
                const Actor actor{"k" + std::to_string(attempt), "", Role::Operator, alice.at};
                SystemDescription system = dossierSystem(id);
                store->addSystem(system, actor);
                for (int round = 1;; ++round) {
                    system.answers.values["round"] = std::int64_t{round};
                    store->saveSystem(system, false, sampleAssessment(1, 1, std::to_string(round)), actor);
                    store->saveDossier(Dossier{id, {{"round", std::to_string(round)}}, {}, {}}, actor);
                }
            } catch (...) {
            }
            _exit(0);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(150 + random() % 250));
        kill(pid, SIGKILL);
        int status = 0;
        BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
        BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    }
    auto store = openStoreAt(location);
    const AuditFinding finding = verifyChain(*store);
    BOOST_TEST((finding.problem == AuditProblem::None), findingText(finding));
    std::map<std::string, std::map<std::string, int>> counted; // system → action → entries
    for (const AuditEntry& entry : auditEntries(*store))
        ++counted[entry.subjectId][entry.action];
    auto systems = store->systems();
    requireOk(systems);
    BOOST_TEST(systems->size() == counted.size());
    for (const StoredSystem& system : *systems) {
        const std::string& id = system.description.id;
        auto& actions = counted[id];
        BOOST_TEST(actions["system.add"] == 1, id);
        BOOST_TEST(static_cast<size_t>(actions["assessment.record"]) == store->assessments(id)->size(), id);
        size_t rounds = 0;
        auto history = store->answerHistory(id);
        requireOk(history);
        for (const AnswerChange& change : *history)
            rounds += change.key == "round" ? 1 : 0;
        BOOST_TEST(static_cast<size_t>(actions["system.update"]) == rounds, id);
        BOOST_TEST(actions["assessment.record"] > 0, id << ": the writer was killed before it wrote anything");
    }
}

// A writer that had to wait for another connection's unit of work (the SQLite write lock; on PostgreSQL the
// audit_log lock taken before the snapshot) appends after that unit's entries, never after a stale head.
BOOST_AUTO_TEST_CASE(a_writer_that_waited_for_another_appends_after_its_entries)
{
    std::string location;
    auto first = freshStore(&location);
    auto second = openStoreAt(location);
    requireOk(first->addSystem(dossierSystem("BEFORE"), alice));
    std::thread other;
    bool otherOk = false;
    requireOk(first->transact([&]() -> Result<bool> {
        requireOk(first->addSystem(dossierSystem("FIRST"), alice));
        other = std::thread([&] { otherOk = second->addSystem(dossierSystem("SECOND"), bob).ok(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the other writer is waiting now
        requireOk(first->recordAssessment("FIRST", sampleAssessment(1, 1), alice));
        return true;
    }));
    other.join();
    BOOST_TEST(otherOk);
    const auto entries = auditEntries(*first);
    BOOST_REQUIRE(entries.size() == 4u);
    BOOST_TEST(entries[1].subjectId == "FIRST");
    BOOST_TEST(entries[2].subjectId == "FIRST");
    BOOST_TEST(entries[3].subjectId == "SECOND");
    BOOST_TEST(entries[3].prevHash == entries[2].hash);
    BOOST_TEST((verifyChain(*second).problem == AuditProblem::None));
}

// ---- inspections ------------------------------------------------------------------------------------------------

namespace {

Date day(int y, unsigned m, unsigned d)
{
    return std::chrono::year{y} / m / d;
}

Inspection provincialInspection()
{
    Inspection i;
    i.id = "TTR-2026-01";
    i.decisionNumber = "125/QĐ-TTr";
    i.decisionDate = day(2026, 10, 5);
    i.inspectingBody = "TTR-TINH";
    i.scope.organisationId = "UBND";
    i.scope.systems = {"SYS-2", "SYS-1"};
    i.scope.periodFrom = day(2020, 1, 1);
    i.scope.periodTo = day(2026, 9, 30);
    i.team = {"thanh.tra.1", "thanh.tra.2"};
    return i;
}

void inspectionWorld(Store& store)
{
    requireOk(store.upsertOrganisation({"UBND", "UBND tỉnh", "", ""}, alice));
    requireOk(store.upsertOrganisation({"TTR-TINH", "Thanh tra tỉnh", "UBND", ""}, alice));
    requireOk(store.saveUser({"thanh.tra.1", "Thanh tra viên 1", {{"TTR-TINH", Role::Inspector}}}, alice));
    requireOk(store.saveUser({"thanh.tra.2", "Thanh tra viên 2", {{"TTR-TINH", Role::Inspector}}}, alice));
    requireOk(store.saveSystem(test::sampleSystem("SYS-1"), true, test::sampleAssessment(3, 3), alice));
    requireOk(store.saveSystem(test::sampleSystem("SYS-2"), true, test::sampleAssessment(2, 2), alice));
}

} // namespace

BOOST_AUTO_TEST_CASE(inspections_round_trip_and_a_save_that_changes_nothing_appends_no_entry)
{
    auto store = freshStore();
    inspectionWorld(*store);
    BOOST_TEST(store->inspections()->empty());
    const Actor inspector{"thanh.tra.1", "TTR-TINH", Role::Inspector, utc(2026, 10, 6, 8, 0, 0)};
    Inspection inspection = provincialInspection();
    inspection.decisionNumber = test::injection;
    const std::int64_t before = auditEntries(*store).size();
    auto saved = store->saveInspection(inspection, inspector);
    requireOk(saved);
    BOOST_TEST(*saved);
    BOOST_TEST(!*store->saveInspection(inspection, bob)); // the same again: nothing changed
    auto entries = auditEntries(*store);
    BOOST_REQUIRE(entries.size() == static_cast<size_t>(before + 1));
    BOOST_TEST(entries.back().action == "inspection.save");
    BOOST_TEST(entries.back().subjectKind == "inspection");
    BOOST_TEST(entries.back().subjectId == "TTR-2026-01");
    BOOST_TEST(entries.back().actor.userId == "thanh.tra.1");
    BOOST_TEST(entries.back().details.find("\"team\":[\"thanh.tra.1\",\"thanh.tra.2\"]") != std::string::npos,
               entries.back().details);

    auto loaded = store->inspection("TTR-2026-01");
    requireOk(loaded);
    BOOST_REQUIRE(loaded->has_value());
    const Inspection& got = (*loaded)->inspection;
    BOOST_TEST(got.decisionNumber == test::injection);
    BOOST_TEST((got.decisionDate == day(2026, 10, 5)));
    BOOST_TEST(got.inspectingBody == "TTR-TINH");
    BOOST_TEST(got.scope.organisationId == "UBND");
    BOOST_TEST((got.scope.systems == std::vector<std::string>{"SYS-2", "SYS-1"}));
    BOOST_TEST((got.scope.periodFrom == day(2020, 1, 1)));
    BOOST_TEST((got.scope.periodTo == day(2026, 9, 30)));
    BOOST_TEST((got.team == std::vector<std::string>{"thanh.tra.1", "thanh.tra.2"}));
    BOOST_TEST((*loaded)->createdBy.userId == "thanh.tra.1");
    BOOST_TEST((*loaded)->createdBy.role == "inspector");
    BOOST_TEST(((*loaded)->createdAt == inspector.at));

    // A change is kept, with who changed it, and appends its entry.
    inspection.team = {"thanh.tra.2"};
    inspection.scope.systems.clear();
    BOOST_TEST(*store->saveInspection(inspection, bob));
    BOOST_TEST(auditEntries(*store).size() == static_cast<size_t>(before + 2));
    auto changed = store->inspection("TTR-2026-01");
    BOOST_TEST((*changed)->inspection.team == std::vector<std::string>{"thanh.tra.2"});
    BOOST_TEST((*changed)->inspection.scope.systems.empty());
    BOOST_TEST((*changed)->updatedBy.userId == "bob");
    BOOST_TEST((*changed)->createdBy.userId == "thanh.tra.1");

    Inspection second = provincialInspection();
    second.id = "TTR-2025-07";
    requireOk(store->saveInspection(second, alice));
    auto all = store->inspections();
    requireOk(all);
    BOOST_REQUIRE(all->size() == 2u);
    BOOST_TEST(all->front().inspection.id == "TTR-2025-07");
    BOOST_TEST(!store->inspection(test::injection)->has_value());
}

BOOST_AUTO_TEST_CASE(an_inspection_naming_what_does_not_exist_or_reading_wrong_is_refused_and_nothing_is_stored)
{
    auto store = freshStore();
    inspectionWorld(*store);
    const size_t before = auditEntries(*store).size();
    auto refused = [&](Inspection inspection, ErrorKind kind, const std::string& field) {
        auto saved = store->saveInspection(inspection, alice);
        BOOST_REQUIRE(!saved.ok());
        BOOST_TEST((saved.errors().front().kind == kind));
        BOOST_TEST(saved.errors().front().field == field);
    };
    Inspection i = provincialInspection();
    i.inspectingBody = "NOWHERE";
    refused(i, ErrorKind::NotFound, "organisation");
    i = provincialInspection();
    i.scope.organisationId = "NOWHERE";
    refused(i, ErrorKind::NotFound, "organisation");
    i = provincialInspection();
    i.team.push_back("nobody");
    refused(i, ErrorKind::NotFound, "team");
    i = provincialInspection();
    i.scope.systems.push_back("NO-SYS");
    refused(i, ErrorKind::NotFound, "systems");
    i = provincialInspection();
    i.team.push_back("thanh.tra.1");
    refused(i, ErrorKind::InvalidInput, "team");
    i = provincialInspection();
    i.scope.periodTo = day(2019, 12, 31);
    refused(i, ErrorKind::InvalidInput, "period");
    i = provincialInspection();
    i.id = "";
    refused(i, ErrorKind::InvalidInput, "id");
    BOOST_TEST(store->inspections()->empty());
    BOOST_TEST(auditEntries(*store).size() == before);

    // Inside a unit of work that fails, a saved inspection goes too.
    auto unit = store->transact([&]() -> Result<bool> {
        requireOk(store->saveInspection(provincialInspection(), alice));
        return makeError(ErrorKind::Conflict, "", 0, "", "thôi", "abandon");
    });
    BOOST_TEST(!unit.ok());
    BOOST_TEST(store->inspections()->empty());
    BOOST_TEST(auditEntries(*store).size() == before);
}

namespace {

Finding foundOn(const std::string& system, const std::string& rule, const std::string& subject = {})
{
    Finding f;
    f.ruleId = rule;
    f.rulesetId = "VN-2022";
    f.rulesetVersion = "1.0.0";
    f.organisationId = "UBND";
    f.systemId = system;
    f.systemName = test::injection;
    f.subject = subject;
    f.factDate = day(2025, 5, 1);
    f.citation = "NĐ85 Art 12, 14, 16";
    f.severity = "high";
    f.responsible = "owner";
    f.title = {"Chưa phê duyệt", "Not approved"};
    f.recommendation = {"Phê duyệt", "Approve"};
    f.facts = {{"state", "draft"}, {"note", test::injection}};
    return f;
}

} // namespace

BOOST_AUTO_TEST_CASE(findings_merge_without_duplicates_and_a_closed_one_found_again_is_reopened)
{
    auto store = freshStore();
    inspectionWorld(*store);
    requireOk(store->saveInspection(provincialInspection(), alice));
    const std::vector<Finding> run = {foundOn("SYS-1", "no_approved_level"),
                                      foundOn("SYS-2", "duty_overdue", "training")};
    const size_t before = auditEntries(*store).size();
    auto first = store->mergeFindings("TTR-2026-01", run, day(2027, 3, 31), alice);
    requireOk(first);
    BOOST_TEST(first->added == 2);
    BOOST_TEST(auditEntries(*store).size() == before + 2);
    auto second = store->mergeFindings("TTR-2026-01", run, day(2027, 6, 30), bob);
    requireOk(second);
    BOOST_TEST(second->added == 0);
    BOOST_TEST(second->unchanged == 2);
    BOOST_TEST(auditEntries(*store).size() == before + 2); // nothing changed, nothing appended

    auto stored = store->findings("TTR-2026-01");
    requireOk(stored);
    BOOST_REQUIRE(stored->size() == 2u);
    const StoredFinding& f = stored->front();
    BOOST_TEST(f.finding.key() == "duty_overdue|SYS-2|training");
    BOOST_TEST(f.finding.systemName == test::injection);
    BOOST_TEST(f.finding.citation == "NĐ85 Art 12, 14, 16");
    BOOST_TEST(f.finding.title.en == "Not approved");
    BOOST_REQUIRE(f.finding.facts.size() == 2u);
    BOOST_TEST(f.finding.facts[1].second == test::injection);
    BOOST_TEST((f.status == RemediationStatus::Open));
    BOOST_TEST((f.deadline == day(2027, 3, 31))); // the first run's deadline stays
    BOOST_REQUIRE(f.history.size() == 1u);
    BOOST_TEST(f.history.front().userId == "alice");

    // Progress, then closing, each with its entry; a closed finding found again is reopened.
    requireOk(store->updateFinding("TTR-2026-01", "no_approved_level|SYS-1|", std::nullopt,
                                   {RemediationStatus::InProgress, "đang lập hồ sơ", "", "", ""}, {}, bob));
    requireOk(store->updateFinding("TTR-2026-01", "no_approved_level|SYS-1|", day(2027, 9, 30),
                                   {RemediationStatus::Closed, "đã phê duyệt", "QĐ 12/QĐ-UBND", "", ""}, {}, alice));
    auto closed = store->findings("TTR-2026-01");
    const StoredFinding& c = closed->back();
    BOOST_TEST((c.status == RemediationStatus::Closed));
    BOOST_TEST((c.deadline == day(2027, 9, 30)));
    BOOST_REQUIRE(c.history.size() == 3u);
    BOOST_TEST(c.history[2].evidence == "QĐ 12/QĐ-UBND");
    BOOST_TEST(c.history[1].userId == "bob");
    auto third = store->mergeFindings("TTR-2026-01", run, day(2028, 1, 31), bob);
    requireOk(third);
    BOOST_TEST(third->reopened == 1);
    BOOST_TEST(third->unchanged == 1);
    auto reopened = store->findings("TTR-2026-01");
    BOOST_TEST((reopened->back().status == RemediationStatus::Open));
    BOOST_TEST(reopened->back().history.size() == 4u);
    BOOST_TEST(reopened->size() == 2u);
    auto entries = auditEntries(*store);
    BOOST_TEST(entries.back().action == "finding.reopen");
    BOOST_TEST(entries.back().subjectId == "TTR-2026-01/no_approved_level|SYS-1|");
    BOOST_TEST(entries[entries.size() - 2].action == "finding.update");

    // Refusals change nothing.
    const size_t now = auditEntries(*store).size();
    auto unknownInspection = store->mergeFindings("NOPE", run, std::nullopt, alice);
    BOOST_REQUIRE(!unknownInspection.ok());
    BOOST_TEST((unknownInspection.errors().front().kind == ErrorKind::NotFound));
    auto unknownFinding = store->updateFinding("TTR-2026-01", "nope", std::nullopt,
                                               {RemediationStatus::Closed, "", "", "", ""}, {}, alice);
    BOOST_REQUIRE(!unknownFinding.ok());
    BOOST_TEST((unknownFinding.errors().front().kind == ErrorKind::NotFound));
    auto twice = store->mergeFindings("TTR-2026-01", {run[0], run[0]}, std::nullopt, alice);
    BOOST_REQUIRE(!twice.ok());
    BOOST_TEST(twice.errors().front().field == "findings");
    BOOST_TEST(auditEntries(*store).size() == now);
}

namespace {

Attachment evidenceFile(const std::string& name, const std::string& bytes, const std::string& mediaType = {})
{
    return Attachment{"evidence", name, mediaType, bytes.size(), sha256Hex(bytes), {}, false};
}

} // namespace

BOOST_AUTO_TEST_CASE(remediation_entries_keep_their_evidence_files_and_a_failed_write_leaves_nothing)
{
    auto store = freshStore();
    inspectionWorld(*store);
    requireOk(store->saveInspection(provincialInspection(), alice));
    requireOk(store->mergeFindings("TTR-2026-01", {foundOn("SYS-1", "no_approved_level")}, day(2027, 3, 31), alice));
    const std::string key = "no_approved_level|SYS-1|";
    const std::string report = std::string("%PDF-1.7\n\0\xff binary report", 25);
    const std::string photo = "\x89PNG\r\n\x1a\n photo of the signed regulation";

    // Remediated with two files and no text; the same bytes given again later are kept once.
    RemediationEntry remediated{RemediationStatus::Remediated, "đã ban hành quy chế", "", "", ""};
    remediated.files = {evidenceFile("bien-ban.pdf", report, "application/pdf"), evidenceFile("anh.png", photo)};
    requireOk(store->updateFinding("TTR-2026-01", key, std::nullopt, remediated, {report, photo}, bob));
    auto entries = auditEntries(*store);
    BOOST_TEST(entries.back().action == "finding.update");
    BOOST_TEST(contains(entries.back().details, "\"files\":[{\"name\":\"bien-ban.pdf\",\"media_type\":"
                                                "\"application/pdf\",\"size\":25,\"sha256\":\"" +
                                                    sha256Hex(report) + "\"}"));
    BOOST_TEST(contains(entries.back().details, sha256Hex(photo)));
    RemediationEntry closing{RemediationStatus::Closed, "đã kiểm tra", "QĐ 12", "", ""};
    closing.files = {evidenceFile("bien-ban.pdf", report, "application/pdf")};
    requireOk(store->updateFinding("TTR-2026-01", key, std::nullopt, closing, {report}, alice));
    // An entry without files keeps the audit text it always had (no "files" member).
    requireOk(store->updateFinding("TTR-2026-01", key, std::nullopt, {RemediationStatus::Open, "mở lại", "", "", ""},
                                   {}, alice));
    BOOST_TEST(!contains(auditEntries(*store).back().details, "files"));

    auto stored = store->findings("TTR-2026-01");
    requireOk(stored);
    BOOST_REQUIRE(stored->size() == 1u);
    const auto& history = stored->front().history;
    BOOST_REQUIRE(history.size() == 4u);
    BOOST_TEST(history[0].files.empty());
    BOOST_REQUIRE(history[1].files.size() == 2u);
    BOOST_TEST(history[1].files[0].name == "bien-ban.pdf");
    BOOST_TEST(history[1].files[0].kind == "evidence");
    BOOST_TEST(history[1].files[0].mediaType == "application/pdf");
    BOOST_TEST(history[1].files[0].size == report.size());
    BOOST_TEST(history[1].files[0].sha256 == sha256Hex(report));
    BOOST_TEST(history[1].files[1].name == "anh.png");
    BOOST_TEST(history[1].files[1].sha256 == sha256Hex(photo));
    BOOST_TEST(history[1].userId == "bob");
    BOOST_REQUIRE(history[2].files.size() == 1u);
    BOOST_TEST(history[2].evidence == "QĐ 12");
    BOOST_TEST(history[3].files.empty());
    auto content = store->recordContent(sha256Hex(report));
    requireOk(content);
    BOOST_TEST((content->value_or("") == report)); // byte for byte, NUL and 0xFF included
    BOOST_TEST((store->recordContent(sha256Hex(photo))->value_or("") == photo));

    // Failed writes leave nothing: no entry, no file row, no content, no audit entry.
    const size_t audit = auditEntries(*store).size();
    const std::string fresh = "content nobody has stored";
    auto expectNothing = [&](const char* what) {
        BOOST_TEST_CONTEXT(what)
        {
            auto now = store->findings("TTR-2026-01");
            requireOk(now);
            BOOST_TEST(now->front().history.size() == 4u);
            BOOST_TEST((now->front().status == RemediationStatus::Open));
            BOOST_TEST(auditEntries(*store).size() == audit);
            auto kept = store->recordContent(sha256Hex(fresh));
            requireOk(kept);
            BOOST_TEST(!kept->has_value());
        }
    };
    for (const std::string& hostile : {std::string("../../etc/passwd"), std::string("a\\b.pdf"),
                                       std::string("bad\nname.pdf"), std::string(".."), std::string()}) {
        RemediationEntry bad{RemediationStatus::Remediated, "", "x", "", ""};
        bad.files = {evidenceFile("ok.pdf", fresh), evidenceFile(hostile, fresh)};
        auto refused = store->updateFinding("TTR-2026-01", key, std::nullopt, bad, {fresh, fresh}, bob);
        BOOST_REQUIRE(!refused.ok());
        BOOST_TEST(refused.errors().front().field == "evidence_file");
        expectNothing("hostile name");
    }
    RemediationEntry altered{RemediationStatus::Remediated, "", "x", "", ""};
    altered.files = {evidenceFile("a.pdf", fresh)};
    BOOST_TEST(!store->updateFinding("TTR-2026-01", key, std::nullopt, altered, {"EVIL"}, bob).ok());
    BOOST_TEST(!store->updateFinding("TTR-2026-01", key, std::nullopt, altered, {}, bob).ok());
    expectNothing("contents that do not match");
    auto unknown = store->updateFinding("TTR-2026-01", "nope", std::nullopt, altered, {fresh}, bob);
    BOOST_TEST((!unknown.ok() && unknown.errors().front().kind == ErrorKind::NotFound));
    expectNothing("unknown finding");
    // The entry and its files are one write with whatever the unit of work does: a later failure undoes them.
    auto unit = store->transact([&]() -> Result<bool> {
        requireOk(store->updateFinding("TTR-2026-01", key, std::nullopt, altered, {fresh}, bob));
        return store->addSystem(test::sampleSystem("SYS-1"), alice); // a conflict: the whole unit goes
    });
    BOOST_REQUIRE(!unit.ok());
    expectNothing("rolled-back unit of work");
}

BOOST_AUTO_TEST_CASE(steps_and_dossiers_of_many_systems_are_those_of_each_in_the_order_asked)
{
    auto store = freshStore();
    // An id that a text array or an IN list must quote: quotes, a brace, a comma, a backslash.
    const std::string odd = std::string("S\"{1},\\") + "'";
    for (const std::string& id : {std::string("S-A"), std::string("S-B"), odd}) {
        requireOk(store->addSystem(dossierSystem(id), alice));
        if (id == "S-B")
            continue; // no step, no dossier
        requireOk(store->appendWorkflowStep(stepRecord(id, 1, "submit_appraisal", "draft", "submitted_for_appraisal"),
                                            {}, alice));
        requireOk(store->appendWorkflowStep(
            stepRecord(id, 2, "appraise_fit", "submitted_for_appraisal", "appraised_fit"), {}, bob));
        Dossier d = sampleDossier(id);
        d.fields["A.3.note"] = id;
        requireOk(store->saveDossier(d, alice));
    }
    const std::vector<std::string> asked{odd, "NOPE", "S-B", "S-A"};

    auto steps = store->workflowStepsOf(asked);
    requireOk(steps);
    std::vector<WorkflowStepRecord> expected;
    for (const std::string& id : asked) {
        auto one = store->workflowSteps(id);
        requireOk(one);
        expected.insert(expected.end(), one->begin(), one->end());
    }
    BOOST_REQUIRE(steps->size() == 4u);
    BOOST_REQUIRE(steps->size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST((*steps)[i].systemId == expected[i].systemId);
        BOOST_TEST((*steps)[i].seq == expected[i].seq);
        BOOST_TEST((*steps)[i].step == expected[i].step);
        BOOST_TEST((*steps)[i].fromState == expected[i].fromState);
        BOOST_TEST((*steps)[i].toState == expected[i].toState);
        BOOST_TEST(((*steps)[i].date == expected[i].date));
        BOOST_TEST((*steps)[i].note == expected[i].note);
        BOOST_TEST((*steps)[i].actor.userId == expected[i].actor.userId);
        BOOST_TEST(((*steps)[i].at == expected[i].at));
    }
    BOOST_TEST((*steps)[0].systemId == odd);
    BOOST_TEST((*steps)[1].seq == 2);
    BOOST_TEST((*steps)[3].systemId == "S-A");

    auto dossiers = store->dossiersOf(asked);
    requireOk(dossiers);
    BOOST_REQUIRE(dossiers->size() == asked.size());
    for (size_t i = 0; i < asked.size(); ++i) {
        const Dossier& got = (*dossiers)[i];
        BOOST_TEST(got.systemId == asked[i]);
        auto one = store->dossier(asked[i]);
        if (!one.ok()) { // the unknown id: an empty dossier
            BOOST_TEST(asked[i] == "NOPE");
            BOOST_TEST((got.fields.empty() && got.requirements.empty() && got.attachments.empty()));
            continue;
        }
        BOOST_TEST(got.fields == one->fields);
        BOOST_REQUIRE(got.requirements.size() == one->requirements.size());
        for (size_t r = 0; r < got.requirements.size(); ++r) {
            BOOST_TEST(got.requirements[r].groupId == one->requirements[r].groupId);
            BOOST_TEST(got.requirements[r].item == one->requirements[r].item);
            BOOST_TEST(got.requirements[r].how == one->requirements[r].how);
            BOOST_TEST((got.requirements[r].plannedBy == one->requirements[r].plannedBy));
        }
        BOOST_REQUIRE(got.attachments.size() == one->attachments.size());
        for (size_t a = 0; a < got.attachments.size(); ++a)
            BOOST_TEST(got.attachments[a].sha256 == one->attachments[a].sha256);
    }
    BOOST_TEST((*dossiers)[0].fields.at("A.3.note") == odd);
    BOOST_TEST((*dossiers)[2].fields.empty());
    BOOST_TEST((*dossiers)[3].requirements.size() == 2u);
    BOOST_TEST(store->workflowStepsOf({})->empty());
    BOOST_TEST(store->dossiersOf({})->empty());
}
