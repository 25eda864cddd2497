#include "cli/CalendarCommands.h"

#include "app/Catalogue.h"
#include "codec/Json.h"
#include "storage/Store.h"

#include <cstdlib>

namespace seclevel {

namespace {

std::string vietnameseDate(Date date)
{
    const std::string iso = formatIsoDate(date);
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

} // namespace

std::unique_ptr<CalendarSession> openCalendarSession(const CommandLine& line, Context& context, bool requireStore,
                                                     int& exitCode)
{
    auto session = std::make_unique<CalendarSession>();
    auto catalogue = loadCatalogue(line, context);
    if (!catalogue) {
        exitCode = printErrors(catalogue.errors(), context);
        return nullptr;
    }
    session->catalogue = *catalogue;
    const char* env = std::getenv("SECLEVEL_DB");
    if (requireStore || line.value("db") || (env && *env)) {
        auto store = openStore(line);
        if (!store) {
            exitCode = printErrors(store.errors(), context);
            return nullptr;
        }
        session->store = std::move(*store);
    }
    session->service = std::make_unique<CalendarService>(*session->catalogue, session->store.get());
    return session;
}

std::string dayText(Date date, Lang lang)
{
    const LocalizedText weekday = weekdayName(date);
    return lang == Lang::En ? weekday.en + " " + formatIsoDate(date) : weekday.vi + " " + vietnameseDate(date);
}

std::string dayOffLine(const DayOff& day, Lang lang)
{
    const bool en = lang == Lang::En;
    std::string text = dayText(day.date, lang) + "  " + dayOffReasonText(day.reason).in(lang);
    if (day.compensatesFor)
        text.append(en ? " for " : " cho ").append(dayText(*day.compensatesFor, lang));
    if (day.swappedWith)
        text.append(en ? " (make-up working day " : " (làm bù ").append(dayText(*day.swappedWith, lang)).append(")");
    text.append(" — ").append(day.sourceText().in(lang));
    if (!day.note.empty())
        text.append(" — ").append(day.note.in(lang));
    return text;
}

std::string makeUpDayLine(const MakeUpWorkingDay& day, Lang lang)
{
    const bool en = lang == Lang::En;
    std::string text = dayText(day.date, lang) + (en ? "  working day" : "  làm việc");
    if (day.replaces)
        text.append(en ? " instead of " : " thay cho ").append(dayText(*day.replaces, lang));
    DayOff asSource;
    asSource.statutory = false;
    asSource.document = day.document;
    text.append(" — ").append(asSource.sourceText().in(lang));
    return text;
}

void writeDocument(json::Writer& w, const CalendarDocument& document, Lang lang)
{
    w.beginObject();
    w.key("number").value(document.number);
    w.key("date").value(document.date ? formatIsoDate(*document.date) : std::string());
    w.key("issuer").value(document.issuer.in(lang));
    w.key("reference").value(document.reference);
    w.key("note").value(document.note.in(lang));
    w.endObject();
}

void writeDayOff(json::Writer& w, const DayOff& day, Lang lang)
{
    w.beginObject();
    w.key("date").value(formatIsoDate(day.date));
    w.key("weekday").value(weekdayName(day.date).in(lang));
    w.key("reason").value(dayOffReasonName(day.reason));
    w.key("reason_text").value(dayOffReasonText(day.reason).in(lang));
    w.key("statutory").value(day.statutory);
    w.key("source").value(day.sourceText().in(lang));
    w.key("document");
    if (day.statutory)
        w.null();
    else
        writeDocument(w, day.document, lang);
    if (day.compensatesFor)
        w.key("for").value(formatIsoDate(*day.compensatesFor));
    if (day.swappedWith)
        w.key("swapped_with").value(formatIsoDate(*day.swappedWith));
    if (!day.note.empty())
        w.key("note").value(day.note.in(lang));
    w.endObject();
}

void writeMakeUpDay(json::Writer& w, const MakeUpWorkingDay& day, Lang lang)
{
    w.beginObject();
    w.key("date").value(formatIsoDate(day.date));
    w.key("weekday").value(weekdayName(day.date).in(lang));
    w.key("replaces").value(day.replaces ? formatIsoDate(*day.replaces) : std::string());
    w.key("document");
    writeDocument(w, day.document, lang);
    w.endObject();
}

} // namespace seclevel
