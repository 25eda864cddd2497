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

namespace {

struct Outcome {
    AuditFinding finding;
    AuditHead head;
};

Outcome sequential(const std::vector<AuditEntry>& entries, std::optional<AuditHead> expect)
{
    AuditVerifier verifier(std::move(expect));
    for (const AuditEntry& entry : entries)
        if (!verifier.feed(entry))
            break;
    Outcome outcome{verifier.finish(), verifier.head()};
    return outcome;
}

Outcome pipelined(const std::vector<AuditEntry>& entries, std::optional<AuditHead> expect)
{
    PipelinedAuditVerifier verifier(std::move(expect));
    std::vector<std::string> times; // the views point into these
    times.reserve(entries.size());
    for (const AuditEntry& e : entries) {
        times.push_back(isoTimestamp(e.at));
        const AuditEntryView view{e.seq,        times.back(), e.actor.userId, e.actor.organisationId,
                                  e.actor.role, e.action,     e.subjectKind,  e.subjectId,
                                  e.details,    e.prevHash,   e.hash};
        if (!verifier.feed(view))
            break;
    }
    Outcome outcome{verifier.finish(), verifier.head()};
    return outcome;
}

void sameOutcome(const std::vector<AuditEntry>& entries, std::optional<AuditHead> expect, const std::string& what)
{
    const Outcome a = sequential(entries, expect);
    const Outcome b = pipelined(entries, expect);
    BOOST_TEST((a.finding.problem == b.finding.problem), what);
    BOOST_TEST(a.finding.seq == b.finding.seq, what);
    BOOST_TEST(a.finding.expected == b.finding.expected, what);
    BOOST_TEST(a.finding.found == b.finding.found, what);
    if (b.finding.problem != AuditProblem::HashMismatch) // the pipelined one leaves these to the caller
        BOOST_TEST(a.finding.subjectId == b.finding.subjectId, what);
    BOOST_TEST(a.head.seq == b.head.seq, what);
    BOOST_TEST(a.head.hash == b.head.hash, what);
}

} // namespace

// The two-thread verifier finds exactly what the sequential one finds, on chains spanning many batches.
BOOST_AUTO_TEST_CASE(the_pipelined_verifier_agrees_with_the_sequential_one)
{
    const auto base = chain(10'000); // more than two batches of 4096
    sameOutcome(base, std::nullopt, "intact");
    sameOutcome(base, AuditHead{9'000, base[8'999].hash}, "expected head inside");
    sameOutcome({}, std::nullopt, "empty");
    sameOutcome({}, AuditHead{3, base[2].hash}, "empty, head expected");
    auto truncated = base;
    truncated.resize(5'000);
    sameOutcome(truncated, AuditHead{9'000, base[8'999].hash}, "truncated");
    for (const std::size_t at : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{4096},
                                 std::size_t{8191}, std::size_t{9'999}}) {
        const std::string where = " at index " + std::to_string(at);
        auto edited = base;
        edited[at].details += "x";
        sameOutcome(edited, std::nullopt, "edited" + where);
        auto rehashed = edited;
        rehashed[at].hash = auditEntryHash(rehashed[at]);
        sameOutcome(rehashed, std::nullopt, "edited and rehashed" + where);
        auto deleted = base;
        deleted.erase(deleted.begin() + static_cast<std::ptrdiff_t>(at));
        sameOutcome(deleted, std::nullopt, "deleted" + where);
        auto badTime = base;
        badTime[at].at = TimePoint{};
        sameOutcome(badTime, std::nullopt, "time changed" + where);
        auto badHash = base;
        badHash[at].hash = "short";
        sameOutcome(badHash, std::nullopt, "malformed hash" + where);
        if (at + 1 < base.size()) {
            auto swapped = base;
            std::swap(swapped[at], swapped[at + 1]);
            sameOutcome(swapped, std::nullopt, "swapped" + where);
        }
    }
    // Two faults: the earlier one is reported whichever thread finds it.
    auto two = base;
    two[7'000].details += "x";      // found by the hashing thread
    two.erase(two.begin() + 8'000); // found by the reading thread
    sameOutcome(two, std::nullopt, "hash fault first");
    auto other = base;
    other.erase(other.begin() + 3'000); // reading thread
    other[6'000].details += "x";        // hashing thread
    sameOutcome(other, std::nullopt, "gap first");
}
