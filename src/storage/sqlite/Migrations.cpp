#include "storage/sqlite/Migrations.h"

#include "storage/sqlite/Statement.h"

namespace seclevel::sqlite {

namespace {

// Version 1: organisations, systems with their components and answers, the answer history and assessments.
//
// Design notes:
// - STRICT tables: a column holds only its declared type, as PostgreSQL will (multi-agency deployment).
// - Levels are 0..5: 0 = not yet assessed, 1..5 = cấp độ 1..5 (NĐ85/2016 Art 7; NĐ331/2025).
// - Timestamps are UTC ISO 8601 text "YYYY-MM-DDTHH:MM:SSZ", so they sort as they compare.
// - The current state (systems, components, answers) may be replaced; the record (answer_history,
//   assessments) is append-only, enforced by triggers, as the audit chain will build on it.
// - answers.component is '' for a system-level answer, else the name of a component of the same system;
//   a foreign key cannot express that, so triggers do.
constexpr const char* schemaVersion1 = R"sql(
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    name        TEXT NOT NULL CHECK (name <> ''),
    parent_id   TEXT REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    created_by  TEXT NOT NULL CHECK (created_by <> ''),
    created_at  TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    updated_by  TEXT NOT NULL CHECK (updated_by <> ''),
    updated_at  TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX organisations_by_parent ON organisations (parent_id);

CREATE TABLE systems (
    id              TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    name            TEXT NOT NULL CHECK (name <> ''),
    owner           TEXT NOT NULL DEFAULT '',
    operator        TEXT NOT NULL DEFAULT '',
    organisation_id TEXT REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    ruleset_id      TEXT NOT NULL DEFAULT '',
    derived_level   INTEGER NOT NULL DEFAULT 0 CHECK (derived_level BETWEEN 0 AND 5),
    proposed_level  INTEGER NOT NULL DEFAULT 0 CHECK (proposed_level BETWEEN 0 AND 5),
    justification   TEXT NOT NULL DEFAULT '',
    approved_level  INTEGER NOT NULL DEFAULT 0 CHECK (approved_level BETWEEN 0 AND 5),
    created_by      TEXT NOT NULL CHECK (created_by <> ''),
    created_at      TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    updated_by      TEXT NOT NULL CHECK (updated_by <> ''),
    updated_at      TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;
CREATE INDEX systems_by_organisation ON systems (organisation_id);

-- Components (hợp phần, NĐ85 Art 5.2) in the owner's order.
CREATE TABLE components (
    system_id TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    name      TEXT NOT NULL CHECK (name <> ''),
    PRIMARY KEY (system_id, position),
    UNIQUE (system_id, name)
) STRICT;

CREATE TABLE answers (
    system_id  TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    component  TEXT NOT NULL DEFAULT '',
    key        TEXT NOT NULL CHECK (key <> ''),
    value_type TEXT NOT NULL CHECK (value_type IN ('bool', 'int', 'string', 'list', 'date')),
    value_text TEXT NOT NULL,
    PRIMARY KEY (system_id, component, key),
    CHECK (value_type <> 'bool' OR value_text IN ('true', 'false')),
    CHECK (value_type <> 'int' OR ((value_text GLOB '[0-9]*' OR value_text GLOB '-[1-9]*')
                                   AND value_text NOT GLOB '?*[^0-9]*')),
    CHECK (value_type <> 'date' OR value_text GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK (value_type <> 'list' OR CASE WHEN json_valid(value_text) THEN json_type(value_text) = 'array' ELSE 0 END)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER answers_component_exists_on_insert BEFORE INSERT ON answers
WHEN NEW.component <> ''
 AND NOT EXISTS (SELECT 1 FROM components WHERE system_id = NEW.system_id AND name = NEW.component)
BEGIN
    SELECT RAISE(ABORT, 'answers.component must be empty or name a component of the same system');
END;
CREATE TRIGGER answers_component_exists_on_update BEFORE UPDATE OF system_id, component ON answers
WHEN NEW.component <> ''
 AND NOT EXISTS (SELECT 1 FROM components WHERE system_id = NEW.system_id AND name = NEW.component)
BEGIN
    SELECT RAISE(ABORT, 'answers.component must be empty or name a component of the same system');
END;
CREATE TRIGGER components_rename_answers AFTER UPDATE OF system_id, name ON components
BEGIN
    UPDATE answers SET system_id = NEW.system_id, component = NEW.name
     WHERE system_id = OLD.system_id AND component = OLD.name;
END;
CREATE TRIGGER components_delete_answers AFTER DELETE ON components
BEGIN
    DELETE FROM answers WHERE system_id = OLD.system_id AND component = OLD.name;
END;

-- Every change of an answer: values as canonical JSON text, '' = no answer.
CREATE TABLE answer_history (
    id         INTEGER PRIMARY KEY,
    system_id  TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    component  TEXT NOT NULL DEFAULT '',
    key        TEXT NOT NULL CHECK (key <> ''),
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL CHECK (actor <> ''),
    at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    CHECK (old_value <> new_value)
) STRICT;
CREATE INDEX answer_history_by_system ON answer_history (system_id, at, id);
CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
BEGIN
    SELECT RAISE(ABORT, 'answer_history is append-only');
END;
CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history
BEGIN
    SELECT RAISE(ABORT, 'answer_history is append-only');
END;

-- Every assessment as it was made: the trace is the JSON document the caller rendered, so a later change
-- of the rule set never rewrites what an assessment said.
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    system_id       TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    ruleset_id      TEXT NOT NULL CHECK (ruleset_id <> ''),
    ruleset_version TEXT NOT NULL DEFAULT '',
    derived_level   INTEGER NOT NULL CHECK (derived_level BETWEEN 0 AND 5),
    proposed_level  INTEGER NOT NULL CHECK (proposed_level BETWEEN 0 AND 5),
    justification   TEXT NOT NULL DEFAULT '',
    trace_json      TEXT NOT NULL CHECK (json_valid(trace_json)),
    actor           TEXT NOT NULL CHECK (actor <> ''),
    at              TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    CHECK (proposed_level >= derived_level)
) STRICT;
CREATE INDEX assessments_by_system ON assessments (system_id, at, id);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN
    SELECT RAISE(ABORT, 'assessments is append-only');
END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN
    SELECT RAISE(ABORT, 'assessments is append-only');
END;
)sql";

// Version 2: the level-proposal dossier (hồ sơ đề xuất cấp độ, NĐ85 Art 15; NĐ331 Art 21–22).
// - dossier_fields / dossier_requirements / dossier_attachments are the current state and are replaced
//   whole by every save; dossier_history is the append-only record of what changed, who and when.
// - Attachment content lives once per digest in attachment_contents (a referenced file has no row there).
constexpr const char* schemaVersion2 = R"sql(
CREATE TABLE dossier_fields (
    system_id TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    key       TEXT NOT NULL CHECK (key <> ''),
    value     TEXT NOT NULL,
    PRIMARY KEY (system_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE dossier_requirements (
    system_id  TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    group_id   TEXT NOT NULL CHECK (group_id <> ''),
    item       INTEGER NOT NULL CHECK (item >= 1),
    status     TEXT NOT NULL CHECK (status IN ('met', 'partly_met', 'planned', 'not_applicable')),
    how        TEXT NOT NULL DEFAULT '',
    planned_by TEXT CHECK (planned_by IS NULL OR planned_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (system_id, group_id, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE dossier_attachments (
    system_id  TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    kind       TEXT NOT NULL CHECK (kind <> ''),
    name       TEXT NOT NULL CHECK (name <> ''),
    media_type TEXT NOT NULL DEFAULT '',
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    reference  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (system_id, position),
    UNIQUE (system_id, kind, name)
) STRICT;

CREATE TABLE attachment_contents (
    sha256  TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    content BLOB NOT NULL
) STRICT;

CREATE TABLE dossier_history (
    id        INTEGER PRIMARY KEY,
    system_id TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    key       TEXT NOT NULL CHECK (key <> ''),
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    actor     TEXT NOT NULL CHECK (actor <> ''),
    at        TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    CHECK (old_value <> new_value)
) STRICT;
CREATE INDEX dossier_history_by_system ON dossier_history (system_id, at, id);
CREATE TRIGGER dossier_history_no_update BEFORE UPDATE ON dossier_history
BEGIN
    SELECT RAISE(ABORT, 'dossier_history is append-only');
END;
CREATE TRIGGER dossier_history_no_delete BEFORE DELETE ON dossier_history
BEGIN
    SELECT RAISE(ABORT, 'dossier_history is append-only');
END;
)sql";

// Version 3: who acted (user id, organisation, role) everywhere an actor is recorded, and assessments kept
// whole in the canonical encoding (codec/StoredEncoding.h) with their rule-set id and version.
// - Existing rows keep their user id; their organisation is '' and their role 'operator' (the only role
//   there was).
// - assessments is rebuilt: its append-only triggers forbid the UPDATE an added column would need. Each row
//   holds the canonical encoding with the criterion and warning texts left out; the texts are kept once in
//   assessment_texts (see SqliteStore.cpp, AssessmentRow). Rows of
//   versions 1–2 get an assessment holding their levels, rule set and justification without components
//   (their trace was the caller's rendering, not the canonical encoding); that rendering is kept in
//   legacy_trace.
// - systems.ruleset_version: the version of the rule set that made the latest assessment.
constexpr const char* schemaVersion3 = R"sql(
ALTER TABLE organisations ADD COLUMN created_by_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN created_by_role TEXT NOT NULL DEFAULT 'operator'
    CHECK (created_by_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator'));
ALTER TABLE organisations ADD COLUMN updated_by_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN updated_by_role TEXT NOT NULL DEFAULT 'operator'
    CHECK (updated_by_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator'));

ALTER TABLE systems ADD COLUMN ruleset_version TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN created_by_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN created_by_role TEXT NOT NULL DEFAULT 'operator'
    CHECK (created_by_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator'));
ALTER TABLE systems ADD COLUMN updated_by_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN updated_by_role TEXT NOT NULL DEFAULT 'operator'
    CHECK (updated_by_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator'));

ALTER TABLE answer_history ADD COLUMN actor_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN actor_role TEXT NOT NULL DEFAULT 'operator'
    CHECK (actor_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator'));
ALTER TABLE dossier_history ADD COLUMN actor_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_history ADD COLUMN actor_role TEXT NOT NULL DEFAULT 'operator'
    CHECK (actor_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator'));

DROP TRIGGER assessments_no_update;
DROP TRIGGER assessments_no_delete;
DROP INDEX assessments_by_system;
ALTER TABLE assessments RENAME TO assessments_v2;
CREATE TABLE assessments (
    id                 INTEGER PRIMARY KEY,
    system_id          TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    ruleset_id         TEXT NOT NULL CHECK (ruleset_id <> ''),
    ruleset_version    TEXT NOT NULL DEFAULT '',
    derived_level      INTEGER NOT NULL CHECK (derived_level BETWEEN 0 AND 5),
    proposed_level     INTEGER NOT NULL CHECK (proposed_level BETWEEN 0 AND 5),
    assessment         TEXT NOT NULL CHECK (json_valid(assessment)),
    legacy_trace       TEXT,
    actor              TEXT NOT NULL CHECK (actor <> ''),
    actor_organisation TEXT NOT NULL DEFAULT '',
    actor_role         TEXT NOT NULL DEFAULT 'operator'
        CHECK (actor_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator')),
    at                 TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    texts              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(texts) AND json_type(texts) = 'array'),
    CHECK (proposed_level >= derived_level)
) STRICT;
INSERT INTO assessments (id, system_id, ruleset_id, ruleset_version, derived_level, proposed_level, assessment,
                         legacy_trace, actor, at)
SELECT id, system_id, ruleset_id, ruleset_version, derived_level, proposed_level,
       json_object('format', 1, 'ruleset_id', ruleset_id, 'ruleset_version', ruleset_version,
                   'derived_level', derived_level, 'proposed_level', proposed_level, 'justification', justification,
                   'components', json('[]'), 'warnings', json('[]')),
       trace_json, actor, at
  FROM assessments_v2;
DROP TABLE assessments_v2;
CREATE INDEX assessments_by_system ON assessments (system_id, at, id);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN
    SELECT RAISE(ABORT, 'assessments is append-only');
END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN
    SELECT RAISE(ABORT, 'assessments is append-only');
END;

UPDATE systems SET ruleset_version = coalesce(
    (SELECT a.ruleset_version FROM assessments a WHERE a.system_id = systems.id ORDER BY a.at DESC, a.id DESC LIMIT 1),
    '');

-- The criterion and warning texts of assessments, once each, by the SHA-256 of their content; append-only
-- like the assessments that refer to them.
CREATE TABLE assessment_texts (
    digest TEXT PRIMARY KEY NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    vi     TEXT NOT NULL,
    en     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TRIGGER assessment_texts_no_update BEFORE UPDATE ON assessment_texts
BEGIN
    SELECT RAISE(ABORT, 'assessment_texts is append-only');
END;
CREATE TRIGGER assessment_texts_no_delete BEFORE DELETE ON assessment_texts
BEGIN
    SELECT RAISE(ABORT, 'assessment_texts is append-only');
END;

-- Attachment contents no attachment refers to are removed on every dossier save: find the referrers fast.
CREATE INDEX dossier_attachments_by_sha256 ON dossier_attachments (sha256);
)sql";

// Version 4: a reference that came in an imported dossier names a file of the sending installation; it is
// marked so that `dossier check` never opens it as a path on this machine.
constexpr const char* schemaVersion4 = R"sql(
ALTER TABLE dossier_attachments ADD COLUMN imported_reference INTEGER NOT NULL DEFAULT 0
    CHECK (imported_reference IN (0, 1));
)sql";

// Version 5: the working-day calendar announcements an administrator recorded (seclevel calendar announce), one
// <year> element of schemas/calendar.xsd each, append-only; the latest of a year overrides the shipped year.
constexpr const char* schemaVersion5 = R"sql(
CREATE TABLE calendar_announcements (
    id                 INTEGER PRIMARY KEY,
    year               INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    xml                TEXT NOT NULL CHECK (xml <> ''),
    actor              TEXT NOT NULL CHECK (actor <> ''),
    actor_organisation TEXT NOT NULL DEFAULT '',
    actor_role         TEXT NOT NULL
        CHECK (actor_role IN ('operator', 'security_unit', 'owner', 'appraising_body', 'inspector', 'administrator')),
    at                 TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;
CREATE INDEX calendar_announcements_by_year ON calendar_announcements (year, id);
CREATE TRIGGER calendar_announcements_no_update BEFORE UPDATE ON calendar_announcements
BEGIN
    SELECT RAISE(ABORT, 'calendar_announcements is append-only');
END;
CREATE TRIGGER calendar_announcements_no_delete BEFORE DELETE ON calendar_announcements
BEGIN
    SELECT RAISE(ABORT, 'calendar_announcements is append-only');
END;
)sql";

// Version 6: users and their roles, the appraisal and approval procedure (state on the system, steps
// append-only), duties' fulfilment records, and the authority code of national bodies.
constexpr const char* schemaVersion6 = R"sql(
ALTER TABLE organisations ADD COLUMN authority_code TEXT NOT NULL DEFAULT '';
CREATE TABLE users (
    id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    name        TEXT NOT NULL CHECK (name <> ''),
    memberships TEXT NOT NULL,
    created_by  TEXT NOT NULL, created_by_organisation TEXT NOT NULL DEFAULT '', created_by_role TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL, updated_by_organisation TEXT NOT NULL DEFAULT '', updated_by_role TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
) STRICT;
ALTER TABLE systems ADD COLUMN approved_on TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN approved_ruleset TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN workflow_state TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN state_step TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN state_date TEXT NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN state_level INTEGER NOT NULL DEFAULT 0 CHECK (state_level BETWEEN 0 AND 5);
ALTER TABLE systems ADD COLUMN workflow_seq INTEGER NOT NULL DEFAULT 0 CHECK (workflow_seq >= 0);
CREATE INDEX systems_by_workflow_state ON systems (workflow_state);
CREATE TABLE workflow_steps (
    system_id      TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    seq            INTEGER NOT NULL CHECK (seq > 0),
    step           TEXT NOT NULL CHECK (step <> ''),
    to_state       TEXT NOT NULL CHECK (to_state <> ''),
    effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    details        TEXT NOT NULL,
    user_id        TEXT NOT NULL CHECK (user_id <> ''),
    organisation   TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL,
    PRIMARY KEY (system_id, seq)
) STRICT;
CREATE TRIGGER workflow_steps_no_update BEFORE UPDATE ON workflow_steps
BEGIN SELECT RAISE(ABORT, 'workflow_steps is append-only'); END;
CREATE TRIGGER workflow_steps_no_delete BEFORE DELETE ON workflow_steps
BEGIN SELECT RAISE(ABORT, 'workflow_steps is append-only'); END;
CREATE TABLE duty_records (
    id           INTEGER PRIMARY KEY,
    system_id    TEXT NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    duty_id      TEXT NOT NULL CHECK (duty_id <> ''),
    fulfilled_on TEXT NOT NULL CHECK (fulfilled_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    details      TEXT NOT NULL,
    user_id      TEXT NOT NULL CHECK (user_id <> ''),
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX duty_records_by_system ON duty_records (system_id, duty_id, fulfilled_on);
CREATE TRIGGER duty_records_no_update BEFORE UPDATE ON duty_records
BEGIN SELECT RAISE(ABORT, 'duty_records is append-only'); END;
CREATE TRIGGER duty_records_no_delete BEFORE DELETE ON duty_records
BEGIN SELECT RAISE(ABORT, 'duty_records is append-only'); END;
CREATE TABLE record_contents (
    sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    bytes  BLOB NOT NULL
) STRICT;
)sql";

// Version 7: the audit trail (storage/AuditChain.h). Append-only by trigger like the history tables; the hash
// chain is what makes tampering visible even when these triggers are dropped. Only the primary key is
// indexed: appends stay sequential however long the chain (a random-keyed index such as one on hash would make
// every append touch a random page), and verification reads in seq order.
constexpr const char* schemaVersion7 = R"sql(
CREATE TABLE audit_log (
    seq                INTEGER PRIMARY KEY CHECK (seq > 0),
    at                 TEXT NOT NULL,
    actor              TEXT NOT NULL,
    actor_organisation TEXT NOT NULL,
    actor_role         TEXT NOT NULL,
    action             TEXT NOT NULL,
    subject_kind       TEXT NOT NULL,
    subject_id         TEXT NOT NULL,
    details            TEXT NOT NULL,
    prev_hash          TEXT NOT NULL,
    hash               TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
)sql";

// Version 8: inspections (decision, inspecting body, scope, team) and their findings with the remediation status. The scope's systems and the team are kept in
// `details` (storage/InspectionRecords.h); the organisations it names are references.
constexpr const char* schemaVersion8 = R"sql(
CREATE TABLE inspections (
    id                 TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    decision_number    TEXT NOT NULL CHECK (decision_number <> ''),
    decision_date      TEXT NOT NULL CHECK (decision_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    inspecting_body    TEXT NOT NULL REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    scope_organisation TEXT NOT NULL REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    period_from        TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    period_to          TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    details            TEXT NOT NULL,
    created_by TEXT NOT NULL, created_by_organisation TEXT NOT NULL DEFAULT '', created_by_role TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL, updated_by_organisation TEXT NOT NULL DEFAULT '', updated_by_role TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    CHECK (period_from <= period_to)
) STRICT;
CREATE TABLE findings (
    inspection_id TEXT NOT NULL REFERENCES inspections (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    finding_key   TEXT NOT NULL CHECK (finding_key <> ''),
    rule_id       TEXT NOT NULL,
    system_id     TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'remediated', 'closed')),
    deadline      TEXT NOT NULL DEFAULT '',
    details       TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (inspection_id, finding_key)
) STRICT;
)sql";

// Version 9: the files given as evidence of remediation, per entry of a finding's remediation history (`entry` is
// its position there, 0 = the first) in the order given. The contents are kept once by digest in record_contents,
// like the files of steps and duties; these rows are append-only like that history.
constexpr const char* schemaVersion9 = R"sql(
CREATE TABLE remediation_files (
    inspection_id TEXT NOT NULL,
    finding_key   TEXT NOT NULL,
    entry         INTEGER NOT NULL CHECK (entry >= 0),
    position      INTEGER NOT NULL CHECK (position >= 0),
    name          TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0 AND instr(name, char(92)) = 0),
    media_type    TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL CHECK (size >= 0),
    sha256        TEXT NOT NULL REFERENCES record_contents (sha256) ON UPDATE RESTRICT ON DELETE RESTRICT,
    PRIMARY KEY (inspection_id, finding_key, entry, position),
    FOREIGN KEY (inspection_id, finding_key) REFERENCES findings (inspection_id, finding_key)
        ON UPDATE RESTRICT ON DELETE RESTRICT
) STRICT;
CREATE TRIGGER remediation_files_no_update BEFORE UPDATE ON remediation_files
BEGIN SELECT RAISE(ABORT, 'remediation_files is append-only'); END;
CREATE TRIGGER remediation_files_no_delete BEFORE DELETE ON remediation_files
BEGIN SELECT RAISE(ABORT, 'remediation_files is append-only'); END;
)sql";

constexpr const char* createMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY CHECK (version > 0),
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL
) STRICT;
)sql";

std::int64_t queryInteger(sqlite3* db, const std::string& path, const char* sql)
{
    Statement statement(db, path, sql);
    return statement.step() ? statement.integer(0) : 0;
}

void refuseNewer(const std::string& path, std::int64_t version)
{
    if (version > supportedSchemaVersion())
        fail(storage::newerSchema(path, version, supportedSchemaVersion()));
}

} // namespace

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all = {
        {1, "organisations, systems, components, answers, answer history, assessments", schemaVersion1},
        {2, "level-proposal dossier: fields, requirement statements, attachments, contents, history", schemaVersion2},
        {3, "actors with organisation and role; assessments kept whole in the canonical encoding", schemaVersion3},
        {4, "references of imported dossiers marked as such", schemaVersion4},
        {5, "working-day calendar announcements", schemaVersion5},
        {6, "users and roles, appraisal and approval steps, duty records, authority codes", schemaVersion6},
        {7, "audit trail: append-only, hash-chained audit_log", schemaVersion7},
        {8, "inspections: decision, inspecting body, scope, team; findings and their remediation", schemaVersion8},
        {9, "files given as evidence of remediation", schemaVersion9},
    };
    return all;
}

int supportedSchemaVersion()
{
    return migrations().back().version;
}

int readSchemaVersion(sqlite3* db, const std::string& path)
{
    // One statement, so one snapshot: another process creating the schema meanwhile cannot make the file look
    // like a database with tables but without schema_migrations.
    Statement probe(db, path,
                    "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'),"
                    "       (SELECT count(*) FROM sqlite_master)");
    probe.step();
    const auto hasMigrations = probe.integer(0);
    const auto objects = probe.integer(1);
    probe.reset();
    if (!hasMigrations) {
        if (objects > 0)
            fail(makeError(ErrorKind::Storage, path, 0, {},
                           "Tệp là cơ sở dữ liệu SQLite nhưng không phải của seclevel (không có bảng "
                           "schema_migrations); không mở để tránh làm hỏng dữ liệu của chương trình khác",
                           "The file is an SQLite database but not a seclevel one (no schema_migrations "
                           "table); not opened, so as not to damage another program's data"));
        return 0;
    }
    const auto version = queryInteger(db, path, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    refuseNewer(path, version);
    return static_cast<int>(version);
}

void migrate(sqlite3* db, const std::string& path)
{
    if (readSchemaVersion(db, path) == supportedSchemaVersion())
        return;
    // One exclusive transaction around reading the version again and applying what is missing: when several
    // processes open a new file at once, one migrates and the others wait, then find nothing to do.
    Transaction transaction(db, path, Transaction::Kind::Exclusive);
    const int current = readSchemaVersion(db, path);
    execute(db, path, createMigrationsTable);
    for (const Migration& migration : migrations()) {
        if (migration.version <= current)
            continue;
        const int code = sqlite3_exec(db, migration.sql, nullptr, nullptr, nullptr);
        if (code != SQLITE_OK) {
            const std::string number = std::to_string(migration.version);
            fail(databaseError(db, code, path, "Không áp dụng được bản chuyển đổi lược đồ " + number,
                               "Cannot apply schema migration " + number + " (" + migration.description + ")"));
        }
        Statement record(db, path,
                         "INSERT INTO schema_migrations (version, description, applied_at) "
                         "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
        record.bindInt(1, migration.version).bindText(2, migration.description).run();
    }
    transaction.commit();
}

} // namespace seclevel::sqlite
