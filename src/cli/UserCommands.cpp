#include "cli/UserCommands.h"

#include "app/Judging.h"
#include "io/InputFile.h"
#include "storage/Store.h"

#include <filesystem>

#include <ostream>

namespace seclevel {

std::vector<OptionSpec> workflowReadOptions()
{
    return {{"db",
             true,
             {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}},
            {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}},
            {"as-of",
             true,
             {"tính đến ngày (YYYY-MM-DD, mặc định hôm nay)", "as of this date (YYYY-MM-DD, default today)"}}};
}

std::optional<WorkflowRun> startWorkflowRun(const CommandLine& line, Context& context, int& exitCode)
{
    WorkflowRun run;
    auto asOf = dateOption(line, "as-of", context, exitCode);
    if (!asOf)
        return std::nullopt;
    run.asOf = *asOf;
    auto catalogue = loadCatalogue(line, context);
    if (!catalogue) {
        exitCode = printErrors(catalogue.errors(), context);
        return std::nullopt;
    }
    run.catalogue = *catalogue;
    auto store = openStore(line);
    if (!store) {
        exitCode = printErrors(store.errors(), context);
        return std::nullopt;
    }
    run.store = std::move(*store);
    run.service = std::make_unique<WorkflowService>(*run.catalogue, *run.store);
    return run;
}

std::optional<Date> dateOption(const CommandLine& line, const std::string& name, Context& context, int& exitCode)
{
    auto text = line.value(name);
    if (!text)
        return todayInVietnam(std::chrono::system_clock::now());
    auto date = parseIsoDate(*text);
    if (!date) {
        exitCode = printErrors({makeError(ErrorKind::Usage, "", 0, name, "ngày không hợp lệ (YYYY-MM-DD): " + *text,
                                          "not a date (YYYY-MM-DD): " + *text)},
                               context);
        return std::nullopt;
    }
    return date;
}

std::optional<std::vector<StepAttachment>> attachmentOption(const CommandLine& line, Context& context, int& exitCode)
{
    std::vector<StepAttachment> attachments;
    auto file = line.value("attach");
    if (!file)
        return attachments;
    InputFileLimits limits;
    limits.maxBytes = kMaxAttachmentBytes;
    limits.what = {"tệp đính kèm", "attachment"};
    limits.followSymlinks = false; // a link named like a document must not store another file
    auto bytes = readInputFile(*file, limits);
    if (!bytes) {
        exitCode = printErrors(bytes.errors(), context);
        return std::nullopt;
    }
    attachments.push_back({std::filesystem::path(*file).filename().string(), std::move(*bytes)});
    return attachments;
}

std::string seatText(const Membership& membership)
{
    return std::string(roleName(membership.role)) + "@" + membership.organisationId;
}

void writeUser(json::Writer& w, const User& user)
{
    w.beginObject().member("id", user.id).member("name", user.name).key("roles").beginArray();
    for (const Membership& m : user.memberships)
        w.beginObject().member("organisation", m.organisationId).member("role", roleName(m.role)).endObject();
    w.endArray().endObject();
}

void writeStepRecord(json::Writer& w, const WorkflowStepRecord& r)
{
    w.beginObject();
    w.member("seq", r.seq).member("step", r.step).member("from", r.fromState).member("to", r.toState);
    w.member("date", formatIsoDate(r.date)).member("level", r.level);
    if (r.approvedLevel > 0)
        w.member("approved_level", r.approvedLevel);
    w.member("document_number", r.documentNumber);
    if (r.documentDate)
        w.member("document_date", formatIsoDate(*r.documentDate));
    w.member("note", r.note);
    w.member("ruleset", r.rulesetId).member("procedure_version", r.rulesetVersion);
    w.key("actor").beginObject().member("user", r.actor.userId).member("organisation", r.actor.organisationId);
    w.member("role", r.actor.role).endObject();
    w.member("recorded_at", isoTimestamp(r.at));
    w.key("attachments").beginArray();
    for (const Attachment& a : r.attachments)
        w.beginObject().member("name", a.name).member("size", a.size).member("sha256", a.sha256).endObject();
    w.endArray();
    w.endObject();
}

void writeClock(json::Writer& w, const ClockStatus& c)
{
    w.beginObject();
    w.member("clock", c.rule->id).member("citation", c.rule->citation);
    w.member("unit", c.rule->unit == ClockUnit::WorkingDays ? "working_days" : "calendar_days");
    w.member("limit", c.rule->count).member("owed_by", c.rule->owedBy);
    w.member("start", formatIsoDate(c.start)).member("end", formatIsoDate(c.end));
    w.member("remaining", c.remaining).member("overdue", c.overdue).member("window", c.rule->window);
    w.key("statutory_years").beginArray();
    for (int y : c.statutoryYears)
        w.value(y);
    w.endArray();
    w.endObject();
}

std::string remainingText(const ClockStatus& c, Lang lang)
{
    const bool working = c.rule->unit == ClockUnit::WorkingDays;
    const bool vi = lang == Lang::Vi;
    const std::string unit = vi ? (working ? " ngày làm việc" : " ngày") : (working ? " working days" : " days");
    if (c.lapsed)
        return vi ? "đã hết thời hạn" : "closed";
    if (c.remaining < 0)
        return vi ? "quá hạn " + std::to_string(-c.remaining) + unit : std::to_string(-c.remaining) + unit + " overdue";
    if (c.overdue)
        return vi ? "đã quá hạn" : "overdue";
    if (c.remaining == 0)
        return vi ? "hôm nay là ngày cuối" : "today is the last day";
    return vi ? "còn " + std::to_string(c.remaining) + unit : std::to_string(c.remaining) + unit + " left";
}

} // namespace seclevel
