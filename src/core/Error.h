#pragma once
// Errors are values at module boundaries: each names where (file, line, field) and what (vi/en).
#include "core/Text.h"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace seclevel {

// What kind of failure an error is. Services return it; each front end maps it once (exit codes in
// cli/Command.cpp, HTTP statuses in the server).
enum class ErrorKind {
    InvalidInput, // a file or value the user gave is wrong
    Usage,        // the request itself is malformed (missing argument, unknown option)
    RuleSet,      // a shipped rule-set, template or schema file is wrong or missing
    Storage,      // the store cannot be opened, read or written
    NotFound,     // no such system, rule set, user …
    Refused,      // the law forbids it (cites the article)
    Undetermined, // answers valid, but no criterion gives a level
    Incomplete,   // a dossier misses items or an attachment was altered
    Conflict,     // it already exists, or someone else changed it first
    Internal      // a bug: never expected
};

struct Error {
    ErrorKind kind = ErrorKind::InvalidInput;
    std::string file;  // path of the offending file, empty when not from a file
    int line = 0;      // 1-based, 0 when unknown
    std::string field; // answer key, XML element, column … empty when not applicable
    LocalizedText message;

    // "file:line: field: message" in the requested language.
    std::string describe(Lang lang) const;
};

using Errors = std::vector<Error>;

// Either a value or the list of errors that prevented it.
template <class T>
class Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Errors errors) : m_data(std::move(errors)) {}
    Result(Error error) : m_data(Errors{std::move(error)}) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_data); }
    const T& value() const { return std::get<T>(m_data); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const Errors& errors() const { return std::get<Errors>(m_data); }

private:
    std::variant<T, Errors> m_data;
};

inline Error makeError(std::string file, int line, std::string field, std::string vi, std::string en)
{
    return Error{ErrorKind::InvalidInput, std::move(file), line, std::move(field),
                 LocalizedText{std::move(vi), std::move(en)}};
}

inline Error makeError(ErrorKind kind, std::string file, int line, std::string field, std::string vi, std::string en)
{
    return Error{kind, std::move(file), line, std::move(field), LocalizedText{std::move(vi), std::move(en)}};
}

// The same errors, all of one kind (e.g. a loader's errors seen by a service as ErrorKind::RuleSet).
inline Errors withKind(Errors errors, ErrorKind kind)
{
    for (Error& error : errors)
        error.kind = kind;
    return errors;
}

// The kind of a failure: that of its first error.
inline ErrorKind kindOf(const Errors& errors)
{
    return errors.empty() ? ErrorKind::Internal : errors.front().kind;
}

} // namespace seclevel
