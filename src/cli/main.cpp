// seclevel — security levels of information systems (Decree 85/2016, Decree 331/2026).
#include "cli/Command.h"
#include "cli/HelpExport.h"
#include "cli/Version.h"

#include <QCoreApplication>

#include <malloc.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

using namespace seclevel;

namespace {

Lang languageFromEnvironment(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--lang=en") == 0 ||
            (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc && std::strcmp(argv[i + 1], "en") == 0))
            return Lang::En;
        if (std::strcmp(argv[i], "--lang=vi") == 0 ||
            (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc && std::strcmp(argv[i + 1], "vi") == 0))
            return Lang::Vi;
    }
    const char* env = std::getenv("SECLEVEL_LANG");
    return env && std::strcmp(env, "en") == 0 ? Lang::En : Lang::Vi;
}

void printOverview(const std::vector<std::unique_ptr<Command>>& commands, Lang lang, std::ostream& out)
{
    out << "seclevel — " << programSummary().in(lang) << "\n\n"
        << (lang == Lang::En ? "usage: seclevel COMMAND [OPTIONS]\n\ncommands:\n"
                             : "cách dùng: seclevel LỆNH [TÙY CHỌN]\n\ncác lệnh:\n");
    for (const auto& c : commands) {
        std::string name = c->name();
        name.resize(std::max<size_t>(name.size() + 2, 22), ' ');
        out << "  " << name << c->summary().in(lang) << "\n";
    }
    out << (lang == Lang::En ? "\nseclevel COMMAND --help shows a command's options.\n"
                             : "\nseclevel LỆNH --help để xem tùy chọn của lệnh.\n")
        << "seclevel --version: " << versionOptionHelp().in(lang) << ".\n";
}

void printHelp(const Command& c, Lang lang, std::ostream& out)
{
    out << (lang == Lang::En ? "usage: " : "cách dùng: ") << "seclevel " << c.name() << " " << c.usage() << "\n"
        << c.summary().in(lang) << "\n\n";
    auto print = [&](const OptionSpec& spec) {
        std::string name = "--" + spec.name + (spec.takesValue ? " X" : "");
        name.resize(std::max<size_t>(name.size() + 2, 22), ' ');
        out << "  " << name << spec.help.in(lang) << "\n";
    };
    for (const auto& spec : c.options())
        print(spec);
    for (const auto& spec : globalOptions())
        print(spec);
}

} // namespace

int main(int argc, char** argv)
{
    // glibc gives memory back to the system and asks for it again around every SQLite savepoint of a large
    // unit of work: keeping up to 256 MB of freed heap made 100,000 writes in units of 10,000 4.4 times faster
    // (bench/audit_bench: 11,800/s → 52,000/s); imports in batches of 1,000 did not change (bench/import_bench).
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("seclevel");
    Context context;
    context.lang = languageFromEnvironment(argc, argv);
    context.out = &std::cout;
    context.err = &std::cerr;
    context.in = &std::cin;
    context.programDir = QCoreApplication::applicationDirPath().toStdString();

    const auto commands = allCommands();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "help" || args[0] == "-h") {
        printOverview(commands, context.lang, std::cout);
        return args.empty() ? ExitUsage : ExitOk;
    }
    if (args[0] == "--version")
        return runVersion({args.begin() + 1, args.end()}, context);
    if (args[0] == "help-export") // hidden: the build writes the man page and the completion with it
        return runHelpExport({args.begin() + 1, args.end()}, commands, context);
    // Longest match: "system add" before "system".
    const Command* chosen = nullptr;
    size_t consumed = 0;
    for (const auto& c : commands) {
        std::vector<std::string> words;
        for (size_t start = 0, end; start <= c->name().size(); start = end + 1) {
            end = c->name().find(' ', start);
            if (end == std::string::npos)
                end = c->name().size();
            words.push_back(c->name().substr(start, end - start));
        }
        if (words.size() > args.size() || words.size() <= consumed)
            continue;
        if (std::equal(words.begin(), words.end(), args.begin())) {
            chosen = c.get();
            consumed = words.size();
        }
    }
    if (!chosen) {
        std::cerr << (context.lang == Lang::En ? "error: unknown command '" : "lỗi: không có lệnh '") << args[0]
                  << "'\n\n";
        printOverview(commands, context.lang, std::cerr);
        return ExitUsage;
    }
    std::vector<std::string> rest(args.begin() + static_cast<long>(consumed), args.end());
    auto line = CommandLine::parse(rest, chosen->options());
    if (!line) {
        printErrors(line.errors(), context, ExitUsage);
        printHelp(*chosen, context.lang, std::cerr);
        return ExitUsage;
    }
    if (line->flag("help")) {
        printHelp(*chosen, context.lang, std::cout);
        return ExitOk;
    }
    try {
        return const_cast<Command*>(chosen)->run(*line, context);
    } catch (const std::exception& e) {
        // Exceptions never cross the CLI edge as a crash; this is a bug, but the user gets a sentence.
        std::cerr << (context.lang == Lang::En ? "internal error: " : "lỗi nội bộ: ") << e.what() << "\n";
        return ExitInternal;
    }
}
