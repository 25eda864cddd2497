// The documents of the procedure's steps (NĐ331 forms 03, 04, 06, 07 and their NĐ85 counterparts) from the
// shipped templates (questionnaires/<ID>/documents.xml): the loader's checks on hostile templates, and the HTML
// filled from a step's data — Decree-30 frame, number, dates, names, the earlier steps cited, conditions by
// level and step, blanks for what the store does not hold, and escaping of hostile text.
#define BOOST_TEST_MODULE workflow_document_html
#include <boost/test/unit_test.hpp>

#include "formats/html/WorkflowDocumentHtml.h"
#include "io/InputFile.h"
#include "rules/ProcedureLoader.h"
#include "rules/RuleSetLoader.h"
#include "rules/StepDocumentLoader.h"
#include "rules/XmlSchema.h"

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

const XmlSchema& schema(const std::string& name)
{
    static std::map<std::string, std::shared_ptr<XmlSchema>> loaded;
    auto& slot = loaded[name];
    if (!slot) {
        auto s = XmlSchema::load(sourceDir + "/schemas/" + name);
        if (!s)
            throw std::runtime_error(s.errors().front().describe(Lang::En));
        slot = *s;
    }
    return *slot;
}

const Procedure& procedure(const std::string& rulesetId)
{
    static std::map<std::string, Procedure> loaded;
    auto found = loaded.find(rulesetId);
    if (found == loaded.end()) {
        auto p =
            loadProcedureFile(sourceDir + "/questionnaires/" + rulesetId + "/procedure.xml", schema("procedure.xsd"));
        if (!p)
            throw std::runtime_error(p.errors().front().describe(Lang::En));
        found = loaded.emplace(rulesetId, *p).first;
    }
    return found->second;
}

const DocumentSet& documents(const std::string& rulesetId)
{
    static std::map<std::string, DocumentSet> loaded;
    auto found = loaded.find(rulesetId);
    if (found == loaded.end()) {
        auto d = loadStepDocumentsFile(sourceDir + "/questionnaires/" + rulesetId + "/documents.xml",
                                       schema("step-documents.xsd"), procedure(rulesetId));
        if (!d)
            throw std::runtime_error(d.errors().front().describe(Lang::En));
        found = loaded.emplace(rulesetId, *d).first;
    }
    return found->second;
}

