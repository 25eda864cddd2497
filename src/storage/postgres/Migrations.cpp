#include "storage/postgres/Migrations.h"

#include <string>

namespace seclevel::postgres {

namespace {

// Version 1: the whole store as the SQLite store has it after its migration 2, in PostgreSQL's own terms.
//
// Design notes:
// - Levels are 0..5: 0 = not yet assessed, 1..5 = cấp độ 1..5 (NĐ85/2016 Art 7; NĐ331/2026).
// - Times are timestamptz at whole seconds (what isoTimestamp writes); actors are (user, organisation, role).
// - The current state (systems, components, answers, dossier items) may be replaced; the record
//   (answer_history, assessments, dossier_history) is append-only, enforced by triggers that refuse UPDATE,
//   DELETE and TRUNCATE, as the audit chain will build on it.
// - A system-level answer has component NULL; a component answer references its component by
//   (system_id, name), so the foreign key itself guarantees the component exists and cascades renames and
//   deletions. History rows use '' for "the system", like every store.
// - An assessment is kept whole as jsonb (codec/StoredEncoding.h, format 1) with its rule-set id and version
//   beside it, so a later rule-set change never rewrites what an assessment said.
constexpr const char* schemaVersion1 = R"sql(
CREATE FUNCTION seclevel_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TABLE organisations (
    id                 text PRIMARY KEY CHECK (id <> ''),
    name               text NOT NULL CHECK (name <> ''),
    parent_id          text REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    created_by         text NOT NULL CHECK (created_by <> ''),
    created_by_org     text NOT NULL DEFAULT '',
    created_by_role    text NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_by         text NOT NULL CHECK (updated_by <> ''),
    updated_by_org     text NOT NULL DEFAULT '',
    updated_by_role    text NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_by_parent ON organisations (parent_id);

CREATE TABLE systems (
    id               text PRIMARY KEY CHECK (id <> ''),
    name             text NOT NULL CHECK (name <> ''),
    owner            text NOT NULL DEFAULT '',
    operator         text NOT NULL DEFAULT '',
    organisation_id  text REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    ruleset_id       text NOT NULL DEFAULT '',
    ruleset_version  text NOT NULL DEFAULT '',
    derived_level    smallint NOT NULL DEFAULT 0 CHECK (derived_level BETWEEN 0 AND 5),
    proposed_level   smallint NOT NULL DEFAULT 0 CHECK (proposed_level BETWEEN 0 AND 5),
    justification    text NOT NULL DEFAULT '',
    approved_level   smallint NOT NULL DEFAULT 0 CHECK (approved_level BETWEEN 0 AND 5),
    created_by       text NOT NULL CHECK (created_by <> ''),
    created_by_org   text NOT NULL DEFAULT '',
    created_by_role  text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_by       text NOT NULL CHECK (updated_by <> ''),
    updated_at       timestamptz NOT NULL,
    CHECK (proposed_level >= derived_level)
);
CREATE INDEX systems_by_organisation ON systems (organisation_id);

-- Components (hợp phần, NĐ85 Art 5.2) in the owner's order.
CREATE TABLE components (
    system_id text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    position  integer NOT NULL CHECK (position >= 0),
    name      text NOT NULL CHECK (name <> ''),
    PRIMARY KEY (system_id, position),
    UNIQUE (system_id, name)
);

CREATE TABLE answers (
    system_id  text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    component  text CHECK (component <> ''),
    key        text NOT NULL CHECK (key <> ''),
    value_type text NOT NULL CHECK (value_type IN ('bool', 'int', 'string', 'list', 'date')),
    value_text text NOT NULL,
    FOREIGN KEY (system_id, component) REFERENCES components (system_id, name) ON UPDATE CASCADE ON DELETE CASCADE,
    CHECK (value_type <> 'bool' OR value_text IN ('true', 'false')),
    CHECK (value_type <> 'int' OR value_text ~ '^(0|-?[1-9][0-9]*)$'),
    CHECK (value_type <> 'date' OR value_text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    CHECK (value_type <> 'list' OR jsonb_typeof(value_text::jsonb) = 'array')
);
CREATE UNIQUE INDEX answers_by_key ON answers (system_id, coalesce(component, ''), key);

-- Every change of an answer: values as canonical JSON text, '' = no answer.
CREATE TABLE answer_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id  text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    component  text NOT NULL DEFAULT '',
    key        text NOT NULL CHECK (key <> ''),
    old_value  text NOT NULL DEFAULT '',
    new_value  text NOT NULL DEFAULT '',
    actor      text NOT NULL CHECK (actor <> ''),
    actor_org  text NOT NULL DEFAULT '',
    actor_role text NOT NULL,
    at         timestamptz NOT NULL,
    CHECK (old_value <> new_value)
);
CREATE INDEX answer_history_by_system ON answer_history (system_id, at, id);

CREATE TABLE assessments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id       text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    ruleset_id      text NOT NULL CHECK (ruleset_id <> ''),
    ruleset_version text NOT NULL DEFAULT '',
    derived_level   smallint NOT NULL CHECK (derived_level BETWEEN 0 AND 5),
    proposed_level  smallint NOT NULL CHECK (proposed_level BETWEEN 0 AND 5),
    justification   text NOT NULL DEFAULT '',
    assessment      jsonb NOT NULL CHECK (jsonb_typeof(assessment) = 'object'),
    actor           text NOT NULL CHECK (actor <> ''),
    actor_org       text NOT NULL DEFAULT '',
    actor_role      text NOT NULL,
    at              timestamptz NOT NULL,
    CHECK (proposed_level >= derived_level)
);
CREATE INDEX assessments_by_system ON assessments (system_id, at, id);

-- The level-proposal dossier (hồ sơ đề xuất cấp độ, NĐ85 Art 15; NĐ331 Art 21–22): fields, requirement
-- statements and attachment records are the current state, replaced whole by every save; dossier_history is
-- the record of what changed. Attachment content lives once per digest (a referenced file has no row there).
CREATE TABLE dossier_fields (
    system_id text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    key       text NOT NULL CHECK (key <> ''),
    value     text NOT NULL,
    PRIMARY KEY (system_id, key)
);

CREATE TABLE dossier_requirements (
    system_id  text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    group_id   text NOT NULL CHECK (group_id <> ''),
    item       integer NOT NULL CHECK (item >= 1),
    status     text NOT NULL CHECK (status IN ('met', 'partly_met', 'planned', 'not_applicable')),
    how        text NOT NULL DEFAULT '',
    planned_by date,
    PRIMARY KEY (system_id, group_id, item)
);

CREATE TABLE dossier_attachments (
    system_id  text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE CASCADE,
    position   integer NOT NULL CHECK (position >= 0),
    kind       text NOT NULL CHECK (kind <> ''),
    name       text NOT NULL CHECK (name <> ''),
    media_type text NOT NULL DEFAULT '',
    size       bigint NOT NULL CHECK (size >= 0),
    sha256     text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    reference  text NOT NULL DEFAULT '',
    PRIMARY KEY (system_id, position),
    UNIQUE (system_id, kind, name)
);
CREATE INDEX dossier_attachments_by_sha256 ON dossier_attachments (sha256);

CREATE TABLE attachment_contents (
    sha256  text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea NOT NULL
);

CREATE TABLE dossier_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id  text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    key        text NOT NULL CHECK (key <> ''),
    old_value  text NOT NULL DEFAULT '',
    new_value  text NOT NULL DEFAULT '',
    actor      text NOT NULL CHECK (actor <> ''),
    actor_org  text NOT NULL DEFAULT '',
    actor_role text NOT NULL,
    at         timestamptz NOT NULL,
    CHECK (old_value <> new_value)
);
CREATE INDEX dossier_history_by_system ON dossier_history (system_id, at, id);

CREATE TRIGGER answer_history_append_only BEFORE UPDATE OR DELETE ON answer_history
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER answer_history_no_truncate BEFORE TRUNCATE ON answer_history
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER assessments_append_only BEFORE UPDATE OR DELETE ON assessments
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER assessments_no_truncate BEFORE TRUNCATE ON assessments
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER dossier_history_append_only BEFORE UPDATE OR DELETE ON dossier_history
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER dossier_history_no_truncate BEFORE TRUNCATE ON dossier_history
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
)sql";

