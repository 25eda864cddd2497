#include "rules/AnnualReportLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <cstring>
#include <sstream>

namespace seclevel {
namespace {

std::vector<std::string> words(const char* text)
{
    std::vector<std::string> out;
    std::istringstream in{std::string(text)};
    for (std::string word; in >> word;)
        out.push_back(word);
    return out;
}

LocalizedText texts(pugi::xml_node parent, const char* name)
{
    LocalizedText out;
    for (auto node : parent.children(name))
        (std::strcmp(node.attribute("lang").as_string(), "vi") == 0 ? out.vi : out.en) = node.text().as_string();
    return out;
}

int totalIndex(const std::string& id)
{
    static const char* ids[kReportTotals] = {"managed",  "classified", "with-dossier",       "appraised",
                                             "approved", "inspected",  "expected-completion"};
    for (int i = 0; i < kReportTotals; ++i)
        if (id == ids[i])
            return i;
    return -1;
}

} // namespace

Result<std::vector<AnnualReportDefinition>> loadAnnualReports(std::string_view xml, const std::string& fileName,
                                                              const XmlSchema& schema)
{
    if (Errors invalid = schema.validate(xml, fileName); !invalid.empty())
        return withKind(invalid, ErrorKind::RuleSet);
    const LineIndex lines(xml);
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return makeError(ErrorKind::RuleSet, fileName, lines.lineOf(parsed.offset), "",
                         std::string("XML lỗi: ") + parsed.description(),
                         std::string("malformed XML: ") + parsed.description());
    const pugi::xml_node root = doc.child("annual-reports");
    std::vector<AnnualReportDefinition> out;
    for (auto node : root.children("report")) {
        AnnualReportDefinition d;
        d.id = node.attribute("id").as_string();
        d.rulesetId = node.attribute("ruleset").as_string();
        d.firstYear = node.attribute("first-year").as_int();
        d.lastYear = node.attribute("last-year").as_int();
        d.citation = node.attribute("citation").as_string();
        d.formLabel = node.child("form-label").text().as_string();
        d.title = texts(node, "title");
        d.summary = texts(node, "summary");
        d.addressee = node.child("addressee").text().as_string();
        for (auto basis : node.children("basis"))
            d.bases.push_back(basis.text().as_string());
        const std::string monthDay = node.child("deadline").attribute("month-day").as_string(); // MM-DD (schema)
        d.deadlineMonth = static_cast<unsigned>(std::stoi(monthDay.substr(0, 2)));
        d.deadlineDay = static_cast<unsigned>(std::stoi(monthDay.substr(3, 2)));
        d.deadlineCitation = node.child("deadline").attribute("citation").as_string();
        for (auto total : node.child("totals").children("total"))
            d.totals[totalIndex(total.attribute("id").as_string())] = texts(total, "label");
        for (auto column : node.child("columns").children("column"))
            d.columns[column.attribute("n").as_int() - 1] = texts(column, "label");
        const auto plan = node.child("plan-deployment");
        d.planNone = plan.attribute("none").as_string();
        d.planPartly = plan.attribute("partly").as_string();
        d.planFull = plan.attribute("full").as_string();
        const auto inspection = node.child("inspection");
        d.inspectionPreOperation = inspection.attribute("pre-operation").as_string();
        d.inspectionPeriodic = inspection.attribute("periodic").as_string();
        d.inspectionBoth = inspection.attribute("both").as_string();
        d.assessmentDuties = words(inspection.attribute("duties").as_string());
        d.appraisalSteps = words(node.child("appraisal").attribute("steps").as_string());
        d.version = root.attribute("version").as_string();
        d.sourceFile = fileName;
        const int line = lines.lineOf(static_cast<std::ptrdiff_t>(node.offset_debug()));
        if (d.firstYear > d.lastYear)
            return makeError(ErrorKind::RuleSet, fileName, line, "first-year", "Năm đầu lớn hơn năm cuối",
                             "first-year is after last-year");
        for (const AnnualReportDefinition& other : out)
            if (d.firstYear <= other.lastYear && other.firstYear <= d.lastYear)
                return makeError(ErrorKind::RuleSet, fileName, line, "first-year",
                                 "Năm của báo cáo " + d.id + " trùng với báo cáo " + other.id,
                                 "the years of report " + d.id + " overlap those of " + other.id);
        out.push_back(std::move(d));
    }
    return out;
}

Result<std::vector<AnnualReportDefinition>> loadAnnualReportsFrom(const std::string& dataDir)
{
    auto schema = XmlSchema::load(dataDir + "/schemas/annual-report-definition.xsd");
    if (!schema)
        return withKind(schema.errors(), ErrorKind::RuleSet);
    const std::string path = dataDir + "/reports/annual-report.xml";
    auto text = readInputFile(path, {.maxBytes = XmlSchema::maxDocumentBytes,
                                     .what = {"tệp định nghĩa báo cáo năm", "annual report definition"},
                                     .text = true});
    if (!text)
        return withKind(text.errors(), ErrorKind::RuleSet);
    return loadAnnualReports(*text, path, **schema);
}

} // namespace seclevel
