#define BOOST_TEST_MODULE interview_e2e
// `seclevel interview` end to end: the real binary, its stdin a pipe. A driver reads what the binary prints
// and, at each "> " prompt, answers by the question's key (printed as "key: …" / "khóa: …"), so the tests
// say which questions must and must not be asked, whatever else the rule set adds. The answers file written
// is then read back with the project's JSON parser.
#include "codec/Json.h"
#include "formats/json/AnswersFile.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

struct Transcript {
    int exitCode = -1;
    std::string out;
    std::string err;
    std::vector<std::string> asked; // keys (or pseudo keys) in the order they were prompted, repeats included
};

// The interview's own questions carry no answer key; the driver recognises them by their text.
const std::vector<std::pair<std::string, std::string>> kPseudoKeys = {
    {"System id", "system.id"},
    {"Name of the information system", "system.name"},
    {"Owner of the system", "system.owner"},
    {"Operator of the system", "system.operator"},
    {"Does the system consist of component systems", "components?"},
    {"Add another component system?", "more_components?"},
    {"Name of the component system", "component.name"},
    {"Go through its questions again?", "review_component?"},
    {"Mã hệ thống", "system.id"},
    {"Tên hệ thống thông tin", "system.name"},
    {"Chủ quản hệ thống", "system.owner"},
    {"Đơn vị vận hành", "system.operator"},
    {"Hệ thống có gồm các hệ thống thành phần", "components?"},
    {"Thêm một hệ thống thành phần khác?", "more_components?"},
    {"Tên hệ thống thành phần", "component.name"},
    {"Xem lại từng câu", "review_component?"},
};

// The key of the question whose prompt ends `block` (the output since the last answer); empty when the
// block re-asks the same question (after a complaint or help).
std::string keyOf(const std::string& block)
{
    size_t best = std::string::npos;
    std::string key;
    for (const char* marker : {"· key: ", "· khóa: "}) {
        const size_t at = block.rfind(marker);
        if (at != std::string::npos && (best == std::string::npos || at > best)) {
            best = at;
            const size_t start = at + std::strlen(marker);
            key = block.substr(start, block.find('\n', start) - start);
        }
    }
    for (const auto& [text, pseudo] : kPseudoKeys) {
        const size_t at = block.rfind(text);
        if (at != std::string::npos && (best == std::string::npos || at > best)) {
            best = at;
            key = pseudo;
        }
    }
    return key;
}

// key → the reply; nullopt closes stdin (end of input).
using Responder = std::function<std::optional<std::string>(const std::string& key, const std::string& block)>;

