#include "storage/postgres/PostgresStore.h"

#include "codec/StoredEncoding.h"
#include "core/Date.h"
#include "core/Sha256.h"

#include "storage/AnswerChanges.h"
#include "storage/AuditChain.h"
#include "storage/AuditDetails.h"
#include "storage/DossierState.h"
#include "storage/InspectionRecords.h"
#include "storage/StoreValidation.h"
#include "storage/WorkflowRecords.h"
#include "storage/postgres/Connection.h"
#include "storage/postgres/Migrations.h"

#include <chrono>
#include <cstdint>
#include <ctime>
#include <exception>
#include <limits>
#include <map>
#include <new>
#include <optional>
#include <random>
#include <set>
#include <string_view>
#include <thread>
#include <utility>

namespace seclevel {

using postgres::Connection;
using postgres::fail;
using postgres::Failure;
using postgres::Params;
using postgres::Rows;

namespace {

constexpr int maxAttempts = 50; // serialisation failures before a write gives up

// Everything but Failure that may escape a body, as an Error.
Error unexpected(const std::string& where, const std::exception* exception)
{
    if (dynamic_cast<const std::bad_alloc*>(exception))
        return makeError(ErrorKind::Storage, where, 0, {}, "Hết bộ nhớ", "Out of memory");
    const std::string what = exception ? exception->what() : "?";
    return makeError(ErrorKind::Internal, where, 0, {}, "Lỗi không lường trước: " + what, "Unexpected error: " + what);
}

// ---- validation: everything that can be checked without the database (storage/StoreValidation.h) -----------

using storage::AnswerKey;
using storage::Checker;
using storage::inQuotes;
using storage::PreparedAnswers;

constexpr storage::ActorLabels actorLabels{"Người thực hiện", "The actor's user id", "Tổ chức của người thực hiện",
                                           "The actor's organisation id"};

// The actor as bound to the (user, organisation, role, time) columns.
struct ActorColumns {
    std::string user, organisation, role;
    std::int64_t at; // whole seconds since 1970 (what isoTimestamp shows)
};

ActorColumns columnsOf(const Actor& actor)
{
    return {actor.userId, actor.organisationId, roleName(actor.role),
            static_cast<std::int64_t>(std::chrono::system_clock::to_time_t(actor.at))};
}

TimePoint timeOf(std::int64_t seconds)
{
    return std::chrono::system_clock::from_time_t(static_cast<std::time_t>(seconds));
}

// Checks an assessment; on success `encoded` holds its canonical text.
Errors checkAssessment(const std::string& systemId, const Assessment& assessment, const Actor& actor,
                       std::string& encoded)
{
    Checker checker{{}, {}};
    storage::checkAssessmentLevels(checker, systemId, assessment);
    if (auto storable = storage::storableAssessment(checker, assessment))
        encoded = std::move(*storable);
    storage::checkActor(checker, actor, actorLabels);
    return std::move(checker.errors);
}

// A PostgreSQL array literal of texts, for unnest($n::text[]): one statement inserts many rows, and the
// values stay bound parameters (array_in parses the literal; nothing is spliced into SQL).
class TextArray {
public:
    void add(std::string_view value)
    {
        m_literal += m_literal.size() > 1 ? ",\"" : "\"";
        for (const char c : value) {
            if (c == '"' || c == '\\')
                m_literal += '\\';
            m_literal += c;
        }
        m_literal += '"';
    }
    void addNull() { m_literal += m_literal.size() > 1 ? ",NULL" : "NULL"; }
    std::string literal() const { return m_literal + "}"; }

private:
    std::string m_literal = "{";
};

// ---- statements shared by the write paths --------------------------------------------------------------------

struct Database {
    Connection& connection;

    Rows run(const std::string& sql, const Params& params = {}) const { return connection.run(sql, params); }
    const std::string& label() const { return connection.label(); }
};

bool systemExists(Database db, const std::string& id)
{
    return db.run("SELECT 1 FROM systems WHERE id = $1", Params().text(id)).count() > 0;
}

Error noSuchOrganisation(Database db, const std::string& organisationId, const std::string& field = "organisation")
{
    return makeError(ErrorKind::NotFound, db.label(), 0, field, "Không có tổ chức " + inQuotes(organisationId),
                     "No organisation " + inQuotes(organisationId) + " exists");
}

void requireOrganisation(Database db, const std::string& organisationId)
{
    if (!organisationId.empty() &&
        db.run("SELECT 1 FROM organisations WHERE id = $1", Params().text(organisationId)).count() == 0)
        fail(noSuchOrganisation(db, organisationId));
}

Error noSuchSystem(Database db, const std::string& id)
{
    return makeError(ErrorKind::NotFound, db.label(), 0, "id", "Không có hệ thống " + inQuotes(id),
                     "No system " + inQuotes(id) + " exists");
}

Error damagedAnswer(Database db, const std::string& systemId, const std::string& component, const std::string& key)
{
    return storage::damagedAnswer(db.label(), systemId, component, key);
}

// The arrays of components, answers and their first history rows that one INSERT … unnest() takes.
struct SystemArrays {
    TextArray componentNames;
    TextArray answerComponents, answerKeys, answerTypes, answerTexts; // component NULL = system-level
    TextArray historyComponents, historyKeys, historyValues;          // component '' = system-level

