#pragma once
// Use cases on stored systems and organisations: add, update (answers history kept), list, show. Inputs are
// plain values, results are Result<T> with an ErrorKind; nothing here prints or knows a terminal.
#include "app/Judging.h"
#include "storage/Store.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// A system to store, as read from an answers file (or a form), with the choices that judge it.
struct SystemWrite {
    SystemDescription system;
    std::optional<std::string> organisationId; // overrides the file's; on update, absent keeps the stored one
    RuleSetChoice ruleSet;
    Proposal proposal;
};

// A stored system and whether the rule set that judged it is still the one shipped.
struct SystemSummary {
    StoredSystem stored;
    std::optional<Notice> staleRuleSet; // set when the judging rule-set version differs from the shipped one
};

struct SystemRecord {
    SystemSummary summary;
    std::vector<AnswerChange> history;
    std::vector<StoredAssessment> assessments;
};

class SystemService {
public:
    SystemService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    // Validates the organisation (id and name safe to print, parent known) and stores it.
    Result<bool> saveOrganisation(const Organisation& organisation, const Actor& actor);
    Result<std::vector<Organisation>> organisations();

    // Judges and stores a new system with its first assessment in one transaction (ErrorKind::Conflict when the
    // id exists).
    Result<Judgement> add(SystemWrite write, const Actor& actor);
    // Judges and stores new answers of system `id` (the file must name the same id; ErrorKind::NotFound when
    // it is not stored).
    Result<Judgement> update(const std::string& id, SystemWrite write, const Actor& actor);

    Result<std::vector<SystemSummary>> list(const std::string& organisationId = {});
    Result<SystemRecord> show(const std::string& id);

    // The stored system or ErrorKind::NotFound.
    Result<StoredSystem> find(const std::string& id);

private:
    SystemSummary summarise(StoredSystem stored) const;

    const Catalogue& m_catalogue;
    Store& m_store;
};

} // namespace seclevel
