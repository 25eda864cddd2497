// The service behind `seclevel workflow document`: which stored data fills a step's document — names of users
// and organisations, the system's address from the dossier, the specialised unit over the system — and which
// earlier step each citation finds (the latest one, within the round, across a return and a re-determination),
// on a real SQLite store.
#define BOOST_TEST_MODULE step_document_service
#include "AppFixture.h"
#include "app/DossierService.h"
#include "app/StepDocumentService.h"
#include "app/SystemService.h"
#include "app/UserService.h"
#include "app/WorkflowService.h"

#include <boost/test/unit_test.hpp>

using namespace seclevel;
using namespace seclevel::testing;

namespace {

Date on(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

struct Province {
    TempDir temp;
    std::unique_ptr<Store> store = openTestStore(temp.dir / "s.db");
    const Catalogue& catalogue = shippedCatalogue();

    Province()
    {
        SystemService systems(catalogue, *store);
        for (const Organisation& o : std::vector<Organisation>{{"UBND", "Ủy ban nhân dân tỉnh Hà Nam", "", ""},
                                                               {"VP", "Văn phòng UBND tỉnh", "UBND", ""}})
            BOOST_REQUIRE(systems.saveOrganisation(o, actor("admin")).ok());
        UserService users(*store);
        BOOST_REQUIRE(users.add({"admin", "Quản trị", {{"UBND", Role::Administrator}}}, actor("admin")).ok());
        const Actor admin = as("admin");
        for (const User& u : std::vector<User>{{"op", "Lê Văn Cường", {{"VP", Role::Operator}}},
                                               {"su", "Trần Thị Bình", {{"UBND", Role::SecurityUnit}}},
                                               {"owner", "Nguyễn Văn An", {{"UBND", Role::Owner}}}})
            BOOST_REQUIRE(users.add(u, admin).ok());

        SystemDescription system = exampleSystem();
        auto added = systems.add({system, "VP", {"VN-2026", on(2026, 9, 1)}, {}}, as("op"));
        BOOST_REQUIRE(added.ok());
        DossierService dossiers(catalogue, *store);
        for (int round = 0; round < 3; ++round) {
            auto check = dossiers.check(system.id, {});
            BOOST_REQUIRE(check.ok());
            if (check->complete())
                break;
            for (const MissingItem& item : check->missing) {
                if (item.key.rfind("attachment:", 0) == 0) {
                    BOOST_REQUIRE(
                        dossiers.attach(system.id, {item.key.substr(11), "t.pdf", "%PDF " + item.key, {}}, as("op"))
                            .ok());
                } else if (item.key.rfind("requirement:", 0) == 0) {
                    const auto hash = item.key.find('#');
                    BOOST_REQUIRE(
                        dossiers
                            .setRequirement(system.id,
                                            {item.key.substr(12, hash - 12), std::stoi(item.key.substr(hash + 1)),
                                             RequirementStatus::Met, "Đã triển khai", std::nullopt},
                                            as("op"))
                            .ok());
                } else {
                    const std::string value = item.key == "A.2.operator_address" ? "Số 1 Trần Phú" : "Nội dung";
                    BOOST_REQUIRE(dossiers.setField(system.id, item.key, value, as("op")).ok());
                }
            }
        }
    }

    Actor as(const std::string& user)
    {
        auto actor = UserService(*store).resolve({user, std::nullopt, std::nullopt, std::chrono::system_clock::now()});
        BOOST_REQUIRE(actor.ok());
        return *actor;
    }

    void step(const std::string& stepId, const std::string& user, Date date, const std::string& number = "",
              const std::string& note = "")
    {
        StepRequest request;
        request.step = stepId;
        request.date = date;
        request.documentNumber = number;
        if (!number.empty())
            request.documentDate = date;
        request.note = note;
        auto done =
            WorkflowService(catalogue, *store).perform("HN-DVC-01", request, user, std::chrono::system_clock::now());
        BOOST_REQUIRE_MESSAGE(done.ok(),
                              stepId + ": " + (done.ok() ? std::string() : done.errors().front().describe(Lang::En)));
    }

    StepDocumentView document(int seq)
    {
        auto view = StepDocumentService(catalogue, *store).document("HN-DVC-01", seq);
        BOOST_REQUIRE_MESSAGE(view.ok(), (view.ok() ? std::string() : view.errors().front().describe(Lang::En)));
        return *view;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(citations_find_the_latest_step_of_the_round)
{
    Province p;
    p.step("submit_appraisal", "op", on(2026, 9, 1), "01/VP");                    // 1
    p.step("appraise_unfit", "su", on(2026, 9, 4), "02/TĐ", "Thiếu tài liệu");    // 2
    p.step("submit_appraisal", "op", on(2026, 9, 8), "03/VP");                    // 3
    p.step("appraise_fit", "su", on(2026, 9, 11), "04/TĐ", "Phù hợp");            // 4
    p.step("submit_approval", "op", on(2026, 9, 14), "05/TTr");                   // 5
    p.step("issue_security_regulation", "owner", on(2026, 9, 15), "06/QĐ", "QC"); // 6
    p.step("approve", "owner", on(2026, 9, 16), "07/QĐ", "Phê duyệt");            // 7

    // Form 04 of the second appraisal cites the second request letter.
    StepDocumentView opinion = p.document(4);
    BOOST_TEST(opinion.document->id == "nd331-appraisal-opinion");
    BOOST_TEST(opinion.input.cited.at("request").documentNumber == "03/VP");
    BOOST_TEST(opinion.input.cited.at("request").by.organisationName == "Văn phòng UBND tỉnh");
    BOOST_TEST(opinion.input.signer.userName == "Trần Thị Bình");
    BOOST_TEST(opinion.input.signer.organisationName == "Ủy ban nhân dân tỉnh Hà Nam");
    BOOST_TEST(opinion.input.note == "Phù hợp");
    // The first, unfit appraisal is a document too, citing the first letter.
    BOOST_TEST(p.document(2).input.cited.at("request").documentNumber == "01/VP");
    BOOST_TEST(p.document(2).input.stepId == "appraise_unfit");

    StepDocumentView decision = p.document(7);
    BOOST_TEST(decision.document->id == "nd331-level-decision");
    BOOST_TEST(decision.document->formLabel == "Mẫu số 06");
    BOOST_TEST(decision.input.cited.at("appraisal").documentNumber == "04/TĐ");
    BOOST_TEST(decision.input.cited.at("submission").documentNumber == "05/TTr");
    BOOST_TEST(decision.input.cited.at("regulation").documentNumber == "06/QĐ");
    BOOST_TEST(decision.input.approvedLevel == 3);
    BOOST_TEST(decision.input.level == 3);
    BOOST_TEST(decision.input.address == "Số 1 Trần Phú");
    BOOST_TEST(decision.input.securityUnit == "Ủy ban nhân dân tỉnh Hà Nam");
    BOOST_TEST(decision.input.organisationName == "Văn phòng UBND tỉnh");
    BOOST_TEST(decision.input.rulesetId == "VN-2026");
    BOOST_TEST(!decision.input.rulesetVersion.empty());
    BOOST_TEST(!decision.input.procedureVersion.empty());
    BOOST_TEST(decision.input.dossierAttachments.size() > 0u);

    // A new round after re-determination: its appraisal cites only its own request; the regulation of the
    // first round still counts (any-round), the old appraisal does not leak into the new decision.
    p.step("require_redetermination", "owner", on(2026, 10, 1), "", "Thay đổi hạ tầng"); // 8
    p.step("submit_appraisal", "op", on(2026, 10, 2));                                   // 9
    p.step("appraise_fit", "su", on(2026, 10, 8), "10/TĐ", "Phù hợp");                   // 10
    BOOST_TEST(p.document(10).input.cited.at("request").documentNumber.empty());         // the new letter had no number
    BOOST_TEST((p.document(10).input.cited.at("request").date == on(2026, 10, 2)));
    p.step("submit_approval", "op", on(2026, 10, 9));                       // 11
    p.step("approve", "owner", on(2026, 10, 12), "12/QĐ", "Phê duyệt lại"); // 12
    StepDocumentView again = p.document(12);
    BOOST_TEST(again.input.cited.at("appraisal").documentNumber == "10/TĐ");
    BOOST_TEST(again.input.cited.at("regulation").documentNumber == "06/QĐ");
}

BOOST_AUTO_TEST_CASE(steps_without_a_document_unknown_steps_and_systems_are_not_found)
{
    Province p;
    p.step("submit_appraisal", "op", on(2026, 11, 2), "01/VP");
    StepDocumentService service(p.catalogue, *p.store);
    auto none = service.document("HN-DVC-01", 1);
    BOOST_REQUIRE(!none.ok());
    BOOST_TEST((none.errors().front().kind == ErrorKind::NotFound));
    BOOST_TEST(none.errors().front().describe(Lang::En).find("issues no templated document") != std::string::npos);
    BOOST_TEST(none.errors().front().describe(Lang::Vi).find("không ban hành văn bản") != std::string::npos);
    auto missing = service.document("HN-DVC-01", 2);
    BOOST_TEST((!missing.ok() && missing.errors().front().kind == ErrorKind::NotFound));
    auto nowhere = service.document("NO-SUCH", 1);
    BOOST_TEST((!nowhere.ok() && nowhere.errors().front().kind == ErrorKind::NotFound));
}
