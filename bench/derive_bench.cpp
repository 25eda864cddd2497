// Benchmark: load + validate every shipped rule set, then validate answers and derive levels for 100,000
// synthetic systems with 1–5 components each, on one core. Prints the figures the README reports.
//   derive_bench [SYSTEMS] [DATA_DIR]
#include "core/Assessment.h"
#include "rules/RuleSetLoader.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

using namespace seclevel;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

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
        if (picked.empty())
            picked.push_back(q.options[rng() % q.options.size()].value);
        return picked;
    }
    case AnswerType::Integer: {
        const std::int64_t lo = q.min.value_or(0), hi = q.max.value_or(1'000'000);
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    case AnswerType::Boolean: return rng() % 2 == 0;
    case AnswerType::Text: return std::string("bench");
    case AnswerType::Date: return *parseIsoDate("2026-09-01");
    }
    return {};
}

SystemDescription randomSystem(const RuleSet& rs, std::mt19937_64& rng, int index)
{
    SystemDescription s;
    s.id = "BENCH-" + std::to_string(index);
    s.name = s.id;
    for (const auto& q : rs.questions)
        s.answers.values[q.key] = randomAnswer(q, rng);
    const int components = 1 + static_cast<int>(rng() % 5);
    for (int c = 0; c < components; ++c) {
        Component component{std::string("C").append(std::to_string(c)), {}};
        // Each component overrides a few answers of the system.
        for (int k = 0; k < 3; ++k) {
            const Question& q = rs.questions[rng() % rs.questions.size()];
            component.answers.values[q.key] = randomAnswer(q, rng);
        }
        s.components.push_back(std::move(component));
    }
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    const int systems = argc > 1 ? std::stoi(argv[1]) : 100'000;
    const std::filesystem::path dir = argc > 2 ? argv[2] : SECLEVEL_SOURCE_DIR;
    const std::string questionnaires = (dir / "questionnaires").string();
    const std::string xsd = (dir / "schemas" / "ruleset.xsd").string();

    // Rule-set load: XSD validation + parse + type checks of every expression, all three rule sets.
    constexpr int loadRounds = 20;
    Result<std::vector<RuleSet>> ruleSets = loadRuleSets(questionnaires, xsd);
    if (!ruleSets) {
        for (const auto& e : ruleSets.errors())
            std::fprintf(stderr, "%s\n", e.describe(Lang::En).c_str());
        return 1;
    }
    auto loadStart = Clock::now();
    for (int i = 0; i < loadRounds; ++i)
        ruleSets = loadRuleSets(questionnaires, xsd);
    const double loadMs = secondsSince(loadStart) * 1000.0 / loadRounds;
    std::printf("rule-set load+validate (all %zu rule sets): %.2f ms per load (mean of %d)\n", ruleSets->size(), loadMs,
                loadRounds);

    // Systems are generated, validated and judged in batches, as an import of a national inventory would
    // stream them; only validation and derivation are timed.
    constexpr int batchSize = 10'000;
    for (const auto& rs : *ruleSets) {
        std::mt19937_64 rng(20261123);
        size_t componentCount = 0, valid = 0;
        double validateSeconds = 0, deriveSeconds = 0;
        long levelSum = 0;
        int histogram[6] = {0, 0, 0, 0, 0, 0};
        for (int done = 0; done < systems; done += batchSize) {
            std::vector<SystemDescription> batch;
            const int n = std::min(batchSize, systems - done);
            batch.reserve(static_cast<size_t>(n));
            for (int i = 0; i < n; ++i) {
                // Random answers can contradict the rule set (a component counting more subjects than its
                // system, a refused combination): keep drawing until the questionnaire accepts the system, so
                // that derivation is always measured on valid systems (untimed). The accepted draw is made
                // again from the same generator state, so that the batch lies in memory as if never checked.
                std::mt19937_64 state = rng;
                for (int tries = 0; tries < 1000 && !validateAnswers(rs, randomSystem(rs, rng, done + i)).ok(); ++tries)
                    state = rng;
                rng = state;
                batch.push_back(randomSystem(rs, rng, done + i));
                componentCount += batch.back().components.size();
            }
            auto validateStart = Clock::now();
            for (auto& s : batch) {
                auto checked = validateAnswers(rs, std::move(s));
                if (checked) {
                    s = std::move(*checked);
                    ++valid;
                }
            }
            validateSeconds += secondsSince(validateStart);
            auto deriveStart = Clock::now();
            for (const auto& s : batch) {
                const Assessment a = deriveLevel(rs, s);
                levelSum += a.derivedLevel;
                ++histogram[a.derivedLevel];
            }
            deriveSeconds += secondsSince(deriveStart);
        }
        std::printf("%s: %d systems, %zu components; validate %.0f systems/s (%zu valid); derive %.0f systems/s "
                    "(%.2f s); levels 0..5 = %d %d %d %d %d %d (sum %ld)\n",
                    rs.id.c_str(), systems, componentCount, systems / validateSeconds, valid, systems / deriveSeconds,
                    deriveSeconds, histogram[0], histogram[1], histogram[2], histogram[3], histogram[4], histogram[5],
                    levelSum);
    }
    std::printf("peak RSS: %.1f MB\n", peakRssKiB() / 1024.0);
    return 0;
}