// Runs the binary with `args`. `upfront` is written to stdin at once; then, if `respond` is set, each
// prompt is answered through it, else stdin is closed after `upfront`.
Transcript runBinary(const std::vector<std::string>& args, const std::string& upfront, const Responder& respond)
{
    std::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2], err[2];
    BOOST_REQUIRE(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0);
    const pid_t pid = fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]})
            close(fd);
        std::vector<std::string> all = {SECLEVEL_BINARY};
        all.insert(all.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : all)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(SECLEVEL_BINARY, argv.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    int stdinFd = in[1];
    auto closeStdin = [&] {
        if (stdinFd >= 0)
            close(stdinFd);
        stdinFd = -1;
    };
    auto send = [&](const std::string& text) {
        size_t done = 0;
        while (stdinFd >= 0 && done < text.size()) {
            const ssize_t n = write(stdinFd, text.data() + done, text.size() - done);
            if (n <= 0) {
                closeStdin();
                break;
            }
            done += static_cast<size_t>(n);
        }
    };
    send(upfront);
    if (!respond)
        closeStdin();

    Transcript t;
    size_t answeredUpTo = 0;
    std::map<std::string, int> timesAsked;
    std::string currentKey;
    bool outOpen = true, errOpen = true;
    while (outOpen || errOpen) {
        pollfd fds[2] = {{outOpen ? out[0] : -1, POLLIN, 0}, {errOpen ? err[0] : -1, POLLIN, 0}};
        const int ready = poll(fds, 2, 30000);
        if (ready == 0) {
            kill(pid, SIGKILL);
            BOOST_ERROR("the interview hung; output so far:\n" << t.out);
            break;
        }
        if (ready < 0 && errno == EINTR)
            continue;
        char buffer[4096];
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP)))
                continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                (i == 0 ? outOpen : errOpen) = false;
                continue;
            }
            (i == 0 ? t.out : t.err).append(buffer, static_cast<size_t>(n));
        }
        const bool prompted = t.out.size() >= 2 && t.out.compare(t.out.size() - 2, 2, "> ") == 0;
        if (respond && stdinFd >= 0 && prompted && t.out.size() > answeredUpTo) {
            const std::string block = t.out.substr(answeredUpTo);
            if (const std::string key = keyOf(block); !key.empty())
                currentKey = key;
            t.asked.push_back(currentKey);
            answeredUpTo = t.out.size();
            // A question asked over and over means the script and the binary disagree: stop, don't spin.
            if (++timesAsked[currentKey] > 6) {
                BOOST_ERROR("question '" << currentKey << "' asked again and again");
                closeStdin();
                continue;
            }
            if (auto reply = respond(currentKey, block))
                send(*reply + "\n");
            else
                closeStdin();
        }
    }
    closeStdin();
    close(out[0]);
    close(err[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    t.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    BOOST_TEST_MESSAGE("---- stdout ----\n" << t.out << "---- stderr ----\n" << t.err);
    return t;
}

// Answers by key from `script`; a key may have several replies, used in turn (invalid, then valid input).
// Keys not in the script get Enter. `stopAt`: close stdin when this key is asked.
Responder scripted(std::map<std::string, std::vector<std::string>> script, std::string stopAt = "")
{
    auto state = std::make_shared<std::map<std::string, std::vector<std::string>>>(std::move(script));
    return [state, stopAt](const std::string& key, const std::string&) -> std::optional<std::string> {
        if (!stopAt.empty() && key == stopAt)
            return std::nullopt;
        auto it = state->find(key);
        if (it == state->end() || it->second.empty())
            return std::string();
        std::string reply = it->second.front();
        if (it->second.size() > 1)
            it->second.erase(it->second.begin());
        return reply;
    };
}

class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "seclevel-interview-XXXXXX").string();
        BOOST_REQUIRE(mkdtemp(pattern.data()));
        m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    std::vector<std::string> entries() const
    {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(m_path))
            names.push_back(entry.path().filename().string());
        return names;
    }

private:
    fs::path m_path;
};

std::vector<std::string> interviewArgs(const std::string& file, const std::string& lang, bool resume = false)
{
    std::vector<std::string> args = {"interview", "--output", file,      "--ruleset",        "VN-2022",
                                     "--lang",    lang,       "--rules", SECLEVEL_SOURCE_DIR};
    if (resume)
        args.push_back("--resume");
    return args;
}

json::Node readJson(const std::string& path)
{
    auto node = json::parseFile(path);
    if (!node)
        for (const auto& e : node.errors())
            BOOST_TEST_MESSAGE(e.describe(Lang::En));
    BOOST_REQUIRE(node.ok());
    // And the project's reader accepts it as an answers file.
    auto system = readAnswersFile(path);
    BOOST_TEST(system.ok());
    return *node;
}

const json::Node& member(const json::Node& node, const std::string& path)
{
    const json::Node* current = &node;
    std::stringstream parts(path);
    std::string part;
    while (std::getline(parts, part, '.')) {
        const json::Node* next = current->find(part);
        BOOST_REQUIRE_MESSAGE(next, "no member '" << part << "' in " << path);
        current = next;
    }
    return *current;
}

