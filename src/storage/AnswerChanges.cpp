#include "storage/AnswerChanges.h"

namespace seclevel::storage {

std::optional<AnswerKey> compareAnswers(const StoredAnswers& stored, const PreparedAnswers& answers, bool& changed,
                                        AnswerChanges& changes)
{
    // Encodings are canonical, so equal encodings mean equal values and an unchanged answer leaves no trace.
    for (const auto& [where, old] : stored) {
        const auto now = answers.find(where);
        if (now != answers.end() && now->second.stored == old)
            continue;
        changed = true;
        const auto oldValue = codec::decodeValue(old.type, old.text);
        if (!oldValue)
            return where;
        std::string oldJson = codec::canonicalJson(*oldValue);
        std::string newJson = now == answers.end() ? "" : now->second.json;
        // The date 2026-08-19 and the text "2026-08-19" share one JSON text: the stored type follows the
        // new value, but the history, which speaks JSON, has no change to show.
        if (oldJson != newJson)
            changes[where] = {std::move(oldJson), std::move(newJson)};
    }
    for (const auto& [where, answer] : answers) {
        if (!stored.count(where)) {
            changed = true;
            changes[where] = {"", answer.json};
        }
    }
    return std::nullopt;
}

Error damagedAnswer(const std::string& file, const std::string& systemId, const std::string& component,
                    const std::string& key)
{
    const std::string where = inQuotes(systemId) + (component.empty() ? "" : " / " + inQuotes(component));
    return makeError(ErrorKind::Storage, file, 0, key,
                     "Câu trả lời " + inQuotes(key) + " của " + where +
                         " trong cơ sở dữ liệu bị hỏng (kiểu hoặc giá trị không hợp lệ)",
                     "The stored answer " + inQuotes(key) + " of " + where + " is damaged (invalid type or value)");
}

} // namespace seclevel::storage
