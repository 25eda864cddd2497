#pragma once
// Use cases on the audit trail (storage/AuditChain.h): the head, verification of the whole chain (optionally
// against a head recorded elsewhere, e.g. in an exported dossier), and reading entries. Plain values in,
// Result<T> out; nothing here prints.
#include "storage/AuditChain.h"
#include "storage/Store.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct AuditVerification {
    AuditHead head;           // the last entry that verified (the chain's head when intact)
    std::int64_t entries = 0; // entries that verified
    AuditFinding finding;     // problem None when intact
    // Set when the chain is not intact: ErrorKind::Incomplete (exit 8, like an altered attachment), naming the
    // first bad entry (seq, action, subject, what is wrong) in Vietnamese and English.
    std::optional<Error> broken;
};

class AuditService {
public:
    explicit AuditService(Store& store) : m_store(store) {}

    Result<AuditHead> head();
    // Reads every entry once, in seq order, in constant memory.
    Result<AuditVerification> verify(const std::optional<AuditHead>& expectHead = std::nullopt);
    // The last `limit` entries (0 = all), oldest first; only those about system `systemId` when it is given.
    Result<std::vector<AuditEntry>> log(const std::string& systemId = {}, std::size_t limit = 0);

    // "HASH" or "SEQ:HASH" (what `audit head` prints and dossiers record); ErrorKind::Usage otherwise.
    static Result<AuditHead> parseHead(const std::string& text);
    // "SEQ:HASH".
    static std::string formatHead(const AuditHead& head);

private:
    Store& m_store;
};

} // namespace seclevel
