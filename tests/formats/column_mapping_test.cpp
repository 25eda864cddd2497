#define BOOST_TEST_MODULE column_mapping
// The mapping loader (mappings/*.xml against schemas/mapping.xsd) and reading cells as typed answers.
#include "app/Catalogue.h"
#include "formats/sheet/CellValues.h"
#include "formats/sheet/ColumnMapping.h"
#include "rules/XmlSchema.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const std::string dataDir = SECLEVEL_SOURCE_DIR;

std::shared_ptr<XmlSchema> schema()
{
    auto loaded = XmlSchema::load(dataDir + "/schemas/mapping.xsd");
    BOOST_REQUIRE(loaded.ok());
    return *loaded;
}

const ColumnMapping& shipped(const std::string& id)
{
    static const std::vector<ColumnMapping> all = [] {
        auto loaded = loadShippedMappings(dataDir);
        BOOST_REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.errors().front().describe(Lang::En)));
        return *loaded;
    }();
    for (const auto& mapping : all)
        if (mapping.id == id)
            return mapping;
    BOOST_FAIL("no shipped mapping " + id);
    return all.front();
}

const RuleSet& vn2026()
{
    static const std::shared_ptr<const Catalogue> catalogue = [] {
        auto loaded = Catalogue::load(dataDir);
        BOOST_REQUIRE(loaded.ok());
        return *loaded;
    }();
    return *catalogue->ruleSet("VN-2026");
}

Result<ColumnMapping> loadText(const std::string& xml)
{
    const fs::path path = fs::temp_directory_path() / ("seclevel-mapping-" + std::to_string(::getpid()) + ".xml");
    std::ofstream(path) << xml;
    auto mapping = loadColumnMapping(path.string(), *schema());
    fs::remove(path);
    return mapping;
}

SheetCell text(const std::string& t)
{
    return SheetCell{t, SheetCell::Kind::Text};
}

SheetCell number(const std::string& t)
{
    return SheetCell{t, SheetCell::Kind::Number};
}

} // namespace

BOOST_AUTO_TEST_CASE(shipped_mappings_load)
{
    const ColumnMapping& flat = shipped("flat-system");
    BOOST_TEST((flat.layout == ColumnMapping::Layout::PerSystem));
    BOOST_TEST(flat.answersByKey);
    BOOST_REQUIRE(flat.column(MappedField::SystemId) != nullptr);
    BOOST_TEST(flat.column(MappedField::SystemId)->required);
    BOOST_TEST((shipped("flat-component").layout == ColumnMapping::Layout::PerComponent));
    const ColumnMapping& form = shipped("form-08");
    BOOST_TEST(form.headerRows == 3);
    BOOST_TEST((form.columns.front().field == MappedField::RowNumber));
    BOOST_TEST(form.title.vi.find("Mẫu số 08") != std::string::npos);
    // Every answer column and every value alias names a question and an option of the newest rule set.
    for (const std::string id : {"flat-system", "flat-component", "form-08"}) {
        for (const MappedColumn& column : shipped(id).columns)
            if (!column.answerKey.empty())
                BOOST_TEST(vn2026().question(column.answerKey) != nullptr, id << ": " << column.answerKey);
        for (const ValueAlias& value : shipped(id).values) {
            const Question* question = vn2026().question(value.answerKey);
            BOOST_REQUIRE(question != nullptr);
            BOOST_TEST(question->option(value.code) != nullptr, id << ": " << value.answerKey << "=" << value.code);
        }
    }
}

BOOST_AUTO_TEST_CASE(mapping_errors_are_refused)
{
    const std::string head = R"(<mapping xmlns="urn:seclevel:mapping:1" id="t" version="1.0.0" layout="system">)"
                             R"(<title lang="vi">t</title><title lang="en">t</title>)";
    // Both field and answer on one column.
    auto both =
        loadText(head + R"(<column field="system.id" answer="system_type"><header>x</header></column></mapping>)");
    BOOST_REQUIRE(!both.ok());
    BOOST_TEST(both.errors().front().message.en.find("exactly one") != std::string::npos);
    // No system id.
    auto noId = loadText(head + R"(<column field="system.name"><header>x</header></column></mapping>)");
    BOOST_REQUIRE(!noId.ok());
    BOOST_TEST(noId.errors().front().field == "system.id");
    // An unknown field is a schema error with its line.
    auto unknown = loadText(head + "\n" + R"(<column field="system.colour"><header>x</header></column></mapping>)");
    BOOST_REQUIRE(!unknown.ok());
    BOOST_TEST(unknown.errors().front().line == 2);
    // component.name needs the component layout.
    auto component = loadText(head + R"(<column field="system.id"><header>x</header></column>)"
                                     R"(<column field="component.name"><header>c</header></column></mapping>)");
    BOOST_REQUIRE(!component.ok());
    // The same field twice.
    auto twice = loadText(head + R"(<column field="system.id"><header>x</header></column>)"
                                 R"(<column field="system.id"><header>y</header></column></mapping>)");
    BOOST_REQUIRE(!twice.ok());
}