    SystemArrays(const SystemDescription& system, const PreparedAnswers& answers)
    {
        for (const Component& component : system.components)
            componentNames.add(component.name);
        for (const auto& [where, prepared] : answers) {
            if (where.first.empty())
                answerComponents.addNull();
            else
                answerComponents.add(where.first);
            answerKeys.add(where.second);
            answerTypes.add(prepared.stored.type);
            answerTexts.add(prepared.stored.text);
            historyComponents.add(where.first);
            historyKeys.add(where.second);
            historyValues.add(prepared.json);
        }
    }
};

// Components and answers of a system whose row exists (replaceSystem; insertSystem does this in its statement).
void insertComponentsAndAnswers(Database db, const SystemDescription& system, const PreparedAnswers& answers)
{
    const SystemArrays arrays(system, answers);
    if (!system.components.empty())
        db.run("INSERT INTO components (system_id, position, name)"
               " SELECT $1, position - 1, name FROM unnest($2::text[]) WITH ORDINALITY AS c (name, position)",
               Params().text(system.id).text(arrays.componentNames.literal()));
    if (!answers.empty())
        db.run("INSERT INTO answers (system_id, component, key, value_type, value_text)"
               " SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])",
               Params()
                   .text(system.id)
                   .text(arrays.answerComponents.literal())
                   .text(arrays.answerKeys.literal())
                   .text(arrays.answerTypes.literal())
                   .text(arrays.answerTexts.literal()));
}

using storage::AnswerChanges;

// Old and new canonical JSON of each changed answer, written as one statement.

void recordAnswerChanges(Database db, const std::string& systemId, const AnswerChanges& changes,
                         const ActorColumns& actor)
{
    if (changes.empty())
        return;
    TextArray components, keys, olds, news;
    for (const auto& [where, values] : changes) {
        components.add(where.first);
        keys.add(where.second);
        olds.add(values.first);
        news.add(values.second);
    }
    db.run("INSERT INTO answer_history (system_id, component, key, old_value, new_value, actor, actor_org,"
           " actor_role, at)"
           " SELECT $1, c, k, o, n, $6, $7, $8, to_timestamp($9)"
           " FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS h (c, k, o, n, i)"
           " ORDER BY i",
           Params()
               .text(systemId)
               .text(components.literal())
               .text(keys.literal())
               .text(olds.literal())
               .text(news.literal())
               .text(actor.user)
               .text(actor.organisation)
               .text(actor.role)
               .integer(actor.at));
}

// The write steps below run inside the caller's transaction and throw Failure on any refusal, so that they
// compose (saveSystem = insert or replace + assessment) and the caller's rollback undoes all of it.

// One statement, one round trip: the system row, its components, answers and their history. ON CONFLICT DO
// NOTHING leaves the other CTEs without a row to join, so an existing id inserts nothing at all. (Under
// SERIALIZABLE, a concurrent insert of the same id that this snapshot cannot see is a serialisation failure,
// and the retry then sees it here.) The foreign keys of answers are checked at the end of the statement, when
// the components inserted beside them exist.
void insertSystem(Database db, const SystemDescription& system, const PreparedAnswers& answers,
                  const ActorColumns& actor)
{
    requireOrganisation(db, system.organisationId);
    const SystemArrays arrays(system, answers);
    const Rows inserted = db.run(
        "WITH s AS ("
        "  INSERT INTO systems (id, name, owner, operator, organisation_id, created_by, created_by_org,"
        "   created_by_role, created_at, updated_by, updated_at)"
        "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9), $6, to_timestamp($9))"
        "  ON CONFLICT (id) DO NOTHING RETURNING id),"
        " c AS (INSERT INTO components (system_id, position, name)"
        "  SELECT s.id, x.o - 1, x.n FROM s, unnest($10::text[]) WITH ORDINALITY AS x (n, o)),"
        " a AS (INSERT INTO answers (system_id, component, key, value_type, value_text)"
        "  SELECT s.id, x.c, x.k, x.t, x.v FROM s, unnest($11::text[], $12::text[], $13::text[], $14::text[])"
        "   AS x (c, k, t, v)),"
        " h AS (INSERT INTO answer_history (system_id, component, key, old_value, new_value, actor, actor_org,"
        "   actor_role, at)"
        "  SELECT s.id, x.c, x.k, '', x.n, $6, $7, $8, to_timestamp($9)"
        "   FROM s, unnest($15::text[], $16::text[], $17::text[]) WITH ORDINALITY AS x (c, k, n, i) ORDER BY x.i)"
        " SELECT count(*) FROM s",
        Params()
            .text(system.id)
            .text(system.name)
            .text(system.owner)
            .text(system.operatorName)
            .textOrNull(system.organisationId)
            .text(actor.user)
            .text(actor.organisation)
            .text(actor.role)
            .integer(actor.at)
            .text(arrays.componentNames.literal())
            .text(arrays.answerComponents.literal())
            .text(arrays.answerKeys.literal())
            .text(arrays.answerTypes.literal())
            .text(arrays.answerTexts.literal())
            .text(arrays.historyComponents.literal())
            .text(arrays.historyKeys.literal())
            .text(arrays.historyValues.literal()));
    if (inserted.integer(0, 0) == 0)
        fail(makeError(ErrorKind::Conflict, db.label(), 0, "id", "Hệ thống " + inQuotes(system.id) + " đã tồn tại",
                       "System " + inQuotes(system.id) + " already exists"));
}

// Replaces what the owner describes; writes nothing at all (and returns false) when nothing changed.
bool replaceSystem(Database db, const SystemDescription& system, const PreparedAnswers& answers,
                   const ActorColumns& actor, AnswerChanges* changedAnswers = nullptr)
{
    // The row lock makes a concurrent writer of the same system wait here rather than fail at commit.
    const Rows current = db.run("SELECT name, owner, operator, coalesce(organisation_id, '') FROM systems"
                                " WHERE id = $1 FOR UPDATE",
                                Params().text(system.id));
    if (current.count() == 0)
        fail(noSuchSystem(db, system.id));
    bool changed = current.text(0, 0) != system.name || current.text(0, 1) != system.owner ||
                   current.text(0, 2) != system.operatorName || current.text(0, 3) != system.organisationId;
    requireOrganisation(db, system.organisationId);

    const Rows components =
        db.run("SELECT name FROM components WHERE system_id = $1 ORDER BY position", Params().text(system.id));
    changed = changed || static_cast<size_t>(components.count()) != system.components.size();
    for (int i = 0; !changed && i < components.count(); ++i)
        changed = components.text(i, 0) != system.components[static_cast<size_t>(i)].name;

    storage::StoredAnswers storedAnswers;
    const Rows stored = db.run("SELECT coalesce(component, ''), key, value_type, value_text FROM answers"
                               " WHERE system_id = $1",
                               Params().text(system.id));
    for (int row = 0; row < stored.count(); ++row)
        storedAnswers.emplace(AnswerKey{stored.text(row, 0), stored.text(row, 1)},
                              codec::EncodedValue{stored.text(row, 2), stored.text(row, 3)});

    AnswerChanges changes;
    if (const auto damaged = storage::compareAnswers(storedAnswers, answers, changed, changes))
        fail(damagedAnswer(db, system.id, damaged->first, damaged->second));
    if (!changed)
        return false;

    db.run("UPDATE systems SET name = $2, owner = $3, operator = $4, organisation_id = $5, updated_by = $6,"
           " updated_at = to_timestamp($7) WHERE id = $1",
           Params()
               .text(system.id)
               .text(system.name)
               .text(system.owner)
               .text(system.operatorName)
               .textOrNull(system.organisationId)
               .text(actor.user)
               .integer(actor.at));
    // Component answers go with their components (ON DELETE CASCADE); the system-level ones explicitly.
    db.run("DELETE FROM answers WHERE system_id = $1", Params().text(system.id));
    db.run("DELETE FROM components WHERE system_id = $1", Params().text(system.id));
    insertComponentsAndAnswers(db, system, answers);
    recordAnswerChanges(db, system.id, changes, actor);
    if (changedAnswers)
        *changedAnswers = std::move(changes);
    return true;
}

// One statement: the system's current levels and the assessment row; no row when the system does not exist.
void insertAssessment(Database db, const std::string& systemId, const Assessment& assessment,
                      const std::string& encoded, const ActorColumns& actor)
{
    const Rows inserted =
        db.run("WITH u AS ("
               "  UPDATE systems SET ruleset_id = $2, ruleset_version = $3, derived_level = $4, proposed_level = $5,"
               "   justification = $6, updated_by = $8, updated_at = to_timestamp($11) WHERE id = $1 RETURNING id)"
               " INSERT INTO assessments (system_id, ruleset_id, ruleset_version, derived_level, proposed_level,"
               "  justification, assessment, actor, actor_org, actor_role, at)"
               " SELECT u.id, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, to_timestamp($11) FROM u RETURNING 1",
               Params()
                   .text(systemId)
                   .text(assessment.rulesetId)
                   .text(assessment.rulesetVersion)
                   .integer(assessment.derivedLevel)
                   .integer(assessment.proposedLevel)
                   .text(assessment.justification)
                   .text(encoded)
                   .text(actor.user)
                   .text(actor.organisation)
                   .text(actor.role)
                   .integer(actor.at));
    if (inserted.count() == 0)
        fail(noSuchSystem(db, systemId));
}

RecordedActor recordedActor(const Rows& rows, int row, int column)
{
    return RecordedActor{rows.text(row, column), rows.text(row, column + 1), rows.text(row, column + 2)};
}

constexpr const char* assessmentColumns =
    "SELECT system_id, assessment::text, actor, actor_org, actor_role, extract(epoch FROM at)::bigint"
    " FROM assessments WHERE system_id = $1";

std::vector<StoredAssessment> readAssessments(Database db, const Rows& rows)
{
    std::vector<StoredAssessment> result;
    result.reserve(static_cast<size_t>(rows.count()));
    for (int row = 0; row < rows.count(); ++row) {
        auto decoded = codec::decodeAssessment(rows.text(row, 1));
        if (!decoded) {
            Errors errors = decoded.errors();
            for (Error& error : errors)
                error.file = db.label();
            throw Failure{errors.front(), {}};
        }
        result.push_back(StoredAssessment{rows.text(row, 0), std::move(*decoded), recordedActor(rows, row, 2),
                                          timeOf(rows.integer(row, 5))});
    }
    return result;
}

std::optional<StoredAssessment> latest(Database db, const std::string& systemId)
{
    auto found = readAssessments(
        db, db.run(std::string(assessmentColumns) + " ORDER BY at DESC, id DESC LIMIT 1", Params().text(systemId)));
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

// ---- the dossier ---------------------------------------------------------------------------------------------

using storage::DossierState;
using storage::stateOf;

// The dossiers of `systemIds`, one per id in the order given (empty for an id with nothing recorded): three
// queries whatever the number of systems.
std::vector<Dossier> loadDossiers(Database db, const std::vector<std::string>& systemIds)
{
    std::vector<Dossier> dossiers(systemIds.size());
    TextArray ids;
    for (size_t i = 0; i < systemIds.size(); ++i) {
        dossiers[i].systemId = systemIds[i];
        ids.add(codec::isStorableText(systemIds[i]) ? systemIds[i] : std::string());
    }
    if (systemIds.empty())
        return dossiers;
    Params byIds; // built in place: a copied Params would point into the temporary's texts
    byIds.text(ids.literal());
    auto of = [&](const Rows& rows, int row) -> Dossier& {
        return dossiers.at(static_cast<size_t>(rows.integer(row, 0) - 1));
    };
    const Rows fields = db.run("SELECT i.position::bigint, f.key, f.value FROM unnest($1::text[]) WITH ORDINALITY AS"
                               " i (id, position) JOIN dossier_fields f ON f.system_id = i.id"
                               " ORDER BY i.position, f.key COLLATE \"C\"",
                               byIds);
    for (int row = 0; row < fields.count(); ++row)
        of(fields, row).fields.emplace(fields.text(row, 1), fields.text(row, 2));
    const Rows requirements =
        db.run("SELECT i.position::bigint, r.group_id, r.item, r.status, r.how, to_char(r.planned_by, 'YYYY-MM-DD')"
               " FROM unnest($1::text[]) WITH ORDINALITY AS i (id, position) JOIN dossier_requirements r"
               " ON r.system_id = i.id ORDER BY i.position, r.group_id COLLATE \"C\", r.item",
               byIds);
    for (int row = 0; row < requirements.count(); ++row) {
        RequirementStatement statement;
        statement.groupId = requirements.text(row, 1);
        statement.item = static_cast<int>(requirements.integer(row, 2));
        const auto status = parseRequirementStatus(requirements.text(row, 3));
        if (!status)
            fail(makeError(ErrorKind::Storage, db.label(), 0, codec::requirementKey(statement),
                           "Trạng thái trong cơ sở dữ liệu bị hỏng", "The stored status is damaged"));
        statement.status = *status;
        statement.how = requirements.text(row, 4);
        if (!requirements.isNull(row, 5)) {
            statement.plannedBy = parseIsoDate(requirements.text(row, 5));
            if (!statement.plannedBy)
                fail(makeError(ErrorKind::Storage, db.label(), 0, codec::requirementKey(statement),
                               "Ngày hoàn thành trong cơ sở dữ liệu bị hỏng", "The stored planned-by date is damaged"));
        }
        of(requirements, row).requirements.push_back(std::move(statement));
    }
    const Rows attachments =
        db.run("SELECT i.position::bigint, a.kind, a.name, a.media_type, a.size, a.sha256, a.reference,"
               " CASE WHEN a.imported_reference THEN 1 ELSE 0 END FROM unnest($1::text[]) WITH ORDINALITY AS"
               " i (id, position) JOIN dossier_attachments a ON a.system_id = i.id ORDER BY i.position, a.position",
               byIds);
    for (int row = 0; row < attachments.count(); ++row)
        of(attachments, row)
            .attachments.push_back(
                Attachment{attachments.text(row, 1), attachments.text(row, 2), attachments.text(row, 3),
                           static_cast<std::uint64_t>(attachments.integer(row, 4)), attachments.text(row, 5),
                           attachments.text(row, 6), attachments.integer(row, 7) != 0});
    return dossiers;
}

Dossier loadDossier(Database db, const std::string& systemId)
{
    if (!systemExists(db, systemId))
        fail(noSuchSystem(db, systemId));
    return std::move(loadDossiers(db, {systemId}).front());
}

// Replaces the stored dossier by `dossier` with a history row per changed item and removes contents no
// attachment refers to any more; writes nothing (and returns false) when equal.
bool writeDossier(Database db, const Dossier& dossier, const ActorColumns& actor,
                  std::vector<storage::DossierItemChange>* changedItems = nullptr)
{
    // Lock the system row: two writers of one dossier queue instead of failing at commit.
    db.run("SELECT 1 FROM systems WHERE id = $1 FOR UPDATE", Params().text(dossier.systemId));
    const Dossier stored = loadDossier(db, dossier.systemId);
    const DossierState before = stateOf(stored);
    const DossierState after = stateOf(dossier);
    if (before == after)
        return false;
    for (const char* table : {"dossier_fields", "dossier_requirements", "dossier_attachments"})
        // The table name is one of three constants; the value is bound.
        db.run(std::string("DELETE FROM ") + table + " WHERE system_id = $1", Params().text(dossier.systemId));
    if (!dossier.fields.empty()) {
        TextArray keys, values;
        for (const auto& [key, value] : dossier.fields) {
            keys.add(key);
            values.add(value);
        }
        db.run("INSERT INTO dossier_fields (system_id, key, value) SELECT $1, * FROM unnest($2::text[], $3::text[])",
               Params().text(dossier.systemId).text(keys.literal()).text(values.literal()));
    }
    for (const RequirementStatement& statement : dossier.requirements) {
        Params params;
        params.text(dossier.systemId)
            .text(statement.groupId)
            .integer(statement.item)
            .text(requirementStatusName(statement.status))
            .text(statement.how);
        if (statement.plannedBy)
            params.text(formatIsoDate(*statement.plannedBy));
        else
            params.null();
        db.run("INSERT INTO dossier_requirements (system_id, group_id, item, status, how, planned_by)"
               " VALUES ($1, $2, $3, $4, $5, $6::date)",
               params);
    }
    for (size_t position = 0; position < dossier.attachments.size(); ++position) {
        const Attachment& a = dossier.attachments[position];
        db.run("INSERT INTO dossier_attachments (system_id, position, kind, name, media_type, size, sha256, reference,"
               " imported_reference) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               Params()
                   .text(dossier.systemId)
                   .integer(static_cast<std::int64_t>(position))
                   .text(a.kind)
                   .text(a.name)
                   .text(a.mediaType)
                   .integer(static_cast<std::int64_t>(a.size))
                   .text(a.sha256)
                   .text(a.reference)
                   .text(a.importedReference ? "true" : "false"));
    }
    TextArray keys, olds, news;
    bool anyHistory = false;
    auto record = [&](const std::string& key, const std::string& oldValue, const std::string& newValue) {
        keys.add(key);
        olds.add(oldValue);
        news.add(newValue);
        anyHistory = true;
    };
    std::vector<storage::DossierItemChange> changes = storage::itemChanges(before, after);
    for (const storage::DossierItemChange& change : changes)
        record(change.key, change.oldValue, change.newValue);
    if (changedItems)
        *changedItems = std::move(changes);
    if (anyHistory)
        db.run("INSERT INTO dossier_history (system_id, key, old_value, new_value, actor, actor_org, actor_role, at)"
               " SELECT $1, k, o, n, $5, $6, $7, to_timestamp($8)"
               " FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS h (k, o, n, i) ORDER BY i",
               Params()
                   .text(dossier.systemId)
                   .text(keys.literal())
                   .text(olds.literal())
                   .text(news.literal())
                   .text(actor.user)
                   .text(actor.organisation)
                   .text(actor.role)
                   .integer(actor.at));

    // Contents no attachment refers to any more go; the history keeps their digest.
    if (!stored.attachments.empty()) {
        TextArray dropped;
        for (const Attachment& old : stored.attachments)
            dropped.add(old.sha256);
        db.run("DELETE FROM attachment_contents c WHERE c.sha256 = ANY ($1::text[])"
               " AND NOT EXISTS (SELECT 1 FROM dossier_attachments a WHERE a.sha256 = c.sha256)",
               Params().text(dropped.literal()));
    }
    return true;
}

} // namespace

// ---- opening and the transaction machinery ------------------------------------------------------------------

PostgresStore::PostgresStore(std::unique_ptr<Connection> connection) : m_connection(std::move(connection)) {}

PostgresStore::~PostgresStore() = default;

int PostgresStore::supportedSchemaVersion()
{
    return postgres::supportedSchemaVersion();
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url)
{
    try {
        std::unique_ptr<Connection> connection = Connection::open(url);
        postgres::migrate(*connection);
        return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(connection)));
    } catch (const Failure& failure) {
        return failure.error;
    } catch (const std::exception& exception) {
        return unexpected("PostgreSQL " + postgres::describeUrl(url), &exception);
    }
}

