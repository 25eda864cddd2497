// The audit chain without any store: hashing, chaining and the streaming verifier (storage/AuditChain.h).
#define BOOST_TEST_MODULE audit_chain
#include <boost/test/unit_test.hpp>

#include "storage/AuditChain.h"

#include <chrono>
#include <vector>

using namespace seclevel;

namespace {

const Actor alice{"alice", "UBND-HANAM", Role::Operator,
                  std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + std::chrono::hours{8}};

std::vector<AuditEntry> chain(int length)
{
    std::vector<AuditEntry> entries;
    AuditHead head;
    for (int i = 1; i <= length; ++i) {
        entries.push_back(chainedEntry(
            head,
            AuditRecord{"system.update", "system", "HN-" + std::to_string(i), "{\"n\":" + std::to_string(i) + "}"},
            alice));
        head = AuditHead{entries.back().seq, entries.back().hash};
    }
    return entries;
}

AuditFinding verify(const std::vector<AuditEntry>& entries, std::optional<AuditHead> expect = std::nullopt)
{
    AuditVerifier verifier(std::move(expect));
    for (const AuditEntry& entry : entries)
        verifier.feed(entry);
    return verifier.finish();
}

} // namespace

BOOST_AUTO_TEST_CASE(the_first_entry_follows_the_genesis_hash)
{
    const auto entries = chain(3);
    BOOST_TEST(entries[0].seq == 1);
    BOOST_TEST(entries[0].prevHash == std::string(genesisHash));
    BOOST_TEST(entries[1].prevHash == entries[0].hash);
    BOOST_TEST(entries[2].seq == 3);
    BOOST_TEST(entries[0].actor.role == "operator");
    BOOST_TEST(isoTimestamp(entries[0].at) == "2026-03-01T08:00:00Z");
}

BOOST_AUTO_TEST_CASE(every_field_is_in_the_hash_and_fields_cannot_be_shifted)
{
    const AuditEntry base = chain(1).front();
    auto differs = [&](auto change) {
        AuditEntry copy = base;
        change(copy);
        return auditEntryHash(copy) != base.hash;
    };
    BOOST_TEST(auditEntryHash(base) == base.hash);
    BOOST_TEST(differs([](AuditEntry& e) { e.seq = 2; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.at += std::chrono::seconds(1); }));
    BOOST_TEST(differs([](AuditEntry& e) { e.actor.userId = "bob"; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.actor.organisationId = ""; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.actor.role = "owner"; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.action = "system.add"; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.subjectKind = "systems"; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.subjectId = "HN-2"; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.details += " "; }));
    BOOST_TEST(differs([](AuditEntry& e) { e.prevHash[0] = '1'; }));
    // Moving bytes from one field to the next changes the hash (length prefixes).
    BOOST_TEST(differs([](AuditEntry& e) {
        e.subjectKind = "system" + e.subjectId.substr(0, 1);
        e.subjectId = e.subjectId.substr(1);
    }));
}

BOOST_AUTO_TEST_CASE(an_intact_chain_verifies_and_reaches_its_head)
{
    const auto entries = chain(50);
    AuditVerifier verifier;
    for (const AuditEntry& entry : entries)
        BOOST_TEST(verifier.feed(entry));
    BOOST_TEST((verifier.finish().problem == AuditProblem::None));
    BOOST_TEST(verifier.head().seq == 50);
    BOOST_TEST(verifier.head().hash == entries.back().hash);
    BOOST_TEST((verify({}).problem == AuditProblem::None));
}

BOOST_AUTO_TEST_CASE(an_edited_entry_is_named)
{
    auto entries = chain(10);
    entries[6].details = "{\"n\":700}";
    const AuditFinding finding = verify(entries);
    BOOST_TEST((finding.problem == AuditProblem::HashMismatch));
    BOOST_TEST(finding.seq == 7);
    BOOST_TEST(finding.subjectId == "HN-7");
    const LocalizedText text = describeAuditFinding(finding);
    BOOST_TEST(text.vi.find("Mục 7 (system.update, system HN-7)") != std::string::npos);
    BOOST_TEST(text.en.find("edited") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_edit_with_a_recomputed_hash_breaks_the_next_link)
{
    auto entries = chain(10);
    entries[3].details = "{\"n\":400}";
    entries[3].hash = auditEntryHash(entries[3]);
    const AuditFinding finding = verify(entries);
    BOOST_TEST((finding.problem == AuditProblem::PrevHashMismatch));
    BOOST_TEST(finding.seq == 5);
}

BOOST_AUTO_TEST_CASE(deleted_and_reordered_entries_break_the_run)
{
    auto deleted = chain(10);
    deleted.erase(deleted.begin() + 4);
    BOOST_TEST((verify(deleted).problem == AuditProblem::SeqGap));
    BOOST_TEST(verify(deleted).seq == 6);

    auto swapped = chain(10);
    std::swap(swapped[2].seq, swapped[3].seq); // rows keep their place, their numbers are swapped
    std::swap(swapped[2], swapped[3]);         // and read back in seq order
    const AuditFinding finding = verify(swapped);
    BOOST_TEST((finding.problem == AuditProblem::PrevHashMismatch || finding.problem == AuditProblem::HashMismatch));
    BOOST_TEST(finding.seq == 3);

    auto first = chain(3);
    first.erase(first.begin());
    BOOST_TEST((verify(first).problem == AuditProblem::SeqGap));
    BOOST_TEST(verify(first).seq == 2);
}

BOOST_AUTO_TEST_CASE(a_truncated_tail_is_caught_against_a_recorded_head)
{
    const auto entries = chain(10);
    const AuditHead recorded{8, entries[7].hash};
    BOOST_TEST((verify(entries, recorded).problem == AuditProblem::None)); // the chain grew since: fine
    BOOST_TEST((verify(entries, AuditHead{0, entries[7].hash}).problem == AuditProblem::None));
    auto truncated = entries;
    truncated.resize(7);
    const AuditFinding finding = verify(truncated, recorded);
    BOOST_TEST((finding.problem == AuditProblem::HeadNotFound));
    BOOST_TEST(describeAuditFinding(finding).en.find("truncated") != std::string::npos);
    BOOST_TEST((verify({}, recorded).problem == AuditProblem::HeadNotFound));
    BOOST_TEST((verify({}, AuditHead{}).problem == AuditProblem::None));
    BOOST_TEST((verify(entries, AuditHead{9, entries[7].hash}).problem == AuditProblem::HeadNotFound)); // wrong seq
}
