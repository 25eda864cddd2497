#include "formats/xml/CalendarYearXml.h"

#include <pugixml.hpp>

namespace seclevel {

namespace {

class StringWriter : public pugi::xml_writer {
public:
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

void texts(pugi::xml_node parent, const char* name, const LocalizedText& text)
{
    if (text.empty())
        return;
    for (auto [lang, value] : {std::pair{"vi", &text.vi}, std::pair{"en", &text.en}}) {
        auto node = parent.append_child(name);
        node.append_attribute("lang").set_value(lang);
        node.text().set(value->c_str());
    }
}

void attribute(pugi::xml_node node, const char* name, const std::string& value)
{
    if (!value.empty())
        node.append_attribute(name).set_value(value.c_str());
}

void dateAttribute(pugi::xml_node node, const char* name, const std::optional<Date>& date)
{
    if (date)
        attribute(node, name, formatIsoDate(*date));
}

} // namespace

std::string calendarYearXml(const CalendarYear& year)
{
    pugi::xml_document doc;
    auto declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");
    auto root = doc.append_child("year");
    root.append_attribute("xmlns").set_value("urn:seclevel:calendar:1");
    root.append_attribute("number").set_value(year.year);
    root.append_attribute("status").set_value(yearStatusName(year.status));
    root.append_attribute("labour-code").set_value(year.labourCode.c_str());
    texts(root, "note", year.note);
    for (const CalendarDocument& d : year.documents) {
        auto node = root.append_child("document");
        attribute(node, "id", d.id);
        attribute(node, "number", d.number);
        dateAttribute(node, "date", d.date);
        attribute(node, "issuer-vi", d.issuer.vi);
        attribute(node, "issuer-en", d.issuer.en);
        attribute(node, "reference", d.reference);
        texts(node, "note", d.note);
    }
    for (const DayOff& day : year.daysOff) {
        auto node = root.append_child("day-off");
        attribute(node, "date", formatIsoDate(day.date));
        attribute(node, "reason", dayOffReasonName(day.reason));
        attribute(node, "source", day.statutory ? std::string("statutory") : day.document.id);
        dateAttribute(node, "for", day.compensatesFor);
        dateAttribute(node, "swapped-with", day.swappedWith);
        texts(node, "note", day.note);
    }
    for (const MakeUpWorkingDay& day : year.makeUpDays) {
        auto node = root.append_child("working-day");
        attribute(node, "date", formatIsoDate(day.date));
        dateAttribute(node, "replaces", day.replaces);
        attribute(node, "source", day.document.id);
    }
    StringWriter writer;
    doc.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
    return writer.out;
}

} // namespace seclevel