std::string PostgresStore::describe() const
{
    return m_connection->label();
}

Result<int> PostgresStore::schemaVersion()
{
    return read<int>(false, [&] { return postgres::readSchemaVersion(*m_connection); });
}

template <class T>
Result<T> PostgresStore::read(bool snapshot, const std::function<T()>& body)
{
    const bool ownTransaction = snapshot && m_depth == 0;
    try {
        if (m_depth == 0)
            m_connection->reconnectIfLost();
        if (ownTransaction)
            m_connection->execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        T value = body();
        if (ownTransaction)
            m_connection->execute("COMMIT");
        return value;
    } catch (const Failure& failure) {
        if (failure.retryable() && m_depth > 0)
            m_mustRetry = true;
        if (ownTransaction) {
            try {
                m_connection->execute("ROLLBACK");
            } catch (const Failure&) {
            }
        }
        return failure.error;
    } catch (const std::exception& exception) {
        if (ownTransaction) {
            try {
                m_connection->execute("ROLLBACK");
            } catch (const Failure&) {
            }
        }
        return unexpected(describe(), &exception);
    }
}

Result<bool> PostgresStore::write(const std::function<Result<bool>()>& body)
{
    // Runs body; a Failure becomes its Error (and flags a retry when the server asked for one).
    auto attempt = [&]() -> Result<bool> {
        try {
            return body();
        } catch (const Failure& failure) {
            if (failure.retryable())
                m_mustRetry = true;
            return failure.error;
        } catch (const std::exception& exception) {
            return unexpected(describe(), &exception);
        } catch (...) {
            return unexpected(describe(), nullptr);
        }
    };
    auto quietly = [&](const std::string& sql) {
        try {
            m_connection->execute(sql);
        } catch (const Failure&) {
            // the connection is gone: the server rolls the transaction back by itself
        }
    };

    if (m_depth > 0) {
        // Inside a unit of work: a savepoint, so that a refused step undoes only itself.
        const std::string savepoint = "seclevel_" + std::to_string(m_depth);
        try {
            m_connection->execute("SAVEPOINT " + savepoint);
        } catch (const Failure& failure) {
            if (failure.retryable())
                m_mustRetry = true;
            return failure.error;
        }
        ++m_depth;
        Result<bool> result = attempt();
        --m_depth;
        if (result.ok() && !m_mustRetry) {
            try {
                m_connection->execute("RELEASE SAVEPOINT " + savepoint);
            } catch (const Failure& failure) {
                if (failure.retryable())
                    m_mustRetry = true;
                return failure.error;
            }
            return result;
        }
        quietly("ROLLBACK TO SAVEPOINT " + savepoint);
        return result;
    }

    std::minstd_rand random(std::random_device{}());
    for (int number = 1;; ++number) {
        m_mustRetry = false;
        try {
            m_connection->reconnectIfLost();
            m_connection->execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
        } catch (const Failure& failure) {
            return failure.error;
        }
        try {
            // Every write may append to the audit chain, whose next entry depends on the head: writers queue
            // here. LOCK TABLE is the one statement that takes no snapshot, so the SERIALIZABLE snapshot taken
            // by the next statement already sees every entry committed before the lock was granted, and the
            // head read under it is the real head (a lock taken by a SELECT, even pg_advisory_xact_lock, would
            // come after that statement's snapshot and could read a stale head). Plain readers are not blocked.
            m_connection->execute("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE");
        } catch (const Failure& failure) {
            quietly("ROLLBACK");
            if (!failure.retryable() || number == maxAttempts)
                return failure.error;
            continue;
        }
        m_depth = 1;
        Result<bool> result = attempt();
        m_depth = 0;
        if (result.ok() && !m_mustRetry) {
            try {
                m_connection->execute("COMMIT");
                return result;
            } catch (const Failure& failure) {
                if (!failure.retryable())
                    return failure.error;
                result = failure.error; // the transaction is over; run it again
                m_mustRetry = true;
            }
        } else {
            quietly("ROLLBACK");
        }
        if (!m_mustRetry)
            return result;
        if (number == maxAttempts)
            return makeError(ErrorKind::Conflict, describe(), 0, {},
                             "Ghi đồng thời liên tục xung đột với người khác; hãy thử lại",
                             "The write kept conflicting with concurrent writers; try again");
        // Back off a random while, growing: the writers that collided do not collide again at once.
        const int ceiling = 1 << std::min(number, 7);
        std::this_thread::sleep_for(std::chrono::milliseconds(1 + random() % static_cast<unsigned>(ceiling)));
    }
}

