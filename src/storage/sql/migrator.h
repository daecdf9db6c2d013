// Migrator: brings a database to the binary's schema version, the same way on every engine.
#pragma once

#include <string>

#include "core/result.h"
#include "storage/sql/connection.h"

namespace trygg::sql {

// The highest applied migration, 0 for a database without the meta table.
Result<int> ReadSchemaVersion(Connection& conn);

// Applies every migration newer than the database, each in its own
// transaction opened with `begin_write_sql` (which must exclude other
// migrators, e.g. "BEGIN IMMEDIATE"). Safe to run twice and from two
// processes at once. FailedPrecondition("storage.schema_too_new") when the
// database was written by a newer binary; nothing is changed then.
Status RunMigrations(Connection& conn, const std::string& begin_write_sql);

}  // namespace trygg::sql