std::vector<std::string> strings(const json::Node& array)
{
    BOOST_REQUIRE(array.isArray());
    std::vector<std::string> out;
    for (const auto& item : array.items)
        out.push_back(item.text);
    return out;
}

std::vector<std::string> keysOf(const json::Node& object)
{
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.members)
        keys.push_back(key);
    return keys;
}

bool asked(const Transcript& t, const std::string& key)
{
    return std::find(t.asked.begin(), t.asked.end(), key) != t.asked.end();
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

using Script = std::map<std::string, std::vector<std::string>>;

const Script kHeaderEn = {{"system.id", {"T-INT"}},
                          {"system.name", {"Internal mail"}},
                          {"system.owner", {"Department of Home Affairs"}},
                          {"system.operator", {"IT Centre"}}};

Script with(Script base, const Script& more)
{
    for (const auto& [key, replies] : more)
        base[key] = replies;
    return base;
}

// An internal system that holds only public information and no user accounts: NĐ85 Art 7, level 1.
const Script kInternalPublic = with(kHeaderEn, {{"system_type", {"1"}},
                                                {"info_classes", {"public"}},
                                                {"holds_user_accounts", {"n"}},
                                                {"defence_security_harm", {"none"}},
                                                {"national_data_central_store", {"n"}}});

} // namespace

BOOST_AUTO_TEST_CASE(internal_system_with_public_information_only_is_level_1)
{
    TempDir dir;
    const std::string file = dir.file("internal.json");
    const Transcript t = runBinary(interviewArgs(file, "en"), "", scripted(kInternalPublic));
    BOOST_TEST(t.exitCode == 0);
    BOOST_TEST(contains(t.out, "Proposed level: 1"));
    BOOST_TEST(contains(t.out, "NĐ85 Art 7"));
    BOOST_TEST(contains(t.out, "written to " + file));
    // Only the questions whose show-if holds were asked.
    BOOST_TEST(asked(t, "holds_user_accounts"));
    for (const char* hidden :
         {"online_public_service_level", "conditional_business_service", "personal_data_subjects",
          "infrastructure_scope", "construction_work_grade", "always_on_24x7", "strategic_defence_security"})
        BOOST_TEST(!asked(t, hidden), hidden << " should not be asked");
    // Each question once: nothing was refused.
    for (const auto& key : t.asked)
        BOOST_TEST(std::count(t.asked.begin(), t.asked.end(), key) == 1, key << " asked more than once");

    const json::Node root = readJson(file);
    BOOST_TEST(member(root, "system.id").text == "T-INT");
    BOOST_TEST(member(root, "system.name").text == "Internal mail");
    BOOST_TEST(member(root, "system.owner").text == "Department of Home Affairs");
    BOOST_TEST(member(root, "system.operator").text == "IT Centre");
    const json::Node& answers = member(root, "answers");
    BOOST_TEST(member(answers, "system_type").text == "internal");
    BOOST_TEST(strings(member(answers, "info_classes")) == std::vector<std::string>{"public"});
    BOOST_TEST(member(answers, "holds_user_accounts").isBoolean());
    BOOST_TEST(member(answers, "holds_user_accounts").boolean == false);
    BOOST_TEST(member(answers, "defence_security_harm").text == "none");
    BOOST_TEST(member(answers, "national_data_central_store").boolean == false);
    // Skipped questions are left out, not written as empty answers.
    const std::vector<std::string> keys = keysOf(answers);
    const std::vector<std::string> expected = {"defence_security_harm", "holds_user_accounts", "info_classes",
                                               "national_data_central_store", "system_type"};
    BOOST_TEST(keys == expected, boost::test_tools::per_element());
    BOOST_TEST(member(root, "components").items.empty());
    // Written by rename: no temporary file is left beside it.
    BOOST_TEST(dir.entries() == std::vector<std::string>{"internal.json"});
}

