#include "rules/CalendarLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <map>

namespace seclevel {
namespace {

std::string_view localName(const pugi::xml_node& node)
{
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::vector<pugi::xml_node> childrenNamed(const pugi::xml_node& parent, std::string_view name)
{
    std::vector<pugi::xml_node> nodes;
    for (auto child : parent.children())
        if (child.type() == pugi::node_element && localName(child) == name)
            nodes.push_back(child);
    return nodes;
}

class Loader {
public:
    Loader(std::string_view xml, const std::string& file) : m_xml(xml), m_file(file), m_lines(xml) {}

    // The document's root element, or an error.
    Result<pugi::xml_node> root(std::string_view expected)
    {
        const auto parsed = m_doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            return makeError(m_file, m_lines.lineOf(parsed.offset), "", std::string("XML lỗi: ") + parsed.description(),
                             std::string("malformed XML: ") + parsed.description());
        const pugi::xml_node node = m_doc.document_element();
        if (!node || localName(node) != expected)
            return makeError(m_file, node ? line(node) : 1, std::string(expected),
                             "phần tử gốc phải là <" + std::string(expected) + ">",
                             "the root element must be <" + std::string(expected) + ">");
        return node;
    }

    Result<WorkingCalendar> calendar(const pugi::xml_node& node)
    {
        std::vector<CalendarYear> years;
        std::map<int, int> yearLines;
        for (auto yearNode : childrenNamed(node, "year")) {
            CalendarYear y = year(yearNode);
            yearLines[y.year] = line(yearNode);
            years.push_back(std::move(y));
        }
        if (!m_errors.empty())
            return m_errors;
        auto made = WorkingCalendar::make(node.attribute("id").as_string(), node.attribute("version").as_string(),
                                          node.attribute("data-date").as_string(), std::move(years));
        if (!made)
            return located(made.errors(), yearLines);
        return made;
    }

    Result<CalendarYear> singleYear(const pugi::xml_node& node)
    {
        CalendarYear y = year(node);
        if (!m_errors.empty())
            return m_errors;
        if (Errors errors = WorkingCalendar::checkYear(y); !errors.empty())
            return located(std::move(errors), {{y.year, line(node)}});
        return y;
    }

private:
    int line(const pugi::xml_node& node) const { return m_lines.lineOf(node.offset_debug()); }

    void error(const pugi::xml_node& node, const std::string& field, const std::string& vi, const std::string& en)
    {
        m_errors.push_back(makeError(m_file, line(node), field, vi, en));
    }

    // Errors of WorkingCalendar (field "year N") get this file and the line of that year's element.
    Errors located(Errors errors, const std::map<int, int>& yearLines) const
    {
        for (Error& e : errors) {
            e.file = m_file;
            if (e.field.rfind("year ", 0) == 0)
                if (auto it = yearLines.find(std::atoi(e.field.c_str() + 5)); it != yearLines.end())
                    e.line = it->second;
        }
        return errors;
    }

    LocalizedText texts(const pugi::xml_node& parent, std::string_view element)
    {
        LocalizedText text;
        for (auto node : childrenNamed(parent, element))
            (std::string_view(node.attribute("lang").as_string()) == "vi" ? text.vi : text.en) = node.child_value();
        return text;
    }

    std::optional<Date> date(const pugi::xml_node& node, const char* attribute, const std::string& field)
    {
        const auto attr = node.attribute(attribute);
        if (!attr)
            return std::nullopt;
        auto parsed = parseIsoDate(attr.as_string());
        if (!parsed)
            error(node, field, std::string(attribute) + ": ngày không hợp lệ '" + attr.as_string() + "'",
                  std::string(attribute) + ": invalid date '" + attr.as_string() + "'");
        return parsed;
    }

    CalendarYear year(const pugi::xml_node& node)
    {
        CalendarYear y;
        y.year = node.attribute("number").as_int(0);
        const std::string field = "year " + std::to_string(y.year);
        y.status = std::string_view(node.attribute("status").as_string()) == "announced" ? YearStatus::Announced
                                                                                         : YearStatus::Statutory;
        y.labourCode = node.attribute("labour-code").as_string();
        y.note = texts(node, "note");
        y.origin = "shipped";
        std::map<std::string, const CalendarDocument*> documents;
        for (auto docNode : childrenNamed(node, "document")) {
            CalendarDocument d;
            d.id = docNode.attribute("id").as_string();
            d.number = docNode.attribute("number").as_string();
            d.date = date(docNode, "date", field);
            d.issuer = {docNode.attribute("issuer-vi").as_string(), docNode.attribute("issuer-en").as_string()};
            d.reference = docNode.attribute("reference").as_string();
            d.note = texts(docNode, "note");
            if (d.id == "statutory")
                error(docNode, field, "mã văn bản 'statutory' dành cho ngày nghỉ theo luật định",
                      "the document id 'statutory' is reserved for statutory days off");
            y.documents.push_back(std::move(d));
        }
        for (const CalendarDocument& d : y.documents)
            if (!documents.emplace(d.id, &d).second)
                error(node, field, "mã văn bản trùng lặp '" + d.id + "'", "duplicate document id '" + d.id + "'");
        auto source = [&](const pugi::xml_node& at, const std::string& id) -> const CalendarDocument* {
            if (id == "statutory")
                return nullptr;
            auto it = documents.find(id);
            if (it == documents.end()) {
                error(at, field, "nguồn '" + id + "' không phải văn bản nào của năm " + std::to_string(y.year),
                      "the source '" + id + "' names no document of the year " + std::to_string(y.year));
                return nullptr;
            }
            return it->second;
        };
        for (auto dayNode : childrenNamed(node, "day-off")) {
            DayOff day;
            auto when = date(dayNode, "date", field);
            const auto reason = parseDayOffReason(dayNode.attribute("reason").as_string());
            if (!when || !reason) {
                if (!reason)
                    error(dayNode, field, "lý do nghỉ không hợp lệ", "invalid reason");
                continue;
            }
            day.date = *when;
            day.reason = *reason;
            const std::string sourceId = dayNode.attribute("source").as_string();
            if (const CalendarDocument* d = source(dayNode, sourceId)) {
                day.statutory = false;
                day.document = *d;
            }
            day.compensatesFor = date(dayNode, "for", field);
            day.swappedWith = date(dayNode, "swapped-with", field);
            day.note = texts(dayNode, "note");
            if (day.reason == DayOffReason::Compensatory && !day.compensatesFor)
                error(dayNode, field, "ngày nghỉ bù " + formatIsoDate(day.date) + " thiếu ngày lễ được bù (for)",
                      "the compensatory day " + formatIsoDate(day.date) + " does not say which holiday (for)");
            if (day.reason == DayOffReason::Swap && sourceId == "statutory")
                error(dayNode, field, "ngày hoán đổi " + formatIsoDate(day.date) + " phải có văn bản công bố",
                      "the swapped day " + formatIsoDate(day.date) + " needs the document that announced it");
            if (day.reason == DayOffReason::Other && day.note.empty())
                error(dayNode, field, "ngày nghỉ khác " + formatIsoDate(day.date) + " phải có ghi chú lý do (note)",
                      "the other day off " + formatIsoDate(day.date) + " needs a note saying why");
            y.daysOff.push_back(std::move(day));
        }
        for (auto workNode : childrenNamed(node, "working-day")) {
            MakeUpWorkingDay day;
            auto when = date(workNode, "date", field);
            if (!when)
                continue;
            day.date = *when;
            day.replaces = date(workNode, "replaces", field);
            const std::string sourceId = workNode.attribute("source").as_string();
            if (const CalendarDocument* d = source(workNode, sourceId))
                day.document = *d;
            else if (sourceId == "statutory")
                error(workNode, field, "ngày làm bù " + formatIsoDate(day.date) + " phải có văn bản công bố",
                      "the make-up working day " + formatIsoDate(day.date) + " needs the document that announced it");
            y.makeUpDays.push_back(std::move(day));
        }
        // WorkingCalendar::checkYear judges the year again, but its errors can only name the year: point the
        // per-date ones at the offending element here.
        std::map<std::string, int> seen; // date -> line of its first element
        for (const auto& [isDayOff, list] :
             {std::pair{true, childrenNamed(node, "day-off")}, std::pair{false, childrenNamed(node, "working-day")}}) {
            for (auto child : list) {
                auto when = parseIsoDate(child.attribute("date").as_string());
                if (!when)
                    continue;
                const std::string iso = formatIsoDate(*when);
                if (static_cast<int>(when->year()) != y.year)
                    error(child, field, "ngày " + iso + " không thuộc năm " + std::to_string(y.year),
                          "the date " + iso + " is not in the year " + std::to_string(y.year));
                if (!isDayOff && isoWeekday(*when) < 6)
                    error(child, field, "ngày làm bù " + iso + " không phải thứ Bảy hay Chủ nhật",
                          "the make-up working day " + iso + " is not a Saturday or Sunday");
                if (auto [it, added] = seen.emplace(iso, line(child)); !added)
                    error(child, field, "ngày " + iso + " đã ghi ở dòng " + std::to_string(it->second),
                          "the date " + iso + " is already listed on line " + std::to_string(it->second));
            }
        }
        return y;
    }

    std::string_view m_xml;
    const std::string& m_file;
    LineIndex m_lines;
    pugi::xml_document m_doc;
    Errors m_errors;
};

} // namespace

Result<WorkingCalendar> loadWorkingCalendar(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return errors;
    Loader loader(xml, fileName);
    auto root = loader.root("calendar");
    if (!root)
        return root.errors();
    return loader.calendar(*root);
}

Result<WorkingCalendar> loadWorkingCalendarFile(const std::string& path, const XmlSchema& schema)
{
    auto text = readInputFile(path, {.maxBytes = XmlSchema::maxDocumentBytes,
                                     .what = {"tệp lịch ngày làm việc", "working-day calendar file"},
                                     .text = true});
    if (!text)
        return text.errors();
    return loadWorkingCalendar(*text, path, schema);
}

Result<CalendarYear> loadCalendarYear(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return errors;
    Loader loader(xml, fileName);
    auto root = loader.root("year");
    if (!root)
        return root.errors();
    return loader.singleYear(*root);
}

} // namespace seclevel
