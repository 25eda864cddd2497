// seclevel import FILE.csv|FILE.xlsx — load a system inventory from a spreadsheet: every row checked and
// judged first, then new and changed systems written (one transaction per batch), bad cells reported.
#include "app/ImportService.h"
#include "cli/Commands.h"
#include "cli/ProgressBar.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"
#include "core/TextSafety.h"
#include "storage/Store.h"

#include <iostream>

namespace seclevel {
namespace {

// What is shown of each list in the text report; the JSON report and --errors FILE hold them all.
constexpr std::size_t shownLines = 200;

std::string phaseName(const char* phase, Lang lang)
{
    const bool vi = lang == Lang::Vi;
    if (std::string(phase) == "check")
        return vi ? "kiểm tra" : "checking";
    return vi ? "ghi" : "writing";
}

std::string actionName(PlanAction action, Lang lang)
{
    if (lang == Lang::En)
        return planActionName(action);
    switch (action) {
    case PlanAction::New: return "mới";
    case PlanAction::Changed: return "thay đổi";
    case PlanAction::Unchanged: return "không đổi";
    case PlanAction::Refused: return "bị từ chối";
    }
    return "";
}

// "file, sheet S, row 4, column F (Loại hệ thống), value "abc": message".
std::string describeProblem(const CellProblem& p, Lang lang)
{
    const bool vi = lang == Lang::Vi;
    std::string out = escapeUnsafeCharacters(p.file);
    if (!p.sheet.empty())
        out += (vi ? ", trang " : ", sheet ") + escapeUnsafeCharacters(p.sheet);
    if (p.row > 0)
        out += (vi ? ", hàng " : ", row ") + std::to_string(p.row);
    if (p.column >= 0) {
        out += (vi ? ", cột " : ", column ") + columnLetters(p.column);
        if (!p.header.empty())
            out += " (" + escapeUnsafeCharacters(p.header) + ")";
        out += (vi ? ", giá trị \"" : ", value \"") + escapeUnsafeCharacters(p.value) + "\"";
    }
    if (!p.systemId.empty())
        out += (vi ? " [hệ thống " : " [system ") + escapeUnsafeCharacters(p.systemId) + "]";
    return out + ": " + escapeUnsafeCharacters(p.message.in(lang));
}

void writeJson(const ImportReport& report, std::ostream& out)
{
    json::Writer w;
    w.beginObject();
    w.member("file", report.file);
    w.member("sheet", report.sheet);
    w.member("mapping", report.mappingId);
    w.member("ruleset", report.rulesetId);
    w.member("ruleset_version", report.rulesetVersion);
    w.member("dry_run", report.dryRun);
    w.member("written", report.written);
    w.member("rows", report.rows);
    w.key("counts").beginObject();
    for (PlanAction action : {PlanAction::New, PlanAction::Changed, PlanAction::Unchanged, PlanAction::Refused})
        w.member(planActionName(action), report.count(action));
    w.endObject();
    w.key("systems").beginArray();
    for (const PlannedSystem& s : report.systems) {
        w.beginObject();
        w.member("id", s.id);
        w.member("row", s.row);
        w.member("action", planActionName(s.action));
        if (s.level > 0)
            w.member("level", s.level);
        w.endObject();
    }
    w.endArray();
    w.member("problem_count", report.problemCount);
    w.key("problems").beginArray();
    for (const CellProblem& p : report.problems) {
        w.beginObject();
        w.member("file", p.file);
        w.member("sheet", p.sheet);
        w.member("row", p.row);
        w.member("column", p.column >= 0 ? columnLetters(p.column) : std::string());
        w.member("header", p.header);
        w.member("value", p.value);
        w.member("system", p.systemId);
        w.member("message_vi", p.message.vi);
        w.member("message_en", p.message.en);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    out << w.str() << "\n";
}

void writeText(const ImportReport& report, Lang lang, std::ostream& out)
{
    const bool vi = lang == Lang::Vi;
    out << (vi ? "Nhập: " : "Import: ") << escapeUnsafeCharacters(report.file);
    if (!report.sheet.empty())
        out << (vi ? ", trang " : ", sheet ") << escapeUnsafeCharacters(report.sheet);
    out << (vi ? " — ánh xạ " : " — mapping ") << report.mappingId << (vi ? ", bộ quy tắc " : ", rule set ")
        << report.rulesetId << " v" << report.rulesetVersion << "\n";
    out << (vi ? "Hàng dữ liệu: " : "Data rows: ") << groupedNumber(report.rows, lang)
        << (vi ? " · hệ thống: " : " · systems: ") << groupedNumber(report.systems.size(), lang) << "\n";
    out << "  " << actionName(PlanAction::New, lang) << ": " << groupedNumber(report.count(PlanAction::New), lang)
        << " · " << actionName(PlanAction::Changed, lang) << ": "
        << groupedNumber(report.count(PlanAction::Changed), lang) << " · " << actionName(PlanAction::Unchanged, lang)
        << ": " << groupedNumber(report.count(PlanAction::Unchanged), lang) << " · "
        << actionName(PlanAction::Refused, lang) << ": " << groupedNumber(report.count(PlanAction::Refused), lang)
        << "\n";
    std::size_t shown = 0;
    for (const PlannedSystem& s : report.systems) {
        if (s.action == PlanAction::Unchanged)
            continue;
        if (++shown > shownLines) {
            out << "  …\n";
            break;
        }
        out << "  " << (vi ? "hàng " : "row ") << s.row << "\t" << escapeUnsafeCharacters(s.id) << "\t"
            << actionName(s.action, lang);
        if (s.level > 0)
            out << (vi ? " (cấp độ " : " (level ") << s.level << ")";
        out << "\n";
    }
    if (report.dryRun)
        out << (vi ? "Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.\n"
                   : "Dry run (--dry-run): nothing was written to the database.\n");
    else if (!report.written && report.count(PlanAction::New) + report.count(PlanAction::Changed) > 0)
        out << (vi ? "Không ghi gì vào cơ sở dữ liệu (--all-or-nothing: có hàng bị từ chối).\n"
                   : "Nothing was written to the database (--all-or-nothing: some rows were refused).\n");
    else if (report.written)
        out << (vi ? "Đã ghi " : "Written: ")
            << groupedNumber(report.count(PlanAction::New) + report.count(PlanAction::Changed), lang)
            << (vi ? " hệ thống.\n" : " systems.\n");
    else
        out << (vi ? "Không có gì thay đổi.\n" : "Nothing changed.\n");
}

class ImportCommand final : public Command {
public:
    std::string name() const override { return "import"; }
    LocalizedText summary() const override
    {
        return {"nhập danh mục hệ thống từ bảng tính CSV hoặc XLSX (kiểm tra từng ô, chạy thử, nhập lại không đổi)",
                "import a system inventory from a CSV or XLSX spreadsheet (every cell checked, dry run, idempotent)"};
    }
    std::string usage() const override
    {
        return "FILE.csv|FILE.xlsx [--sheet NAME] [--mapping MAP] [--dry-run] [--all-or-nothing] [--errors FILE] "
               "[--db PATH] [--as USER] [--organisation ID] [--ruleset ID] [--as-of DATE] [--format text|json]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = ruleSetOptions();
        specs.push_back(
            {"db",
             true,
             {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}});
        for (OptionSpec& spec : actingOptions())
            specs.push_back(std::move(spec));
        specs.push_back({"organisation",
                         true,
                         {"mã cơ quan cho hệ thống mới ở các hàng không ghi cơ quan",
                          "organisation id for new systems whose row names none"}});
        specs.push_back(
            {"sheet",
             true,
             {"trang tính của tệp XLSX (mặc định trang đầu)", "worksheet of an XLSX file (default the first)"}});
        specs.push_back({"mapping",
                         true,
                         {"ánh xạ cột: flat-system, flat-component, form-08 hoặc tệp .xml (mặc định: "
                          "ánh xạ khớp tiêu đề nhất)",
                          "column mapping: flat-system, flat-component, form-08 or an .xml file "
                          "(default: the one the header fits best)"}});
        specs.push_back({"dry-run",
                         false,
                         {"chỉ kiểm tra và cho biết sẽ thay đổi gì; không ghi",
                          "only check and show what would change; write nothing"}});
        specs.push_back({"all-or-nothing",
                         false,
                         {"không ghi gì nếu có bất kỳ hàng nào sai", "write nothing unless every row is valid"}});
        specs.push_back({"errors",
                         true,
                         {"ghi danh sách lỗi ra tệp CSV hoặc XLSX (theo đuôi tệp)",
                          "write the list of problems to a CSV or XLSX file (by its extension)"}});
        specs.push_back({"format", true, {"text (mặc định) hoặc json", "text (default) or json"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp CSV hoặc XLSX", "expects exactly one CSV or XLSX file");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "--format phải là text hoặc json", "--format must be text or json");
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto choice = ruleSetChoice(line);
        if (!choice)
            return printErrors(choice.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);

        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);

        ImportRequest request;
        request.path = line.positional().front();
        request.sheet = line.value("sheet");
        request.mapping = line.value("mapping");
        request.ruleSet = *choice;
        request.organisationId = line.value("organisation");
        request.dryRun = line.flag("dry-run");
        request.allOrNothing = line.flag("all-or-nothing");

        ProgressBar bar(*context.err, ProgressBar::stderrIsTerminal(), context.lang);
        ImportService service(**catalogue, **store);
        auto report = service.importFile(request, *actor, [&](const char* phase, std::size_t done, std::size_t total) {
            bar.update(phaseName(phase, context.lang), done, total);
        });
        bar.finish();
        if (!report)
            return printErrors(report.errors(), context);
        for (const LocalizedText& notice : report->notices)
            *context.err << (context.lang == Lang::Vi ? "cảnh báo: " : "warning: ") << notice.in(context.lang) << "\n";
        if (!report->unmappedHeaders.empty()) {
            std::string columns;
            for (const auto& header : report->unmappedHeaders)
                columns += (columns.empty() ? "" : ", ") + escapeUnsafeCharacters(header);
            *context.err << (context.lang == Lang::Vi ? "cảnh báo: các cột không được đọc (không có trong ánh xạ "
                                                      : "warning: columns not read (not in the mapping ")
                         << report->mappingId << "): " << columns << "\n";
        }
        if (auto path = line.value("errors")) {
            auto written = writeProblemReport(*report, *path);
            if (!written)
                return printErrors(written.errors(), context);
        }
        if (format == "json") {
            writeJson(*report, *context.out);
        } else {
            writeText(*report, context.lang, *context.out);
            if (report->problemCount > 0) {
                *context.err << (context.lang == Lang::Vi ? "Lỗi (" : "Problems (")
                             << groupedNumber(report->problemCount, context.lang) << "):\n";
                std::size_t shown = 0;
                for (const CellProblem& p : report->problems) {
                    if (++shown > shownLines) {
                        *context.err << "  …"
                                     << (context.lang == Lang::Vi ? " (xem --errors FILE)" : " (see --errors FILE)")
                                     << "\n";
                        break;
                    }
                    *context.err << "  " << describeProblem(p, context.lang) << "\n";
                }
            }
        }
        return report->problemCount > 0 ? ExitInvalidInput : ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeImportCommand()
{
    return std::make_unique<ImportCommand>();
}

} // namespace seclevel