BOOST_AUTO_TEST_CASE(citizen_service_system_in_vietnamese)
{
    TempDir dir;
    const std::string file = dir.file("cong-dvc.json");
    const Script script = {{"system.id", {"UBND-DVC"}},
                           {"system.name", {"Cổng dịch vụ công tỉnh"}},
                           {"system.owner", {"Ủy ban nhân dân tỉnh"}},
                           {"system.operator", {"Sở Khoa học và Công nghệ"}},
                           {"system_type", {"citizen_service"}},
                           {"info_classes", {"2, 3"}},
                           {"defence_security_harm", {"1"}},
                           {"online_public_service_level", {"4"}},
                           {"conditional_business_service", {"không"}},
                           {"personal_data_subjects", {"12.000"}},
                           {"counting_method", {"\xff\xfe", "số công dân có hồ sơ, lũy kế"}},
                           {"national_egov_system", {"k"}},
                           {"national_data_central_store", {"k"}},
                           {"prior_approval_date", {"15/03/2021"}}};
    const Transcript t = runBinary(interviewArgs(file, "vi"), "", scripted(script));
    BOOST_TEST(t.exitCode == 0);
    BOOST_TEST(contains(t.out, "Cấp độ đề xuất: 3"));
    BOOST_TEST(contains(t.out, "điểm a khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"));
    BOOST_TEST(contains(t.out, "điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"));
    BOOST_TEST(contains(t.out, "[bắt buộc]"));
    BOOST_TEST(contains(t.out, "khóa: system_type"));
    BOOST_TEST(contains(t.out, "văn bản không phải UTF-8 hợp lệ"));
    BOOST_TEST(!asked(t, "holds_user_accounts")); // only for internal systems with public information
    BOOST_TEST(asked(t, "personal_data_subjects"));

    const json::Node root = readJson(file);
    BOOST_TEST(member(root, "system.name").text == "Cổng dịch vụ công tỉnh");
    const json::Node& answers = member(root, "answers");
    BOOST_TEST(member(answers, "system_type").text == "citizen_service");
    BOOST_TEST(strings(member(answers, "info_classes")) == (std::vector<std::string>{"private", "personal"}));
    BOOST_TEST(member(answers, "online_public_service_level").integer == 4);
    BOOST_TEST(member(answers, "personal_data_subjects").isInteger);
    BOOST_TEST(member(answers, "personal_data_subjects").integer == 12000);
    BOOST_TEST(member(answers, "conditional_business_service").boolean == false);
    BOOST_TEST(member(answers, "counting_method").text == "số công dân có hồ sơ, lũy kế");
    BOOST_TEST(member(answers, "prior_approval_date").text == "2021-03-15");
    BOOST_TEST(!answers.find("conditional_list_version")); // skipped
}