// Version 2: a reference that came in an imported dossier names a file of the sending installation; it is
// marked so that `dossier check` never opens it as a path on this machine.
constexpr const char* schemaVersion2 = R"sql(
ALTER TABLE dossier_attachments ADD COLUMN imported_reference boolean NOT NULL DEFAULT false;
)sql";

// Version 3: the working-day calendar announcements an administrator recorded (seclevel calendar announce), one
// <year> element of schemas/calendar.xsd each, append-only; the latest of a year overrides the shipped year.
constexpr const char* schemaVersion3 = R"sql(
CREATE TABLE calendar_announcements (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year       integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    xml        text NOT NULL CHECK (xml <> ''),
    actor      text NOT NULL CHECK (actor <> ''),
    actor_org  text NOT NULL DEFAULT '',
    actor_role text NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX calendar_announcements_by_year ON calendar_announcements (year, id);
CREATE TRIGGER calendar_announcements_append_only BEFORE UPDATE OR DELETE ON calendar_announcements
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER calendar_announcements_no_truncate BEFORE TRUNCATE ON calendar_announcements
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
)sql";

// Version 4: users and their roles, the appraisal and approval procedure (state on the system, steps
// append-only), duties' fulfilment records, and the authority code of national bodies.
constexpr const char* schemaVersion4 = R"sql(
ALTER TABLE organisations ADD COLUMN authority_code text NOT NULL DEFAULT '';
CREATE TABLE users (
    id          text PRIMARY KEY CHECK (id <> ''),
    name        text NOT NULL CHECK (name <> ''),
    memberships text NOT NULL,
    created_by  text NOT NULL, created_by_org text NOT NULL DEFAULT '', created_by_role text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_by  text NOT NULL, updated_by_org text NOT NULL DEFAULT '', updated_by_role text NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL
);
ALTER TABLE systems ADD COLUMN approved_on text NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN approved_ruleset text NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN workflow_state text NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN state_step text NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN state_date text NOT NULL DEFAULT '';
ALTER TABLE systems ADD COLUMN state_level smallint NOT NULL DEFAULT 0 CHECK (state_level BETWEEN 0 AND 5);
ALTER TABLE systems ADD COLUMN workflow_seq integer NOT NULL DEFAULT 0 CHECK (workflow_seq >= 0);
CREATE INDEX systems_by_workflow_state ON systems (workflow_state);
CREATE TABLE workflow_steps (
    system_id      text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    seq            integer NOT NULL CHECK (seq > 0),
    step           text NOT NULL CHECK (step <> ''),
    to_state       text NOT NULL CHECK (to_state <> ''),
    effective_date date NOT NULL,
    details        text NOT NULL,
    user_id        text NOT NULL CHECK (user_id <> ''),
    organisation   text NOT NULL DEFAULT '',
    role           text NOT NULL DEFAULT '',
    at             timestamptz NOT NULL,
    PRIMARY KEY (system_id, seq)
);
CREATE TRIGGER workflow_steps_append_only BEFORE UPDATE OR DELETE ON workflow_steps
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER workflow_steps_no_truncate BEFORE TRUNCATE ON workflow_steps
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
CREATE TABLE duty_records (
    id           bigserial PRIMARY KEY,
    system_id    text NOT NULL REFERENCES systems (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    duty_id      text NOT NULL CHECK (duty_id <> ''),
    fulfilled_on date NOT NULL,
    details      text NOT NULL,
    user_id      text NOT NULL CHECK (user_id <> ''),
    organisation text NOT NULL DEFAULT '',
    role         text NOT NULL DEFAULT '',
    at           timestamptz NOT NULL
);
CREATE INDEX duty_records_by_system ON duty_records (system_id, duty_id, fulfilled_on);
CREATE TRIGGER duty_records_append_only BEFORE UPDATE OR DELETE ON duty_records
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER duty_records_no_truncate BEFORE TRUNCATE ON duty_records
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
CREATE TABLE record_contents (
    sha256 text PRIMARY KEY CHECK (length(sha256) = 64),
    bytes  bytea NOT NULL
);
)sql";

