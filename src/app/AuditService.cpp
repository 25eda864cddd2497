#include "app/AuditService.h"

#include "core/Sha256.h"

#include <charconv>
#include <deque>

namespace seclevel {

Result<AuditHead> AuditService::head()
{
    return m_store.auditHead();
}

Result<AuditVerification> AuditService::verify(const std::optional<AuditHead>& expectHead)
{
    // Reading (this thread, in the store) and hashing (a second thread) overlap: on two cores about twice
    // the entries per second of one.
    AuditVerification result;
    try {
        PipelinedAuditVerifier verifier(expectHead);
        auto read = m_store.forEachAuditEntry(1, [&](const AuditEntryView& entry) { return verifier.feed(entry); });
        if (!read)
            return read.errors();
        result.finding = verifier.finish();
        result.head = verifier.head();
        result.entries = verifier.count();
    } catch (const std::exception& failure) {
        return makeError(ErrorKind::Internal, m_store.describe(), 0, "audit_log",
                         std::string("Lỗi khi kiểm tra nhật ký kiểm toán: ") + failure.what(),
                         std::string("Error while verifying the audit trail: ") + failure.what());
    }
    if (result.finding.problem == AuditProblem::HashMismatch && result.finding.action.empty()) {
        // The hashing thread knows only the seq of the edited entry: read it again for its action and subject.
        auto again = m_store.forEachAuditEntry(result.finding.seq, [&](const AuditEntryView& entry) {
            if (entry.seq == result.finding.seq) {
                result.finding.action = entry.action;
                result.finding.subjectKind = entry.subjectKind;
                result.finding.subjectId = entry.subjectId;
            }
            return false;
        });
        if (!again)
            return again.errors();
    }
    if (result.finding.problem != AuditProblem::None) {
        const LocalizedText text = describeAuditFinding(result.finding);
        result.broken =
            makeError(ErrorKind::Incomplete, m_store.describe(), 0, "audit_log",
                      "Nhật ký kiểm toán bị can thiệp: " + text.vi, "The audit trail was tampered with: " + text.en);
    }
    return result;
}

Result<std::vector<AuditEntry>> AuditService::log(const std::string& systemId, std::size_t limit)
{
    std::deque<AuditEntry> kept;
    auto read = m_store.forEachAuditEntry(1, [&](const AuditEntryView& entry) {
        if (!systemId.empty() && (entry.subjectKind != "system" || entry.subjectId != systemId))
            return true;
        kept.push_back(entry.entry());
        if (limit > 0 && kept.size() > limit)
            kept.pop_front();
        return true;
    });
    if (!read)
        return read.errors();
    return std::vector<AuditEntry>(kept.begin(), kept.end());
}

Result<AuditHead> AuditService::parseHead(const std::string& text)
{
    AuditHead head;
    std::string hash = text;
    if (const auto colon = text.find(':'); colon != std::string::npos) {
        const std::string seq = text.substr(0, colon);
        const auto [end, error] = std::from_chars(seq.data(), seq.data() + seq.size(), head.seq);
        if (seq.empty() || error != std::errc() || end != seq.data() + seq.size() || head.seq < 0)
            head.seq = -1;
        hash = text.substr(colon + 1);
    }
    if (head.seq < 0 || !isSha256Hex(hash))
        return makeError(ErrorKind::Usage, {}, 0, "expect-head",
                         "Đầu chuỗi phải là 64 chữ số hex thường (SHA-256), có thể kèm số thứ tự: SỐ:MÃBĂM",
                         "A head is 64 lowercase hex digits (SHA-256), optionally after its seq: SEQ:HASH");
    head.hash = hash;
    return head;
}

std::string AuditService::formatHead(const AuditHead& head)
{
    return std::to_string(head.seq) + ":" + head.hash;
}

} // namespace seclevel
