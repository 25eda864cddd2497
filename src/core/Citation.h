#pragma once
// Citations of the law, machine form and Vietnamese form.
//
// Machine form (rule-set data, JSON, XML): instrument code, " Art ", references separated by ", ", e.g.
// "NĐ85 Art 9.2.c", "NĐ85 Art 12, 14, 16", "TT12 Art 9.7", "NĐ331 Art 18.1–18.2", "NĐ331 Art 20.1.a–b",
// "NĐ331 Art 23, Annex Form 04", an optional trailing remark in parentheses, and several instruments joined by
// "; ". Vietnamese form (how Vietnamese documents cite, Decree 30/2020 usage): the smallest unit first, then
// the instrument's name — "điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP", "Điều 12, Điều 14, Điều 16
// Nghị định số 85/2016/NĐ-CP". The instrument names are data (questionnaires/instruments.xml), not code.
#include "core/Error.h"
#include "core/RuleSet.h"
#include "core/Text.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seclevel {

// Every legal instrument the program can cite: those of the rule sets and those inspectors cite by hand
// (Decree 43/2011, 61/2018, 30/2020 …). Loaded from questionnaires/instruments.xml.
struct InstrumentRegister {
    std::vector<Instrument> instruments;

    const Instrument* find(std::string_view code) const;
};

// One unit cited: an article, optionally a clause (khoản) and a point (điểm); or a part of an annex.
struct CitedUnit {
    int article = 0;
    int clause = 0;    // 0 = the whole article
    std::string point; // "" = the whole clause; a Vietnamese letter a, b, c, d, đ, e, g …
};

struct CitationReference {
    CitedUnit from;
    std::optional<CitedUnit> to; // a range "12–16", "18.1–18.2", "20.1.a–b"
    std::string annex;           // "Form 06", "I.I.1.1" — set instead of from/to for "Annex …"
};

struct Citation {
    std::string instrument; // "NĐ85"
    std::vector<CitationReference> references;
    std::string remark; // the parenthesised remark at the end, without the parentheses
};

// Parses a machine citation ("NĐ85 Art 12, 14; TT12 Art 9.7" gives two). Errors (InvalidInput, field
// "citation") name the part that does not read; with a register, an instrument it does not list is an error.
Result<std::vector<Citation>> parseCitations(std::string_view machine, const InstrumentRegister* known = nullptr);

// The Vietnamese rendering. Total: text that does not parse, or an instrument the register lacks, comes back
// as given (machine form), so a display never loses a citation.
std::string citationToVietnamese(std::string_view machine, const InstrumentRegister& instruments);

// The citation as a reader of `lang` sees it: Vietnamese rendering in Vietnamese text, the machine form
// (already English-like: "NĐ85 Art 9.2.c") in English text.
std::string citationText(std::string_view machine, Lang lang, const InstrumentRegister& instruments);

} // namespace seclevel