BOOST_AUTO_TEST_CASE(invalid_input_is_explained_and_asked_again)
{
    TempDir dir;
    const std::string file = dir.file("retry.json");
    const Script script = with(kHeaderEn, {{"system_type", {"9", "citizen", "?", "2"}},
                                           {"info_classes", {"1,7", "-", "3"}},
                                           {"defence_security_harm", {"1"}},
                                           {"online_public_service_level", {"", "abc", "5", "3"}},
                                           {"conditional_business_service", {"maybe", "y"}},
                                           {"personal_data_subjects", {"-5", "99999999999999999999", "500"}},
                                           {"national_egov_system", {"n"}},
                                           {"national_data_central_store", {"no"}},
                                           {"prior_approval_date", {"2023-02-30", "2023-02-28"}}});
    const Transcript t = runBinary(interviewArgs(file, "en"), "", scripted(script));
    BOOST_TEST(t.exitCode == 0);
    BOOST_TEST(contains(t.out, "'9' is not an option; pick a number from 1 to 5"));
    BOOST_TEST(contains(t.out, "'citizen' is not an option"));
    BOOST_TEST(contains(t.out, "Help: Under NĐ85 Art 6.2"));
    BOOST_TEST(contains(t.out, "'7' is not an option"));
    BOOST_TEST(contains(t.out, "this question is required: choose at least one option"));
    BOOST_TEST(contains(t.out, "this question is required"));
    BOOST_TEST(contains(t.out, "'abc' is not a whole number"));
    BOOST_TEST(contains(t.out, "the value 5 is outside the allowed range (0 … 4)"));
    BOOST_TEST(contains(t.out, "'maybe' is not a yes/no answer"));
    BOOST_TEST(contains(t.out, "the value -5 is outside the allowed range"));
    BOOST_TEST(contains(t.out, "is too large"));
    BOOST_TEST(contains(t.out, "'2023-02-30' is not a valid date"));
    BOOST_TEST(std::count(t.asked.begin(), t.asked.end(), "system_type") == 4);

    const json::Node answers = member(readJson(file), "answers");
    BOOST_TEST(member(answers, "system_type").text == "citizen_service");
    BOOST_TEST(strings(member(answers, "info_classes")) == std::vector<std::string>{"personal"});
    BOOST_TEST(member(answers, "online_public_service_level").integer == 3);
    BOOST_TEST(member(answers, "conditional_business_service").boolean == true);
    BOOST_TEST(member(answers, "personal_data_subjects").integer == 500);
    BOOST_TEST(member(answers, "prior_approval_date").text == "2023-02-28");
    BOOST_TEST(contains(t.out, "Proposed level: 3"));
}

BOOST_AUTO_TEST_CASE(end_of_input_midway_then_resume_completes_the_file)
{
    TempDir dir;
    const std::string file = dir.file("half.json");
    // Everything piped at once, ending after the second question.
    const std::string piped = "T-INT\nInternal mail\nDepartment of Home Affairs\nIT Centre\n1\n1\n";
    const Transcript first = runBinary(interviewArgs(file, "en"), piped, nullptr);
    BOOST_TEST(first.exitCode == 2);
    BOOST_TEST(contains(first.out, "Input ended before the interview was finished"));
    BOOST_TEST(contains(first.out, "seclevel interview --output " + file + " --resume --ruleset VN-2022 --lang en"));
    {
        const json::Node root = readJson(file);
        BOOST_TEST(member(root, "system.id").text == "T-INT");
        const json::Node& answers = member(root, "answers");
        BOOST_TEST(keysOf(answers) == (std::vector<std::string>{"info_classes", "system_type"}));
        BOOST_TEST(member(answers, "system_type").text == "internal");
    }

    const Transcript second = runBinary(interviewArgs(file, "en", true), "", scripted(kInternalPublic));
    BOOST_TEST(second.exitCode == 0);
    BOOST_TEST(contains(second.out, "Resuming system: Internal mail (T-INT)"));
    for (const char* given :
         {"system.id", "system.name", "system.owner", "system.operator", "system_type", "info_classes"})
        BOOST_TEST(!asked(second, given), given << " was answered already and must not be asked again");
    BOOST_REQUIRE(!second.asked.empty());
    BOOST_TEST(second.asked.front() == "holds_user_accounts");
    BOOST_TEST(contains(second.out, "Proposed level: 1"));

    const json::Node answers = member(readJson(file), "answers");
    BOOST_TEST(member(answers, "system_type").text == "internal");
    BOOST_TEST(strings(member(answers, "info_classes")) == std::vector<std::string>{"public"});
    BOOST_TEST(member(answers, "holds_user_accounts").boolean == false);
    BOOST_TEST(dir.entries() == std::vector<std::string>{"half.json"});
}

