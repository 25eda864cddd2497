#include "storage/AuditChain.h"

#include "core/Sha256.h"

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace seclevel {

namespace {

// Appends lp(x) = decimal length, ':', x.
void appendField(std::string& out, std::string_view value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value.size()).ptr;
    out.append(digits, end);
    out += ':';
    out.append(value);
}

std::string decimal(std::int64_t value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return std::string(digits, end);
}

} // namespace

void appendAuditPreimage(std::string& preimage, std::string_view prevHash, std::int64_t seq, std::string_view at,
                         std::string_view user, std::string_view organisation, std::string_view role,
                         std::string_view action, std::string_view subjectKind, std::string_view subjectId,
                         std::string_view details)
{
    preimage += "seclevel-audit-1\n";
    appendField(preimage, prevHash);
    char digits[24];
    appendField(preimage, std::string_view(digits, std::to_chars(digits, digits + sizeof digits, seq).ptr));
    appendField(preimage, at);
    appendField(preimage, user);
    appendField(preimage, organisation);
    appendField(preimage, role);
    appendField(preimage, action);
    appendField(preimage, subjectKind);
    appendField(preimage, subjectId);
    appendField(preimage, details);
}

std::string auditEntryHash(std::string_view prevHash, std::int64_t seq, std::string_view at, std::string_view user,
                           std::string_view organisation, std::string_view role, std::string_view action,
                           std::string_view subjectKind, std::string_view subjectId, std::string_view details)
{
    // One buffer per thread: the verifier hashes a million entries without allocating for each.
    thread_local std::string preimage;
    preimage.clear();
    appendAuditPreimage(preimage, prevHash, seq, at, user, organisation, role, action, subjectKind, subjectId, details);
    if (preimage.capacity() > (1u << 20)) {
        std::string digest = sha256Hex(preimage);
        preimage = std::string(); // do not keep a huge buffer for the thread's life
        return digest;
    }
    return sha256Hex(preimage);
}

std::string auditEntryHash(const AuditEntry& entry)
{
    return auditEntryHash(entry.prevHash, entry.seq, isoTimestamp(entry.at), entry.actor.userId,
                          entry.actor.organisationId, entry.actor.role, entry.action, entry.subjectKind,
                          entry.subjectId, entry.details);
}

AuditEntry chainedEntry(const AuditHead& head, const AuditRecord& record, const Actor& actor)
{
    AuditEntry entry;
    entry.seq = head.seq + 1;
    // The chain keeps whole seconds (what isoTimestamp writes), so the time read back hashes the same.
    entry.at = std::chrono::time_point_cast<std::chrono::seconds>(actor.at);
    if (entry.at > actor.at)
        entry.at -= std::chrono::seconds(1);
    entry.actor = RecordedActor{actor.userId, actor.organisationId, roleName(actor.role)};
    entry.action = record.action;
    entry.subjectKind = record.subjectKind;
    entry.subjectId = record.subjectId;
    entry.details = record.details;
    entry.prevHash = head.hash;
    entry.hash = auditEntryHash(entry);
    return entry;
}

LocalizedText describeAuditFinding(const AuditFinding& finding)
{
    const std::string seq = decimal(finding.seq);
    const std::string what = finding.action.empty()
                                 ? std::string()
                                 : " (" + finding.action + ", " + finding.subjectKind + " " + finding.subjectId + ")";
    switch (finding.problem) {
    case AuditProblem::None: return {"Chuỗi nhật ký kiểm toán nguyên vẹn", "The audit chain is intact"};
    case AuditProblem::HashMismatch:
        return {"Mục " + seq + what + ": mã băm không khớp với nội dung (mục đã bị sửa); ghi " + finding.found +
                    ", tính được " + finding.expected,
                "Entry " + seq + what + ": the hash does not match its content (the entry was edited); stored " +
                    finding.found + ", computed " + finding.expected};
    case AuditProblem::PrevHashMismatch:
        return {"Mục " + seq + what +
                    ": mã băm của mục trước không khớp (một mục trước nó đã bị xóa, chèn, sửa hoặc đổi chỗ); ghi " +
                    finding.found + ", cần " + finding.expected,
                "Entry " + seq + what +
                    ": the previous hash does not match (an entry before it was deleted, inserted, edited or "
                    "reordered); stored " +
                    finding.found + ", expected " + finding.expected};
    case AuditProblem::SeqGap:
        return {"Mục " + seq + what + ": số thứ tự không liên tục (cần " + finding.expected +
                    "; có mục đã bị xóa, chèn hoặc đổi chỗ)",
                "Entry " + seq + what + ": the sequence number breaks the run (expected " + finding.expected +
                    "; entries were deleted, inserted or reordered)"};
    case AuditProblem::BadTime:
        return {"Mục " + seq + what + ": thời điểm " + finding.found + " không hợp lệ",
                "Entry " + seq + what + ": the time " + finding.found + " is not valid"};
    case AuditProblem::HeadNotFound:
        return {"Không tìm thấy đầu chuỗi đã ghi nhận " + finding.expected + " trong chuỗi (đầu hiện tại: " +
                    finding.found + "): phần cuối của chuỗi đã bị cắt bỏ hoặc viết lại",
                "The recorded head " + finding.expected + " is not in the chain (current head: " + finding.found +
                    "): the tail of the chain was truncated or rewritten"};
    }
    return {};
}

