#pragma once
// The small base every `seclevel` command stands on: options are parsed the same way everywhere
// (--name value, --name=value, flags), errors are printed in the user's language, exit codes are shared.
#include "app/Judging.h"
#include "core/Actor.h"
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
    ExitIncomplete = 8,   // dossier check: items missing or attachments altered/missing
    ExitConflict = 9,     // it already exists (e.g. system add of a stored id)
    ExitInternal = 70     // a bug (EX_SOFTWARE): the message says what failed
};

// The one mapping of error kinds to exit codes (the server maps the same kinds to HTTP statuses).
int exitCodeFor(ErrorKind kind);

struct OptionSpec {
    std::string name; // without the leading dashes
    bool takesValue = true;
    LocalizedText help;
};

class CommandLine {
public:
    // Parses args against the command's options plus the global ones; an unknown option is an error.
    static Result<CommandLine> parse(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

    std::optional<std::string> value(const std::string& name) const;
    // Every value of a repeatable option, in the order given (value() is the last one).
    std::vector<std::string> values(const std::string& name) const;
    bool flag(const std::string& name) const { return m_values.count(name) > 0; }
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::vector<std::string>> m_repeated;
    std::vector<std::string> m_positional;
};

struct Context {
    Lang lang = Lang::Vi;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    std::istream* in = nullptr;
    std::string programDir; // directory of the running binary, to find shipped data
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0; // "assess", "system add"
    virtual LocalizedText summary() const = 0;
    virtual std::string usage() const = 0; // "FILE [--ruleset ID] …"
    virtual std::vector<OptionSpec> options() const { return {}; }
    virtual int run(const CommandLine& line, Context& context) = 0;
};

std::vector<std::unique_ptr<Command>> allCommands();

// The options every command accepts.
const std::vector<OptionSpec>& globalOptions();

// ---- shared helpers for commands --------------------------------------------------------------------------
// Prints the errors in the user's language; returns the exit code of their kind (or `exitCode`).
int printErrors(const Errors& errors, Context& context);
int printErrors(const Errors& errors, Context& context, int exitCode);
// Notices go to standard error as warnings, so standard output stays the result.
void printNotices(const std::vector<Notice>& notices, Context& context);
int usageError(const Command& command, Context& context, const std::string& vi, const std::string& en);

// The whole of the text must be a decimal integer ("4x", "", " 4" are not).
std::optional<int> parseInteger(std::string_view text);

// The shipped rule sets, templates and schemas (--rules DIR, $SECLEVEL_DATA_DIR, <bin>/../share/seclevel,
// the install prefix, then the source tree), loaded once for the run.
Result<std::shared_ptr<const Catalogue>> loadCatalogue(const CommandLine& line, const Context& context);
std::string dataDirectory(const CommandLine& line, const Context& context);

// --ruleset and --as-of, the options that choose the rule set.
std::vector<OptionSpec> ruleSetOptions();
// The options that go with judging (--ruleset, --as-of, --propose, --justification).
std::vector<OptionSpec> judgingOptions();

// What a command that judges an answers file reads first: the catalogue, the rule-set choice, the proposal
// and the answers file itself. On failure prints why and returns nullopt with the exit code in `exitCode`.
struct JudgingInput {
    std::shared_ptr<const Catalogue> catalogue;
    RuleSetChoice choice;
    Proposal proposal;
    SystemDescription system;
};
std::optional<JudgingInput> readJudgingInput(const std::string& answersFile, const CommandLine& line, Context& context,
                                             int& exitCode);
// --ruleset ID and --as-of DATE as a choice (ErrorKind::Usage for a malformed date).
Result<RuleSetChoice> ruleSetChoice(const CommandLine& line);
Result<std::optional<Date>> asOfDate(const CommandLine& line);
// The rule set --ruleset / --as-of (default today) choose; prints the notices about the choice.
Result<const RuleSet*> chooseRuleSet(const Catalogue& catalogue, const CommandLine& line, Context& context);
// --propose N [--justification TEXT] (ErrorKind::Usage when N is not a number 1–5).
Result<Proposal> proposalFrom(const CommandLine& line);

// --db LOCATION, $SECLEVEL_DB, else <user data dir>/seclevel/seclevel.db. A path or a postgresql:// URL.
std::string databaseLocation(const CommandLine& line);
Result<std::unique_ptr<Store>> openStore(const CommandLine& line);
// The options of every command that changes the store: --as USER (the older --actor still works), --as-role
// ROLE and --as-org ORG when the user holds several roles.
std::vector<OptionSpec> actingOptions();
// --db and the acting options: what every command that changes the store takes.
std::vector<OptionSpec> writeOptions();
// The acting user's id: --as, --actor, $SECLEVEL_USER, $SECLEVEL_ACTOR, the login name ($USER, $LOGNAME).
std::string actingUserId(const CommandLine& line);
// The actor of a change, now: the user resolved against the store's users (app/UserService).
Result<Actor> currentActor(const CommandLine& line, Store& store);

// What a command that acts as a user needs: the rule sets (--rules), the store (--db) and the actor (--as).
struct ActingSession {
    std::shared_ptr<const Catalogue> catalogue;
    std::unique_ptr<Store> store;
    Actor actor;
};
Result<ActingSession> openActingSession(const CommandLine& line, const Context& context);

} // namespace seclevel
