#pragma once
// An information system as its owner describes it (NĐ85 Art 5.1: one owner; Art 5.2: components).
#include "core/Answers.h"

#include <string>
#include <vector>

namespace seclevel {

struct Component {
    std::string name;
    AnswerSet answers;  // overrides the system-level answers it inherits
};

struct SystemDescription {
    std::string id;            // stable identifier chosen by the owner, e.g. "BNV-QLVB"
    std::string name;
    std::string owner;         // chủ quản (one owner, NĐ85 Art 5.1.a)
    std::string operatorName;  // đơn vị vận hành
    std::string organisationId; // organisation the system belongs to (scopes access later)
    AnswerSet answers;          // system-level answers; inherited by every component
    std::vector<Component> components;
    std::string sourceFile;     // where it was read from, for messages
};

// The answers a component is judged on: the system's answers overlaid with the component's own.
AnswerSet effectiveAnswers(const SystemDescription& system, const Component& component);

} // namespace seclevel
