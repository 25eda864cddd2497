#include "core/Citation.h"

namespace seclevel {

namespace {

constexpr std::string_view kEnDash = "\xE2\x80\x93"; // "–", as the rule sets write ranges

bool isDigits(std::string_view s)
{
    if (s.empty() || s.size() > 4)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return s.front() != '0';
}

int toInt(std::string_view s)
{
    int n = 0;
    for (char c : s)
        n = n * 10 + (c - '0');
    return n;
}

// A point of a clause: one Vietnamese letter a–y (the alphabet has no f, j, w, z but data may; accepted) or đ.
bool isPoint(std::string_view s)
{
    return (s.size() == 1 && s[0] >= 'a' && s[0] <= 'z') || s == "đ";
}

std::vector<std::string_view> split(std::string_view s, std::string_view separator)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t at = s.find(separator, start);
        if (at == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, at - start));
        start = at + separator.size();
    }
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

std::optional<CitedUnit> parseUnit(std::string_view text)
{
    const auto parts = split(text, ".");
    if (parts.size() > 3 || !isDigits(parts[0]))
        return std::nullopt;
    CitedUnit unit;
    unit.article = toInt(parts[0]);
    if (parts.size() >= 2) {
        if (!isDigits(parts[1]))
            return std::nullopt;
        unit.clause = toInt(parts[1]);
    }
    if (parts.size() == 3) {
        if (!isPoint(parts[2]))
            return std::nullopt;
        unit.point = std::string(parts[2]);
    }
    return unit;
}

std::optional<CitationReference> parseReference(std::string_view text)
{
    CitationReference reference;
    if (text.substr(0, 6) == "Annex ") {
        reference.annex = std::string(trim(text.substr(6)));
        if (reference.annex.empty())
            return std::nullopt;
        return reference;
    }
    size_t dash = text.find(kEnDash);
    size_t dashSize = kEnDash.size();
    if (dash == std::string_view::npos) {
        dash = text.find('-');
        dashSize = 1;
    }
    auto from = parseUnit(text.substr(0, dash));
    if (!from)
        return std::nullopt;
    reference.from = *from;
    if (dash == std::string_view::npos)
        return reference;
    const std::string_view end = text.substr(dash + dashSize);
    // "18.1–18.2" names the end in full; "20.1.a–b" and "12–16" only its last part.
    if (end.find('.') != std::string_view::npos) {
        auto to = parseUnit(end);
        if (!to)
            return std::nullopt;
        reference.to = *to;
    } else {
        CitedUnit to = reference.from;
        if (!from->point.empty()) {
            if (!isPoint(end))
                return std::nullopt;
            to.point = std::string(end);
        } else if (from->clause != 0) {
            if (!isDigits(end))
                return std::nullopt;
            to.clause = toInt(end);
        } else {
            if (!isDigits(end))
                return std::nullopt;
            to.article = toInt(end);
        }
        reference.to = to;
    }
    return reference;
}

Error citationError(std::string_view part, std::string_view whole)
{
    std::string vi = "trích dẫn '";
    vi += whole;
    vi += "' không đọc được ở '";
    vi += part;
    vi += "' (dạng: 'NĐ85 Art 9.2.c', 'NĐ85 Art 12, 14, 16', 'TT12 Art 9.7')";
    std::string en = "the citation '";
    en += whole;
    en += "' does not read at '";
    en += part;
    en += "' (form: 'NĐ85 Art 9.2.c', 'NĐ85 Art 12, 14, 16', 'TT12 Art 9.7')";
    return makeError(ErrorKind::InvalidInput, "", 0, "citation", std::move(vi), std::move(en));
}

std::string unitVi(const CitedUnit& unit)
{
    std::string out;
    if (!unit.point.empty()) {
        out += "điểm ";
        out += unit.point;
        out += ' ';
    }
    if (unit.clause != 0) {
        out += "khoản ";
        out += std::to_string(unit.clause);
        out += ' ';
    }
    out += "Điều ";
    out += std::to_string(unit.article);
    return out;
}

