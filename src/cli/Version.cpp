#include "cli/Version.h"

#include "formats/xml/DossierXml.h"
#include "formats/xml/XsdSummary.h"
#include "rules/DossierTemplateLoader.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace seclevel {

LocalizedText programSummary()
{
    return {"cấp độ an toàn hệ thống thông tin (Nghị định 85/2016, Nghị định 331/2026)",
            "security levels of information systems (Decree 85/2016, Decree 331/2026)"};
}

LocalizedText versionOptionHelp()
{
    return {"phiên bản chương trình, các bộ quy tắc và lược đồ đang dùng",
            "version of the program, of the rule sets and of the schemas in use"};
}

int runVersion(const std::vector<std::string>& args, Context& context)
{
    namespace fs = std::filesystem;
    const bool en = context.lang == Lang::En;
    std::ostream& out = *context.out;
    // The binary's own version first and alone on its line: scripts read it even when the data is broken.
    out << "seclevel " << SECLEVEL_VERSION << "\n";

    auto line = CommandLine::parse(args, {});
    if (!line)
        return printErrors(line.errors(), context, ExitUsage);
    const fs::path dataDir = fs::path(dataDirectory(*line, context)).lexically_normal();
    out << (en ? "data: " : "dữ liệu: ") << dataDir.string() << "\n";

    Errors errors;
    auto catalogue = Catalogue::load(dataDir.string());
    auto templates = loadDossierTemplates((dataDir / "questionnaires").string(),
                                          (dataDir / "schemas" / "dossier-template.xsd").string());
    if (catalogue) {
        out << (en ? "rule sets:\n" : "bộ quy tắc:\n");
        for (const auto& rs : (*catalogue)->ruleSets()) {
            out << "  " << rs.id << "  v" << rs.version << "  "
                << (rs.validFrom ? formatIsoDate(*rs.validFrom) : std::string("…")) << " – "
                << (rs.validTo ? formatIsoDate(*rs.validTo) : std::string("…"));
            if (templates)
                if (const DossierTemplate* t = dossierTemplateFor(*templates, rs.id))
                    out << (en ? "  dossier template v" : "  mẫu hồ sơ v") << t->version;
            out << "\n";
        }
    } else {
        errors.insert(errors.end(), catalogue.errors().begin(), catalogue.errors().end());
    }
    if (!templates)
        errors.insert(errors.end(), templates.errors().begin(), templates.errors().end());

    out << (en ? "schemas:\n" : "lược đồ:\n");
    for (const char* file : {"ruleset.xsd", "dossier-template.xsd", "dossier.xsd", "calendar.xsd"}) {
        auto summary = readXsdSummary((dataDir / "schemas" / file).string());
        if (!summary) {
            errors.insert(errors.end(), summary.errors().begin(), summary.errors().end());
            continue;
        }
        std::string name = file, space = summary->targetNamespace;
        name.resize(std::max<size_t>(name.size(), 20), ' ');
        space.resize(std::max<size_t>(space.size(), 31), ' ');
        out << "  " << name << "  " << space << "  " << (en ? "version " : "phiên bản ") << summary->version;
        for (const auto& v : summary->schemaVersions)
            out << ", schema-version " << v;
        out << "\n";
        if (std::string(file) == "dossier.xsd" &&
            (summary->targetNamespace != dossierXmlNamespace ||
             std::find(summary->schemaVersions.begin(), summary->schemaVersions.end(), dossierXmlSchemaVersion) ==
                 summary->schemaVersions.end()))
            errors.push_back(makeError((dataDir / "schemas" / file).string(), 0, "schema-version",
                                       std::string("lược đồ không nhận hồ sơ do bản này ghi (") + dossierXmlNamespace +
                                           ", schema-version " + dossierXmlSchemaVersion + ")",
                                       std::string("the schema does not accept the dossiers this build writes (") +
                                           dossierXmlNamespace + ", schema-version " + dossierXmlSchemaVersion + ")"));
    }
    if (catalogue) {
        // The working-day calendar of the statutory clocks: its data version, the date it was last checked
        // against the announcements, and which years have none yet (counted by the statutory rule).
        if (auto calendar = (*catalogue)->calendar()) {
            const WorkingCalendar& c = **calendar;
            std::string statutory;
            for (const CalendarYear& y : c.years())
                if (y.status == YearStatus::Statutory)
                    statutory.append(statutory.empty() ? "" : " ").append(std::to_string(y.year));
            out << (en ? "calendar: " : "lịch ngày làm việc: ") << c.id() << "  v" << c.version() << "  "
                << (en ? "data of " : "dữ liệu ngày ") << c.dataDate() << "  " << c.firstYear() << "–" << c.lastYear();
            if (!statutory.empty())
                out << (en ? "  statutory (no announcement): " : "  theo luật định (chưa có thông báo): ") << statutory;
            out << "\n";
        } else {
            errors.insert(errors.end(), calendar.errors().begin(), calendar.errors().end());
        }
    }
    out << (en ? "dossier XML written: " : "hồ sơ XML ghi ra: ") << dossierXmlNamespace << ", schema-version "
        << dossierXmlSchemaVersion << "\n";
    if (errors.empty())
        return ExitOk;
    // A missing or broken file is reported by every loader that needs it; say it once per file.
    Errors distinct;
    for (const auto& error : errors)
        if (error.file.empty() ||
            std::none_of(distinct.begin(), distinct.end(), [&](const Error& seen) { return seen.file == error.file; }))
            distinct.push_back(error);
    return printErrors(distinct, context, ExitRuleSet);
}

} // namespace seclevel
