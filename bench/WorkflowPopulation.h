#pragma once
// What bench/workflow_bench and bench/rollup_bench share: a store filled with N systems and their workflow
// steps under the shipped procedures (see workflow_bench.cpp for what the population holds), the timing and
// peak-RSS helpers. A header of the benchmarks only, included by each benchmark program.
#include "app/Catalogue.h"
#include "app/WorkflowService.h"
#include "core/Assessment.h"
#include "formats/json/AnswersFile.h"
#include "storage/Store.h"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>

namespace seclevel::bench {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Stopwatch {
    double wall = 0;
    double cpu = 0;

    static double cpuNow()
    {
        timespec now{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
    }
    template <class F>
    auto time(F&& f)
    {
        const auto wallStart = Clock::now();
        const double cpuStart = cpuNow();
        struct Stop {
            Stopwatch& watch;
            Clock::time_point wallStart;
            double cpuStart;
            ~Stop()
            {
                watch.wall += std::chrono::duration<double>(Clock::now() - wallStart).count();
                watch.cpu += cpuNow() - cpuStart;
            }
        } stop{*this, wallStart, cpuStart};
        return f();
    }
    std::string seconds() const
    {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.3f s wall, %.3f s CPU", wall, cpu);
        return buffer;
    }
};

void printErrors(const Errors& errors)
{
    for (const Error& error : errors)
        std::fprintf(stderr, "%s\n", error.describe(Lang::En).c_str());
}

// The value of `result`, or null after printing its errors: the benchmarks' prologue (catalogue, store).
template <class T>
T* orReport(Result<T>& result)
{
    if (!result) {
        printErrors(result.errors());
        return nullptr;
    }
    return &*result;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

Date dayNumber(int days)
{
    return Date{std::chrono::sys_days{std::chrono::days{days}}};
}

int daysOf(Date date)
{
    return static_cast<int>(std::chrono::sys_days(date).time_since_epoch().count());
}

// The rule set in force on a date (the shipped validity periods).
const char* rulesetOn(Date date)
{
    if (date < *parseIsoDate("2022-10-01"))
        return "VN-2016";
    if (date < *parseIsoDate("2026-08-19"))
        return "VN-2022";
    return "VN-2026";
}

enum class Target { AppraisalClock, ApprovalClock, Appraised, Returned, Approved, Redetermination };

// The step ids of one system's history: `target` reached at `level`, padded to exactly `steps` with earlier
// rounds returned for revision and, where those do not fit, security regulations recorded (facts) before
// the last step. VN-2016 records no security regulation (TT12 came in 2017… its procedure has no such step):
// there the earlier rounds fill what they can, and a few histories stay one to three steps short.
std::vector<std::string> stepsTo(Target target, int level, int steps, bool recordsRegulation, std::mt19937_64& rng)
{
    std::vector<std::string> submit;
    if (level >= 4)
        submit = {"request_opinion", "give_opinion"};
    submit.push_back("submit_appraisal");
    std::vector<std::string> main = submit;
    if (target == Target::Returned) {
        main.push_back("return_for_revision");
    } else if (target != Target::AppraisalClock) {
        main.push_back("appraise_fit");
        if (target != Target::Appraised) {
            if (level == 5) {
                main.push_back("submit_pm_list");
                main.push_back("record_pm_decision");
            }
            main.push_back("submit_approval");
            if (target != Target::ApprovalClock) {
                if (recordsRegulation)
                    main.push_back("issue_security_regulation");
                main.push_back("approve");
                if (target == Target::Redetermination)
                    main.push_back("require_redetermination");
            }
        }
    }
    std::vector<std::string> out;
    std::vector<std::string> cycle = submit;
    cycle.push_back("return_for_revision");
    while (out.size() + cycle.size() + main.size() <= static_cast<size_t>(steps) &&
           (!recordsRegulation || rng() % 4 != 0))
        out.insert(out.end(), cycle.begin(), cycle.end());
    out.insert(out.end(), main.begin(), main.end() - 1);
    while (recordsRegulation && out.size() + 1 < static_cast<size_t>(steps))
        out.push_back("issue_security_regulation");
    out.push_back(main.back());
    return out;
}

// How the synthetic country is laid out: provinces, units under each, and the prefix of system ids.
struct Layout {
    int provinces = 63;
    int unitsPerProvince = 4;
    const char* idPrefix = "WF";
    const char* root = nullptr; // when set, one organisation above every province (a country, a ministry)
    // When set, each approval is recorded in the first seat its procedure gives the step (at the system's
    // organisation), and wrongSeatPercent of them as the operator: approvals by a wrong authority among right ones.
    bool approvalSeats = false;
    int wrongSeatPercent = 5;
};

int populate(const std::string& location, int count, const fs::path& dir, const Layout& layout = {})
{
    if (location.find("://") == std::string::npos)
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(location + suffix);
    auto catalogue = Catalogue::load(dir.string());
    if (!catalogue) {
        printErrors(catalogue.errors());
        return 1;
    }
    auto example = readAnswersFile((dir / "examples" / "cong-dich-vu-cong-tinh.json").string());
    if (!example) {
        printErrors(example.errors());
        return 1;
    }
    // One derived assessment per rule set; each system is given its level on a copy (derived = proposed =
    // the level drawn), so that every level and its clocks and duties occur.
    std::map<std::string, Assessment> assessments;
    std::map<std::string, SystemDescription> bases;
    for (const char* id : {"VN-2016", "VN-2022", "VN-2026"}) {
        const RuleSet* ruleSet = (*catalogue)->ruleSet(id);
        if (!ruleSet) {
            std::fprintf(stderr, "rule set %s is missing\n", id);
            return 1;
        }
        auto valid = validateAnswers(*ruleSet, *example);
        if (!valid) {
            printErrors(valid.errors());
            return 1;
        }
        bases[id] = *valid;
        assessments[id] = deriveLevel(*ruleSet, *valid);
    }
    auto opened = openStore(location);
    if (!opened) {
        printErrors(opened.errors());
        return 1;
    }
    Store& store = **opened;
    std::printf("%s: populating %d systems with 10 steps each\n", store.describe().c_str(), count);
    const Actor actor{"bench", "", Role::Operator, std::chrono::system_clock::now()};

    // layout.provinces provinces with layout.unitsPerProvince units each, systems spread over the units.
    std::vector<std::string> units;
    Stopwatch orgs;
    auto madeOrgs = orgs.time([&] {
        return store.transact([&]() -> Result<bool> {
            const std::string root = layout.root ? layout.root : "";
            if (!root.empty())
                if (auto r = store.upsertOrganisation({root, "Cơ quan gốc " + root, "", ""}, actor); !r)
                    return r.errors();
            for (int p = 0; p < layout.provinces; ++p) {
                char id[16];
                std::snprintf(id, sizeof id, "P%02d", p);
                if (auto r = store.upsertOrganisation({id, std::string("UBND tỉnh ") + id, root, ""}, actor); !r)
                    return r.errors();
                for (int u = 0; u < layout.unitsPerProvince; ++u) {
                    const std::string unit = std::string(id) + "-U" + std::to_string(u);
                    if (auto r = store.upsertOrganisation({unit, "Sở " + unit, id, ""}, actor); !r)
                        return r.errors();
                    units.push_back(unit);
                }
            }
            return true;
        });
    });
    if (!madeOrgs) {
        printErrors(madeOrgs.errors());
        return 1;
    }

    const Date asOf = *parseIsoDate("2026-11-28");
    std::mt19937_64 rng(20261128);
    Stopwatch fill;
    std::map<std::string, int> states;
    long stepCount = 0, dutyCount = 0;
    constexpr int batch = 1000;
    for (int from = 0; from < count; from += batch) {
        auto done = fill.time([&] {
            return store.transact([&]() -> Result<bool> {
                for (int i = from; i < std::min(count, from + batch); ++i) {
                    const int pick = static_cast<int>(rng() % 100);
                    const int level = pick < 15 ? 1 : pick < 45 ? 2 : pick < 80 ? 3 : pick < 95 ? 4 : 5;
                    const int t = static_cast<int>(rng() % 100);
                    const Target target = t < 40   ? Target::Approved
                                          : t < 60 ? Target::AppraisalClock
                                          : t < 72 ? Target::ApprovalClock
                                          : t < 82 ? Target::Appraised
                                          : t < 92 ? Target::Returned
                                                   : Target::Redetermination;
                    // The last step: approvals spread over 2017–2026, running clocks over the last 60 days
                    // (so that many are overdue), the rest over the last two years.
                    int last = daysOf(asOf);
                    if (target == Target::Approved || target == Target::Redetermination)
                        last -= 30 + static_cast<int>(rng() % 3550);
                    else if (target == Target::AppraisalClock || target == Target::ApprovalClock)
                        last -= static_cast<int>(rng() % 60);
                    else
                        last -= static_cast<int>(rng() % 730);
                    // The rule set in force when the history began (about 10 × 5 days before the last step).
                    const std::string rulesetId = rulesetOn(dayNumber(last - 50));
                    auto procedure = (*catalogue)->procedure(rulesetId);
                    if (!procedure)
                        return procedure.errors();
                    const bool recordsRegulation = (*procedure)->step("issue_security_regulation") != nullptr;
                    const std::vector<std::string> ids = stepsTo(target, level, 10, recordsRegulation, rng);
                    std::vector<int> days(ids.size());
                    days.back() = last;
                    for (size_t k = ids.size() - 1; k-- > 0;)
                        days[k] = days[k + 1] - 1 - static_cast<int>(rng() % 9);

                    SystemDescription system = bases[rulesetId];
                    char id[32];
                    std::snprintf(id, sizeof id, "%s-%06d", layout.idPrefix, i);
                    system.id = id;
                    system.name = "Hệ thống " + std::to_string(i);
                    system.organisationId = units[rng() % units.size()];
                    Assessment assessment = assessments[rulesetId];
                    assessment.derivedLevel = assessment.proposedLevel = level;
                    if (auto saved = store.saveSystem(system, true, assessment, actor); !saved)
                        return saved.errors();

                    std::string state = (*procedure)->initialState;
                    for (size_t k = 0; k < ids.size(); ++k) {
                        const ProcedureStep* step = (*procedure)->step(ids[k], level);
                        if (!step)
                            return makeError(ErrorKind::Internal, "", 0, "step", "không có bước " + ids[k],
                                             "no step " + ids[k] + " in " + rulesetId);
                        WorkflowStepRecord record;
                        record.systemId = system.id;
                        record.seq = static_cast<int>(k) + 1;
                        record.step = step->id;
                        record.fromState = state;
                        record.toState = step->to.empty() ? state : step->to;
                        record.rulesetId = rulesetId;
                        record.rulesetVersion = (*procedure)->version;
                        record.level = level;
                        record.date = dayNumber(days[k]);
                        if (step->records == "security-regulation" || step->setsApprovedLevel ||
                            step->records == "appraisal-opinion") {
                            record.documentNumber = std::to_string(k + 1) + "/QĐ";
                            record.documentDate = record.date;
                            record.note = "Văn bản " + std::to_string(k + 1);
                        }
                        record.approvedLevel = step->setsApprovedLevel ? level : 0;
                        record.actor = RecordedActor{"bench", system.organisationId, "operator"};
                        record.at = actor.at;
                        // The store records the actor that writes the step: an approval is written by its seat.
                        Actor by = actor;
                        if (layout.approvalSeats && step->setsApprovedLevel && !step->actors.empty()) {
                            by.organisationId = system.organisationId;
                            if (static_cast<int>(rng() % 100) >= layout.wrongSeatPercent)
                                by.role = step->actors.front().role;
                        }
                        if (auto appended = store.appendWorkflowStep(record, {}, by); !appended)
                            return appended.errors();
                        state = record.toState;
                        ++stepCount;
                    }
                    ++states[state];
                    // A third of the approved systems have recorded some duties (1–3 fulfilments).
                    if (target == Target::Approved && rng() % 3 == 0) {
                        const auto& duties = (*procedure)->duties;
                        const int n = 1 + static_cast<int>(rng() % 3);
                        for (int d = 0; d < n && !duties.empty(); ++d) {
                            DutyRecord record;
                            record.systemId = system.id;
                            record.dutyId = duties[rng() % duties.size()].id;
                            record.fulfilledOn =
                                dayNumber(std::min(daysOf(asOf), last + 30 + static_cast<int>(rng() % 400)));
                            record.documentNumber = std::to_string(d + 1) + "/BC";
                            record.actor = RecordedActor{"bench", system.organisationId, "owner"};
                            record.at = actor.at;
                            if (auto recorded = store.recordDuty(record, {}, actor); !recorded)
                                return recorded.errors();
                            ++dutyCount;
                        }
                    }
                }
                return true;
            });
        });
        if (!done) {
            printErrors(done.errors());
            return 1;
        }
    }
    std::printf("populate: %d systems, %ld steps, %ld duty records in %s (%.0f steps/s wall)\n", count, stepCount,
                dutyCount, fill.seconds().c_str(), stepCount / fill.wall);
    for (const auto& [state, n] : states)
        std::printf("  %-26s %d\n", state.c_str(), n);
    std::printf("peak RSS: %.1f MB\n", peakRssMb());
    return 0;
}

} // namespace seclevel::bench
