// seclevel questionnaire show — the questions of a rule set with help, citations and conditions.
#include "cli/Commands.h"
#include "codec/Json.h"

#include <iostream>

namespace seclevel {
namespace {

class QuestionnaireShowCommand final : public Command {
public:
    std::string name() const override { return "questionnaire show"; }
    LocalizedText summary() const override
    {
        return {"hiện bộ câu hỏi (hướng dẫn, căn cứ, điều kiện hiển thị)",
                "show the questionnaire (help, citations, show-if conditions)"};
    }
    std::string usage() const override { return "[--ruleset ID] [--as-of DATE] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = ruleSetOptions();
        specs.push_back({"format", true, {"text (mặc định) hoặc json", "text (default) or json"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto chosen = chooseRuleSet(**catalogue, line, context);
        if (!chosen)
            return printErrors(chosen.errors(), context);
        const RuleSet& rs = **chosen;
        const Lang lang = context.lang;
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginObject();
            w.key("ruleset").value(rs.id);
            w.key("version").value(rs.version);
            w.key("questions").beginArray();
            for (const auto& q : rs.questions) {
                w.beginObject();
                w.key("key").value(q.key);
                w.key("type").value(answerTypeName(q.type));
                w.key("text").value(q.text.in(lang));
                w.key("help").value(q.help.in(lang));
                w.key("citation").value(q.citation);
                w.key("required").value(q.required);
                w.key("show_if").value(q.showIf ? q.showIf->source() : "");
                w.key("required_if").value(q.requiredIf ? q.requiredIf->source() : "");
                if (q.min)
                    w.key("min").value(*q.min);
                if (q.max)
                    w.key("max").value(*q.max);
                w.key("options").beginArray();
                for (const auto& o : q.options) {
                    w.beginObject();
                    w.key("value").value(o.value);
                    w.key("label").value(o.label.in(lang));
                    w.endObject();
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject();
            *context.out << w.str();
            return ExitOk;
        }
        *context.out << rs.id << " v" << rs.version << " — " << rs.title.in(lang) << "\n";
        int number = 0;
        for (const auto& q : rs.questions) {
            *context.out << "\n"
                         << ++number << ". [" << q.key << "] " << q.text.in(lang)
                         << (q.required ? (lang == Lang::En ? "  (required)" : "  (bắt buộc)") : "") << "\n";
            *context.out << "   " << (lang == Lang::En ? "type: " : "kiểu: ") << answerTypeName(q.type);
            if (q.min || q.max)
                *context.out << " [" << (q.min ? std::to_string(*q.min) : "…") << ", "
                             << (q.max ? std::to_string(*q.max) : "…") << "]";
            if (!q.citation.empty())
                *context.out << "   " << (lang == Lang::En ? "basis: " : "căn cứ: ") << q.citation;
            *context.out << "\n";
            for (const auto& o : q.options)
                *context.out << "     - " << o.value << ": " << o.label.in(lang) << "\n";
            if (q.showIf)
                *context.out << "   " << (lang == Lang::En ? "asked if: " : "hỏi khi: ") << q.showIf->source() << "\n";
            if (q.requiredIf)
                *context.out << "   " << (lang == Lang::En ? "required if: " : "bắt buộc khi: ")
                             << q.requiredIf->source() << "\n";
            if (!q.help.empty())
                *context.out << "   " << q.help.in(lang) << "\n";
        }
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeQuestionnaireShowCommand()
{
    return std::make_unique<QuestionnaireShowCommand>();
}

} // namespace seclevel