Result<bool> PostgresStore::transact(const std::function<Result<bool>()>& work)
{
    return write(work);
}

// ---- organisations ------------------------------------------------------------------------------------------

Result<bool> PostgresStore::upsertOrganisation(const Organisation& organisation, const Actor& actor)
{
    if (Errors errors = storage::checkOrganisation(organisation, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        Database db{*m_connection};
        if (!organisation.parentId.empty()) {
            if (db.run("SELECT 1 FROM organisations WHERE id = $1", Params().text(organisation.parentId)).count() == 0)
                return noSuchOrganisation(db, organisation.parentId, "parent");
            // The new parent must not lie below the organisation: that would make the tree a loop.
            const Rows loop = db.run("WITH RECURSIVE ancestor (id) AS ("
                                     "  SELECT $1::text"
                                     "  UNION SELECT o.parent_id FROM organisations o JOIN ancestor a ON o.id = a.id"
                                     "   WHERE o.parent_id IS NOT NULL)"
                                     " SELECT 1 FROM ancestor WHERE id = $2",
                                     Params().text(organisation.parentId).text(organisation.id));
            if (loop.count() > 0)
                return makeError(ErrorKind::InvalidInput, describe(), 0, "parent",
                                 "Tổ chức " + inQuotes(organisation.parentId) + " là cấp dưới của " +
                                     inQuotes(organisation.id) + ", không thể làm cấp trên của nó",
                                 "Organisation " + inQuotes(organisation.parentId) + " lies below " +
                                     inQuotes(organisation.id) + " and cannot be its parent");
        }
        const Rows written = db.run(
            "INSERT INTO organisations (id, name, parent_id, created_by, created_by_org, created_by_role, created_at,"
            " updated_by, updated_by_org, updated_by_role, updated_at, authority_code)"
            " VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7), $4, $5, $6, to_timestamp($7), $8)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,"
            "   authority_code = excluded.authority_code,"
            "   updated_by = excluded.updated_by, updated_by_org = excluded.updated_by_org,"
            "   updated_by_role = excluded.updated_by_role, updated_at = excluded.updated_at"
            " WHERE organisations.name IS DISTINCT FROM excluded.name"
            "    OR organisations.parent_id IS DISTINCT FROM excluded.parent_id"
            "    OR organisations.authority_code IS DISTINCT FROM excluded.authority_code RETURNING 1",
            Params()
                .text(organisation.id)
                .text(organisation.name)
                .textOrNull(organisation.parentId)
                .text(who.user)
                .text(who.organisation)
                .text(who.role)
                .integer(who.at)
                .text(organisation.authorityCode));
        if (written.count() > 0) // an unchanged organisation is not updated, and appends nothing
            appendAudit(
                {"organisation.upsert", "organisation", organisation.id, storage::organisationDetails(organisation)},
                actor);
        return true;
    });
}

Result<std::vector<Organisation>> PostgresStore::organisations()
{
    return read<std::vector<Organisation>>(false, [&] {
        std::vector<Organisation> result;
        const Rows rows =
            m_connection->run("SELECT id, name, coalesce(parent_id, ''), authority_code FROM organisations"
                              " ORDER BY id COLLATE \"C\"");
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(Organisation{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)});
        return result;
    });
}

// ---- systems ------------------------------------------------------------------------------------------------

Result<bool> PostgresStore::addSystem(const SystemDescription& system, const Actor& actor)
{
    return writeSystem(system, true, nullptr, actor);
}

Result<bool> PostgresStore::updateSystem(const SystemDescription& system, const Actor& actor)
{
    return writeSystem(system, false, nullptr, actor);
}

Result<bool> PostgresStore::saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                                       const Actor& actor)
{
    return writeSystem(system, isNew, &assessment, actor);
}

Result<bool> PostgresStore::writeSystem(const SystemDescription& system, bool isNew, const Assessment* assessment,
                                        const Actor& actor)
{
    PreparedAnswers answers;
    std::string encoded;
    Errors errors = storage::checkSystem(system, actor, actorLabels, answers);
    if (assessment)
        storage::appendNew(errors, checkAssessment(system.id, *assessment, actor, encoded));
    if (!errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        AnswerChanges changes;
        if (isNew) {
            insertSystem(db, system, answers, who);
            appendAudit({"system.add", "system", system.id, storage::systemDetails(system)}, actor);
        } else if (replaceSystem(db, system, answers, who, &changes)) {
            appendAudit({"system.update", "system", system.id, storage::systemUpdateDetails(system, changes)}, actor);
        }
        if (assessment) {
            insertAssessment(db, system.id, *assessment, encoded, who);
            appendAudit({"assessment.record", "system", system.id, storage::assessmentDetails(system.id, *assessment)},
                        actor);
        }
        return true;
    });
}

namespace {

// The columns of a system row in loadSystems' queries, after the leading kind and id.
constexpr const char* systemColumns =
    "s.name, s.owner, s.operator, coalesce(s.organisation_id, ''), s.ruleset_id, s.ruleset_version, s.justification,"
    " s.created_by, s.created_by_org, s.created_by_role, s.derived_level::bigint, s.proposed_level::bigint,"
    " s.approved_level::bigint, extract(epoch FROM s.created_at)::bigint, extract(epoch FROM s.updated_at)::bigint,"
    // The procedure's columns in one text (all identifiers, dates and numbers: no '|' inside).
    " concat_ws('|', s.approved_on, s.approved_ruleset, s.workflow_state, s.state_step, s.state_date,"
    "  s.state_level, s.workflow_seq)";

StoredSystem storedSystem(const Rows& rows, int row)
{
    StoredSystem stored;
    stored.description.id = rows.text(row, 1);
    stored.description.name = rows.text(row, 3);
    stored.description.owner = rows.text(row, 4);
    stored.description.operatorName = rows.text(row, 5);
    stored.description.organisationId = rows.text(row, 6);
    stored.rulesetId = rows.text(row, 7);
    stored.rulesetVersion = rows.text(row, 8);
    stored.justification = rows.text(row, 9);
    stored.createdBy = recordedActor(rows, row, 10);
    stored.derivedLevel = static_cast<int>(rows.integer(row, 13));
    stored.proposedLevel = static_cast<int>(rows.integer(row, 14));
    stored.approvedLevel = static_cast<int>(rows.integer(row, 15));
    stored.createdAt = timeOf(rows.integer(row, 16));
    stored.updatedAt = timeOf(rows.integer(row, 17));
    const std::string workflow = rows.text(row, 18);
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        const size_t bar = workflow.find('|', start);
        parts.push_back(workflow.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        if (bar == std::string::npos)
            break;
        start = bar + 1;
    }
    if (parts.size() == 7) {
        stored.approvedOn = parseIsoDate(parts[0]);
        stored.approvedRuleset = parts[1];
        stored.workflowState = parts[2];
        stored.stateStep = parts[3];
        stored.stateDate = parseIsoDate(parts[4]);
        stored.stateLevel = std::atoi(parts[5].c_str());
        stored.workflowSeq = std::atoi(parts[6].c_str());
    }
    return stored;
}

// Rows of kind 1 (system id, name in column 3, in position order) and kind 2 (system id, component, key,
// type, text in columns 3–6) attached to the systems they belong to.
void attach(Database db, std::vector<StoredSystem>& systems, const std::map<std::string, size_t>& index,
            const Rows& rows, int row)
{
    for (; row < rows.count() && rows.integer(row, 0) == 1; ++row)
        systems[index.at(rows.text(row, 1))].description.components.push_back(Component{rows.text(row, 3), {}});
    for (; row < rows.count(); ++row) {
        SystemDescription& system = systems[index.at(rows.text(row, 1))].description;
        const std::string component = rows.text(row, 3), key = rows.text(row, 4);
        auto value = codec::decodeValue(rows.text(row, 5), rows.text(row, 6));
        if (!value)
            fail(damagedAnswer(db, system.id, component, key));
        AnswerSet* target = &system.answers;
        if (!component.empty()) {
            target = nullptr;
            for (Component& candidate : system.components)
                if (candidate.name == component)
                    target = &candidate.answers;
            if (!target) // the foreign key prevents this
                fail(damagedAnswer(db, system.id, component, key));
        }
        target->values.emplace(key, std::move(*value));
    }
}

} // namespace

