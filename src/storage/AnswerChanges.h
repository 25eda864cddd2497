#pragma once
// How both stores tell what an update of a system changes in its answers (internal to storage).
#include "storage/StoreValidation.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace seclevel::storage {

using StoredAnswers = std::map<AnswerKey, codec::EncodedValue>;

// Old and new canonical JSON of every answer that was changed, added or removed ('' = no answer).
using AnswerChanges = std::map<AnswerKey, std::pair<std::string, std::string>>;

// Compares the stored answers with the new ones into `changes`; sets `changed` when any answer differs, even
// when the history has nothing to show. Returns the key of a stored answer that cannot be decoded (the
// comparison stops there), or nothing.
std::optional<AnswerKey> compareAnswers(const StoredAnswers& stored, const PreparedAnswers& answers, bool& changed,
                                        AnswerChanges& changes);

// The error of a stored answer that cannot be decoded; `file` names the database.
Error damagedAnswer(const std::string& file, const std::string& systemId, const std::string& component,
                    const std::string& key);

} // namespace seclevel::storage
