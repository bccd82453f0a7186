// Databases at an earlier schema version, as an older mead left them: the
// first N migrations of storage/core/migrations.cc, applied the way
// Database::Open applies them, and a few rows of every kind that exists at
// version N (a method, a temporary introduction with its follow-up plan, an
// agreement with two results batches and a settlement, audit entries).
//
// Migrations are append-only, so "the first N migrations" is what a mead
// of version N made. make_schema_fixtures writes one such file per earlier
// version into tests/storage/fixtures/schema-vN.sqlite, once; the files
// are committed, so that a later edit of a shipped migration, or a reader
// that no longer understands old rows, fails migration_test instead of
// being regenerated away.
//
// The rows are written as SQL of their own, not through storage/'s
// functions: they stand for what an older binary wrote, which today's
// loaders must still read.
#ifndef MEA_TESTS_STORAGE_SCHEMA_FIXTURES_H_
#define MEA_TESTS_STORAGE_SCHEMA_FIXTURES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace mea::testing {

// What the rows hold, for the tests to look for.
inline constexpr char kFixtureMethod[] = "ID2024_001";
inline constexpr char kFixtureMethodWithoutDecision[] = "ID2024_002";
inline constexpr int64_t kFixtureDecision = 1;
inline constexpr int64_t kFixturePendingObligation = 1;
inline constexpr int64_t kFixtureDeliveredObligation = 2;
inline constexpr char kFixtureAgreement[] = "SI-2024-001";
inline constexpr int64_t kFixtureSettlementNetOre = 4435200;
// Entries in audit_entries (from migration 4 on), all of entry version 1.
inline constexpr int kFixtureAuditEntries = 8;

// The version of the newest migration: where Database::Open brings a file.
int LatestSchemaVersion();

// The first migration that creates the agreements tables, and the one
// that creates the audit trail: rows of those areas exist from there on.
inline constexpr int kAgreementsSince = 2;
inline constexpr int kAuditSince = 4;

// Applies migrations 1 .. `version` to the database at `path` (created if
// missing), each in its own transaction with PRAGMA user_version, in WAL
// mode with foreign keys on, as Database::Open does.
absl::Status ApplyMigrationsUpTo(const std::string& path, int version);

// A new fixture at `path` (which must not exist): the first `version`
// migrations and the rows valid at that version. The file is left in
// rollback-journal mode, a single self-contained file.
absl::Status MakeSchemaFixture(const std::string& path, int version);

}  // namespace mea::testing

#endif  // MEA_TESTS_STORAGE_SCHEMA_FIXTURES_H_
