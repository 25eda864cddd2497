#pragma once
// One step of a store's versioned schema (internal to storage): both stores keep an ordered list of these and
// record the applied ones in schema_migrations. Never edit a released migration: add the next one.

namespace seclevel::storage {

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

} // namespace seclevel::storage