BOOST_AUTO_TEST_CASE(end_of_input_at_any_prompt_stops_cleanly)
{
    // Close stdin at each kind of prompt in turn: the binary must stop with the resume message, never hang
    // and never leave a broken file.
    for (const char* stopAt : {"system.name", "system_type", "info_classes", "holds_user_accounts", "components?"}) {
        TempDir dir;
        const std::string file = dir.file("stop.json");
        const Transcript t = runBinary(interviewArgs(file, "en"), "", scripted(kInternalPublic, stopAt));
        BOOST_TEST(t.exitCode == 2, stopAt);
        BOOST_TEST(contains(t.out, "Input ended before"), stopAt);
        if (std::string(stopAt) == "system.name") {
            BOOST_TEST(!fs::exists(file), "nothing is saved before the system is described");
            BOOST_TEST(contains(t.out, "nothing was saved"));
        } else {
            readJson(file);
        }
    }
}

BOOST_AUTO_TEST_CASE(components_keep_only_the_answers_that_differ)
{
    TempDir dir;
    const std::string file = dir.file("composite.json");
    // The system is internal with public information; its portal component serves citizens and holds
    // personal data, so the portal, and the system with it (Art 5.2), is level 3.
    Script script = kInternalPublic;
    script["components?"] = {"y"};
    script["component.name"] = {"Portal"};
    script["more_components?"] = {"n"};
    const Transcript t = runBinary(interviewArgs(file, "en"), "",
                                   [&](const std::string& key, const std::string& block) -> std::optional<std::string> {
                                       const bool inComponent = contains(block, "[Portal]");
                                       if (inComponent) {
                                           if (key == "system_type")
                                               return std::string("citizen_service");
                                           if (key == "info_classes")
                                               return std::string("public,personal");
                                           if (key == "online_public_service_level")
                                               return std::string("3");
                                           if (key == "conditional_business_service")
                                               return std::string("n");
                                           if (key == "personal_data_subjects")
                                               return std::string("20000");
                                           if (key == "national_egov_system")
                                               return std::string("."); // the system's answers for everything else
                                           return std::string();        // Enter: same as the system
                                       }
                                       return scripted(script)(key, block);
                                   });
    BOOST_TEST(t.exitCode == 0);
    BOOST_TEST(contains(t.out, "Enter = same as the system: Internal operations (point a) (internal)"));
    BOOST_TEST(contains(t.out, "Component: Portal — level 3"));
    BOOST_TEST(contains(t.out, "Proposed level: 3"));

    const json::Node root = readJson(file);
    BOOST_TEST(member(root, "answers.system_type").text == "internal");
    const json::Node& components = member(root, "components");
    BOOST_REQUIRE_EQUAL(components.items.size(), 1u);
    const json::Node& portal = components.items.front();
    BOOST_TEST(member(portal, "name").text == "Portal");
    const json::Node& own = member(portal, "answers");
    // Inherited answers (defence_security_harm, national_data_central_store, …) are not copied.
    const std::vector<std::string> expected = {"conditional_business_service", "info_classes",
                                               "online_public_service_level", "personal_data_subjects", "system_type"};
    BOOST_TEST(keysOf(own) == expected, boost::test_tools::per_element());
    BOOST_TEST(member(own, "personal_data_subjects").integer == 20000);
}

