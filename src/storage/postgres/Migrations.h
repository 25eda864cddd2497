#pragma once
// The versioned schema of the PostgreSQL store (internal to storage/postgres).
//
// Migrations are an ordered list of SQL scripts recorded in schema_migrations. All pending ones are applied
// in one transaction that holds a transaction-level advisory lock, so two programs opening a new database at
// the same moment never both migrate it: the second waits, then finds the work done. Never edit a released
// migration: add the next one.
#include "storage/Migration.h"
#include "storage/postgres/Connection.h"

#include <vector>

namespace seclevel::postgres {

using storage::Migration;

const std::vector<Migration>& migrations();
int supportedSchemaVersion();

// The schema version of the database's current schema: 0 when it holds nothing. Throws Failure when the
// schema holds tables but no schema_migrations (another program's data) or a version newer than this program.
int readSchemaVersion(Connection& connection);

// Brings the schema up to date (see above).
void migrate(Connection& connection);

} // namespace seclevel::postgres
