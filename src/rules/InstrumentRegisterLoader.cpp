#include "rules/InstrumentRegisterLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

namespace seclevel {

Result<InstrumentRegister> loadInstrumentRegister(std::string_view xml, const std::string& fileName,
                                                  const XmlSchema& schema)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return withKind(std::move(errors), ErrorKind::RuleSet);
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return makeError(ErrorKind::RuleSet, fileName, LineIndex(xml).lineOf(parsed.offset), "",
                         std::string("XML lỗi: ") + parsed.description(),
                         std::string("malformed XML: ") + parsed.description());
    InstrumentRegister result;
    for (auto node : doc.child("instruments").children("instrument")) {
        Instrument instrument;
        instrument.code = node.attribute("code").as_string();
        for (auto name : node.children("name"))
            (std::string(name.attribute("lang").as_string()) == "en" ? instrument.name.en : instrument.name.vi) =
                name.child_value();
        for (auto title : node.children("title"))
            (std::string(title.attribute("lang").as_string()) == "en" ? instrument.title.en : instrument.title.vi) =
                title.child_value();
        result.instruments.push_back(std::move(instrument));
    }
    return result;
}

Result<InstrumentRegister> loadInstrumentRegisterFile(const std::string& path, const XmlSchema& schema)
{
    auto text = readInputFile(
        path,
        {.maxBytes = XmlSchema::maxDocumentBytes, .what = {"danh mục văn bản", "instrument register"}, .text = true});
    if (!text)
        return withKind(text.errors(), ErrorKind::RuleSet);
    return loadInstrumentRegister(*text, path, schema);
}

Errors nameRuleSetInstruments(std::vector<RuleSet>& ruleSets, const InstrumentRegister& instruments)
{
    Errors errors;
    for (RuleSet& ruleSet : ruleSets)
        for (Instrument& instrument : ruleSet.instruments) {
            if (const Instrument* known = instruments.find(instrument.code))
                instrument.name = known->name;
            else
                errors.push_back(
                    makeError(ErrorKind::RuleSet, ruleSet.sourceFile, 0, instrument.code,
                              "bộ quy tắc '" + ruleSet.id + "' dẫn văn bản '" + instrument.code +
                                  "' không có trong danh mục văn bản (questionnaires/instruments.xml)",
                              "the rule set '" + ruleSet.id + "' lists the instrument '" + instrument.code +
                                  "' that the instrument register lacks (questionnaires/instruments.xml)"));
        }
    return errors;
}

} // namespace seclevel
