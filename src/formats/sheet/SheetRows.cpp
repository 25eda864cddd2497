#include "formats/sheet/SheetRows.h"

#include "core/Text.h"

namespace seclevel {

bool SheetRow::blank() const
{
    for (const SheetCell& cell : cells)
        if (!isBlank(cell.text))
            return false;
    return true;
}

std::string columnLetters(int column)
{
    std::string letters;
    for (int n = column + 1; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

int columnIndex(std::string_view letters)
{
    if (letters.empty() || letters.size() > 3)
        return -1;
    int index = 0;
    for (char c : letters) {
        const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (upper < 'A' || upper > 'Z')
            return -1;
        index = index * 26 + (upper - 'A' + 1);
    }
    return index - 1;
}

namespace {

bool startsFormula(std::string_view text)
{
    // A formula can hide behind leading tabs, carriage returns and spaces that the spreadsheet trims.
    std::size_t at = 0;
    while (at < text.size() && (text[at] == '\t' || text[at] == '\r' || text[at] == '\n' || text[at] == ' '))
        ++at;
    if (at == text.size())
        return at > 0 && (text[0] == '\t' || text[0] == '\r');
    const char c = text[at];
    return c == '=' || c == '+' || c == '-' || c == '@' || (at > 0 && (text[0] == '\t' || text[0] == '\r'));
}

} // namespace

std::string neutraliseFormula(std::string_view text)
{
    if (text.empty() || !startsFormula(text))
        return std::string(text);
    std::string out = "'";
    out.append(text);
    return out;
}

std::string restoreNeutralised(std::string_view text)
{
    if (text.size() >= 2 && text[0] == '\'' && startsFormula(text.substr(1)))
        return std::string(text.substr(1));
    return std::string(text);
}

} // namespace seclevel