std::vector<StoredSystem> PostgresStore::loadSystems(const std::string* id, const std::string* organisationId,
                                                     bool headersOnly)
{
    // Ids sort by their bytes (COLLATE "C"), as in SQLite, whatever the database's locale. Rows come in three
    // kinds: systems (0), components (1), answers (2), in the columns of the widest. The filter is one of
    // three fixed SQL fragments; the value itself is always the bound parameter $1.
    const Database db{*m_connection};
    std::vector<StoredSystem> result;
    std::map<std::string, size_t> index;
    if (id) {
        // One system: one statement, one round trip, one snapshot.
        const Rows rows = db.run(
            std::string("SELECT 0 AS kind, s.id AS system_id, 0 AS position, ") + systemColumns +
                " FROM systems s WHERE s.id = $1"
                " UNION ALL SELECT 1, x.system_id, x.position, x.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM components x WHERE x.system_id = $1"
                " UNION ALL SELECT 2, x.system_id, 0, coalesce(x.component, ''), x.key, x.value_type, x.value_text,"
                "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM answers x"
                " WHERE x.system_id = $1"
                " ORDER BY kind, position",
            Params().text(*id));
        int row = 0;
        for (; row < rows.count() && rows.integer(row, 0) == 0; ++row) {
            index.emplace(rows.text(row, 1), result.size());
            result.push_back(storedSystem(rows, row));
        }
        attach(db, result, index, rows, row);
        return result;
    }
    // Many systems: three statements in the caller's snapshot, each ordered only as it must be (one sort of
    // every answer of every system would cost more than the rest of the listing).
    Params params;
    std::string filter, join;
    if (organisationId) {
        params.text(*organisationId);
        filter = " WHERE s.organisation_id = $1";
        join = " JOIN systems s ON s.id = x.system_id";
    }
    const Rows systems = db.run(std::string("SELECT 0, s.id, 0, ") + systemColumns + " FROM systems s" + filter +
                                    " ORDER BY s.id COLLATE \"C\"",
                                params);
    result.reserve(static_cast<size_t>(systems.count()));
    for (int row = 0; row < systems.count(); ++row) {
        if (!headersOnly) // the index serves only to attach components and answers
            index.emplace_hint(index.end(), systems.text(row, 1), result.size());
        result.push_back(storedSystem(systems, row));
    }
    if (result.empty() || headersOnly)
        return result;
    attach(db, result, index,
           db.run("SELECT 1, x.system_id, x.position, x.name FROM components x" + join + filter +
                      " ORDER BY x.system_id, x.position",
                  params),
           0);
    attach(db, result, index,
           db.run("SELECT 2, x.system_id, 0, coalesce(x.component, ''), x.key, x.value_type, x.value_text"
                  " FROM answers x" +
                      join + filter,
                  params),
           0);
    return result;
}

Result<std::optional<StoredSystem>> PostgresStore::system(const std::string& id)
{
    return read<std::optional<StoredSystem>>(false, [&]() -> std::optional<StoredSystem> {
        if (!codec::isStorableText(id))
            return std::nullopt; // no such id can be stored; PostgreSQL would refuse the text itself
        auto found = loadSystems(&id, nullptr);
        if (found.empty())
            return std::nullopt;
        return std::move(found.front());
    });
}

Result<std::vector<StoredSystem>> PostgresStore::systems(const std::string& organisationId)
{
    return read<std::vector<StoredSystem>>(true, [&] {
        if (!codec::isStorableText(organisationId))
            return std::vector<StoredSystem>{};
        return loadSystems(nullptr, organisationId.empty() ? nullptr : &organisationId);
    });
}

Result<std::vector<StoredSystem>> PostgresStore::systemHeaders()
{
    return read<std::vector<StoredSystem>>(true, [&] { return loadSystems(nullptr, nullptr, /*headersOnly=*/true); });
}

Result<std::vector<AnswerChange>> PostgresStore::answerHistory(const std::string& systemId)
{
    return read<std::vector<AnswerChange>>(false, [&] {
        std::vector<AnswerChange> result;
        if (!codec::isStorableText(systemId))
            return result;
        const Rows rows = m_connection->run(
            "SELECT system_id, component, key, old_value, new_value, actor, actor_org, actor_role,"
            " extract(epoch FROM at)::bigint FROM answer_history WHERE system_id = $1 ORDER BY at, id",
            Params().text(systemId));
        result.reserve(static_cast<size_t>(rows.count()));
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(AnswerChange{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3),
                                          rows.text(row, 4), recordedActor(rows, row, 5),
                                          timeOf(rows.integer(row, 8))});
        return result;
    });
}

// ---- assessments --------------------------------------------------------------------------------------------

Result<bool> PostgresStore::recordAssessment(const std::string& systemId, const Assessment& assessment,
                                             const Actor& actor)
{
    std::string encoded;
    if (Errors errors = checkAssessment(systemId, assessment, actor, encoded); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        insertAssessment({*m_connection}, systemId, assessment, encoded, who);
        appendAudit({"assessment.record", "system", systemId, storage::assessmentDetails(systemId, assessment)}, actor);
        return true;
    });
}

Result<std::vector<StoredAssessment>> PostgresStore::assessments(const std::string& systemId)
{
    return read<std::vector<StoredAssessment>>(false, [&] {
        if (!codec::isStorableText(systemId))
            return std::vector<StoredAssessment>{};
        const Database db{*m_connection};
        return readAssessments(db,
                               db.run(std::string(assessmentColumns) + " ORDER BY at, id", Params().text(systemId)));
    });
}

Result<std::optional<StoredAssessment>> PostgresStore::latestAssessment(const std::string& systemId)
{
    return read<std::optional<StoredAssessment>>(false, [&]() -> std::optional<StoredAssessment> {
        if (!codec::isStorableText(systemId))
            return std::nullopt;
        return latest({*m_connection}, systemId);
    });
}

// ---- the level-proposal dossier -----------------------------------------------------------------------------

Result<Dossier> PostgresStore::dossier(const std::string& systemId)
{
    return read<Dossier>(true, [&] {
        if (!codec::isStorableText(systemId))
            fail(noSuchSystem({*m_connection}, systemId));
        return loadDossier({*m_connection}, systemId);
    });
}

Result<bool> PostgresStore::saveDossier(const Dossier& dossier, const Actor& actor)
{
    if (Errors errors = storage::checkDossier(dossier, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        std::vector<storage::DossierItemChange> changes;
        const bool changed = writeDossier({*m_connection}, dossier, who, &changes);
        if (changed)
            appendAudit(
                {"dossier.save", "system", dossier.systemId, storage::dossierDetails(dossier.systemId, changes)},
                actor);
        return changed;
    });
}

Result<bool> PostgresStore::storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                                   const std::string& bytes, const Actor& actor)
{
    Dossier single{systemId, {}, {}, {attachment}};
    Errors errors = storage::checkDossier(single, actor, actorLabels);
    const std::string field = codec::attachmentKey(attachment);
    if (!attachment.reference.empty())
        errors.push_back(makeError(describe(), 0, field, "Tài liệu lưu nội dung không được có đường dẫn tham chiếu",
                                   "An attachment whose content is stored must not carry a reference"));
    if (attachment.size != bytes.size() || sha256Hex(bytes) != attachment.sha256)
        errors.push_back(makeError(describe(), 0, field,
                                   "Nội dung không khớp với kích thước hoặc mã băm SHA-256 đã ghi",
                                   "The content does not match the recorded size or SHA-256 digest"));
    if (!errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        Dossier dossier = loadDossier(db, systemId);
        const bool contentAdded = db.run("INSERT INTO attachment_contents (sha256, content) VALUES ($1, $2)"
                                         " ON CONFLICT (sha256) DO NOTHING RETURNING 1",
                                         Params().text(attachment.sha256).bytes(bytes))
                                      .count() > 0;
        bool replaced = false;
        for (Attachment& existing : dossier.attachments)
            if (existing.kind == attachment.kind && existing.name == attachment.name) {
                existing = attachment;
                replaced = true;
            }
        if (!replaced)
            dossier.attachments.push_back(attachment);
        std::vector<storage::DossierItemChange> changes;
        const bool changed = writeDossier(db, dossier, who, &changes);
        if (changed || contentAdded)
            appendAudit(
                {"attachment.store", "system", systemId, storage::attachmentDetails(systemId, attachment, changes)},
                actor);
        return changed;
    });
}

Result<std::optional<std::string>> PostgresStore::attachmentContent(const std::string& sha256)
{
    return read<std::optional<std::string>>(false, [&]() -> std::optional<std::string> {
        if (!isSha256Hex(sha256))
            return std::nullopt; // only such digests are stored
        const Rows rows =
            m_connection->run("SELECT content FROM attachment_contents WHERE sha256 = $1", Params().text(sha256), true);
        if (rows.count() == 0)
            return std::nullopt;
        return rows.bytes(0, 0);
    });
}

Result<bool> PostgresStore::importDossier(const DossierDocument& document, const Actor& actor)
{
    PreparedAnswers answers;
    std::string encoded;
    Errors errors = storage::checkSystem(document.system, actor, actorLabels, answers);
    storage::appendNew(errors, checkAssessment(document.system.id, document.assessment, actor, encoded));
    Dossier dossier = document.dossier;
    dossier.systemId = document.system.id;
    storage::appendNew(errors, storage::checkDossier(dossier, actor, actorLabels));
    if (!errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        AnswerChanges answerChanges;
        bool systemChanged = true;
        if (systemExists(db, document.system.id))
            systemChanged = replaceSystem(db, document.system, answers, who, &answerChanges);
        else
            insertSystem(db, document.system, answers, who);
        bool assessed = false;
        const auto previous = latest(db, document.system.id);
        if (!previous || !codec::sameAssessment(previous->assessment, document.assessment)) {
            insertAssessment(db, document.system.id, document.assessment, encoded, who);
            assessed = true;
        }
        std::vector<storage::DossierItemChange> dossierChanges;
        const bool dossierChanged = writeDossier(db, dossier, who, &dossierChanges);
        const bool changed = systemChanged || assessed || dossierChanged;
        if (changed)
            appendAudit({"dossier.import", "system", document.system.id,
                         storage::importDetails(document.system, systemChanged, answerChanges,
                                                assessed ? &document.assessment : nullptr, dossierChanges)},
                        actor);
        return changed;
    });
}

