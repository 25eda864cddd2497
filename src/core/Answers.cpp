#include "core/Answers.h"

namespace seclevel {

bool isAnswered(const Value& value)
{
    return !std::holds_alternative<std::monostate>(value);
}

std::string renderValue(const Value& value)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return "—"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const std::vector<std::string>& items) const
        {
            std::string out = "[";
            for (size_t i = 0; i < items.size(); ++i)
                out += (i ? ", " : "") + items[i];
            return out + "]";
        }
        std::string operator()(Date d) const { return formatIsoDate(d); }
    };
    return std::visit(Visitor{}, value);
}

const Value& AnswerSet::get(const std::string& key) const
{
    static const Value none;
    auto it = values.find(key);
    return it == values.end() ? none : it->second;
}

int AnswerSet::lineOf(const std::string& key) const
{
    auto it = lines.find(key);
    return it == lines.end() ? 0 : it->second;
}

} // namespace seclevel