BOOST_AUTO_TEST_CASE(resume_inside_a_component)
{
    // Input ends while the portal component is being described; on --resume the user either goes through
    // the component again (Enter keeps what it has) or is asked only what the component still lacks.
    for (const bool review : {false, true}) {
        BOOST_TEST_CONTEXT("review " << review)
        {
            TempDir dir;
            const std::string file = dir.file("component.json");
            Script script = kInternalPublic;
            script["components?"] = {"y"};
            script["component.name"] = {"Portal"};
            const Transcript first =
                runBinary(interviewArgs(file, "en"), "",
                          [&](const std::string& key, const std::string& block) -> std::optional<std::string> {
                              if (contains(block, "[Portal]"))
                                  return key == "system_type" ? std::optional<std::string>("2") : std::nullopt;
                              return scripted(script)(key, block);
                          });
            BOOST_TEST(first.exitCode == 2);
            BOOST_TEST(member(readJson(file), "components").items.size() == 1u);

            std::vector<std::string> askedInComponent;
            const Transcript second =
                runBinary(interviewArgs(file, "en", true), "",
                          [&](const std::string& key, const std::string& block) -> std::optional<std::string> {
                              if (key == "review_component?")
                                  return std::string(review ? "y" : "n");
                              if (key == "more_components?")
                                  return std::string("n");
                              if (!contains(block, "[Portal]"))
                                  return std::string();
                              askedInComponent.push_back(key);
                              if (key == "online_public_service_level")
                                  return std::string("3");
                              if (key == "conditional_business_service")
                                  return std::string("n");
                              if (key == "conditional_list_version")
                                  return std::string(".");
                              return std::string();
                          });
            BOOST_TEST(second.exitCode == 0);
            BOOST_TEST(contains(second.out, "Component \"Portal\" is already described"));
            BOOST_TEST(!asked(second, "components?"));
            if (review) {
                BOOST_TEST(
                    contains(second.out, "Enter = keep the component's own answer: Serving citizens and businesses"));
                const std::vector<std::string> expected = {"system_type",
                                                           "info_classes",
                                                           "defence_security_harm",
                                                           "online_public_service_level",
                                                           "conditional_business_service",
                                                           "conditional_list_version"};
                BOOST_TEST(askedInComponent == expected, boost::test_tools::per_element());
            } else {
                const std::vector<std::string> expected = {"online_public_service_level",
                                                           "conditional_business_service"};
                BOOST_TEST(askedInComponent == expected, boost::test_tools::per_element());
            }
            BOOST_TEST(contains(second.out, "Component: Portal — level 3"));
            const json::Node root = readJson(file);
            const json::Node& own = member(member(root, "components").items.front(), "answers");
            const std::vector<std::string> keys = {"conditional_business_service", "online_public_service_level",
                                                   "system_type"};
            BOOST_TEST(keysOf(own) == keys, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_never_overwritten_without_resume)
{
    TempDir dir;
    const std::string file = dir.file("precious.json");
    {
        std::ofstream(file) << "not even json";
    }
    const Transcript t = runBinary(interviewArgs(file, "en"), "", scripted(kInternalPublic));
    BOOST_TEST(t.exitCode == 1);
    BOOST_TEST(contains(t.err, "already exists; use --resume"));
    std::ifstream in(file);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(content == "not even json");

    // Resuming a broken file says what is wrong with it and changes nothing.
    const Transcript resumed = runBinary(interviewArgs(file, "en", true), "", scripted(kInternalPublic));
    BOOST_TEST(resumed.exitCode == 2);
    BOOST_TEST(contains(resumed.err, file));
}

BOOST_AUTO_TEST_CASE(command_line_mistakes)
{
    TempDir dir;
    const Transcript noOutput = runBinary({"interview", "--ruleset", "VN-2022", "--lang", "en"}, "", nullptr);
    BOOST_TEST(noOutput.exitCode == 1);
    BOOST_TEST(contains(noOutput.err, "--output FILE is required"));

    const Transcript missing = runBinary(interviewArgs(dir.file("nope.json"), "en", true), "", nullptr);
    BOOST_TEST(missing.exitCode == 2);
    BOOST_TEST(contains(missing.err, "no answers file to resume"));

    const Transcript noFolder = runBinary(interviewArgs(dir.file("no/such/dir.json"), "en"), "", nullptr);
    BOOST_TEST(noFolder.exitCode == 4);

    auto args = interviewArgs(dir.file("x.json"), "en");
    args[4] = "VN-1999";
    const Transcript badRuleSet = runBinary(args, "", nullptr);
    BOOST_TEST(badRuleSet.exitCode == 5);
    BOOST_TEST(dir.entries().empty());
}
