#pragma once
// One step of a store's versioned schema (internal to storage): both stores keep an ordered list of these and
// record the applied ones in schema_migrations. Never edit a released migration: add the next one.

#include "core/Error.h"

#include <cstdint>
#include <string>

namespace seclevel::storage {

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// The refusal to open a database whose schema `found` is newer than the `supported` one of this program.
Error newerSchema(const std::string& file, std::int64_t found, int supported);

} // namespace seclevel::storage
