// End-to-end tests of `seclevel --version` and of the hidden `seclevel help-export man|bash-completion`.
// The commands and options expected in the man page and the completion are read from the binary's own
// --help output, so these tests follow the command table instead of a list written here.
#define BOOST_TEST_MODULE help_export_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <regex>
#include <set>

using namespace seclevel;
using namespace seclevel::e2e;

namespace {

struct CommandHelp {
    std::string name;                   // "system add"
    std::string summary;                // English
    std::set<std::string> options;      // without dashes, global ones included
    std::set<std::string> valueOptions; // those that take a value
};

// Joins by appending: `"literal" + std::string(temporary)` makes GCC 12 at -O3 report a false -Wrestrict.
std::string concat(std::initializer_list<std::string_view> parts)
{
    std::string out;
    for (const std::string_view part : parts)
        out += part;
    return out;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::vector<std::string> words(const std::string& name)
{
    std::vector<std::string> out;
    std::istringstream in(name);
    for (std::string word; in >> word;)
        out.push_back(word);
    return out;
}

// Every command of `seclevel --help`, with the options of `seclevel COMMAND --help`.
std::vector<CommandHelp> commandsFromHelp(const fs::path& work)
{
    Run overview = run({"--help", "--lang", "en"}, work);
    BOOST_REQUIRE_MESSAGE(overview.exitCode == 0, overview.err);
    std::vector<CommandHelp> commands;
    bool inCommands = false;
    for (const auto& line : lines(overview.out)) {
        if (line == "commands:") {
            inCommands = true;
            continue;
        }
        if (!inCommands)
            continue;
        if (line.empty())
            break;
        BOOST_REQUIRE(line.rfind("  ", 0) == 0);
        const size_t gap = line.find("  ", 2);
        BOOST_REQUIRE(gap != std::string::npos);
        CommandHelp c;
        c.name = line.substr(2, gap - 2);
        c.summary = line.substr(line.find_first_not_of(' ', gap));
        commands.push_back(c);
    }
    BOOST_REQUIRE_GE(commands.size(), 10u);
    for (auto& c : commands) {
        std::vector<std::string> args = words(c.name);
        args.insert(args.end(), {"--help", "--lang", "en"});
        Run help = run(args, work);
        BOOST_REQUIRE_MESSAGE(help.exitCode == 0, c.name + ": " + help.err);
        for (const auto& line : lines(help.out)) {
            if (line.rfind("  --", 0) != 0)
                continue;
            const size_t end = line.find(' ', 4);
            const std::string option = line.substr(4, end - 4);
            c.options.insert(option);
            if (line.compare(end, 3, " X ") == 0)
                c.valueOptions.insert(option);
        }
        BOOST_TEST_REQUIRE(c.options.count("help") == 1u, c.name);
    }
    return commands;
}

// Options every command shows: those common to all of them.
std::set<std::string> globalOptions(const std::vector<CommandHelp>& commands)
{
    std::set<std::string> common = commands.front().options;
    for (const auto& c : commands) {
        std::set<std::string> both;
        for (const auto& o : common)
            if (c.options.count(o))
                both.insert(o);
        common = both;
    }
    return common;
}

std::string roff(const std::string& text)
{
    return std::regex_replace(text, std::regex("-"), "\\-");
}

// The part of a man page from `start` to the next .SS or .SH.
std::string section(const std::string& page, const std::string& start)
{
    const size_t from = page.find(start);
    if (from == std::string::npos)
        return {};
    size_t to = page.size();
    for (const char* next : {"\n.SS ", "\n.SH "})
        to = std::min(to, page.find(next, from + start.size()) == std::string::npos
                              ? page.size()
                              : page.find(next, from + start.size()));
    return page.substr(from, to - from);
}

// The options a man-page section lists as items (.TP then .B \-\-name).
std::set<std::string> manOptions(const std::string& part)
{
    std::set<std::string> out;
    static const std::regex item(R"(\n\.TP\n\.B \\-\\-([a-z\\-]+))");
    for (std::sregex_iterator it(part.begin(), part.end(), item), end; it != end; ++it)
        out.insert(std::regex_replace((*it)[1].str(), std::regex(R"(\\-)"), "-"));
    return out;
}

struct Shell {
    int exitCode = -1;
    std::string out;
};

Shell shell(const std::string& command)
{
    Shell result;
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe);
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        result.out.append(buffer, n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// What the completion offers for the words typed so far (the last one is being completed).
std::set<std::string> complete(const fs::path& script, const std::vector<std::string>& typed)
{
    std::string words;
    for (const auto& w : typed)
        words = concat({words, " ", shellQuote(w)});
    const std::string command =
        concat({"bash -c ", shellQuote(concat({"source ", shellQuote(script.string()), " && COMP_WORDS=(", words,
                                               ") && COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )) && _seclevel && "
                                               "printf '%s\\n' \"${COMPREPLY[@]}\""}))});
    Shell r = shell(command);
    BOOST_TEST(r.exitCode == 0);
    std::set<std::string> offered;
    for (const auto& line : lines(r.out))
        if (!line.empty())
            offered.insert(line);
    return offered;
}

std::set<std::string> dashed(const std::set<std::string>& options)
{
    std::set<std::string> out;
    for (const auto& o : options)
        out.insert("--" + o);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(man_page_has_every_command_and_option_of_the_help)
{
    TempDir dir;
    const auto commands = commandsFromHelp(dir.path);
    const auto global = globalOptions(commands);
    BOOST_TEST(global.count("lang") == 1u);
    for (const char* lang : {"en", "vi"}) {
        BOOST_TEST_CONTEXT("--lang " << lang)
        {
            Run man = run({"help-export", "man", "--lang", lang}, dir.path);
            BOOST_REQUIRE_MESSAGE(man.exitCode == 0, man.err);
            BOOST_TEST(man.out.find(".TH SECLEVEL 1 \"\" \"seclevel " SECLEVEL_VERSION "\"") != std::string::npos);
            BOOST_TEST(man.out.find("\n.B \\-\\-version\n") != std::string::npos);
            for (const auto& c : commands) {
                const std::string part = section(man.out, "\n.SS \"seclevel " + roff(c.name) + "\"\n");
                BOOST_TEST_CONTEXT(c.name)
                {
                    BOOST_TEST_REQUIRE(!part.empty());
                    if (std::string(lang) == "en")
                        BOOST_TEST(part.find(roff(c.summary)) != std::string::npos, part);
                    std::set<std::string> own;
                    for (const auto& o : c.options)
                        if (!global.count(o))
                            own.insert(o);
                    BOOST_TEST(manOptions(part) == own, boost::test_tools::per_element());
                }
            }
            const size_t everyCommand = man.out.find(std::string(lang) == "en" ? "\n.SH OPTIONS OF EVERY COMMAND\n"
                                                                               : "\n.SH TÙY CHỌN CỦA MỌI LỆNH\n");
            BOOST_TEST_REQUIRE(everyCommand != std::string::npos);
            BOOST_TEST(manOptions(section(man.out, man.out.substr(everyCommand, 30))) == global,
                       boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(man_page_renders_without_groff_warnings)
{
    TempDir dir;
    if (shell("command -v groff >/dev/null").exitCode != 0) {
        BOOST_TEST_MESSAGE("groff is not installed: rendering not checked");
        return;
    }
    for (const char* lang : {"en", "vi"}) {
        const fs::path page = dir.path / (std::string("seclevel.") + lang + ".1");
        Run man = run({"help-export", "man", "--lang", lang, "--output", page.string()}, dir.path);
        BOOST_REQUIRE_MESSAGE(man.exitCode == 0, man.err);
        BOOST_TEST(man.out.empty());
        // -k: preconv reads the page's coding line; -ww: every warning; stderr into the captured output.
        Shell groff = shell(concat({"groff -k -man -Tutf8 -ww -z ", shellQuote(page.string()), " 2>&1"}));
        BOOST_TEST(groff.exitCode == 0);
        BOOST_TEST(groff.out.empty(), groff.out);
        Shell text =
            shell(concat({"groff -k -man -Tutf8 ", shellQuote(page.string()), " 2>/dev/null | sed 's/.\\x08//g'"}));
        BOOST_TEST(text.out.find("--version") != std::string::npos);
        BOOST_TEST(text.out.find("seclevel dossier export") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(bash_completion_offers_every_command_and_option_of_the_help)
{
    TempDir dir;
    const auto commands = commandsFromHelp(dir.path);
    const fs::path script = dir.path / "seclevel.bash";
    Run export_ = run({"help-export", "bash-completion", "--output", script.string()}, dir.path);
    BOOST_REQUIRE_MESSAGE(export_.exitCode == 0, export_.err);
    BOOST_TEST(shell(concat({"bash -n ", shellQuote(script.string())})).exitCode == 0);

    // First words, then the words under each group ("system" → add, list, …).
    std::map<std::string, std::set<std::string>> children;
    for (const auto& c : commands) {
        const auto w = words(c.name);
        std::string path;
        for (const auto& word : w) {
            children[path].insert(word);
            path += (path.empty() ? "" : " ") + word;
        }
    }
    for (const auto& [path, expected] : children) {
        auto typed = words(path);
        typed.insert(typed.begin(), "seclevel");
        typed.push_back("");
        BOOST_TEST(complete(script, typed) == expected, boost::test_tools::per_element());
    }
    BOOST_TEST(complete(script, {"seclevel", "--"}) == (std::set<std::string>{"--help", "--version"}),
               boost::test_tools::per_element());

    for (const auto& c : commands) {
        BOOST_TEST_CONTEXT(c.name)
        {
            auto typed = words(c.name);
            typed.insert(typed.begin(), "seclevel");
            typed.push_back("--");
            BOOST_TEST(complete(script, typed) == dashed(c.options), boost::test_tools::per_element());
            // After a positional argument the options are still offered.
            typed.back() = "file.json";
            typed.push_back("--");
            BOOST_TEST(complete(script, typed) == dashed(c.options), boost::test_tools::per_element());
            // After an option that takes a value nothing is offered (file names, by complete -o default) …
            for (const auto& o : c.valueOptions) {
                if (o == "lang")
                    continue;
                typed.back() = "--" + o;
                typed.push_back("");
                BOOST_TEST(complete(script, typed).empty(), o);
                typed.pop_back();
            }
            // … except --lang, whose values are known.
            typed.back() = "--lang";
            typed.push_back("");
            BOOST_TEST(complete(script, typed) == (std::set<std::string>{"en", "vi"}),
                       boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(help_export_refuses_an_unknown_kind)
{
    TempDir dir;
    for (const std::vector<std::string>& args : {std::vector<std::string>{"help-export"},
                                                 {"help-export", "html"},
                                                 {"help-export", "man", "bash-completion"}}) {
        Run r = run(args, dir.path);
        BOOST_TEST(r.exitCode == 1);
        BOOST_TEST(r.out.empty());
        BOOST_TEST(r.err.find("man, bash-completion") != std::string::npos, r.err);
    }
    // Hidden: not in the overview.
    BOOST_TEST(run({"--help"}, dir.path).out.find("help-export") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(version_names_the_binary_rule_sets_and_schemas)
{
    TempDir dir;
    Run v = run({"--version", "--lang", "en"}, dir.path);
    BOOST_REQUIRE_MESSAGE(v.exitCode == 0, v.err);
    const auto out = lines(v.out);
    BOOST_REQUIRE(!out.empty());
    BOOST_TEST(out[0] == "seclevel " SECLEVEL_VERSION);
    BOOST_TEST(std::regex_match(std::string(SECLEVEL_VERSION), std::regex(R"(\d+\.\d+\.\d+)")));

    // Every rule set `seclevel rulesets` knows, with its version.
    Run list = run({"rulesets", "--format", "json"}, dir.path);
    auto ruleSets = json::parse(list.out, "stdout");
    BOOST_REQUIRE(ruleSets.ok());
    BOOST_REQUIRE_GE(ruleSets->items.size(), 3u);
    for (const auto& rs : ruleSets->items) {
        const std::string expected = "  " + rs.find("id")->text + "  v" + rs.find("version")->text + "  ";
        BOOST_TEST(v.out.find(expected) != std::string::npos, expected);
    }

    // Every schema: the namespace and version its file declares.
    for (const char* file : {"ruleset.xsd", "dossier-template.xsd", "dossier.xsd"}) {
        const std::string xsd = slurp(fs::path(SECLEVEL_SOURCE_DIR) / "schemas" / file);
        std::smatch ns, version;
        BOOST_REQUIRE(std::regex_search(xsd, ns, std::regex(R"re(targetNamespace="([^"]+)")re")));
        BOOST_REQUIRE(std::regex_search(xsd, version, std::regex(R"re(<xs:schema[^>]*\sversion="([^"]+)")re")));
        const std::regex line(concat({"\\n  ", file, " +", ns[1].str(), " +version ", version[1].str()}) +
                              "(, schema-version [0-9]+)?\\n");
        BOOST_TEST(std::regex_search(v.out, line), file << "\n" << v.out);
    }
    BOOST_TEST(v.out.find("dossier.xsd           urn:seclevel:dossier:1           version 1, schema-version 1") !=
               std::string::npos);
    BOOST_TEST(v.out.find("dossier XML written: urn:seclevel:dossier:1, schema-version 1") != std::string::npos);

    Run vi = run({"--version"}, dir.path);
    BOOST_TEST(vi.exitCode == 0);
    BOOST_TEST(vi.out.find("bộ quy tắc:") != std::string::npos, vi.out);
}

BOOST_AUTO_TEST_CASE(version_with_a_broken_data_folder_still_names_the_binary)
{
    TempDir dir;
    Run v = run({"--version", "--rules", (dir.path / "missing").string(), "--lang", "en"}, dir.path);
    BOOST_TEST(v.exitCode == 3);
    BOOST_TEST(v.out.rfind("seclevel " SECLEVEL_VERSION "\n", 0) == 0, v.out);
    BOOST_TEST(v.err.find((dir.path / "missing" / "schemas" / "ruleset.xsd").string()) != std::string::npos, v.err);
    // Said once, though two loaders need the file.
    const std::string missing = (dir.path / "missing" / "schemas" / "ruleset.xsd").string() + ": cannot open";
    BOOST_TEST(v.err.find(missing) == v.err.rfind(missing), v.err);

    // A dossier schema that does not accept what this build writes is a broken installation.
    fs::create_directories(dir.path / "data");
    fs::copy(fs::path(SECLEVEL_SOURCE_DIR) / "schemas", dir.path / "data" / "schemas");
    fs::copy(fs::path(SECLEVEL_SOURCE_DIR) / "questionnaires", dir.path / "data" / "questionnaires",
             fs::copy_options::recursive);
    const fs::path dossierXsd = dir.path / "data" / "schemas" / "dossier.xsd";
    std::string xsd = slurp(dossierXsd);
    const size_t at = xsd.find("<xs:enumeration value=\"1\"/>");
    BOOST_REQUIRE(at != std::string::npos);
    xsd.replace(at, std::strlen("<xs:enumeration value=\"1\"/>"), "<xs:enumeration value=\"2\"/>");
    write(dossierXsd.parent_path(), "dossier.xsd", xsd);
    Run mismatch = run({"--version", "--rules", (dir.path / "data").string(), "--lang", "en"}, dir.path);
    BOOST_TEST(mismatch.exitCode == 3);
    BOOST_TEST(mismatch.out.find("schema-version 2") != std::string::npos, mismatch.out);
    BOOST_TEST(mismatch.err.find("does not accept the dossiers this build writes") != std::string::npos, mismatch.err);
}