// ---- the audit trail ----------------------------------------------------------------------------------------

void PostgresStore::appendAudit(const AuditRecord& record, const Actor& actor)
{
    // Only ever called inside write(), whose transaction holds the audit_log lock taken before its snapshot:
    // the head read here is the real head and nobody appends until this transaction ends.
    const Database db{*m_connection};
    AuditHead head;
    const Rows last = db.run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.count() > 0) {
        head.seq = last.integer(0, 0);
        head.hash = last.text(0, 1);
    }
    const AuditEntry entry = chainedEntry(head, record, actor);
    try {
        db.run("INSERT INTO audit_log (seq, at, actor, actor_org, actor_role, action, subject_kind, subject_id,"
               " details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
               Params()
                   .integer(entry.seq)
                   .text(isoTimestamp(entry.at))
                   .text(entry.actor.userId)
                   .text(entry.actor.organisationId)
                   .text(entry.actor.role)
                   .text(entry.action)
                   .text(entry.subjectKind)
                   .text(entry.subjectId)
                   .text(entry.details)
                   .text(entry.prevHash)
                   .text(entry.hash));
    } catch (Failure& failure) {
        // Another writer appended after the head this transaction read (a writer that did not take the lock,
        // e.g. an older program): the whole unit of work runs again and reads the new head.
        if (failure.sqlState == "23505")
            failure.sqlState = "40001";
        throw;
    }
}

Result<AuditHead> PostgresStore::auditHead()
{
    return read<AuditHead>(false, [&] {
        AuditHead head;
        const Rows last = m_connection->run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.count() > 0) {
            head.seq = last.integer(0, 0);
            head.hash = last.text(0, 1);
        }
        return head;
    });
}

Result<bool> PostgresStore::forEachAuditEntry(std::int64_t fromSeq,
                                              const std::function<bool(const AuditEntryView&)>& visit)
{
    // One COPY … TO STDOUT in binary: one statement (one snapshot, even while others append), rows streamed
    // as they come (constant memory), no text escaping to undo; about twice what paged SELECTs deliver.
    return read<bool>(false, [&] {
        AuditEntryView view;
        bool damagedRow = false;
        // fromSeq is a number written here, never text from outside.
        std::string query = "SELECT seq, at, actor, actor_org, actor_role, action, subject_kind, subject_id, details,"
                            " prev_hash, hash FROM audit_log WHERE seq >= ";
        query += std::to_string(fromSeq);
        query += " ORDER BY seq";
        m_connection->copyOut(query, [&](const std::vector<std::string_view>& fields, const std::vector<bool>& isNull) {
            if (fields.size() != 11 || fields[0].size() != 8 || isNull[0]) {
                damagedRow = true;
                return false;
            }
            std::uint64_t seq = 0;
            for (const char byte : fields[0])
                seq = (seq << 8) | static_cast<unsigned char>(byte);
            view.seq = static_cast<std::int64_t>(seq);
            view.at = fields[1];
            view.user = fields[2];
            view.organisation = fields[3];
            view.role = fields[4];
            view.action = fields[5];
            view.subjectKind = fields[6];
            view.subjectId = fields[7];
            view.details = fields[8];
            view.prevHash = fields[9];
            view.hash = fields[10];
            return visit(view);
        });
        if (damagedRow)
            fail(makeError(ErrorKind::Storage, describe(), 0, "audit_log", "Một dòng của audit_log không đọc được",
                           "A row of audit_log cannot be read"));
        return true;
    });
}

// ---- users, workflow steps, duties -------------------------------------------------------------------------

namespace {

void keepContents(Database db, const std::vector<Attachment>& attachments, const std::vector<std::string>& contents)
{
    for (size_t i = 0; i < attachments.size(); ++i)
        db.run("INSERT INTO record_contents (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
               Params().text(attachments[i].sha256).bytes(contents[i]));
}

} // namespace

Result<bool> PostgresStore::saveUser(const User& user, const Actor& actor)
{
    if (Errors errors = storage::checkUser(user, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        for (const Membership& membership : user.memberships)
            if (db.run("SELECT 1 FROM organisations WHERE id = $1", Params().text(membership.organisationId)).count() ==
                0)
                return noSuchOrganisation(db, membership.organisationId, "organisation");
        const Rows changed = db.run(
            "INSERT INTO users (id, name, memberships, created_by, created_by_org, created_by_role, created_at,"
            " updated_by, updated_by_org, updated_by_role, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7), $4, $5, $6, to_timestamp($7))"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, memberships = excluded.memberships,"
            "   updated_by = excluded.updated_by, updated_by_org = excluded.updated_by_org,"
            "   updated_by_role = excluded.updated_by_role, updated_at = excluded.updated_at"
            " WHERE users.name IS DISTINCT FROM excluded.name OR users.memberships IS DISTINCT FROM excluded.memberships"
            " RETURNING id",
            Params()
                .text(user.id)
                .text(user.name)
                .text(storage::encodeMemberships(user.memberships))
                .text(who.user)
                .text(who.organisation)
                .text(who.role)
                .integer(who.at));
        if (changed.count() > 0)
            appendAudit({"user.save", "user", user.id, storage::userDetails(user)}, actor);
        return changed.count() > 0;
    });
}

Result<std::optional<User>> PostgresStore::user(const std::string& id)
{
    return read<std::optional<User>>(false, [&]() -> std::optional<User> {
        if (!codec::isStorableText(id))
            return std::nullopt;
        const Rows rows = m_connection->run("SELECT id, name, memberships FROM users WHERE id = $1", Params().text(id));
        if (rows.count() == 0)
            return std::nullopt;
        return User{rows.text(0, 0), rows.text(0, 1), storage::decodeMemberships(rows.text(0, 2))};
    });
}

Result<std::vector<User>> PostgresStore::users()
{
    return read<std::vector<User>>(false, [&] {
        std::vector<User> result;
        const Rows rows = m_connection->run("SELECT id, name, memberships FROM users ORDER BY id COLLATE \"C\"");
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(User{rows.text(row, 0), rows.text(row, 1), storage::decodeMemberships(rows.text(row, 2))});
        return result;
    });
}

Result<bool> PostgresStore::appendWorkflowStep(const WorkflowStepRecord& record,
                                               const std::vector<std::string>& contents, const Actor& actor)
{
    if (Errors errors = storage::checkStepRecord(record, contents, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        const Rows current = db.run("SELECT workflow_state, workflow_seq::bigint FROM systems WHERE id = $1 FOR UPDATE",
                                    Params().text(record.systemId));
        if (current.count() == 0)
            return noSuchSystem(db, record.systemId);
        const std::string state = current.text(0, 0);
        if (current.integer(0, 1) + 1 != record.seq || (!state.empty() && state != record.fromState))
            return storage::workflowConflict(describe(), record.systemId);
        keepContents(db, record.attachments, contents);
        db.run("INSERT INTO workflow_steps (system_id, seq, step, to_state, effective_date, details, user_id,"
               " organisation, role, at) VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, to_timestamp($10))",
               Params()
                   .text(record.systemId)
                   .integer(record.seq)
                   .text(record.step)
                   .text(record.toState)
                   .text(formatIsoDate(record.date))
                   .text(storage::encodeStepDetails(record))
                   .text(who.user)
                   .text(who.organisation)
                   .text(who.role)
                   .integer(who.at));
        const bool entersState = record.toState != record.fromState || state.empty();
        db.run("UPDATE systems SET workflow_seq = $2, workflow_state = $3,"
               " state_step = CASE WHEN $4 THEN $5 ELSE state_step END,"
               " state_date = CASE WHEN $4 THEN $6 ELSE state_date END,"
               " state_level = CASE WHEN $4 THEN $7::smallint ELSE state_level END,"
               " approved_level = CASE WHEN $8::smallint > 0 THEN $8::smallint ELSE approved_level END,"
               " approved_on = CASE WHEN $8::smallint > 0 THEN $6 ELSE approved_on END,"
               " approved_ruleset = CASE WHEN $8::smallint > 0 THEN $9 ELSE approved_ruleset END"
               " WHERE id = $1",
               Params()
                   .text(record.systemId)
                   .integer(record.seq)
                   .text(record.toState)
                   .text(entersState ? "true" : "false")
                   .text(record.step)
                   .text(formatIsoDate(record.date))
                   .integer(record.level)
                   .integer(record.approvedLevel)
                   .text(record.rulesetId));
        appendAudit({"workflow.step", "system", record.systemId, storage::workflowStepDetails(record)}, actor);
        return true;
    });
}

namespace {

// One row of workflow_steps as the step queries select it, from column `first` on (seq, step, to_state,
// effective_date, details, user_id, organisation, role, at).
WorkflowStepRecord stepRecord(const Rows& rows, int row, int first, std::string systemId)
{
    WorkflowStepRecord record;
    record.systemId = std::move(systemId);
    record.seq = static_cast<int>(rows.integer(row, first));
    record.step = rows.text(row, first + 1);
    record.toState = rows.text(row, first + 2);
    record.date = parseIsoDate(rows.text(row, first + 3)).value_or(Date{});
    storage::decodeStepDetails(rows.text(row, first + 4), record);
    record.actor = recordedActor(rows, row, first + 5);
    record.at = timeOf(rows.integer(row, first + 8));
    return record;
}

} // namespace

