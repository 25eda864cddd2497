#pragma once
// Errors are values at module boundaries: each names where (file, line, field) and what (vi/en).
#include "core/Text.h"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace seclevel {

struct Error {
    std::string file;   // path of the offending file, empty when not from a file
    int line = 0;       // 1-based, 0 when unknown
    std::string field;  // answer key, XML element, column … empty when not applicable
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
    return Error{std::move(file), line, std::move(field), LocalizedText{std::move(vi), std::move(en)}};
}

} // namespace seclevel
