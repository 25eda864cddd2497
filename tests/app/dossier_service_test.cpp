#define BOOST_TEST_MODULE dossier_service
#include "AppFixture.h"

#include "app/DossierService.h"
#include "core/Sha256.h"

#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace seclevel;
using namespace seclevel::testing;

namespace {

struct Installation {
    std::unique_ptr<Store> store;
    SystemService systems;
    DossierService dossiers;
    explicit Installation(const fs::path& db)
        : store(openTestStore(db)),
          systems(shippedCatalogue(), *store),
          dossiers(shippedCatalogue(), *store)
    {
        BOOST_REQUIRE(systems.saveOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, actor()).ok());
    }
};

struct Fixture {
    TempDir temp;
    Installation sender{temp.dir / "sender.db"};
    Installation receiver{temp.dir / "receiver.db"};
    Fixture()
    {
        SystemWrite write{exampleSystem(), std::nullopt, {"VN-2026", std::nullopt}, {}};
        BOOST_REQUIRE(sender.systems.add(std::move(write), actor()).ok());
    }
    DossierDocument sentDocument()
    {
        auto exported = sender.dossiers.exportDocument("HN-DVC-01");
        BOOST_REQUIRE(exported.ok());
        return exported->document;
    }
    void writeFile(const fs::path& path, const std::string& bytes)
    {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << bytes;
    }
};

bool isKind(const Errors& errors, ErrorKind kind)
{
    return !errors.empty() && errors.front().kind == kind;
}

