// Runs every golden case (tests/golden/*.json: answers → expected level, citations and warnings per rule
// set, written from the legal text) through the shipped rule sets, and checks that together the cases make
// every criterion, floor and warning of every rule set fire at least once, and every refusal refuse a case.
#define BOOST_TEST_MODULE golden_cases
#include <boost/test/unit_test.hpp>

#include "codec/Json.h"
#include "core/Assessment.h"
#include "formats/json/AnswersFile.h"
#include "rules/RuleSetLoader.h"

#include <filesystem>
#include <map>
#include <set>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const std::vector<RuleSet>& ruleSets()
{
    static const std::vector<RuleSet> loaded = [] {
        const fs::path dir = SECLEVEL_SOURCE_DIR;
        auto result = loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
        if (!result) {
            for (const auto& e : result.errors())
                BOOST_TEST_MESSAGE(e.describe(Lang::En));
            throw std::runtime_error("shipped rule sets do not load");
        }
        return *result;
    }();
    return loaded;
}

std::vector<fs::path> goldenFiles()
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(SECLEVEL_SOURCE_DIR) / "tests" / "golden"))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::set<std::string> strings(const json::Node* node)
{
    std::set<std::string> out;
    if (node)
        for (const auto& item : node->items)
            out.insert(item.text);
    return out;
}

std::string joined(const std::set<std::string>& items)
{
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return "{" + out + "}";
}

} // namespace

BOOST_AUTO_TEST_CASE(shipped_rule_sets_load)
{
    BOOST_REQUIRE_EQUAL(ruleSets().size(), 3u);
    BOOST_TEST(ruleSetById(ruleSets(), "VN-2016"));
    BOOST_TEST(ruleSetById(ruleSets(), "VN-2022"));
    BOOST_TEST(ruleSetById(ruleSets(), "VN-2026"));
}

BOOST_AUTO_TEST_CASE(every_golden_case_matches_and_covers_every_rule)
{
    const auto files = goldenFiles();
    BOOST_TEST(files.size() >= 40u);
    std::map<std::string, std::set<std::string>> firedIds;   // rule set → criterion ids fired somewhere
    std::map<std::string, std::set<std::string>> raisedIds;  // rule set → warning ids raised somewhere
    std::map<std::string, std::set<std::string>> refusedIds; // rule set → refusal ids that refused some case
    int checked = 0;
    for (const auto& file : files) {
        BOOST_TEST_CONTEXT(file.filename().string())
        {
            auto doc = json::parseFile(file.string());
            BOOST_REQUIRE_MESSAGE(doc.ok(), file.string() + " is not valid JSON");
            const json::Node* input = doc->find("input");
            const json::Node* expect = doc->find("expect");
            BOOST_REQUIRE(input && expect);
            json::Writer writer;
            writer.value(*input);
            auto system = readAnswers(writer.str(), file.string());
            const json::Node* invalid = doc->find("invalid");
            const bool expectInvalid = invalid && invalid->boolean;
            if (!system) {
                BOOST_TEST(expectInvalid, "answers file unreadable: " + system.errors().front().describe(Lang::En));
                continue;
            }
            for (const auto& [rulesetId, expectation] : expect->members) {
                BOOST_TEST_CONTEXT(rulesetId)
                {
                    const RuleSet* rs = ruleSetById(ruleSets(), rulesetId);
                    BOOST_REQUIRE_MESSAGE(rs, "unknown rule set " + rulesetId);
                    auto valid = validateAnswers(*rs, *system);
                    if (expectInvalid) {
                        BOOST_TEST(!valid.ok(), "answers should be refused");
                        if (!valid.ok()) {
                            const json::Node* key = doc->find("error_key");
                            bool named = !key;
                            for (const auto& e : valid.errors()) {
                                named = named || e.field.find(key->text) != std::string::npos;
                                for (const auto& refusal : rs->refusals)
                                    if (e.message.en.rfind(refusal.text.en, 0) == 0)
                                        refusedIds[rulesetId].insert(refusal.id);
                            }
                            BOOST_TEST(named, "no error names " + (key ? key->text : std::string()));
                        }
                        continue;
                    }
                    BOOST_REQUIRE_MESSAGE(valid.ok(),
                                          (valid.ok() ? std::string() : valid.errors().front().describe(Lang::En)));
                    const Assessment a = deriveLevel(*rs, *valid);
                    ++checked;
                    std::set<std::string> citations, warnings;
                    for (const auto& c : a.components)
                        for (const auto& f : c.fired) {
                            citations.insert(f.citation);
                            firedIds[rulesetId].insert(f.id);
                        }
                    for (const auto& w : a.warnings) {
                        warnings.insert(w.id);
                        raisedIds[rulesetId].insert(w.id);
                    }
                    BOOST_TEST(a.derivedLevel == expectation.find("level")->integer);
                    const auto expectedCitations = strings(expectation.find("citations"));
                    BOOST_TEST(citations == expectedCitations,
                               "citations " + joined(citations) + " expected " + joined(expectedCitations));
                    const auto expectedWarnings = strings(expectation.find("warnings"));
                    BOOST_TEST(warnings == expectedWarnings,
                               "warnings " + joined(warnings) + " expected " + joined(expectedWarnings));
                    if (const json::Node* components = expectation.find("components")) {
                        for (const auto& expected : components->items) {
                            const std::string name = expected.find("name")->text;
                            auto it = std::find_if(a.components.begin(), a.components.end(),
                                                   [&](const ComponentResult& c) { return c.name == name; });
                            BOOST_TEST_REQUIRE((it != a.components.end()), "no component " + name);
                            BOOST_TEST(it->level == expected.find("level")->integer, "component " + name);
                        }
                    }
                }
            }
        }
    }
    BOOST_TEST(checked >= 100);
    for (const auto& rs : ruleSets()) {
        for (const auto& c : rs.criteria)
            BOOST_TEST(firedIds[rs.id].count(c.id) == 1u,
                       rs.id + ": no golden case fires " + c.id + " (" + c.citation + ")");
        for (const auto& w : rs.warnings)
            BOOST_TEST(raisedIds[rs.id].count(w.id) == 1u, rs.id + ": no golden case raises warning " + w.id);
        for (const auto& r : rs.refusals)
            BOOST_TEST(refusedIds[rs.id].count(r.id) == 1u, rs.id + ": no golden case is refused by " + r.id);
    }
}