AuditVerifier::AuditVerifier(std::optional<AuditHead> expectHead) : m_expect(std::move(expectHead))
{
    if (m_expect && m_expect->hash == genesisHash)
        m_expectSeen = true; // the empty chain is the start of every chain
}

void AuditVerifier::fault(AuditProblem problem, std::int64_t seq, std::string_view action, std::string_view subjectKind,
                          std::string_view subjectId, std::string expected, std::string found)
{
    m_finding = AuditFinding{problem,
                             seq,
                             std::string(action),
                             std::string(subjectKind),
                             std::string(subjectId),
                             std::move(expected),
                             std::move(found)};
}

bool AuditVerifier::feed(std::int64_t seq, std::string_view at, std::string_view user, std::string_view organisation,
                         std::string_view role, std::string_view action, std::string_view subjectKind,
                         std::string_view subjectId, std::string_view details, std::string_view prevHash,
                         std::string_view hash)
{
    if (m_finding.problem != AuditProblem::None)
        return false;
    if (seq != m_head.seq + 1) {
        fault(AuditProblem::SeqGap, seq, action, subjectKind, subjectId, decimal(m_head.seq + 1), decimal(seq));
        return false;
    }
    if (prevHash != m_head.hash) {
        fault(AuditProblem::PrevHashMismatch, seq, action, subjectKind, subjectId, m_head.hash, std::string(prevHash));
        return false;
    }
    const std::string computed =
        auditEntryHash(prevHash, seq, at, user, organisation, role, action, subjectKind, subjectId, details);
    if (computed != hash) {
        fault(AuditProblem::HashMismatch, seq, action, subjectKind, subjectId, computed, std::string(hash));
        return false;
    }
    // A time that is not what the store writes would hash alike, but could not be shown: refuse it too.
    if (at.size() != 20 || at[4] != '-' || at[10] != 'T' || at[19] != 'Z') {
        fault(AuditProblem::BadTime, seq, action, subjectKind, subjectId, {}, std::string(at));
        return false;
    }
    m_head.seq = seq;
    m_head.hash = computed;
    ++m_count;
    if (m_expect && !m_expectSeen && computed == m_expect->hash && (m_expect->seq == 0 || m_expect->seq == seq))
        m_expectSeen = true;
    return true;
}

AuditEntry AuditEntryView::entry() const
{
    AuditEntry copy;
    copy.seq = seq;
    parseIsoTimestamp(std::string(at), copy.at);
    copy.actor = RecordedActor{std::string(user), std::string(organisation), std::string(role)};
    copy.action = action;
    copy.subjectKind = subjectKind;
    copy.subjectId = subjectId;
    copy.details = details;
    copy.prevHash = prevHash;
    copy.hash = hash;
    return copy;
}

bool AuditVerifier::feed(const AuditEntryView& entry)
{
    return feed(entry.seq, entry.at, entry.user, entry.organisation, entry.role, entry.action, entry.subjectKind,
                entry.subjectId, entry.details, entry.prevHash, entry.hash);
}

bool AuditVerifier::feed(const AuditEntry& entry)
{
    return feed(entry.seq, isoTimestamp(entry.at), entry.actor.userId, entry.actor.organisationId, entry.actor.role,
                entry.action, entry.subjectKind, entry.subjectId, entry.details, entry.prevHash, entry.hash);
}