bool mentions(const Errors& errors, const std::string& text)
{
    for (const Error& e : errors)
        if (e.message.en.find(text) != std::string::npos || e.field.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(owner_and_operator_names_are_prefilled_from_the_system, Fixture)
{
    auto context = sender.dossiers.open("HN-DVC-01");
    BOOST_REQUIRE(context.ok());
    BOOST_TEST(context->dossier.fields["A.1.owner_name"] == exampleSystem().owner);
    BOOST_TEST(context->dossier.fields["A.2.operator_name"] == exampleSystem().operatorName);
    auto check = sender.dossiers.check("HN-DVC-01", {});
    BOOST_REQUIRE(check.ok());
    for (const MissingItem& item : check->missing)
        BOOST_TEST(item.key != "A.1.owner_name");
}

BOOST_FIXTURE_TEST_CASE(export_reads_the_stored_assessment, Fixture)
{
    auto exported = sender.dossiers.exportDocument("HN-DVC-01");
    BOOST_REQUIRE(exported.ok());
    BOOST_TEST(exported->document.assessment.rulesetId == "VN-2026");
    BOOST_TEST(exported->document.assessment.rulesetVersion == shippedCatalogue().ruleSet("VN-2026")->version);
    BOOST_TEST(exported->notices.empty());
}

BOOST_FIXTURE_TEST_CASE(an_unchanged_document_imports_once, Fixture)
{
    auto first = receiver.dossiers.importDocument(sentDocument(), "hs.xml", {}, actor("bob"));
    BOOST_REQUIRE(first.ok());
    BOOST_TEST(first->changed);
    BOOST_TEST(first->notices.empty());
    auto second = receiver.dossiers.importDocument(sentDocument(), "hs.xml", {}, actor("bob"));
    BOOST_REQUIRE(second.ok());
    BOOST_TEST(!second->changed);
}

BOOST_FIXTURE_TEST_CASE(a_level_the_answers_do_not_give_is_refused_and_nothing_stored, Fixture)
{
    DossierDocument document = sentDocument();
    const int derived = document.assessment.derivedLevel;
    document.assessment.derivedLevel = 0;
    document.assessment.proposedLevel = 0;
    for (ComponentResult& component : document.assessment.components)
        component.level = 0;
    auto imported = receiver.dossiers.importDocument(document, "hs.xml", {}, actor("bob"));
    BOOST_REQUIRE(!imported.ok());
    BOOST_TEST(isKind(imported.errors(), ErrorKind::InvalidInput));
    BOOST_TEST(mentions(imported.errors(), "seclevel derives " + std::to_string(derived)));
    auto stored = receiver.store->system("HN-DVC-01");
    BOOST_REQUIRE(stored.ok());
    BOOST_TEST(!stored->has_value());
}

BOOST_FIXTURE_TEST_CASE(a_disagreement_can_be_accepted_but_seclevels_level_is_stored, Fixture)
{
    DossierDocument document = sentDocument();
    const int derived = document.assessment.derivedLevel;
    document.assessment.derivedLevel = 1;
    document.assessment.proposedLevel = 1;
    auto imported = receiver.dossiers.importDocument(document, "hs.xml", {true}, actor("bob"));
    BOOST_REQUIRE(imported.ok());
    BOOST_TEST(!imported->notices.empty());
    auto stored = receiver.store->system("HN-DVC-01");
    BOOST_REQUIRE(stored.ok() && stored->has_value());
    BOOST_TEST((*stored)->derivedLevel == derived);
    BOOST_TEST((*stored)->proposedLevel == derived);
    auto latest = receiver.store->latestAssessment("HN-DVC-01");
    BOOST_REQUIRE(latest.ok() && latest->has_value());
    bool recorded = false;
    for (const RaisedWarning& w : (*latest)->assessment.warnings)
        recorded = recorded || w.id == "IMPORT-DISAGREEMENT";
    BOOST_TEST(recorded);
}

BOOST_FIXTURE_TEST_CASE(a_relabelled_rule_set_is_refused, Fixture)
{
    DossierDocument document = sentDocument();
    document.assessment.rulesetId = "VN-2016";
    document.assessment.rulesetVersion = shippedCatalogue().ruleSet("VN-2016")->version;
    auto imported = receiver.dossiers.importDocument(document, "hs.xml", {}, actor("bob"));
    BOOST_REQUIRE(!imported.ok());
    BOOST_TEST(isKind(imported.errors(), ErrorKind::InvalidInput));
    auto stored = receiver.store->system("HN-DVC-01");
    BOOST_REQUIRE(stored.ok());
    BOOST_TEST(!stored->has_value());
}

BOOST_FIXTURE_TEST_CASE(an_unknown_rule_set_version_is_named, Fixture)
{
    DossierDocument document = sentDocument();
    document.assessment.rulesetVersion = "9.9.9";
    auto imported = receiver.dossiers.importDocument(document, "hs.xml", {}, actor("bob"));
    BOOST_REQUIRE(!imported.ok());
    BOOST_TEST(mentions(imported.errors(), "9.9.9"));
}

BOOST_FIXTURE_TEST_CASE(a_proposal_below_the_derived_level_is_refused_on_import, Fixture)
{
    DossierDocument document = sentDocument();
    document.assessment.proposedLevel = document.assessment.derivedLevel - 1;
    auto imported = receiver.dossiers.importDocument(document, "hs.xml", {}, actor("bob"));
    BOOST_REQUIRE(!imported.ok());
    BOOST_TEST(isKind(imported.errors(), ErrorKind::Refused));
}

BOOST_FIXTURE_TEST_CASE(imported_references_are_names_not_paths, Fixture)
{
    DossierDocument document = sentDocument();
    const std::string secret = "TOP SECRET\n";
    writeFile(temp.dir / "outside" / "secret.txt", secret);
    const std::string content = "thiết kế\n";
    writeFile(temp.dir / "received" / "docs" / "design.pdf", content);
    fs::create_symlink(temp.dir / "outside" / "secret.txt", temp.dir / "received" / "link.pdf");
    auto reference = [](const std::string& name, const std::string& path, const std::string& bytes) {
        return Attachment{"design_document", name, "application/pdf", bytes.size(), sha256Hex(bytes), path, false};
    };
    document.dossier.attachments = {
        reference("abs.pdf", (temp.dir / "outside" / "secret.txt").string(), secret),
        reference("dots.pdf", "../outside/secret.txt", secret),
        reference("link.pdf", "link.pdf", secret),
        reference("design.pdf", "docs/design.pdf", content),
    };
    BOOST_REQUIRE(receiver.dossiers.importDocument(document, "hs.xml", {}, actor("bob")).ok());

    auto unchecked = receiver.dossiers.check("HN-DVC-01", {});
    BOOST_REQUIRE(unchecked.ok());
    BOOST_REQUIRE(unchecked->problems.size() == 4u);
    for (const AttachmentProblem& p : unchecked->problems)
        BOOST_TEST(static_cast<int>(p.kind) == static_cast<int>(AttachmentProblemKind::NotChecked));

    auto checked = receiver.dossiers.check("HN-DVC-01", {(temp.dir / "received").string()});
    BOOST_REQUIRE(checked.ok());
    std::map<std::string, AttachmentProblemKind> problems;
    for (const AttachmentProblem& p : checked->problems)
        problems[p.attachment.name] = p.kind;
    BOOST_TEST(problems.size() == 3u); // design.pdf is found inside the folder and matches
    BOOST_TEST(problems.count("design.pdf") == 0u);
    BOOST_TEST(static_cast<int>(problems["abs.pdf"]) == static_cast<int>(AttachmentProblemKind::Missing));
    BOOST_TEST(static_cast<int>(problems["dots.pdf"]) == static_cast<int>(AttachmentProblemKind::Missing));
    BOOST_TEST(static_cast<int>(problems["link.pdf"]) == static_cast<int>(AttachmentProblemKind::Missing));
}

BOOST_FIXTURE_TEST_CASE(local_references_are_checked_and_fifos_do_not_hang, Fixture)
{
    const fs::path file = temp.dir / "plan.pdf";
    writeFile(file, "kế hoạch");
    AttachmentInput input{"design_document", "plan.pdf", "kế hoạch", file.string()};
    BOOST_REQUIRE(sender.dossiers.attach("HN-DVC-01", input, actor()).ok());
    auto clean = sender.dossiers.check("HN-DVC-01", {});
    BOOST_REQUIRE(clean.ok());
    BOOST_TEST(clean->problems.empty());
    fs::remove(file);
    BOOST_REQUIRE(mkfifo(file.c_str(), 0600) == 0);
    auto fifo = sender.dossiers.check("HN-DVC-01", {}); // would block forever if the FIFO were opened for reading
    BOOST_REQUIRE(fifo.ok());
    BOOST_REQUIRE(fifo->problems.size() == 1u);
    BOOST_TEST(static_cast<int>(fifo->problems[0].kind) == static_cast<int>(AttachmentProblemKind::Missing));
}

BOOST_FIXTURE_TEST_CASE(attachment_rules, Fixture)
{
    auto unknownKind = sender.dossiers.attach("HN-DVC-01", {"holiday_photos", "a.png", "x", std::nullopt}, actor());
    BOOST_REQUIRE(!unknownKind.ok());
    BOOST_TEST(isKind(unknownKind.errors(), ErrorKind::InvalidInput));
    auto unknownSystem = sender.dossiers.attach("NOPE", {"design_document", "a.pdf", "x", std::nullopt}, actor());
    BOOST_REQUIRE(!unknownSystem.ok());
    BOOST_TEST(isKind(unknownSystem.errors(), ErrorKind::NotFound));
    auto first = sender.dossiers.attach("HN-DVC-01", {"design_document", "tk.pdf", "v1", std::nullopt}, actor());
    auto second = sender.dossiers.attach("HN-DVC-01", {"design_document", "tk.pdf", "v2", std::nullopt}, actor());
    BOOST_REQUIRE(first.ok() && second.ok());
    auto dossier = sender.store->dossier("HN-DVC-01");
    BOOST_REQUIRE(dossier.ok());
    BOOST_TEST(dossier->attachments.size() == 1u); // replaced by kind + name
    BOOST_TEST(dossier->attachments[0].sha256 == sha256Hex("v2"));
}

BOOST_FIXTURE_TEST_CASE(requirement_rules, Fixture)
{
    auto context = sender.dossiers.open("HN-DVC-01");
    BOOST_REQUIRE(context.ok());
    const auto groups = context->dossierTemplate->requirementsForLevel(context->system.proposedLevel);
    BOOST_REQUIRE(!groups.empty());
    const RequirementGroupSpec& group = *groups.front();
    RequirementStatement statement{group.id, 1, RequirementStatus::Planned, "Kế hoạch", std::nullopt};
    auto noDate = sender.dossiers.setRequirement("HN-DVC-01", statement, actor());
    BOOST_REQUIRE(!noDate.ok());
    BOOST_TEST(mentions(noDate.errors(), "planned"));
    statement.item = group.count + 1;
    statement.status = RequirementStatus::Met;
    BOOST_TEST(!sender.dossiers.setRequirement("HN-DVC-01", statement, actor()).ok());
    statement.item = 1;
    auto recorded = sender.dossiers.setRequirement("HN-DVC-01", statement, actor());
    BOOST_REQUIRE(recorded.ok());
    BOOST_TEST(recorded->changed);
}
