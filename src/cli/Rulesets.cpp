// seclevel rulesets — the shipped rule sets, their instruments and validity, and which is in force.
#include "cli/Commands.h"
#include "codec/Json.h"

#include <iostream>

namespace seclevel {
namespace {

class RulesetsCommand final : public Command {
public:
    std::string name() const override { return "rulesets"; }
    LocalizedText summary() const override
    {
        return {"liệt kê các bộ quy tắc, văn bản pháp lý và thời gian áp dụng",
                "list the rule sets, their legal instruments and validity"};
    }
    std::string usage() const override { return "[--as-of DATE] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        return {{"as-of",
                 true,
                 {"ngày để xác định bộ quy tắc đang áp dụng", "date that decides which rule set is in force"}},
                {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        const std::vector<RuleSet>* ruleSets = &(*catalogue)->ruleSets();
        auto asOf = asOfDate(line);
        if (!asOf)
            return printErrors(asOf.errors(), context);
        const std::optional<Date> date = asOf->value_or(todayInVietnam(std::chrono::system_clock::now()));
        const RuleSet* inForce = ruleSetInForce(*ruleSets, *date);
        const Lang lang = context.lang;
        auto period = [](const RuleSet& rs) {
            return (rs.validFrom ? formatIsoDate(*rs.validFrom) : std::string("…")) + " – " +
                   (rs.validTo ? formatIsoDate(*rs.validTo) : std::string("…"));
        };
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginArray();
            for (const auto& rs : *ruleSets) {
                w.beginObject();
                w.key("id").value(rs.id);
                w.key("version").value(rs.version);
                w.key("title").value(rs.title.in(lang));
                w.key("valid_from").value(rs.validFrom ? formatIsoDate(*rs.validFrom) : "");
                w.key("valid_to").value(rs.validTo ? formatIsoDate(*rs.validTo) : "");
                w.key("in_force").value(&rs == inForce);
                w.key("questions").value(static_cast<std::int64_t>(rs.questions.size()));
                w.key("criteria").value(static_cast<std::int64_t>(rs.criteria.size()));
                w.key("instruments").beginArray();
                for (const auto& i : rs.instruments) {
                    w.beginObject();
                    w.key("code").value(i.code);
                    w.key("title").value(i.title.in(lang));
                    w.endObject();
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            *context.out << w.str();
            return ExitOk;
        }
        for (const auto& rs : *ruleSets) {
            *context.out << (&rs == inForce ? "* " : "  ") << rs.id << "  v" << rs.version << "  " << period(rs) << "  "
                         << rs.title.in(lang) << "\n";
            for (const auto& i : rs.instruments)
                *context.out << "      " << i.code << ": " << i.title.in(lang) << "\n";
            *context.out << "      " << rs.questions.size() << (lang == Lang::En ? " questions, " : " câu hỏi, ")
                         << rs.criteria.size() << (lang == Lang::En ? " criteria, " : " tiêu chí, ")
                         << rs.warnings.size() << (lang == Lang::En ? " warnings" : " cảnh báo") << "\n";
        }
        *context.out << "\n* " << (lang == Lang::En ? "in force on " : "áp dụng ngày ") << formatIsoDate(*date) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeRulesetsCommand()
{
    return std::make_unique<RulesetsCommand>();
}

} // namespace seclevel
