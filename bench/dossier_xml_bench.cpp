// Benchmark: level-proposal dossiers as XML on one core. Builds realistic synthetic dossiers (random answers to
// a shipped questionnaire, 1–5 components, the derived assessment with its trace, ~20 dossier fields, ~30
// requirement statements, 3 attachments), exports each one with validation against schemas/dossier.xsd,
// imports it back (validation + reading), and checks every 100th for a byte-identical second export. Writing
// and validation are also timed apart, to show where the time goes.
// Prints dossiers/s each way and the peak RSS after 1,000 and after all dossiers (memory must stay flat).
//   dossier_xml_bench [DOSSIERS] [SOURCE_DIR]
#include "core/Assessment.h"
#include "formats/xml/DossierXml.h"
#include "rules/RuleSetLoader.h"
#include "rules/XmlSchema.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

using namespace seclevel;
using Clock = std::chrono::steady_clock;

namespace {

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

Value randomAnswer(const Question& q, std::mt19937_64& rng)
{
    switch (q.type) {
    case AnswerType::Choice: return q.options[rng() % q.options.size()].value;
    case AnswerType::MultiChoice: {
        std::vector<std::string> picked;
        for (const auto& o : q.options)
            if (rng() % 3 == 0)
                picked.push_back(o.value);
        return picked;
    }
    case AnswerType::Integer: {
        const std::int64_t lo = q.min.value_or(0), hi = q.max.value_or(1'000'000);
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    case AnswerType::Boolean: return rng() % 2 == 0;
    case AnswerType::Text: return std::string("Mô tả của chủ quản về hệ thống, <ghi chú> & \"trích dẫn\"");
    case AnswerType::Date: return *parseIsoDate("2026-09-01");
    }
    return {};
}

const char* const phrases[] = {
    "Hệ thống được triển khai tại Trung tâm dữ liệu của Bộ, ",
    "phục vụ tiếp nhận và xử lý hồ sơ thủ tục hành chính trực tuyến; ",
    "dữ liệu được sao lưu hằng ngày sang trung tâm dự phòng, ",
    "tường lửa thế hệ mới và hệ thống phát hiện xâm nhập (IDS) giám sát 24/7, ",
    "tài khoản quản trị xác thực hai yếu tố, nhật ký lưu tối thiểu 03 tháng. ",
    "Đơn vị vận hành có quy chế bảo đảm an toàn thông tin ban hành kèm Quyết định số 1234/QĐ-BNV. ",
};

std::string paragraph(std::mt19937_64& rng, int sentences)
{
    std::string out;
    for (int i = 0; i < sentences; ++i)
        out += phrases[rng() % std::size(phrases)];
    return out;
}

std::string hex64(std::mt19937_64& rng)
{
    static const char digits[] = "0123456789abcdef";
    std::string out(64, '0');
    for (auto& c : out)
        c = digits[rng() % 16];
    return out;
}

DossierDocument makeDossier(const RuleSet& rs, std::mt19937_64& rng, int index)
{
    DossierDocument d;
    SystemDescription& s = d.system;
    s.id = "BENCH-" + std::to_string(index);
    s.name = "Hệ thống thông tin số " + std::to_string(index);
    s.owner = "Bộ Nội vụ";
    s.operatorName = "Trung tâm Công nghệ thông tin";
    s.organisationId = "BNV";
    for (const auto& q : rs.questions)
        s.answers.values[q.key] = randomAnswer(q, rng);
    const int components = 1 + static_cast<int>(rng() % 5);
    for (int c = 0; c < components; ++c) {
        Component component{"Thành phần " + std::to_string(c + 1), {}};
        for (int k = 0; k < 3; ++k) {
            const Question& q = rs.questions[rng() % rs.questions.size()];
            component.answers.values[q.key] = randomAnswer(q, rng);
        }
        s.components.push_back(std::move(component));
    }
    d.assessment = deriveLevel(rs, s);
    if (d.assessment.derivedLevel < 5 && rng() % 4 == 0) {
        d.assessment.proposedLevel = d.assessment.derivedLevel + 1;
        d.assessment.justification = paragraph(rng, 2);
    }
    d.approvedLevel = rng() % 2 ? d.assessment.proposedLevel : 0;

    Dossier& x = d.dossier;
    x.systemId = s.id;
    for (int f = 0; f < 20; ++f)
        x.fields["ABC"[f % 3] + std::string(".") + std::to_string(f / 3 + 1) + ".field_" + std::to_string(f)] =
            paragraph(rng, 1 + static_cast<int>(rng() % 4));
    const RequirementStatus statuses[] = {RequirementStatus::Met, RequirementStatus::PartlyMet,
                                          RequirementStatus::Planned, RequirementStatus::NotApplicable};
    for (int r = 0; r < 30; ++r) {
        RequirementStatement statement;
        statement.groupId = std::string("L3.") + (r < 15 ? "M" : "T") + ".group_" + std::to_string(r / 5);
        statement.item = r % 5 + 1;
        statement.status = statuses[rng() % 4];
        statement.how = paragraph(rng, 1 + static_cast<int>(rng() % 2));
        if (statement.status == RequirementStatus::Planned || statement.status == RequirementStatus::PartlyMet)
            statement.plannedBy = *parseIsoDate("2027-06-30");
        x.requirements.push_back(std::move(statement));
    }
    x.attachments = {
        {"design_document", "Thiết kế hệ thống.pdf", "application/pdf", rng() % 50'000'000, hex64(rng), ""},
        {"security_regulation", "Quy chế ATTT.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", rng() % 5'000'000, hex64(rng),
         "tai-lieu/quy-che.docx"},
        {"professional_opinion", "Ý kiến chuyên môn.pdf", "application/pdf", rng() % 5'000'000, hex64(rng), ""},
    };
    d.auditHead = hex64(rng);
    return d;
}

} // namespace

int main(int argc, char** argv)
{
    const int dossiers = argc > 1 ? std::stoi(argv[1]) : 10'000;
    const std::filesystem::path dir = argc > 2 ? argv[2] : SECLEVEL_SOURCE_DIR;

    auto ruleSets = loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
    if (!ruleSets) {
        for (const auto& e : ruleSets.errors())
            std::fprintf(stderr, "%s\n", e.describe(Lang::En).c_str());
        return 1;
    }
    // Compiled once and reused for every dossier.
    auto schema = XmlSchema::load((dir / "schemas" / "dossier.xsd").string());
    if (!schema) {
        for (const auto& e : schema.errors())
            std::fprintf(stderr, "%s\n", e.describe(Lang::En).c_str());
        return 1;
    }

    std::mt19937_64 rng(20260819);
    Clock::duration exportTime{}, importTime{}, writeTime{}, validateTime{};
    std::size_t bytes = 0, largest = 0;
    long rssAfter1000 = 0;
    int failures = 0;
    for (int i = 0; i < dossiers; ++i) {
        const RuleSet& rs = (*ruleSets)[static_cast<size_t>(i) % ruleSets->size()];
        const DossierDocument document = makeDossier(rs, rng, i); // not timed

        auto started = Clock::now();
        auto xml = exportDossierXml(document, **schema);
        exportTime += Clock::now() - started;
        if (!xml) {
            std::fprintf(stderr, "export %d: %s\n", i, xml.errors().front().describe(Lang::En).c_str());
            ++failures;
            continue;
        }
        bytes += xml->size();
        largest = std::max(largest, xml->size());

        started = Clock::now();
        auto back = dossierFromXml(*xml, document.system.id + ".xml", **schema);
        importTime += Clock::now() - started;
        if (!back || back->assessment.derivedLevel != document.assessment.derivedLevel) {
            std::fprintf(stderr, "import %d: %s\n", i,
                         back ? "levels differ" : back.errors().front().describe(Lang::En).c_str());
            ++failures;
            continue;
        }
        // Where the time goes: building the text alone, and the XSD validation alone (measured apart).
        started = Clock::now();
        const std::string written = dossierToXml(document);
        writeTime += Clock::now() - started;
        started = Clock::now();
        const bool valid = validateDossierXml(written, "", **schema).empty();
        validateTime += Clock::now() - started;
        if (!valid || written != *xml)
            ++failures;
        if (i % 100 == 0 && dossierToXml(*back) != *xml) {
            std::fprintf(stderr, "dossier %d: second export differs\n", i);
            ++failures;
        }
        if (i + 1 == 1000)
            rssAfter1000 = peakRssKiB();
    }

    const double exportSeconds = std::chrono::duration<double>(exportTime).count();
    const double importSeconds = std::chrono::duration<double>(importTime).count();
    std::printf("dossiers:                     %d (%.1f KiB average, %.1f KiB largest)\n", dossiers,
                static_cast<double>(bytes) / dossiers / 1024.0, static_cast<double>(largest) / 1024.0);
    std::printf("export + XSD validation:      %.2f s  %.0f dossiers/s\n", exportSeconds, dossiers / exportSeconds);
    std::printf("import (XSD validation+read): %.2f s  %.0f dossiers/s\n", importSeconds, dossiers / importSeconds);
    const double writeSeconds = std::chrono::duration<double>(writeTime).count();
    const double validateSeconds = std::chrono::duration<double>(validateTime).count();
    std::printf("  of which XSD validation:    %.2f s  (%.0f%% of export, %.0f%% of import)\n", validateSeconds,
                100.0 * validateSeconds / exportSeconds, 100.0 * validateSeconds / importSeconds);
    std::printf("  writing the text alone:     %.2f s  %.0f dossiers/s\n", writeSeconds, dossiers / writeSeconds);
    std::printf("peak RSS after 1,000:         %ld KiB\n", rssAfter1000);
    std::printf("peak RSS after %-6d         %ld KiB\n", dossiers, peakRssKiB());
    std::printf("failures:                     %d\n", failures);
    return failures == 0 ? 0 : 1;
}