const RuleSet& ruleSet(const std::string& id)
{
    static const std::vector<RuleSet> loaded = [] {
        auto result = loadRuleSets(sourceDir + "/questionnaires", sourceDir + "/schemas/ruleset.xsd");
        if (!result)
            throw std::runtime_error(result.errors().front().describe(Lang::En));
        return *result;
    }();
    const RuleSet* found = ruleSetById(loaded, id);
    if (!found)
        throw std::runtime_error("no rule set " + id);
    return *found;
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

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// A level-3 system of a province, as the store would give it.
StepDocumentInput input(const std::string& rulesetId, const std::string& step, int level)
{
    StepDocumentInput in;
    in.systemId = "HN-DVC-01";
    in.systemName = "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Nam";
    in.owner = "Ủy ban nhân dân tỉnh Hà Nam";
    in.operatorName = "Trung tâm Phục vụ hành chính công tỉnh";
    in.organisationName = "Văn phòng UBND tỉnh";
    in.address = "Số 1 đường Trần Phú, Phủ Lý";
    in.securityUnit = "Sở Khoa học và Công nghệ tỉnh Hà Nam";
    in.rulesetId = rulesetId;
    in.rulesetVersion = "1.1.0";
    in.procedureVersion = "1.0.0";
    in.stepId = step;
    in.stepName = "Bước";
    in.level = level;
    in.seq = 5;
    in.date = date(2026, 11, 13);
    in.documentNumber = "20/QĐ-UBND";
    in.documentDate = date(2026, 11, 3);
    in.note = "Nội dung kết luận";
    in.signer = {"owner", "Nguyễn Văn An", "Ủy ban nhân dân tỉnh Hà Nam", "", "owner"};
    return in;
}

const DocumentTemplate& templateOf(const std::string& rulesetId, const std::string& step, int level)
{
    const ProcedureStep* s = procedure(rulesetId).step(step, level);
    BOOST_REQUIRE(s != nullptr);
    BOOST_REQUIRE(!s->document.empty());
    const DocumentTemplate* d = documents(rulesetId).document(s->document);
    BOOST_REQUIRE(d != nullptr);
    return *d;
}

std::string render(const std::string& rulesetId, const StepDocumentInput& in, const std::string& place = "Hà Nam")
{
    return stepDocumentToHtml(templateOf(rulesetId, in.stepId, in.level), in, ruleSet(rulesetId),
                              documents(rulesetId).version, css(), place);
}

// The templates of a minimal procedure, to load hostile variants against.
const char* const kProcedure = R"(<?xml version="1.0" encoding="UTF-8"?>
<procedure xmlns="urn:seclevel:procedure:1" ruleset="T" version="1" initial="draft" approved="approved"
           redetermination="draft" separation-citation="X 1">
  <states>
    <state id="draft" form08="x"><name lang="vi">a</name><name lang="en">a</name></state>
    <state id="approved" form08="x"><name lang="vi">b</name><name lang="en">b</name></state>
  </states>
  <steps>
    <step id="approve" from="draft" to="approved" citation="X 1" document="decision">
      <name lang="vi">a</name><name lang="en">a</name>
      <actor role="owner" scope="system-tree" citation="X 1"/>
    </step>
  </steps>
  <clocks/><duties/><redetermination><trigger kind="ruleset" citation="X 1"/></redetermination>
</procedure>)";

std::string documentsXml(const std::string& summary, const std::string& extra = "", const std::string& id = "decision")
{
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<documents xmlns="urn:seclevel:documents:1" ruleset="T" version="1">
  <document id=")" +
           id + R"(" citation="X 1">)" + extra + R"(
    <type>QUYẾT ĐỊNH</type>
    <summary>)" +
           summary + R"(</summary>
    <bases><instruments/></bases>
    <body><p>x</p></body>
    <signer authority="A"/>
    <recipients/>
  </document>
</documents>)";
}

Result<DocumentSet> loadTest(const std::string& xml)
{
    static const Procedure p = [] {
        auto loaded = loadProcedure(kProcedure, "procedure.xml", schema("procedure.xsd"));
        if (!loaded)
            throw std::runtime_error(loaded.errors().front().describe(Lang::En));
        return *loaded;
    }();
    return loadStepDocuments(xml, "documents.xml", schema("step-documents.xsd"), p);
}

std::string firstError(const Result<DocumentSet>& result)
{
    return result ? std::string() : result.errors().front().describe(Lang::En);
}

} // namespace

BOOST_AUTO_TEST_CASE(every_shipped_rule_set_defines_the_documents_its_steps_issue)
{
    for (const std::string id : {"VN-2016", "VN-2022", "VN-2026"}) {
        const DocumentSet& set = documents(id);
        BOOST_TEST(set.rulesetId == id);
        int issuing = 0;
        for (const ProcedureStep& step : procedure(id).steps)
            if (!step.document.empty()) {
                ++issuing;
                BOOST_TEST(set.document(step.document) != nullptr, id + " " + step.document);
            }
        // request_opinion, appraise_fit/unfit (two level groups each), approve (three level groups).
        BOOST_TEST(issuing == 8, id);
    }
    BOOST_TEST(templateOf("VN-2026", "approve", 5).formLabel == "Mẫu số 07");
    BOOST_TEST(templateOf("VN-2026", "approve", 3).formLabel == "Mẫu số 06");
    BOOST_TEST(templateOf("VN-2026", "appraise_unfit", 2).formLabel == "Mẫu số 04");
    BOOST_TEST(templateOf("VN-2026", "request_opinion", 4).formLabel == "Mẫu số 03");
    // NĐ85 prescribes no numbered forms: no label is printed.
    BOOST_TEST(templateOf("VN-2022", "approve", 3).formLabel.empty());
}