AuditFinding AuditVerifier::finish()
{
    if (m_finding.problem == AuditProblem::None && m_expect && !m_expectSeen) {
        AuditFinding finding;
        finding.problem = AuditProblem::HeadNotFound;
        finding.seq = m_expect->seq;
        finding.expected = (m_expect->seq > 0 ? decimal(m_expect->seq) + ":" : std::string()) + m_expect->hash;
        finding.found = decimal(m_head.seq) + ":" + m_head.hash;
        return finding;
    }
    return m_finding;
}

// ---- the pipelined verifier ------------------------------------------------------------------------------------

namespace {

constexpr std::size_t batchEntries = 4096;
constexpr std::size_t batchesInFlight = 4; // bounds memory: at most this many batches exist

bool timeLooksRight(std::string_view at)
{
    return at.size() == 20 && at[4] == '-' && at[10] == 'T' && at[19] == 'Z';
}

} // namespace

struct PipelinedAuditVerifier::Pipeline {
    struct Batch {
        std::int64_t firstSeq = 0;
        std::string preimages;
        std::vector<std::size_t> ends; // end of each entry's preimage in `preimages`
        std::string hashes;            // the stored hashes, 64 characters each
        void clear()
        {
            preimages.clear();
            ends.clear();
            hashes.clear();
        }
    };

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::unique_ptr<Batch>> full, free;
    std::size_t created = 0;
    bool done = false;
    bool stopped = false;                    // the hashing thread failed (failure holds why)
    std::atomic<bool> foundSomething{false}; // the hashing thread found a bad entry: reading on is useless
    std::unique_ptr<Batch> current;

    // Written by the hashing thread, read after join.
    AuditFinding finding; // HashMismatch or None
    AuditHead lastGood;   // the last entry whose hash verified, up to the finding
    std::exception_ptr failure;
    std::thread worker;

    Pipeline() : worker([this] { hashAll(); }) {}

    std::unique_ptr<Batch> takeFree()
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !free.empty() || created < batchesInFlight || stopped; });
        if (stopped)
            std::rethrow_exception(failure);
        if (!free.empty()) {
            auto batch = std::move(free.front());
            free.pop_front();
            batch->clear();
            return batch;
        }
        ++created;
        auto batch = std::make_unique<Batch>();
        batch->preimages.reserve(batchEntries * 512);
        batch->ends.reserve(batchEntries);
        batch->hashes.reserve(batchEntries * 64);
        return batch;
    }

    void submit()
    {
        if (!current || current->ends.empty())
            return;
        {
            std::lock_guard lock(mutex);
            full.push_back(std::move(current));
        }
        changed.notify_all();
    }

    void finish()
    {
        submit();
        {
            std::lock_guard lock(mutex);
            done = true;
        }
        changed.notify_all();
        if (worker.joinable())
            worker.join();
        if (stopped)
            std::rethrow_exception(failure);
    }

    ~Pipeline()
    {
        {
            std::lock_guard lock(mutex);
            done = true;
        }
        changed.notify_all();
        if (worker.joinable())
            worker.join();
    }

    void hashAll()
    {
        try {
            for (;;) {
                std::unique_ptr<Batch> batch;
                {
                    std::unique_lock lock(mutex);
                    changed.wait(lock, [&] { return !full.empty() || done; });
                    if (full.empty())
                        return;
                    batch = std::move(full.front());
                    full.pop_front();
                }
                if (finding.problem == AuditProblem::None)
                    hash(*batch);
                {
                    std::lock_guard lock(mutex);
                    free.push_back(std::move(batch));
                }
                changed.notify_all();
            }
        } catch (...) {
            {
                std::lock_guard lock(mutex);
                failure = std::current_exception();
                stopped = true;
            }
            changed.notify_all();
        }
    }

    void hash(const Batch& batch)
    {
        std::size_t begin = 0;
        for (std::size_t i = 0; i < batch.ends.size(); ++i) {
            const std::string_view preimage(batch.preimages.data() + begin, batch.ends[i] - begin);
            begin = batch.ends[i];
            const std::string computed = sha256Hex(preimage);
            const std::string_view stored(batch.hashes.data() + 64 * i, 64);
            const std::int64_t seq = batch.firstSeq + static_cast<std::int64_t>(i);
            if (computed != stored) {
                finding.problem = AuditProblem::HashMismatch;
                finding.seq = seq;
                finding.expected = computed;
                finding.found = stored;
                foundSomething = true;
                return;
            }
            lastGood = AuditHead{seq, computed};
        }
    }
};

