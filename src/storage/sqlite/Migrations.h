#pragma once
// The versioned schema of the SQLite store (internal to storage/sqlite).
//
// Migrations are an ordered list of SQL scripts; the missing ones are applied in one transaction together with
// their rows in schema_migrations, so a database is always at exactly one known version. Never edit a released
// migration: add the next one. A migration that rebuilds a table must say so, because foreign_keys cannot
// be switched off inside a transaction (see https://sqlite.org/lang_altertable.html#otheralter).
#include <sqlite3.h>

#include "storage/Migration.h"

#include <string>
#include <vector>

namespace seclevel::sqlite {

using storage::Migration;

const std::vector<Migration>& migrations();
int supportedSchemaVersion();

// The version of an open database: 0 when it is empty. Throws Failure when the file holds tables but no
// schema_migrations (a database of some other program) or when its version is newer than this program's.
int readSchemaVersion(sqlite3* db, const std::string& path);

// Applies every migration newer than the database, all in one exclusive transaction. Safe against other
// processes migrating the same file at the same time: the version is read again once the lock is held.
void migrate(sqlite3* db, const std::string& path);

} // namespace seclevel::sqlite