std::string referenceVi(const CitationReference& reference)
{
    if (!reference.annex.empty()) {
        std::string out;
        const std::string& annex = reference.annex;
        if (annex.rfind("Form ", 0) == 0) {
            out += "Mẫu số ";
            out += annex.substr(5);
            out += " Phụ lục";
            return out;
        }
        const size_t dot = annex.find('.');
        if (dot != std::string::npos) {
            out += "mục ";
            out += annex.substr(dot + 1);
            out += " Phụ lục ";
            out += annex.substr(0, dot);
            return out;
        }
        out += "Phụ lục ";
        out += annex;
        return out;
    }
    if (!reference.to)
        return unitVi(reference.from);
    const CitedUnit& a = reference.from;
    const CitedUnit& b = *reference.to;
    std::string out = "từ ";
    if (a.article == b.article && a.clause == b.clause && !a.point.empty() && !b.point.empty()) {
        out += "điểm " + a.point + " đến điểm " + b.point + " khoản " + std::to_string(a.clause);
        out += " Điều " + std::to_string(a.article);
    } else if (a.article == b.article && a.clause != 0 && b.clause != 0 && a.point.empty() && b.point.empty()) {
        out += "khoản " + std::to_string(a.clause) + " đến khoản " + std::to_string(b.clause);
        out += " Điều " + std::to_string(a.article);
    } else {
        out += unitVi(a);
        out += " đến ";
        out += unitVi(b);
    }
    return out;
}

std::optional<Citation> parseOne(std::string_view text, std::string_view whole, Errors& errors)
{
    Citation citation;
    text = trim(text);
    if (!text.empty() && text.back() == ')') {
        const size_t open = text.rfind(" (");
        if (open != std::string_view::npos) {
            citation.remark = std::string(text.substr(open + 2, text.size() - open - 3));
            text = trim(text.substr(0, open));
        }
    }
    const size_t space = text.find(' ');
    if (space == std::string_view::npos || space == 0) {
        errors.push_back(citationError(text, whole));
        return std::nullopt;
    }
    citation.instrument = std::string(text.substr(0, space));
    std::string_view rest = trim(text.substr(space + 1));
    if (rest.substr(0, 4) == "Art ")
        rest = rest.substr(4);
    else if (rest.substr(0, 6) != "Annex ") {
        errors.push_back(citationError(rest, whole));
        return std::nullopt;
    }
    for (std::string_view part : split(rest, ",")) {
        part = trim(part);
        auto reference = parseReference(part);
        if (!reference) {
            errors.push_back(citationError(part, whole));
            return std::nullopt;
        }
        citation.references.push_back(std::move(*reference));
    }
    return citation;
}

} // namespace

const Instrument* InstrumentRegister::find(std::string_view code) const
{
    for (const Instrument& instrument : instruments)
        if (instrument.code == code)
            return &instrument;
    return nullptr;
}

Result<std::vector<Citation>> parseCitations(std::string_view machine, const InstrumentRegister* known)
{
    std::vector<Citation> citations;
    Errors errors;
    if (trim(machine).empty())
        return citationError(machine, machine);
    for (std::string_view part : split(machine, ";")) {
        auto citation = parseOne(part, machine, errors);
        if (!citation)
            continue;
        if (known && !known->find(citation->instrument)) {
            errors.push_back(makeError(ErrorKind::InvalidInput, "", 0, "citation",
                                       "văn bản '" + citation->instrument +
                                           "' không có trong danh mục văn bản (questionnaires/instruments.xml)",
                                       "the instrument '" + citation->instrument +
                                           "' is not in the instrument register (questionnaires/instruments.xml)"));
            continue;
        }
        citations.push_back(std::move(*citation));
    }
    if (!errors.empty())
        return errors;
    return citations;
}

std::string citationToVietnamese(std::string_view machine, const InstrumentRegister& instruments)
{
    auto parsed = parseCitations(machine, &instruments);
    if (!parsed)
        return std::string(machine);
    std::string out;
    for (const Citation& citation : *parsed) {
        const Instrument* instrument = instruments.find(citation.instrument);
        if (!instrument || instrument->name.vi.empty())
            return std::string(machine);
        if (!out.empty())
            out += "; ";
        for (size_t i = 0; i < citation.references.size(); ++i) {
            if (i > 0)
                out += ", ";
            out += referenceVi(citation.references[i]);
        }
        out += ' ';
        out += instrument->name.vi;
        if (!citation.remark.empty()) {
            out += " (";
            out += citation.remark;
            out += ')';
        }
    }
    return out;
}

std::string citationText(std::string_view machine, Lang lang, const InstrumentRegister& instruments)
{
    return lang == Lang::Vi ? citationToVietnamese(machine, instruments) : std::string(machine);
}

} // namespace seclevel
