#pragma once
// What both stores check before a write and without the database (internal to storage): every error at once,
// with the same fields and messages in both, so that the store contract holds for either.
#include "codec/StoredEncoding.h"
#include "storage/Store.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace seclevel::storage {

std::string inQuotes(std::string_view text);

struct Checker {
    std::string file;
    Errors errors;

    // Ids, keys, names of components and actors: one line of text, no surrounding spaces.
    void identifier(const std::string& field, std::string_view value, std::string_view whatVi, std::string_view whatEn,
                    int line = 0);
    // Free text: anything that is well-formed UTF-8 without NUL.
    void text(const std::string& field, std::string_view value, std::string_view whatVi, std::string_view whatEn,
              int line = 0);
    void add(int line, const std::string& field, std::string vi, std::string en);
};

// How a store names the actor's ids in its messages (the two stores have always worded them differently).
struct ActorLabels {
    std::string_view userVi, userEn;
    std::string_view organisationVi, organisationEn;
};

void checkActor(Checker& checker, const Actor& actor, const ActorLabels& labels);

// component ('' = system-level), key
using AnswerKey = std::pair<std::string, std::string>;

struct PreparedAnswer {
    codec::EncodedValue stored;
    std::string json; // for the history
};

using PreparedAnswers = std::map<AnswerKey, PreparedAnswer>;

// Checks a system and its actor; the answers to store are prepared into `prepared`.
Errors checkSystem(const SystemDescription& system, const Actor& actor, const ActorLabels& labels,
                   PreparedAnswers& prepared);

Errors checkOrganisation(const Organisation& organisation, const Actor& actor, const ActorLabels& labels);

// The checks of an assessment that do not depend on how a store encodes it: ids, levels, justification.
void checkAssessmentLevels(Checker& checker, const std::string& systemId, const Assessment& assessment);

// The assessment's canonical stored text; nothing when it cannot be encoded, with the reasons added to `checker`
// (all but the justification's, which checkAssessmentLevels reports).
std::optional<std::string> storableAssessment(Checker& checker, const Assessment& assessment);

Errors checkDossier(const Dossier& dossier, const Actor& actor, const ActorLabels& labels);

// A recorded calendar announcement: year 1900–2200, text non-empty UTF-8 up to 1 MiB, the actor.
Errors checkCalendarAnnouncement(int year, const std::string& xmlText, const Actor& actor, const ActorLabels& labels);

// Appends the errors of a later check, leaving out those an earlier one already reported (same id, same actor).
void appendNew(Errors& errors, Errors more);

} // namespace seclevel::storage
