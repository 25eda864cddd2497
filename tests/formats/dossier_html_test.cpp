// Printable HTML of the dossier and of NĐ331 forms 01, 02, 05, 06: the example provincial public-service
// system derived under VN-2026 and VN-2022, some fields filled, rendered and compared with golden files
// (tests/golden/html, whitespace collapsed; SECLEVEL_UPDATE_GOLDEN=1 rewrites them). Structure checks: the
// Decree-30 motto, every citation of the trace, escaping of hostile names and fields, NĐ85 vs NĐ331 bases.
#define BOOST_TEST_MODULE dossier_html
#include <boost/test/unit_test.hpp>

#include "core/Assessment.h"
#include "formats/html/DossierHtml.h"
#include "formats/html/HtmlEscape.h"
#include "formats/json/AnswersFile.h"
#include "rules/DossierTemplateLoader.h"
#include "rules/InstrumentRegisterLoader.h"
#include "rules/RuleSetLoader.h"
#include "rules/XmlSchema.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace seclevel;

namespace {

const std::string sourceDir = SECLEVEL_SOURCE_DIR;

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::vector<RuleSet>& ruleSets()
{
    static const std::vector<RuleSet> loaded = [] {
        auto result = loadRuleSets(sourceDir + "/questionnaires", sourceDir + "/schemas/ruleset.xsd");
        if (!result)
            throw std::runtime_error(result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

const InstrumentRegister& instruments()
{
    static const InstrumentRegister loaded = [] {
        auto schema = XmlSchema::load(sourceDir + "/schemas/instruments.xsd");
        if (!schema)
            throw std::runtime_error(schema.errors().front().describe(Lang::En));
        auto result = loadInstrumentRegisterFile(sourceDir + "/questionnaires/instruments.xml", **schema);
        if (!result)
            throw std::runtime_error(result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

const std::vector<DossierTemplate>& templates()
{
    static const std::vector<DossierTemplate> loaded = [] {
        auto result = loadDossierTemplates(sourceDir + "/questionnaires", sourceDir + "/schemas/dossier-template.xsd");
        if (!result)
            throw std::runtime_error(result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

const std::string& css()
{
    static const std::string text = readFile(sourceDir + "/reports/dossier.css");
    return text;
}

Date date(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

struct Fixture {
    const RuleSet* ruleSet = nullptr;
    const DossierTemplate* dossierTemplate = nullptr;
    DossierDocument document;
};

// The example answers derived under `rulesetId`, with some Part A fields, a few statements and one attachment.
Fixture derive(const std::string& rulesetId, const std::string& systemName = {})
{
    Fixture f;
    f.ruleSet = ruleSetById(ruleSets(), rulesetId);
    f.dossierTemplate = dossierTemplateFor(templates(), rulesetId);
    if (!f.ruleSet || !f.dossierTemplate)
        throw std::runtime_error("rule set or template missing: " + rulesetId);
    auto answers = readAnswersFile(sourceDir + "/examples/cong-dich-vu-cong-tinh.json");
    if (!answers)
        throw std::runtime_error(answers.errors().front().describe(Lang::En));
    if (!systemName.empty())
        answers->name = systemName;
    auto validated = validateAnswers(*f.ruleSet, *answers);
    if (!validated)
        throw std::runtime_error(validated.errors().front().describe(Lang::En));
    f.document.system = *validated;
    f.document.assessment = deriveLevel(*f.ruleSet, f.document.system);
    f.document.dossier.systemId = f.document.system.id;
    auto& fields = f.document.dossier.fields;
    fields["A.1.owner_name"] = f.document.system.owner;
    fields["A.1.owner_address"] = "Số 1 đường Trần Phú, phường Quang Trung, Phủ Lý, Hà Nam";
    fields["A.2.operator_name"] = f.document.system.operatorName;
    fields["A.2.operator_address"] = "Số 2 đường Biên Hòa, Phủ Lý, Hà Nam";
    fields["A.3.scope"] = "Tiếp nhận, giải quyết thủ tục hành chính trực tuyến.\nKết nối Cổng Dịch vụ công quốc gia.";
    const auto groups = f.dossierTemplate->requirementsForLevel(f.document.assessment.proposedLevel);
    if (groups.size() >= 2) {
        f.document.dossier.requirements.push_back(
            {groups[0]->id, 1, RequirementStatus::Met, "Đã ban hành quy chế số 12/QĐ-UBND", std::nullopt});
        f.document.dossier.requirements.push_back(
            {groups[1]->id, 1, RequirementStatus::Planned, "Thành lập tổ ứng cứu sự cố", date(2027, 3, 31)});
    }
    f.document.dossier.attachments.push_back(
        {"design_document", "thiet-ke-thi-cong.pdf", "application/pdf", 204800, std::string(64, 'a'), ""});
    return f;
}

DocumentHeader header()
{
    DocumentHeader h;
    h.superiorBody = "ỦY BAN NHÂN DÂN TỈNH HÀ NAM";
    h.issuerName = "SỞ KHOA HỌC VÀ CÔNG NGHỆ";
    h.numberSymbol = "15/TTr-SKHCN";
    h.place = "Hà Nam";
    h.date = date(2026, 11, 5);
    h.addressee = "Ủy ban nhân dân tỉnh Hà Nam";
    h.signerAuthority = "KT. GIÁM ĐỐC";
    h.signerTitle = "PHÓ GIÁM ĐỐC";
    h.signerName = "Nguyễn Văn An";
    h.recipients = {"Như trên", "Công an tỉnh (PA05)"};
    return h;
}

std::string collapseWhitespace(const std::string& text)
{
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty())
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// Compares with tests/golden/html/<name>; SECLEVEL_UPDATE_GOLDEN=1 writes the file instead.
void checkGolden(const std::string& name, const std::string& html)
{
    const std::string path = sourceDir + "/tests/golden/html/" + name;
    const char* update = std::getenv("SECLEVEL_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << html;
        BOOST_TEST_MESSAGE("golden file rewritten: " << path);
        return;
    }
    const std::string expected = readFile(path);
    BOOST_TEST_REQUIRE(!expected.empty(), "golden file missing: " << path << " (run with SECLEVEL_UPDATE_GOLDEN=1)");
    const std::string a = collapseWhitespace(expected);
    const std::string b = collapseWhitespace(html);
    if (a != b) {
        size_t at = 0;
        while (at < a.size() && at < b.size() && a[at] == b[at])
            ++at;
        const size_t from = at > 80 ? at - 80 : 0;
        BOOST_ERROR(name << " differs from its golden file at character " << at << "\nexpected: …"
                         << a.substr(from, 200) << "\nactual:   …" << b.substr(from, 200));
    }
}

size_t count(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

} // namespace

BOOST_AUTO_TEST_CASE(escape_html_replaces_every_markup_character)
{
    BOOST_TEST(escapeHtml("<script>alert('x')</script> & \"q\"") ==
               "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    BOOST_TEST(escapeHtml("a\nb", true) == "a<br>\nb");
    BOOST_TEST(escapeHtml("a\r\nb") == "a b");
    BOOST_TEST(escapeHtml("Hệ thống — cấp độ") == "Hệ thống — cấp độ");
}

BOOST_AUTO_TEST_CASE(dossier_vn2026_matches_golden_and_has_decree30_structure)
{
    Fixture f = derive("VN-2026");
    BOOST_TEST_REQUIRE(f.document.assessment.proposedLevel >= 1);
    const std::string html =
        dossierToHtml(f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::Vi, header(), instruments());
    checkGolden("dossier-VN-2026-vi.html", html);

    BOOST_TEST(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    BOOST_TEST(html.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
    BOOST_TEST(html.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
    BOOST_TEST(html.find("Số: 15/TTr-SKHCN") != std::string::npos);
    BOOST_TEST(html.find("Hà Nam, ngày 05 tháng 11 năm 2026") != std::string::npos);
    BOOST_TEST(html.find("HỒ SƠ ĐỀ XUẤT CẤP ĐỘ") != std::string::npos);
    BOOST_TEST(html.find("Căn cứ Nghị định số 331/2026/NĐ-CP") != std::string::npos);
    BOOST_TEST(html.find("KT. GIÁM ĐỐC") != std::string::npos);
    BOOST_TEST(html.find("Nơi nhận:") != std::string::npos);
    BOOST_TEST(html.find("<li>- Lưu: VT.</li>") != std::string::npos);
    BOOST_TEST(count(html, "<section class=\"part") == 3u);
    BOOST_TEST(html.find("id=\"part-b\"") < html.find("id=\"part-c\""));
    // Every citation of the trace appears, read the Vietnamese way, and every component.
    for (const auto& c : f.document.assessment.components) {
        BOOST_TEST(html.find(c.name) != std::string::npos);
        for (const auto& fired : c.fired) {
            const std::string vi = citationToVietnamese(fired.citation, instruments());
            BOOST_TEST(vi.find("Nghị định số 331/2026/NĐ-CP") != std::string::npos, vi);
            BOOST_TEST(html.find(vi) != std::string::npos, vi);
        }
        for (const auto& near : c.nearest)
            BOOST_TEST(html.find(citationToVietnamese(near.citation, instruments())) != std::string::npos,
                       near.citation);
    }
    BOOST_TEST(html.find("NĐ331 Art") == std::string::npos); // no machine form left in Vietnamese text
    for (const auto& w : f.document.assessment.warnings)
        BOOST_TEST(html.find("[" + w.id + "]") != std::string::npos);
    // Template labels, filled values, the attachment hash and missing marks.
    BOOST_TEST(html.find("Tên chủ quản hệ thống thông tin") != std::string::npos);
    BOOST_TEST(html.find("Tiếp nhận, giải quyết thủ tục hành chính trực tuyến.<br>") != std::string::npos);
    BOOST_TEST(html.find(std::string(64, 'a')) != std::string::npos);
    BOOST_TEST(html.find("Còn thiếu") != std::string::npos);
    BOOST_TEST(html.find("Đã đáp ứng") != std::string::npos);
    BOOST_TEST(html.find("31/03/2027") != std::string::npos);
    BOOST_TEST(html.find("PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG THEO CẤP ĐỘ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dossier_in_english_uses_template_english_labels)
{
    Fixture f = derive("VN-2026");
    const std::string html =
        dossierToHtml(f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::En, header(), instruments());
    checkGolden("dossier-VN-2026-en.html", html);
    BOOST_TEST(html.find("<html lang=\"en\">") != std::string::npos);
    BOOST_TEST(html.find("Name of the system owner") != std::string::npos);
    BOOST_TEST(html.find("PART B. EXPLANATION OF THE PROPOSED LEVEL") != std::string::npos);
    BOOST_TEST(html.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos); // the frame stays Vietnamese
    for (const auto& c : f.document.assessment.components)
        for (const auto& fired : c.fired) // English text keeps the machine form
            BOOST_TEST(html.find(fired.citation) != std::string::npos, fired.citation);
}

BOOST_AUTO_TEST_CASE(dossier_vn2022_cites_decree_85)
{
    Fixture f = derive("VN-2022");
    const std::string html =
        dossierToHtml(f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::Vi, header(), instruments());
    checkGolden("dossier-VN-2022-vi.html", html);
    BOOST_TEST(html.find("Căn cứ Nghị định số 85/2016/NĐ-CP") != std::string::npos);
    BOOST_TEST(html.find("331/2026") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(forms_match_golden_and_cite_the_right_decree)
{
    for (const std::string rulesetId : {"VN-2026", "VN-2022"}) {
        Fixture f = derive(rulesetId);
        for (int form : {1, 2, 5, 6}) {
            BOOST_TEST_CONTEXT(rulesetId << " form " << form)
            {
                const std::string html =
                    formToHtml(form, f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::Vi, header());
                checkGolden("form-0" + std::to_string(form) + "-" + rulesetId + ".html", html);
                BOOST_TEST(html.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
                BOOST_TEST(html.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
                BOOST_TEST(html.find(f.document.system.name) != std::string::npos);
                BOOST_TEST(html.find(f.document.system.operatorName) != std::string::npos);
                BOOST_TEST(html.find("Số 2 đường Biên Hòa") != std::string::npos); // the operator's address field
                BOOST_TEST(html.find("cấp độ " + std::to_string(f.document.assessment.proposedLevel)) !=
                           std::string::npos);
                BOOST_TEST((html.find("thiet-ke-thi-cong.pdf") != std::string::npos || form == 6));
                BOOST_TEST(html.find("Nơi nhận:") != std::string::npos);
                if (rulesetId == "VN-2026") {
                    BOOST_TEST(html.find("Nghị định số 331/2026/NĐ-CP") != std::string::npos);
                    BOOST_TEST(html.find("85/2016") == std::string::npos);
                } else {
                    BOOST_TEST((html.find("Điều 14 đến Điều 17 Nghị định số 85/2016/NĐ-CP") != std::string::npos ||
                                form == 6));
                    BOOST_TEST(html.find("331/2026") == std::string::npos);
                }
            }
        }
    }
    Fixture f = derive("VN-2026");
    BOOST_TEST(!formSupported(3));
    BOOST_CHECK_THROW(formToHtml(3, f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::Vi, header()),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(hostile_text_is_escaped_everywhere)
{
    const std::string hostile = "<script>alert(1)</script> & \"Cổng\"";
    Fixture f = derive("VN-2026", hostile);
    f.document.system.operatorName = hostile;
    f.document.dossier.fields["A.1.owner_name"] = hostile;
    f.document.dossier.fields["A.2.operator_address"] = hostile;
    f.document.dossier.attachments.front().name = hostile;
    DocumentHeader h = header();
    h.issuerName = hostile;
    h.recipients.push_back(hostile);
    h.signerName = hostile;
    std::vector<std::string> documents{
        dossierToHtml(f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::Vi, h, instruments())};
    for (int form : {1, 2, 5, 6})
        documents.push_back(formToHtml(form, f.document, *f.dossierTemplate, *f.ruleSet, css(), Lang::Vi, h));
    for (const auto& html : documents) {
        BOOST_TEST(html.find("<script>") == std::string::npos);
        BOOST_TEST(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Cổng&quot;") != std::string::npos);
        BOOST_TEST(html.find("& \"") == std::string::npos);
    }
}
