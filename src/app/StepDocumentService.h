#pragma once
// The document a recorded step of the appraisal and approval procedure issued (NĐ331 forms 03, 04, 06, 07 and
// their NĐ85 counterparts), gathered from the store: the system, the step record with who signed it for which
// organisation, the earlier steps its template cites (the request letter, the appraisal opinion, the Prime
// Minister's decision, the security regulation), the dossier's files. The front end renders it
// (formats/html/WorkflowDocumentHtml); nothing here prints.
#include "app/Catalogue.h"
#include "core/StepDocument.h"
#include "storage/Store.h"

#include <string>

namespace seclevel {

struct StepDocumentView {
    const DocumentSet* documents = nullptr;
    const DocumentTemplate* document = nullptr;
    const RuleSet* ruleSet = nullptr; // of the procedure that judged the step
    StepDocumentInput input;
};

class StepDocumentService {
public:
    StepDocumentService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    // `seq` is the step's number in `workflow show`. ErrorKind::NotFound for an unknown system or step, and for
    // a step that issues no document seclevel writes (the message names the form when the dossier export
    // prints it instead).
    Result<StepDocumentView> document(const std::string& systemId, int seq);

private:
    const Catalogue& m_catalogue;
    Store& m_store;
};

} // namespace seclevel
