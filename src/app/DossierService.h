#pragma once
// Use cases of the level-proposal dossier (NĐ85 Art 15; TT12 Art 8; NĐ331 Art 21–22): fields, requirement
// statements, attachments, the completeness and tamper check, the document as it travels, and import of a
// document another installation sent — re-judged, never trusted.
#include "app/Judging.h"
#include "storage/Store.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

class XmlSchema;

// A stored system with what its dossier is judged against.
struct DossierContext {
    StoredSystem system;
    const RuleSet* ruleSet = nullptr;
    const DossierTemplate* dossierTemplate = nullptr;
    Dossier dossier; // as stored, with the fields the system record already answers prefilled
};

struct RecordedRequirement {
    bool changed = false;
    const RequirementGroupSpec* group = nullptr;
};

// An attachment to add: its bytes (read by the front end, at most kMaxAttachmentBytes) or, with
// `reference`, only the place it is kept.
struct AttachmentInput {
    std::string kind;
    std::string fileName;
    std::string bytes;
    std::optional<std::string> reference; // absolute path on this machine: content not stored
};

inline constexpr std::uint64_t kMaxAttachmentBytes = 100u * 1024u * 1024u; // 100 MB

enum class AttachmentProblemKind { Missing, Altered, NotChecked };
struct AttachmentProblem {
    Attachment attachment;
    AttachmentProblemKind kind = AttachmentProblemKind::Missing;
    LocalizedText detail; // why (e.g. "reference from an imported dossier; give --attachments DIR")
};

struct DossierCheckResult {
    std::string systemId;
    std::string rulesetId;
    int level = 0;
    std::vector<MissingItem> missing;
    std::vector<AttachmentProblem> problems;
    bool complete() const;
};

// How a referenced attachment is read: by the absolute path recorded on this machine, or, for a reference
// that came in an imported dossier, inside `attachmentsDir` only.
struct ReferenceCheck {
    std::optional<std::string> attachmentsDir;
};

struct DossierExport {
    DossierDocument document;
    const RuleSet* ruleSet = nullptr;
    const DossierTemplate* dossierTemplate = nullptr;
    std::vector<Notice> notices;
};

struct ImportOptions {
    // Import a document whose levels or trace disagree with seclevel's own derivation: the system is stored
    // with seclevel's derivation and the disagreement as a warning. Without it such a document is refused.
    bool acceptDisagreement = false;
};

struct ImportOutcome {
    bool changed = false;
    std::string systemId;
    std::vector<Notice> notices; // the disagreements accepted, if any
};

class DossierService {
public:
    DossierService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    Result<DossierContext> open(const std::string& systemId);

    // Writes one field of the template ("" removes it). True when anything changed.
    Result<bool> setField(const std::string& systemId, const std::string& key, const std::string& value,
                          const Actor& actor);
    // A requirement item of a group of the proposed level; planned / partly met need a date.
    Result<RecordedRequirement> setRequirement(const std::string& systemId, const RequirementStatement& statement,
                                               const Actor& actor);
    // Records an attachment of a kind the template knows, replacing one of the same kind and name.
    Result<Attachment> attach(const std::string& systemId, const AttachmentInput& input, const Actor& actor);

    Result<DossierCheckResult> check(const std::string& systemId, const ReferenceCheck& references);
    // The completeness part of check() for a system and its dossier already read (a header and
    // Store::dossiersOf will do): the missing items, no attachment opened (problems stay empty). What an
    // inspection over many systems asks.
    Result<DossierCheckResult> completeness(const StoredSystem& system, Dossier dossier) const;

    // The document as stored: system, the stored assessment (not re-derived), dossier. A notice says when the
    // rule-set version that judged it differs from the shipped one.
    Result<DossierExport> exportDocument(const std::string& systemId);

    // Re-judges the document's answers under its rule set and version; refuses (ErrorKind::InvalidInput, one
    // error per difference) a document whose levels or trace disagree, unless options.acceptDisagreement.
    Result<ImportOutcome> importDocument(DossierDocument document, const std::string& fileName,
                                         const ImportOptions& options, const Actor& actor);

private:
    const Catalogue& m_catalogue;
    Store& m_store;
};

// Fills the fields the system record already answers (owner, operator, name: DossierFieldSpec::prefill) where
// the dossier has none, as open() and check() see a dossier.
void prefillFromSystem(const DossierTemplate& dossierTemplate, const SystemDescription& system, Dossier& dossier);

// The MIME type recorded for an attachment, by the file name's extension.
std::string mediaTypeOf(const std::string& fileName);

} // namespace seclevel