Result<std::vector<WorkflowStepRecord>> PostgresStore::workflowSteps(const std::string& systemId)
{
    return read<std::vector<WorkflowStepRecord>>(false, [&] {
        std::vector<WorkflowStepRecord> result;
        if (!codec::isStorableText(systemId))
            return result;
        const Rows rows = m_connection->run(
            "SELECT seq::bigint, step, to_state, effective_date::text, details, user_id, organisation, role,"
            " extract(epoch FROM at)::bigint FROM workflow_steps WHERE system_id = $1 ORDER BY seq",
            Params().text(systemId));
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(stepRecord(rows, row, 0, systemId));
        return result;
    });
}

Result<bool> PostgresStore::recordDuty(const DutyRecord& record, const std::vector<std::string>& contents,
                                       const Actor& actor)
{
    if (Errors errors = storage::checkDutyRecord(record, contents, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        if (db.run("SELECT 1 FROM systems WHERE id = $1", Params().text(record.systemId)).count() == 0)
            return noSuchSystem(db, record.systemId);
        keepContents(db, record.attachments, contents);
        db.run("INSERT INTO duty_records (system_id, duty_id, fulfilled_on, details, user_id, organisation, role, at)"
               " VALUES ($1, $2, $3::date, $4, $5, $6, $7, to_timestamp($8))",
               Params()
                   .text(record.systemId)
                   .text(record.dutyId)
                   .text(formatIsoDate(record.fulfilledOn))
                   .text(storage::encodeDutyDetails(record))
                   .text(who.user)
                   .text(who.organisation)
                   .text(who.role)
                   .integer(who.at));
        appendAudit({"duty.record", "system", record.systemId, storage::dutyDetails(record)}, actor);
        return true;
    });
}

Result<std::vector<DutyRecord>> PostgresStore::dutyRecords(const std::string& systemId)
{
    return read<std::vector<DutyRecord>>(false, [&] {
        std::vector<DutyRecord> result;
        if (!codec::isStorableText(systemId))
            return result;
        const Rows rows =
            m_connection->run("SELECT system_id, duty_id, fulfilled_on::text, details, user_id, organisation, role,"
                              " extract(epoch FROM at)::bigint FROM duty_records WHERE $1 = '' OR system_id = $1"
                              " ORDER BY system_id COLLATE \"C\", duty_id COLLATE \"C\", fulfilled_on, id",
                              Params().text(systemId));
        for (int row = 0; row < rows.count(); ++row) {
            DutyRecord record;
            record.systemId = rows.text(row, 0);
            record.dutyId = rows.text(row, 1);
            record.fulfilledOn = parseIsoDate(rows.text(row, 2)).value_or(Date{});
            storage::decodeDutyDetails(rows.text(row, 3), record);
            record.actor = recordedActor(rows, row, 4);
            record.at = timeOf(rows.integer(row, 7));
            result.push_back(std::move(record));
        }
        return result;
    });
}

Result<std::optional<std::string>> PostgresStore::recordContent(const std::string& sha256)
{
    return read<std::optional<std::string>>(false, [&]() -> std::optional<std::string> {
        if (!isSha256Hex(sha256))
            return std::nullopt;
        const Rows rows =
            m_connection->run("SELECT bytes FROM record_contents WHERE sha256 = $1", Params().text(sha256), true);
        if (rows.count() == 0)
            return std::nullopt;
        return rows.bytes(0, 0);
    });
}

// ---- working-day calendar announcements ---------------------------------------------------------------------

Result<std::vector<StoredCalendarAnnouncement>> PostgresStore::calendarAnnouncements()
{
    return read<std::vector<StoredCalendarAnnouncement>>(false, [&] {
        std::vector<StoredCalendarAnnouncement> result;
        const Rows rows = m_connection->run("SELECT year::bigint, xml, actor, actor_org, actor_role,"
                                            " extract(epoch FROM at)::bigint FROM calendar_announcements"
                                            " ORDER BY year, id");
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(StoredCalendarAnnouncement{static_cast<int>(rows.integer(row, 0)), rows.text(row, 1),
                                                        recordedActor(rows, row, 2), timeOf(rows.integer(row, 5))});
        return result;
    });
}

Result<bool> PostgresStore::saveCalendarAnnouncement(int year, const std::string& xmlText, const Actor& actor)
{
    if (Errors errors = storage::checkCalendarAnnouncement(year, xmlText, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        m_connection->run(
            "INSERT INTO calendar_announcements (year, xml, actor, actor_org, actor_role, at)"
            " VALUES ($1::integer, $2, $3, $4, $5, to_timestamp($6))",
            Params().integer(year).text(xmlText).text(who.user).text(who.organisation).text(who.role).integer(who.at));
        appendAudit({"calendar.announce", "calendar", std::to_string(year),
                     storage::calendarAnnouncementDetails(year, xmlText)},
                    actor);
        return true;
    });
}

// ---- inspections ---------------------------------------------------------------------------------------------

Result<bool> PostgresStore::saveInspection(const Inspection& inspection, const Actor& actor)
{
    if (Errors errors = storage::checkInspection(inspection, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        for (const std::string* organisation : {&inspection.inspectingBody, &inspection.scope.organisationId})
            if (db.run("SELECT 1 FROM organisations WHERE id = $1", Params().text(*organisation)).count() == 0)
                return noSuchOrganisation(db, *organisation);
        for (const std::string& member : inspection.team)
            if (db.run("SELECT 1 FROM users WHERE id = $1", Params().text(member)).count() == 0)
                return storage::noSuchUser(db.label(), member);
        for (const std::string& system : inspection.scope.systems)
            if (db.run("SELECT 1 FROM systems WHERE id = $1", Params().text(system)).count() == 0)
                return storage::noSuchScopeSystem(db.label(), system);
        const Rows changed =
            db.run("INSERT INTO inspections (id, decision_number, decision_date, inspecting_body, scope_organisation,"
                   "  period_from, period_to, details, created_by, created_by_org, created_by_role, created_at,"
                   "  updated_by, updated_by_org, updated_by_role, updated_at)"
                   " VALUES ($1, $2, $3::date, $4, $5, $6::date, $7::date, $8, $9, $10, $11, to_timestamp($12),"
                   "  $9, $10, $11, to_timestamp($12))"
                   " ON CONFLICT (id) DO UPDATE SET decision_number = excluded.decision_number,"
                   "   decision_date = excluded.decision_date, inspecting_body = excluded.inspecting_body,"
                   "   scope_organisation = excluded.scope_organisation, period_from = excluded.period_from,"
                   "   period_to = excluded.period_to, details = excluded.details, updated_by = excluded.updated_by,"
                   "   updated_by_org = excluded.updated_by_org, updated_by_role = excluded.updated_by_role,"
                   "   updated_at = excluded.updated_at"
                   " WHERE inspections.decision_number IS DISTINCT FROM excluded.decision_number"
                   "   OR inspections.decision_date IS DISTINCT FROM excluded.decision_date"
                   "   OR inspections.inspecting_body IS DISTINCT FROM excluded.inspecting_body"
                   "   OR inspections.scope_organisation IS DISTINCT FROM excluded.scope_organisation"
                   "   OR inspections.period_from IS DISTINCT FROM excluded.period_from"
                   "   OR inspections.period_to IS DISTINCT FROM excluded.period_to"
                   "   OR inspections.details IS DISTINCT FROM excluded.details"
                   " RETURNING id",
                   Params()
                       .text(inspection.id)
                       .text(inspection.decisionNumber)
                       .text(formatIsoDate(inspection.decisionDate))
                       .text(inspection.inspectingBody)
                       .text(inspection.scope.organisationId)
                       .text(formatIsoDate(inspection.scope.periodFrom))
                       .text(formatIsoDate(inspection.scope.periodTo))
                       .text(storage::encodeInspectionDetails(inspection))
                       .text(who.user)
                       .text(who.organisation)
                       .text(who.role)
                       .integer(who.at));
        if (changed.count() > 0)
            appendAudit({"inspection.save", "inspection", inspection.id, storage::inspectionDetails(inspection)},
                        actor);
        return changed.count() > 0;
    });
}

namespace {

constexpr const char* selectInspections =
    "SELECT id, decision_number, decision_date::text, inspecting_body, scope_organisation, period_from::text,"
    " period_to::text, details, created_by, created_by_org, created_by_role, extract(epoch FROM created_at)::bigint,"
    " updated_by, updated_by_org, updated_by_role, extract(epoch FROM updated_at)::bigint FROM inspections";

StoredInspection readInspection(const Rows& rows, int row)
{
    StoredInspection stored;
    Inspection& i = stored.inspection;
    i.id = rows.text(row, 0);
    i.decisionNumber = rows.text(row, 1);
    i.decisionDate = parseIsoDate(rows.text(row, 2)).value_or(Date{});
    i.inspectingBody = rows.text(row, 3);
    i.scope.organisationId = rows.text(row, 4);
    i.scope.periodFrom = parseIsoDate(rows.text(row, 5)).value_or(Date{});
    i.scope.periodTo = parseIsoDate(rows.text(row, 6)).value_or(Date{});
    storage::decodeInspectionDetails(rows.text(row, 7), i);
    stored.createdBy = recordedActor(rows, row, 8);
    stored.createdAt = timeOf(rows.integer(row, 11));
    stored.updatedBy = recordedActor(rows, row, 12);
    stored.updatedAt = timeOf(rows.integer(row, 15));
    return stored;
}

} // namespace

