#pragma once
// The audit trail both stores keep (no SQL here): an append-only, hash-chained list of every change.
//
// Entry n carries seq = n (1, 2, 3 … without gaps), who acted (user, organisation, role) and when, what was
// done (action, subject) and a canonical, deterministic text of what changed (details). Its hash is
//   SHA-256( "seclevel-audit-1\n" ‖ lp(prevHash) ‖ lp(seq) ‖ lp(at) ‖ lp(user) ‖ lp(organisation) ‖ lp(role)
//            ‖ lp(action) ‖ lp(subjectKind) ‖ lp(subjectId) ‖ lp(details) )
// where lp(x) = decimal byte length of x, ':', x (netstring-like, so no two entries encode alike), seq is
// written in decimal and `at` as isoTimestamp (whole seconds, UTC). prevHash is the hash of entry n−1, 64 zeros
// for entry 1. Everything is lowercase hex.
//
// Verification needs nothing but the rows: an edited entry no longer matches its hash, a deleted, inserted or
// reordered one breaks the seq run or the prevHash link, and a truncated tail is caught against a head
// recorded elsewhere (an exported dossier, `seclevel audit head`). Dropping the database's append-only
// triggers therefore hides nothing.
#include "core/Actor.h"
#include "storage/Store.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace seclevel {

inline constexpr std::string_view genesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// What the head of a chain is: the last entry's seq and hash; seq 0 and genesisHash for an empty chain.
struct AuditHead {
    std::int64_t seq = 0;
    std::string hash = std::string(genesisHash);
    bool operator==(const AuditHead&) const = default;
};

// What a write appends, before the store gives it its place in the chain.
struct AuditRecord {
    std::string action;      // "system.add", "dossier.save", … (see Store.h, appendAudit)
    std::string subjectKind; // "system", "organisation", …
    std::string subjectId;
    std::string details; // canonical text of what changed (storage/AuditDetails.h)
};

struct AuditEntry {
    std::int64_t seq = 0;
    TimePoint at;
    RecordedActor actor;
    std::string action;
    std::string subjectKind;
    std::string subjectId;
    std::string details;
    std::string prevHash;
    std::string hash;
};

// An entry as a store reads it, without copying: valid only while the store's callback runs.
struct AuditEntryView {
    std::int64_t seq = 0;
    std::string_view at; // isoTimestamp text
    std::string_view user, organisation, role;
    std::string_view action, subjectKind, subjectId, details;
    std::string_view prevHash, hash;

    // A copy that outlives the callback (`at` parsed; a damaged time becomes the epoch).
    AuditEntry entry() const;
};

// The hash entry `entry` must carry (its own `hash` member is not read).
std::string auditEntryHash(const AuditEntry& entry);
// The same from the stored texts, without parsing `at` back (what the verifier and the stores use).
std::string auditEntryHash(std::string_view prevHash, std::int64_t seq, std::string_view at, std::string_view user,
                           std::string_view organisation, std::string_view role, std::string_view action,
                           std::string_view subjectKind, std::string_view subjectId, std::string_view details);

// Appends what auditEntryHash hashes to `preimage`.
void appendAuditPreimage(std::string& preimage, std::string_view prevHash, std::int64_t seq, std::string_view at,
                         std::string_view user, std::string_view organisation, std::string_view role,
                         std::string_view action, std::string_view subjectKind, std::string_view subjectId,
                         std::string_view details);

// The entry that follows `head`: seq head.seq + 1, prevHash head.hash, and its hash.
AuditEntry chainedEntry(const AuditHead& head, const AuditRecord& record, const Actor& actor);

// What is wrong with the first bad entry.
enum class AuditProblem {
    None,
    HashMismatch,     // the entry was edited (its fields no longer give its hash)
    PrevHashMismatch, // an entry before it was deleted, inserted, edited together with its hash, or reordered
    SeqGap,           // seq does not follow the previous one (deleted, inserted or reordered entries)
    BadTime,          // the stored time is not an ISO timestamp
    HeadNotFound,     // the expected head is not in the chain (the tail was truncated or rewritten)
};

struct AuditFinding {
    AuditProblem problem = AuditProblem::None;
    std::int64_t seq = 0; // the bad entry's seq as stored (for HeadNotFound: the expected seq, if known)
    std::string action, subjectKind, subjectId;
    std::string expected, found; // hashes or seqs, for the message
};

// Bilingual description of a finding ("Mục 17 (system.update, system HN-01): …").
LocalizedText describeAuditFinding(const AuditFinding& finding);

// Streaming verification: feed the entries in seq order, starting with seq 1; memory stays constant.
class AuditVerifier {
public:
    // `expectHead`: a head recorded elsewhere (hash, optionally with its seq) that must be one of the entries;
    // the chain may have grown since.
    explicit AuditVerifier(std::optional<AuditHead> expectHead = std::nullopt);

    // False once an entry was bad (the first finding is kept; later entries are ignored).
    bool feed(std::int64_t seq, std::string_view at, std::string_view user, std::string_view organisation,
              std::string_view role, std::string_view action, std::string_view subjectKind, std::string_view subjectId,
              std::string_view details, std::string_view prevHash, std::string_view hash);
    bool feed(const AuditEntry& entry);
    bool feed(const AuditEntryView& entry);

    // After the last entry: the finding (None when intact) and the head reached.
    AuditFinding finish();
    const AuditHead& head() const { return m_head; }
    std::int64_t count() const { return m_count; }

private:
    void fault(AuditProblem problem, std::int64_t seq, std::string_view action, std::string_view subjectKind,
               std::string_view subjectId, std::string expected, std::string found);

    std::optional<AuditHead> m_expect;
    bool m_expectSeen = false;
    AuditHead m_head;
    std::int64_t m_count = 0;
    AuditFinding m_finding;
};

} // namespace seclevel

namespace seclevel {

// The same verification with the hashing on a second thread, so that reading the rows (the store, this
// thread) and hashing them run on two cores at once; memory stays bounded (a few batches of entries in
// flight). It finds exactly what AuditVerifier finds (tests/storage/audit_chain_test.cpp compares them),
// except that for an entry found edited (HashMismatch) the hashing thread knows only its seq: the caller
// fills in action and subject (AuditService::verify reads that one entry again).
class PipelinedAuditVerifier {
public:
    explicit PipelinedAuditVerifier(std::optional<AuditHead> expectHead = std::nullopt);
    ~PipelinedAuditVerifier(); // stops and joins the hashing thread
    PipelinedAuditVerifier(const PipelinedAuditVerifier&) = delete;
    PipelinedAuditVerifier& operator=(const PipelinedAuditVerifier&) = delete;

    // False once this thread found a bad entry (entries after it would not change the finding).
    bool feed(const AuditEntryView& entry);
    // After the last entry: waits for the hashing, then the first finding and the head reached.
    AuditFinding finish();
    const AuditHead& head() const { return m_head; }
    std::int64_t count() const { return m_head.seq; }

private:
    struct Pipeline;
    std::unique_ptr<Pipeline> m_pipeline;
    std::optional<AuditHead> m_expect;
    bool m_expectSeen = false;
    AuditHead m_last; // the last entry read (its stored hash)
    AuditFinding m_readerFinding;
    AuditHead m_readerHead; // the last entry before the reader's finding
    AuditHead m_head;
    bool m_finished = false;
};

} // namespace seclevel