// Version 5: the audit trail (storage/AuditChain.h). Append-only by trigger like the history tables; the hash
// chain is what makes tampering visible even when these triggers are dropped. Only the primary key is
// indexed: appends stay sequential however long the chain (a random-keyed index such as one on hash would make
// every append touch a random page), and verification reads in seq order. `at` is kept as the
// isoTimestamp text that was hashed.
constexpr const char* schemaVersion5 = R"sql(
CREATE TABLE audit_log (
    seq          bigint PRIMARY KEY CHECK (seq > 0),
    at           text NOT NULL,
    actor        text NOT NULL,
    actor_org    text NOT NULL,
    actor_role   text NOT NULL,
    action       text NOT NULL,
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    details      text NOT NULL,
    prev_hash    text NOT NULL,
    hash         text NOT NULL
);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
)sql";

// Version 6: inspections (decision, inspecting body, scope, team) and their findings with the remediation status. The scope's systems and the team are kept in
// `details` (storage/InspectionRecords.h); the organisations it names are references.
constexpr const char* schemaVersion6 = R"sql(
CREATE TABLE inspections (
    id                 text PRIMARY KEY CHECK (id <> ''),
    decision_number    text NOT NULL CHECK (decision_number <> ''),
    decision_date      date NOT NULL,
    inspecting_body    text NOT NULL REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    scope_organisation text NOT NULL REFERENCES organisations (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    period_from        date NOT NULL,
    period_to          date NOT NULL,
    details            text NOT NULL,
    created_by text NOT NULL, created_by_org text NOT NULL DEFAULT '', created_by_role text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_by text NOT NULL, updated_by_org text NOT NULL DEFAULT '', updated_by_role text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL,
    CHECK (period_from <= period_to)
);
CREATE TABLE findings (
    inspection_id text NOT NULL REFERENCES inspections (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
    finding_key   text NOT NULL CHECK (finding_key <> ''),
    rule_id       text NOT NULL,
    system_id     text NOT NULL,
    status        text NOT NULL CHECK (status IN ('open', 'in_progress', 'remediated', 'closed')),
    deadline      text NOT NULL DEFAULT '',
    details       text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, finding_key)
);
)sql";