Result<std::optional<StoredInspection>> PostgresStore::inspection(const std::string& id)
{
    return read<std::optional<StoredInspection>>(false, [&]() -> std::optional<StoredInspection> {
        if (!codec::isStorableText(id))
            return std::nullopt;
        const Rows rows = m_connection->run(std::string(selectInspections) + " WHERE id = $1", Params().text(id));
        if (rows.count() == 0)
            return std::nullopt;
        return readInspection(rows, 0);
    });
}

Result<std::vector<StoredInspection>> PostgresStore::inspections()
{
    return read<std::vector<StoredInspection>>(false, [&] {
        std::vector<StoredInspection> result;
        const Rows rows = m_connection->run(std::string(selectInspections) + " ORDER BY id COLLATE \"C\"");
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(readInspection(rows, row));
        return result;
    });
}

// ---- findings of inspections ----------------------------------------------------------------------------------

namespace {

struct FindingRow {
    bool known = false;
    StoredFinding stored;
};

FindingRow findingRow(const Database& db, const std::string& inspectionId, const std::string& key)
{
    FindingRow row;
    const Rows rows = db.run("SELECT status, deadline, details FROM findings WHERE inspection_id = $1"
                             " AND finding_key = $2 FOR UPDATE",
                             Params().text(inspectionId).text(key));
    if (rows.count() == 0)
        return row;
    row.known = true;
    parseRemediationStatus(rows.text(0, 0), row.stored.status);
    row.stored.deadline = parseIsoDate(rows.text(0, 1));
    storage::decodeFinding(rows.text(0, 2), row.stored);
    return row;
}

} // namespace

Result<FindingMerge> PostgresStore::mergeFindings(const std::string& inspectionId, const std::vector<Finding>& found,
                                                  const std::optional<Date>& deadline, const Actor& actor)
{
    if (Errors errors = storage::checkFindings(inspectionId, found, actor, actorLabels); !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    const std::string at = isoTimestamp(actor.at);
    FindingMerge merge;
    auto done = write([&]() -> Result<bool> {
        merge = FindingMerge{};
        const Database db{*m_connection};
        if (db.run("SELECT 1 FROM inspections WHERE id = $1", Params().text(inspectionId)).count() == 0)
            return storage::noSuchInspection(db.label(), inspectionId);
        for (const Finding& finding : found) {
            FindingRow row = findingRow(db, inspectionId, finding.key());
            if (row.known && row.stored.status != RemediationStatus::Closed) {
                ++merge.unchanged;
                continue;
            }
            const bool reopened = row.known;
            StoredFinding& stored = row.stored;
            stored.finding = finding;
            stored.status = RemediationStatus::Open;
            if (!reopened)
                stored.deadline = deadline;
            stored.history.push_back(RemediationEntry{RemediationStatus::Open,
                                                      reopened ? "reopened: found again" : "found", "", who.user, at});
            db.run("INSERT INTO findings (inspection_id, finding_key, rule_id, system_id, status, deadline, details,"
                   " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8))"
                   " ON CONFLICT (inspection_id, finding_key) DO UPDATE SET status = excluded.status,"
                   " details = excluded.details, updated_at = excluded.updated_at",
                   Params()
                       .text(inspectionId)
                       .text(finding.key())
                       .text(finding.ruleId)
                       .text(finding.systemId)
                       .text(remediationStatusName(stored.status))
                       .text(stored.deadline ? formatIsoDate(*stored.deadline) : std::string())
                       .text(storage::encodeFinding(stored))
                       .integer(who.at));
            appendAudit({reopened ? "finding.reopen" : "finding.add", "finding", inspectionId + "/" + finding.key(),
                         storage::findingDetails(inspectionId, stored)},
                        actor);
            ++(reopened ? merge.reopened : merge.added);
        }
        return true;
    });
    if (!done)
        return done.errors();
    return merge;
}

Result<std::vector<StoredFinding>> PostgresStore::findings(const std::string& inspectionId)
{
    return read<std::vector<StoredFinding>>(true, [&] {
        std::vector<StoredFinding> result;
        if (!codec::isStorableText(inspectionId))
            return result;
        std::map<std::string, size_t> byKey;
        const Rows rows = m_connection->run("SELECT status, deadline, details FROM findings WHERE inspection_id = $1"
                                            " ORDER BY finding_key COLLATE \"C\"",
                                            Params().text(inspectionId));
        for (int row = 0; row < rows.count(); ++row) {
            StoredFinding stored;
            stored.inspectionId = inspectionId;
            parseRemediationStatus(rows.text(row, 0), stored.status);
            stored.deadline = parseIsoDate(rows.text(row, 1));
            storage::decodeFinding(rows.text(row, 2), stored);
            byKey[stored.finding.key()] = result.size();
            result.push_back(std::move(stored));
        }
        const Rows files = m_connection->run("SELECT finding_key, entry, name, media_type, size, sha256"
                                             " FROM remediation_files WHERE inspection_id = $1"
                                             " ORDER BY finding_key, entry, position",
                                             Params().text(inspectionId));
        for (int row = 0; row < files.count(); ++row) {
            auto found = byKey.find(files.text(row, 0));
            const auto entry = static_cast<size_t>(files.integer(row, 1));
            if (found == byKey.end() || entry >= result[found->second].history.size())
                continue;
            result[found->second].history[entry].files.push_back(
                Attachment{"evidence",
                           files.text(row, 2),
                           files.text(row, 3),
                           static_cast<std::uint64_t>(files.integer(row, 4)),
                           files.text(row, 5),
                           {},
                           false});
        }
        return result;
    });
}

Result<bool> PostgresStore::updateFinding(const std::string& inspectionId, const std::string& key,
                                          const std::optional<Date>& deadline, const RemediationEntry& entry,
                                          const std::vector<std::string>& contents, const Actor& actor)
{
    if (Errors errors = storage::checkRemediation(inspectionId, key, entry, contents, actor, actorLabels);
        !errors.empty())
        return errors;
    const ActorColumns who = columnsOf(actor);
    return write([&]() -> Result<bool> {
        const Database db{*m_connection};
        FindingRow row = findingRow(db, inspectionId, key);
        if (!row.known)
            return storage::noSuchFinding(db.label(), inspectionId, key);
        StoredFinding& stored = row.stored;
        stored.status = entry.status;
        if (deadline)
            stored.deadline = deadline;
        RemediationEntry recorded = entry;
        recorded.userId = who.user;
        recorded.at = isoTimestamp(actor.at);
        stored.history.push_back(std::move(recorded));
        keepContents(db, entry.files, contents);
        const auto entryIndex = static_cast<std::int64_t>(stored.history.size() - 1);
        for (size_t position = 0; position < entry.files.size(); ++position) {
            const Attachment& a = entry.files[position];
            db.run("INSERT INTO remediation_files (inspection_id, finding_key, entry, position, name, media_type,"
                   " size, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   Params()
                       .text(inspectionId)
                       .text(key)
                       .integer(entryIndex)
                       .integer(static_cast<std::int64_t>(position))
                       .text(a.name)
                       .text(a.mediaType)
                       .integer(static_cast<std::int64_t>(a.size))
                       .text(a.sha256));
        }
        db.run("UPDATE findings SET status = $3, deadline = $4, details = $5, updated_at = to_timestamp($6)"
               " WHERE inspection_id = $1 AND finding_key = $2",
               Params()
                   .text(inspectionId)
                   .text(key)
                   .text(remediationStatusName(stored.status))
                   .text(stored.deadline ? formatIsoDate(*stored.deadline) : std::string())
                   .text(storage::encodeFinding(stored))
                   .integer(who.at));
        appendAudit(
            {"finding.update", "finding", inspectionId + "/" + key, storage::findingDetails(inspectionId, stored)},
            actor);
        return true;
    });
}

// ---- reading many systems at once --------------------------------------------------------------------------

Result<std::vector<WorkflowStepRecord>> PostgresStore::workflowStepsOf(const std::vector<std::string>& systemIds)
{
    return read<std::vector<WorkflowStepRecord>>(false, [&] {
        std::vector<WorkflowStepRecord> result;
        TextArray ids;
        for (const std::string& id : systemIds)
            ids.add(codec::isStorableText(id) ? id : std::string());
        if (systemIds.empty())
            return result;
        // One query for all of them: the ids as one array parameter, their order kept by its ordinality.
        const Rows rows = m_connection->run(
            "SELECT w.system_id, w.seq::bigint, w.step, w.to_state, w.effective_date::text, w.details, w.user_id,"
            " w.organisation, w.role, extract(epoch FROM w.at)::bigint FROM unnest($1::text[]) WITH ORDINALITY AS"
            " i (id, position) JOIN workflow_steps w ON w.system_id = i.id ORDER BY i.position, w.seq",
            Params().text(ids.literal()));
        result.reserve(static_cast<size_t>(rows.count()));
        for (int row = 0; row < rows.count(); ++row)
            result.push_back(stepRecord(rows, row, 1, rows.text(row, 0)));
        return result;
    });
}

Result<std::vector<Dossier>> PostgresStore::dossiersOf(const std::vector<std::string>& systemIds)
{
    return read<std::vector<Dossier>>(true, [&] { return loadDossiers({*m_connection}, systemIds); });
}

} // namespace seclevel