PipelinedAuditVerifier::PipelinedAuditVerifier(std::optional<AuditHead> expectHead)
    : m_pipeline(std::make_unique<Pipeline>()),
      m_expect(std::move(expectHead))
{
    if (m_expect && m_expect->hash == genesisHash)
        m_expectSeen = true;
}

PipelinedAuditVerifier::~PipelinedAuditVerifier() = default;

bool PipelinedAuditVerifier::feed(const AuditEntryView& entry)
{
    if (m_readerFinding.problem != AuditProblem::None || m_finished || m_pipeline->foundSomething)
        return false;
    auto fault = [&](AuditProblem problem, std::string expected, std::string found) {
        m_readerFinding = AuditFinding{problem,
                                       entry.seq,
                                       std::string(entry.action),
                                       std::string(entry.subjectKind),
                                       std::string(entry.subjectId),
                                       std::move(expected),
                                       std::move(found)};
        m_readerHead = m_last;
        return false;
    };
    // The checks AuditVerifier makes before hashing, against the stored hash of the previous entry (the
    // hashing thread checks that each stored hash is the computed one, so the two agree wherever it matters).
    if (entry.seq != m_last.seq + 1)
        return fault(AuditProblem::SeqGap, decimal(m_last.seq + 1), decimal(entry.seq));
    if (entry.prevHash != m_last.hash)
        return fault(AuditProblem::PrevHashMismatch, m_last.hash, std::string(entry.prevHash));
    if (entry.hash.size() != 64) // cannot be a digest: hashed here, the batches hold 64 characters per entry
        return fault(AuditProblem::HashMismatch,
                     auditEntryHash(entry.prevHash, entry.seq, entry.at, entry.user, entry.organisation, entry.role,
                                    entry.action, entry.subjectKind, entry.subjectId, entry.details),
                     std::string(entry.hash));
    Pipeline& pipeline = *m_pipeline;
    if (!pipeline.current) {
        pipeline.current = pipeline.takeFree();
        pipeline.current->firstSeq = entry.seq;
    }
    Pipeline::Batch& batch = *pipeline.current;
    appendAuditPreimage(batch.preimages, entry.prevHash, entry.seq, entry.at, entry.user, entry.organisation,
                        entry.role, entry.action, entry.subjectKind, entry.subjectId, entry.details);
    batch.ends.push_back(batch.preimages.size());
    batch.hashes.append(entry.hash);
    if (batch.ends.size() == batchEntries)
        pipeline.submit();
    // After the hash in AuditVerifier: a bad time at the same entry as a bad hash reports the hash.
    if (!timeLooksRight(entry.at))
        return fault(AuditProblem::BadTime, {}, std::string(entry.at));
    m_last.seq = entry.seq;
    m_last.hash = entry.hash;
    if (m_expect && !m_expectSeen && entry.hash == m_expect->hash && (m_expect->seq == 0 || m_expect->seq == entry.seq))
        m_expectSeen = true;
    return true;
}

AuditFinding PipelinedAuditVerifier::finish()
{
    if (!m_finished) {
        m_finished = true;
        m_pipeline->finish();
    }
    const AuditFinding& hashed = m_pipeline->finding;
    // The earlier entry wins; at the same entry the hash comes first, except for the checks made before it.
    const bool hashFirst = hashed.problem != AuditProblem::None &&
                           (m_readerFinding.problem == AuditProblem::None || hashed.seq < m_readerFinding.seq ||
                            (hashed.seq == m_readerFinding.seq && m_readerFinding.problem == AuditProblem::BadTime));
    if (hashFirst) {
        m_head = hashed.seq > 1 ? m_pipeline->lastGood : AuditHead{};
        return hashed;
    }
    if (m_readerFinding.problem != AuditProblem::None) {
        m_head = m_readerHead;
        return m_readerFinding;
    }
    m_head = m_last;
    if (m_expect && !m_expectSeen) {
        AuditFinding finding;
        finding.problem = AuditProblem::HeadNotFound;
        finding.seq = m_expect->seq;
        finding.expected = (m_expect->seq > 0 ? decimal(m_expect->seq) + ":" : std::string()) + m_expect->hash;
        finding.found = decimal(m_head.seq) + ":" + m_head.hash;
        return finding;
    }
    return {};
}

} // namespace seclevel