// Version 7: the files given as evidence of remediation, per entry of a finding's remediation history (`entry` is
// its position there, 0 = the first) in the order given. The contents are kept once by digest in record_contents,
// like the files of steps and duties; these rows are append-only like that history.
constexpr const char* schemaVersion7 = R"sql(
CREATE TABLE remediation_files (
    inspection_id text NOT NULL,
    finding_key   text NOT NULL,
    entry         integer NOT NULL CHECK (entry >= 0),
    position      integer NOT NULL CHECK (position >= 0),
    name          text NOT NULL CHECK (name <> '' AND strpos(name, '/') = 0 AND strpos(name, chr(92)) = 0),
    media_type    text NOT NULL DEFAULT '',
    size          bigint NOT NULL CHECK (size >= 0),
    sha256        text NOT NULL REFERENCES record_contents (sha256) ON UPDATE RESTRICT ON DELETE RESTRICT,
    PRIMARY KEY (inspection_id, finding_key, entry, position),
    FOREIGN KEY (inspection_id, finding_key) REFERENCES findings (inspection_id, finding_key)
        ON UPDATE RESTRICT ON DELETE RESTRICT
);
CREATE TRIGGER remediation_files_append_only BEFORE UPDATE OR DELETE ON remediation_files
    FOR EACH ROW EXECUTE FUNCTION seclevel_refuse_change();
