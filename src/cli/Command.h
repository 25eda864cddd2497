#pragma once
// The small base every `seclevel` command stands on: options are parsed the same way everywhere
// (--name value, --name=value, flags), errors are printed in the user's language, exit codes are shared.
#include "core/Error.h"
#include "core/RuleSet.h"

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

class Store;

// Documented in README.md ("Exit codes").
enum ExitCode {
    ExitOk = 0,
    ExitUsage = 1,        // wrong command line
    ExitInvalidInput = 2, // an input file (answers, dossier) is wrong
    ExitRuleSet = 3,      // a rule-set file is wrong or missing
    ExitStorage = 4,      // the database cannot be opened or written
    ExitNotFound = 5,     // no such system / rule set
    ExitRefused = 6,      // a request the law forbids (e.g. proposing a level below the derived one)
    ExitUndetermined = 7, // answers valid, but no criterion gives a level
    ExitIncomplete = 8    // dossier check: items missing or attachments altered/missing
};

struct OptionSpec {
    std::string name;     // without the leading dashes
    bool takesValue = true;
    LocalizedText help;
};

class CommandLine {
public:
    // Parses args against the command's options plus the global ones; an unknown option is an error.
    static Result<CommandLine> parse(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

    std::optional<std::string> value(const std::string& name) const;
    bool flag(const std::string& name) const { return m_values.count(name) > 0; }
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
};

struct Context {
    Lang lang = Lang::Vi;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    std::istream* in = nullptr;
    std::string programDir;  // directory of the running binary, to find shipped data
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;  // "assess", "system add"
    virtual LocalizedText summary() const = 0;
    virtual std::string usage() const = 0;  // "FILE [--ruleset ID] …"
    virtual std::vector<OptionSpec> options() const { return {}; }
    virtual int run(const CommandLine& line, Context& context) = 0;
};

std::vector<std::unique_ptr<Command>> allCommands();

// The options every command accepts.
const std::vector<OptionSpec>& globalOptions();

// ---- shared helpers for commands --------------------------------------------------------------------------
int printErrors(const Errors& errors, Context& context, int exitCode);
int usageError(const Command& command, Context& context, const std::string& vi, const std::string& en);

// Finds and loads the shipped rule sets: --rules DIR, $SECLEVEL_DATA_DIR, <bin>/../share/seclevel, the
// install prefix, then the source tree.
Result<std::vector<RuleSet>> loadShippedRuleSets(const CommandLine& line, const Context& context);
std::string dataDirectory(const CommandLine& line, const Context& context);

// --ruleset ID, else the rule set in force on --as-of DATE (default today).
Result<const RuleSet*> chooseRuleSet(const std::vector<RuleSet>& ruleSets, const CommandLine& line);
Result<Date> asOfDate(const CommandLine& line);

// --db PATH, $SECLEVEL_DB, else <user data dir>/seclevel/seclevel.db.
std::string databasePath(const CommandLine& line);
Result<std::unique_ptr<Store>> openStore(const CommandLine& line);
// --actor NAME, $SECLEVEL_ACTOR, else the login name.
std::string actorName(const CommandLine& line);

} // namespace seclevel