BOOST_AUTO_TEST_CASE(loader_refuses_unknown_placeholders_unbalanced_braces_and_missing_documents)
{
    BOOST_TEST(loadTest(documentsXml("Về {system.name}")).ok(), firstError(loadTest(documentsXml("Về {system.name}"))));
    BOOST_TEST(has(firstError(loadTest(documentsXml("Về {system.secret}"))), "unknown placeholder: '{system.secret}'"));
    BOOST_TEST(has(firstError(loadTest(documentsXml("Về {system.name"))), "a '{' without its '}'"));
    BOOST_TEST(has(firstError(loadTest(documentsXml("Về system.name}"))), "a '}' without its '{'"));
    // A cited value needs its cite, and a cite names steps of the procedure.
    BOOST_TEST(has(firstError(loadTest(documentsXml("số {ref.appraisal.number}"))), "unknown placeholder"));
    BOOST_TEST(loadTest(documentsXml("số {ref.appraisal.number}", R"(<cite id="appraisal" steps="approve"/>)")).ok());
    BOOST_TEST(has(firstError(loadTest(documentsXml("x", R"(<cite id="appraisal" steps="appraise_fit"/>)"))),
                   "step not in the procedure: 'appraise_fit'"));
    BOOST_TEST(has(
        firstError(loadTest(documentsXml("số {ref.appraisal.colour}", R"(<cite id="appraisal" steps="approve"/>)"))),
        "unknown placeholder"));
    // The procedure's step names a document the file does not define.
    BOOST_TEST(has(firstError(loadTest(documentsXml("x", "", "other"))), "needs document 'decision'"));
    // Not the schema: refused before anything is read.
    BOOST_TEST(!loadTest("<documents/>").ok());
}