CREATE TRIGGER remediation_files_no_truncate BEFORE TRUNCATE ON remediation_files
    FOR EACH STATEMENT EXECUTE FUNCTION seclevel_refuse_change();
)sql";

constexpr const char* createMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     integer PRIMARY KEY CHECK (version > 0),
    description text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
)
)sql";

// Any constant shared by every seclevel program: the advisory lock that serialises migrations.
constexpr const char* migrationLockKey = "7166402563318451013";

void refuseNewer(Connection& connection, std::int64_t version)
{
    if (version > supportedSchemaVersion())
        fail(storage::newerSchema(connection.label(), version, supportedSchemaVersion()));
}

} // namespace

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all = {
        {1, "organisations, systems, components, answers, answer history, assessments, level-proposal dossier",
         schemaVersion1},
        {2, "references of imported dossiers marked as such", schemaVersion2},
        {3, "working-day calendar announcements", schemaVersion3},
        {4, "users and roles, appraisal and approval steps, duty records, authority codes", schemaVersion4},
        {5, "audit trail: append-only, hash-chained audit_log", schemaVersion5},
        {6, "inspections: decision, inspecting body, scope, team; findings and their remediation", schemaVersion6},
        {7, "files given as evidence of remediation", schemaVersion7},
    };
    return all;
}

int supportedSchemaVersion()
{
    return migrations().back().version;
}

int readSchemaVersion(Connection& connection)
{
    const Rows tables = connection.run("SELECT count(*), count(*) FILTER (WHERE table_name = 'schema_migrations')"
                                       " FROM information_schema.tables WHERE table_schema = current_schema()");
    if (tables.integer(0, 1) == 0) {
        if (tables.integer(0, 0) > 0)
            fail(makeError(ErrorKind::Storage, connection.label(), 0, {},
                           "Cơ sở dữ liệu PostgreSQL có bảng nhưng không phải của seclevel (không có bảng "
                           "schema_migrations); không mở để tránh làm hỏng dữ liệu của chương trình khác",
                           "The PostgreSQL database holds tables but is not a seclevel one (no schema_migrations "
                           "table); not opened, so as not to damage another program's data"));
        return 0;
    }
    const Rows version = connection.run("SELECT coalesce(max(version), 0) FROM schema_migrations");
    refuseNewer(connection, version.integer(0, 0));
    return static_cast<int>(version.integer(0, 0));
}

void migrate(Connection& connection)
{
    if (readSchemaVersion(connection) == supportedSchemaVersion())
        return; // the usual case: nothing to do, no lock taken
    connection.execute("BEGIN ISOLATION LEVEL READ COMMITTED");
    try {
        connection.execute(std::string("SELECT pg_advisory_xact_lock(") + migrationLockKey + ")");
        // Read again under the lock: another program may have migrated meanwhile, or created other tables.
        const int initial = readSchemaVersion(connection);
        connection.execute(createMigrationsTable);
        for (const Migration& migration : migrations()) {
            if (migration.version <= initial)
                continue;
            try {
                connection.execute(migration.sql);
            } catch (Failure& failure) {
                const std::string number = std::to_string(migration.version);
                failure.error.message.vi =
                    "Không áp dụng được bản chuyển đổi lược đồ " + number + ": " + failure.error.message.vi;
                failure.error.message.en = "Cannot apply schema migration " + number + " (" + migration.description +
                                           "): " + failure.error.message.en;
                throw;
            }
            connection.run("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
                           Params().integer(migration.version).text(migration.description));
        }
        connection.execute("COMMIT");
    } catch (...) {
        try {
            connection.execute("ROLLBACK");
        } catch (const Failure&) {
            // the connection is gone; the server rolls back by itself
        }
        throw;
    }
}

} // namespace seclevel::postgres
