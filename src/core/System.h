#pragma once
// An information system as its owner describes it (NĐ85 Art 5.1: one owner; Art 5.2: components).
#include "core/Answers.h"

#include <cstddef>
#include <string>
#include <vector>

namespace seclevel {

// The most components (NĐ85 Art 5.2) one system may list. Real systems list a handful to a few dozen
// (portal, application, database, network, …); the largest national platforms stay well under a hundred.
// 500 leaves ample room while bounding the work a single input can cause: every component is judged
// against every criterion, printed, stored with its answer history and written into the dossier, and an
// answers file of 100,000 empty components once cost 10.7 s and 2.4 GB in `assess` (23 s and 5.5 GB in
// `system add`). Readers check this before any other work on the components.
inline constexpr std::size_t maxComponentsPerSystem = 500;

struct Component {
    std::string name;
    AnswerSet answers; // overrides the system-level answers it inherits
};

struct SystemDescription {
    std::string id; // stable identifier chosen by the owner, e.g. "BNV-QLVB"
    std::string name;
    std::string owner;          // chủ quản (one owner, NĐ85 Art 5.1.a)
    std::string operatorName;   // đơn vị vận hành
    std::string organisationId; // organisation the system belongs to (scopes access later)
    AnswerSet answers;          // system-level answers; inherited by every component
    std::vector<Component> components;
    std::string sourceFile; // where it was read from, for messages
};

// The answers a component is judged on: the system's answers overlaid with the component's own.
AnswerSet effectiveAnswers(const SystemDescription& system, const Component& component);

} // namespace seclevel