BOOST_AUTO_TEST_CASE(form_06_for_a_level_3_approval_cites_the_appraisal_opinion_and_the_submission)
{
    StepDocumentInput in = input("VN-2026", "approve", 3);
    in.approvedLevel = 3;
    in.cited["appraisal"] = {
        "appraise_fit",     "15/TĐ-SKHCN",
        date(2026, 11, 10), date(2026, 11, 10),
        "Phù hợp",          {"su", "Trần Thị Bình", "Sở Khoa học và Công nghệ tỉnh Hà Nam", "", "security_unit"}};
    in.cited["submission"] = {
        "submit_approval",  "", std::nullopt,
        date(2026, 11, 11), "", {"op", "Lê Văn Cường", "Trung tâm Phục vụ hành chính công tỉnh", "", "operator"}};
    const std::string html = render("VN-2026", in);
    // The Decree-30 frame shared with the dossier.
    BOOST_TEST(has(html, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    BOOST_TEST(has(html, "Độc lập - Tự do - Hạnh phúc"));
    BOOST_TEST(has(html, "<html lang=\"vi\">"));
    BOOST_TEST(has(html, "Mẫu số 06"));
    BOOST_TEST(has(html, "Số: 20/QĐ-UBND"));
    // The document date, not the step date, in Decree 30 words (leading zero for days below 10).
    BOOST_TEST(has(html, "Hà Nam, ngày 03 tháng 11 năm 2026"));
    BOOST_TEST(has(html, "<div class=\"issuer-name\">Ủy ban nhân dân tỉnh Hà Nam</div>"));
    BOOST_TEST(has(html, "QUYẾT ĐỊNH"));
    BOOST_TEST(has(html, "Về việc phê duyệt cấp độ của hệ thống thông tin Hệ thống thông tin giải quyết"));
    // Legal bases: the issuer's mandate, the rule set's instruments, the appraisal opinion, the proposer.
    BOOST_TEST(has(html, "Căn cứ chức năng, nhiệm vụ, quyền hạn của Ủy ban nhân dân tỉnh Hà Nam;"));
    BOOST_TEST(has(html, "Căn cứ Luật An ninh mạng số 116/2025/QH15"));
    BOOST_TEST(has(html, "Căn cứ Nghị định số 331/2026/NĐ-CP"));
    BOOST_TEST(has(html, "Căn cứ Văn bản thẩm định số 15/TĐ-SKHCN ngày 10/11/2026 của Sở Khoa học và Công nghệ tỉnh "
                         "Hà Nam;"));
    BOOST_TEST(has(html, "Theo đề nghị của Trung tâm Phục vụ hành chính công tỉnh."));
    BOOST_TEST(!has(html, "Căn cứ Nghị định số 85/2016"));
    BOOST_TEST(has(html, "Cấp độ: <b>cấp độ 3</b>"));
    BOOST_TEST(has(html, "Điều 33 Nghị định số 331/2026/NĐ-CP"));
    BOOST_TEST(has(html, "Địa chỉ: Số 1 đường Trần Phú, Phủ Lý;"));
    // Levels 3–4: the specialised unit supervises (Art 3), and is a recipient.
    BOOST_TEST(has(html, "Sở Khoa học và Công nghệ tỉnh Hà Nam có trách nhiệm giám sát"));
    BOOST_TEST(has(html, "<li>- Như Điều 3;</li>"));
    BOOST_TEST(has(html, "<li>- Lưu: VT.</li>"));
    BOOST_TEST(has(html, "ĐẠI DIỆN CỦA CƠ QUAN, TỔ CHỨC"));
    BOOST_TEST(has(html, "<div class=\"signer-name\">Nguyễn Văn An</div>"));
    BOOST_TEST(has(html, "bộ quy tắc VN-2026 v1.1.0, thủ tục v1.0.0, mẫu văn bản nd331-level-decision v1.0.0"));
    // Nothing was left to fill by hand except the security regulation (not cited: none recorded).
    BOOST_TEST(!has(html, "………"));
    BOOST_TEST(!has(html, "ban hành quy chế"));
}

BOOST_AUTO_TEST_CASE(missing_stored_values_print_as_blanks_and_levels_1_2_report_to_the_owner)
{
    StepDocumentInput in = input("VN-2026", "approve", 2);
    in.approvedLevel = 2;
    in.documentNumber.clear();
    in.documentDate.reset();
    in.address.clear();
    const std::string html = render("VN-2026", in, "");
    BOOST_TEST(has(html, "Số: ……/……"));
    BOOST_TEST(has(html, "………, ngày 13 tháng 11 năm 2026")); // the step date when the document has none
    BOOST_TEST(has(html, "Địa chỉ: ………;"));
    // Levels 1–2 are approved by the specialised unit, which reports to the owner; no appraisal basis.
    BOOST_TEST(has(html, "báo cáo chủ quản hệ thống thông tin (Ủy ban nhân dân tỉnh Hà Nam)"));
    BOOST_TEST(!has(html, "Văn bản thẩm định số"));
    BOOST_TEST(!has(html, "có trách nhiệm giám sát"));
}

BOOST_AUTO_TEST_CASE(form_04_cites_the_request_letter_and_concludes_fit_or_not_fit)
{
    StepDocumentInput in = input("VN-2026", "appraise_fit", 3);
    in.documentNumber = "15/TĐ-SKHCN";
    in.signer = {"su", "Trần Thị Bình", "Sở Khoa học và Công nghệ tỉnh Hà Nam", "Ủy ban nhân dân tỉnh Hà Nam",
                 "security_unit"};
    in.cited["request"] = {"submit_appraisal",
                           "07/TTPVHCC",
                           date(2026, 11, 2),
                           date(2026, 11, 2),
                           "",
                           {"op", "Lê Văn Cường", "Trung tâm Phục vụ hành chính công tỉnh", "", "operator"}};
    in.note = "Cấp độ 3 phù hợp với điểm b khoản 2 Điều 13.";
    std::string html = render("VN-2026", in);
    BOOST_TEST(has(html, "Mẫu số 04"));
    BOOST_TEST(has(html, "VĂN BẢN THẨM ĐỊNH"));
    BOOST_TEST(has(html, "<div class=\"superior-body\">Ủy ban nhân dân tỉnh Hà Nam</div>"));
    BOOST_TEST(has(html, "nhận được Văn bản số 07/TTPVHCC ngày 02/11/2026 của Trung tâm Phục vụ hành chính công tỉnh"));
    BOOST_TEST(has(html, "Cấp độ 3 phù hợp với điểm b khoản 2 Điều 13."));
    BOOST_TEST(has(html, "<b>phù hợp</b> với cấp độ 3 đề xuất"));
    BOOST_TEST(!has(html, "chưa phù hợp"));
    // The professional opinion (levels 4–5) is neither listed nor cited at level 3.
    BOOST_TEST(!has(html, "Ý kiến chuyên môn của đơn vị chuyên trách"));
    BOOST_TEST(has(html, "<li>- Trung tâm Phục vụ hành chính công tỉnh;</li>"));

    in.stepId = "appraise_unfit";
    html = render("VN-2026", in);
    BOOST_TEST(has(html, "<b>chưa phù hợp</b> với cấp độ 3 đề xuất"));

    // Level 4: the professional opinion is one of the documents appraised, and its content is cited.
    in.stepId = "appraise_fit";
    in.level = 4;
    in.cited["opinion"] = {
        "give_opinion",     "03/CT",
        date(2026, 10, 20), date(2026, 10, 20),
        "Đồng ý cấp độ 4",  {"su", "Trần Thị Bình", "Sở Khoa học và Công nghệ tỉnh Hà Nam", "", "security_unit"}};
    html = render("VN-2026", in);
    BOOST_TEST(has(html, "Ý kiến chuyên môn của đơn vị chuyên trách về an ninh mạng."));
    BOOST_TEST(has(html, "(Văn bản số 03/CT ngày 20/10/2026): Đồng ý cấp độ 4;"));

    // Without a recorded request letter the intro keeps blanks to fill by hand.
    in.cited.clear();
    html = render("VN-2026", in);
    BOOST_TEST(has(html, "nhận được Văn bản số ……… ngày ……… của ………"));
}

BOOST_AUTO_TEST_CASE(nd85_counterparts_cite_nd85_and_the_level_5_plan_decision_cites_the_pm_list)
{
    StepDocumentInput in = input("VN-2022", "approve", 5);
    in.approvedLevel = 5;
    in.rulesetVersion = "1.1.0";
    in.cited["pmlist"] = {"record_pm_decision", "1234/QĐ-TTg", date(2025, 5, 2), date(2025, 5, 2), "", {}};
    const std::string html = render("VN-2022", in);
    BOOST_TEST(has(html, "Về việc phê duyệt phương án bảo đảm an toàn thông tin của hệ thống thông tin"));
    BOOST_TEST(has(html, "Căn cứ Quyết định số 1234/QĐ-TTg ngày 02/05/2025 của Thủ tướng Chính phủ"));
    BOOST_TEST(has(html, "Căn cứ Nghị định số 85/2016/NĐ-CP"));
    BOOST_TEST(has(html, "Điều 22 Nghị định số 85/2016/NĐ-CP"));
    BOOST_TEST(has(html, "TCVN 11930:2017"));
    BOOST_TEST(!has(html, "331/2026"));
    BOOST_TEST(!has(html, "Mẫu số"));
    // Form 07's shape: no level line.
    BOOST_TEST(!has(html, "Cấp độ: <b>"));

    StepDocumentInput request = input("VN-2016", "request_opinion", 4);
    const std::string letter = render("VN-2016", request);
    BOOST_TEST(has(letter, "Kính gửi: Sở Khoa học và Công nghệ tỉnh Hà Nam"));
    BOOST_TEST(has(letter, "điểm d khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP"));
    BOOST_TEST(has(letter, "Cấp độ đề xuất: <b>cấp độ 4</b>."));
}

BOOST_AUTO_TEST_CASE(hostile_text_from_the_store_is_escaped_everywhere)
{
    StepDocumentInput in = input("VN-2026", "approve", 3);
    in.approvedLevel = 3;
    in.systemName = "<script>alert('tên')</script>";
    in.note = "Dòng 1 <img src=x onerror=alert(1)>\nDòng 2 & \"trích\"";
    in.documentNumber = "<b>20</b>";
    in.signer.userName = "</div><script>x()</script>";
    in.signer.organisationName = "UBND \"tỉnh\" <i>";
    in.operatorName = "Vận hành & <style>";
    in.stepAttachments.push_back({"step", "<svg onload=x>.pdf", "application/pdf", 10, "ab<cd", "", false});
    const std::string html = render("VN-2026", in, "<Hà Nam>");
    BOOST_TEST(!has(html, "<script>"));
    BOOST_TEST(!has(html, "<img"));
    BOOST_TEST(!has(html, "<b>20</b>"));
    BOOST_TEST(!has(html, "<i>"));
    BOOST_TEST(!has(html, "& <style>"));
    BOOST_TEST(has(html, "&lt;script&gt;alert(&#39;tên&#39;)&lt;/script&gt;"));
    BOOST_TEST(has(html, "Dòng 1 &lt;img src=x onerror=alert(1)&gt;<br>\nDòng 2 &amp; &quot;trích&quot;"));
    BOOST_TEST(has(html, "Số: &lt;b&gt;20&lt;/b&gt;"));
    BOOST_TEST(has(html, "&lt;Hà Nam&gt;, ngày"));
    BOOST_TEST(has(html, "UBND &quot;tỉnh&quot; &lt;i&gt;"));
    // The title element too.
    BOOST_TEST(has(html, "<title>QUYẾT ĐỊNH — Về việc phê duyệt cấp độ của hệ thống thông tin &lt;script&gt;"));
}

BOOST_AUTO_TEST_CASE(the_step_attachments_are_listed_with_their_sha256)
{
    StepDocumentInput in = input("VN-2026", "appraise_fit", 3);
    in.stepAttachments.push_back({"step", "bien-ban-tham-dinh.pdf", "application/pdf", 2048,
                                  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "", false});
    const std::string html = render("VN-2026", in);
    BOOST_TEST(has(html, "bien-ban-tham-dinh.pdf"));
    BOOST_TEST(has(html, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    BOOST_TEST(has(html, "<td class=\"number\">2048</td>"));
    BOOST_TEST(has(html, "<p class=\"list-title\">Tài liệu kèm theo:</p>"));
    in.stepAttachments.clear();
    BOOST_TEST(!has(render("VN-2026", in), "Tài liệu kèm theo:"));
}

BOOST_AUTO_TEST_CASE(recipients_are_listed_once_and_never_the_issuer_itself)
{
    // The specialised unit and the appraising body are the same organisation; the owner's body issues it.
    StepDocumentInput in = input("VN-2026", "approve", 3);
    in.approvedLevel = 3;
    in.securityUnit = "Sở Khoa học và Công nghệ tỉnh Hà Nam";
    in.cited["appraisal"] = {
        "appraise_fit",     "15/TĐ", date(2026, 11, 10),
        date(2026, 11, 10), "",      {"su", "B", "Sở Khoa học và Công nghệ tỉnh Hà Nam", "", "security_unit"}};
    std::string html = render("VN-2026", in);
    const std::string line = "<li>- Sở Khoa học và Công nghệ tỉnh Hà Nam;</li>";
    BOOST_TEST(has(html, line));
    BOOST_TEST(html.find(line) == html.rfind(line));
    in.securityUnit = in.signer.organisationName;
    in.cited["appraisal"].by.organisationName = in.signer.organisationName;
    html = render("VN-2026", in);
    BOOST_TEST(!has(html, "<li>- Ủy ban nhân dân tỉnh Hà Nam;</li>"));
}
