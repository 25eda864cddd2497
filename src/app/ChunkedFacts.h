#pragma once
// The stored facts of many systems read a chunk at a time as a caller walks them in order: their workflow steps
// and their dossiers, in a few queries per chunk (Store::workflowStepsOf, ::dossiersOf) rather than a few per
// system — on PostgreSQL each of those is a round trip (bench/findings_bench: 100,000 systems). Only the current
// chunk is held. Used by the findings run (FindingService) and the annual report rows (ReportService).
#include "core/Error.h"
#include "storage/Store.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace seclevel {

class ChunkedFacts {
public:
    static constexpr size_t kChunk = 1000;
    // Whose steps are read: every system's, or only those with an approved level (the others' are not asked for).
    enum class Steps { OfAll, OfApproved };

    ChunkedFacts(Store& store, const std::vector<StoredSystem>& systems, Steps steps)
        : m_store(store),
          m_systems(systems),
          m_stepsOf(steps)
    {}

    // Reads the chunk that starts at `system` (an element of `systems`) when the walk gets past the last one.
    Result<bool> reach(const StoredSystem& system)
    {
        const size_t at = static_cast<size_t>(&system - m_systems.data());
        if (at >= m_begin && at < m_end)
            return true;
        m_begin = at;
        m_end = std::min(m_systems.size(), at + kChunk);
        m_steps.clear();
        m_dossiers.clear();
        std::vector<std::string> all, withSteps;
        for (size_t i = m_begin; i < m_end; ++i) {
            all.push_back(m_systems[i].description.id);
            if (m_stepsOf == Steps::OfAll || m_systems[i].approvedLevel > 0)
                withSteps.push_back(m_systems[i].description.id);
        }
        auto steps = m_store.workflowStepsOf(withSteps);
        if (!steps)
            return steps.errors();
        for (WorkflowStepRecord& r : *steps)
            m_steps[r.systemId].push_back(std::move(r));
        auto dossiers = m_store.dossiersOf(all);
        if (!dossiers)
            return dossiers.errors();
        for (Dossier& d : *dossiers)
            m_dossiers[d.systemId] = std::move(d);
        return true;
    }
    // The steps of a system of the chunk reached, oldest first (none when not read).
    const std::vector<WorkflowStepRecord>& steps(const std::string& systemId) const
    {
        auto found = m_steps.find(systemId);
        return found == m_steps.end() ? m_noSteps : found->second;
    }
    // The dossier as stored of a system of the chunk reached (Store::dossiersOf gives one for every id).
    const Dossier& dossier(const std::string& systemId) const
    {
        auto found = m_dossiers.find(systemId);
        return found == m_dossiers.end() ? m_noDossier : found->second;
    }

private:
    Store& m_store;
    const std::vector<StoredSystem>& m_systems;
    Steps m_stepsOf;
    size_t m_begin = 0;
    size_t m_end = 0;
    std::unordered_map<std::string, std::vector<WorkflowStepRecord>> m_steps;
    std::unordered_map<std::string, Dossier> m_dossiers;
    const std::vector<WorkflowStepRecord> m_noSteps;
    const Dossier m_noDossier;
};

} // namespace seclevel