BOOST_AUTO_TEST_CASE(choices_by_code_label_and_alias_with_or_without_diacritics)
{
    const ColumnMapping& mapping = shipped("flat-system");
    const Question& type = *vn2026().question("system_type");
    for (const std::string written :
         {"Nội bộ", "noi bo", "NỘI BỘ", "internal", "Phục vụ hoạt động nội bộ (điểm a)", "phuc vu hoat dong noi bo"}) {
        CellReading reading = readAnswerCell(text(written), type, mapping);
        BOOST_TEST(!reading.problem.has_value(), written);
        BOOST_TEST((reading.value == Value{std::string("internal")}), written);
    }
    CellReading wrong = readAnswerCell(text("nội"), type, mapping);
    BOOST_REQUIRE(wrong.problem.has_value());
    BOOST_TEST(wrong.problem->vi.find("internal (Nội bộ)") != std::string::npos);
    BOOST_TEST(!isAnswered(readAnswerCell(text("  "), type, mapping).value));
}

BOOST_AUTO_TEST_CASE(multi_choice_booleans_numbers_and_dates)
{
    const ColumnMapping& mapping = shipped("flat-system");
    const RuleSet& rs = vn2026();
    auto classes = readAnswerCell(text("Công cộng; cá nhân;CONG CONG"), *rs.question("info_classes"), mapping);
    BOOST_TEST((classes.value == Value{std::vector<std::string>{"public", "personal"}}));
    auto commas = readAnswerCell(text("public, private"), *rs.question("info_classes"), mapping);
    BOOST_TEST((commas.value == Value{std::vector<std::string>{"public", "private"}}));
    BOOST_TEST(readAnswerCell(text("public; nope"), *rs.question("info_classes"), mapping).problem.has_value());

    const Question& accounts = *rs.question("holds_user_accounts");
    for (const std::string yes : {"Có", "co", "CÓ", "x", "yes", "1", "đúng"})
        BOOST_TEST((readAnswerCell(text(yes), accounts, mapping).value == Value{true}), yes);
    for (const std::string no : {"Không", "khong", "no", "0", "sai"})
        BOOST_TEST((readAnswerCell(text(no), accounts, mapping).value == Value{false}), no);
    BOOST_TEST(readAnswerCell(text("có lẽ"), accounts, mapping).problem.has_value());
    BOOST_TEST((readAnswerCell(SheetCell{"1", SheetCell::Kind::Boolean}, accounts, mapping).value == Value{true}));

    const Question& subjects = *rs.question("personal_data_subjects");
    BOOST_TEST((readAnswerCell(text("86.000"), subjects, mapping).value == Value{std::int64_t{86000}}));
    BOOST_TEST((readAnswerCell(number("86000"), subjects, mapping).value == Value{std::int64_t{86000}}));
    BOOST_TEST((readAnswerCell(number("8.6E4"), subjects, mapping).value == Value{std::int64_t{86000}}));
    BOOST_TEST(readAnswerCell(number("1.5"), subjects, mapping).problem.has_value());
    BOOST_TEST(readAnswerCell(text("1,5"), subjects, mapping).problem->en.find("no decimals") != std::string::npos);
    BOOST_TEST(readAnswerCell(text("86,000"), subjects, mapping).problem->en.find("ambiguous") != std::string::npos);
    BOOST_TEST(
        readAnswerCell(SheetCell{"#REF!", SheetCell::Kind::Error}, subjects, mapping).problem->en.find("#REF!") !=
        std::string::npos);

    const Question& approved = *rs.question("prior_approval_date");
    const Value expected{Date{std::chrono::year{2026}, std::chrono::month{8}, std::chrono::day{19}}};
    BOOST_TEST((readAnswerCell(text("19/08/2026"), approved, mapping).value == expected));
    BOOST_TEST((readAnswerCell(text("2026-08-19"), approved, mapping).value == expected));
    BOOST_TEST((readAnswerCell(number("46253"), approved, mapping).value == expected));
    BOOST_TEST(readAnswerCell(text("31/02/2026"), approved, mapping).problem.has_value());
    BOOST_TEST(readAnswerCell(text("08/19/2026"), approved, mapping).problem.has_value());
}

BOOST_AUTO_TEST_CASE(written_answers_read_back_the_same)
{
    const ColumnMapping& mapping = shipped("flat-system");
    const RuleSet& rs = vn2026();
    const std::vector<std::pair<std::string, Value>> answers{
        {"system_type", std::string("citizen_service")},
        {"info_classes", std::vector<std::string>{"public", "private", "personal"}},
        {"holds_user_accounts", true},
        {"personal_data_subjects", std::int64_t{86000}},
        {"counting_method", std::string("=1+1; đếm theo CCCD")},
        {"construction_work_grade", std::string("IV")},
        {"prior_approval_date", Date{std::chrono::year{2020}, std::chrono::month{1}, std::chrono::day{2}}}};
    for (const auto& [key, value] : answers) {
        const Question& question = *rs.question(key);
        WrittenAnswer written = writeAnswerCell(value, &question, mapping, key);
        SheetCell cell{neutraliseFormula(written.text),
                       written.numeric ? SheetCell::Kind::Number : SheetCell::Kind::Text};
        if (written.numeric)
            cell.text = written.text;
        CellReading read = readAnswerCell(cell, question, mapping);
        BOOST_TEST(!read.problem.has_value(), key);
        BOOST_TEST((read.value == value), key);
    }
    BOOST_TEST(
        writeAnswerCell(Value{std::string("internal")}, rs.question("system_type"), mapping, "system_type").text ==
        "Nội bộ");
}
