// Reads a mea database file directly with the SQLite C API, read-only, so
// that tests judge what is on disk rather than what the server says: after
// a crash (the server is dead), before and after hostile requests (nothing
// may have changed), and on backups. ExecSql alone writes: it plays
// somebody who edits the file behind the server's back.
#ifndef MEA_TESTS_SUPPORT_DATABASE_INSPECTION_H_
#define MEA_TESTS_SUPPORT_DATABASE_INSPECTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mea::testing {

// Every row of every table (sqlite_master type 'table', sqlite_* aside) as
// text, tables by name and rows sorted, so that two databases with the same
// content give the same string whatever their physical order. Views are
// left out: they are functions of the tables.
absl::StatusOr<std::string> ContentDump(const std::string& path);

// The answer of PRAGMA integrity_check: "ok" when the file is sound.
absl::StatusOr<std::string> IntegrityCheck(const std::string& path);

// The rows of `sql` (no parameters), each row's columns as text ("" for
// NULL).
absl::StatusOr<std::vector<std::vector<std::string>>> Query(
    const std::string& path, const std::string& sql);

// The first column of the first row of `sql` as text; "" when there is no
// row, the value is NULL, or the query fails.
std::string QueryValue(const std::string& path, const std::string& sql);

// The single integer `sql` yields.
absl::StatusOr<int64_t> QueryInt(const std::string& path,
                                 const std::string& sql);

// Runs `sql` (one or more statements) on the file through a connection of
// its own, as anybody with access to the file could; returns SQLite's error
// message, "" when every statement ran.
std::string ExecSql(const std::string& path, const std::string& sql);

// Results batches stored in part: receipts whose result_dispensings rows
// differ in number from the count on the receipt, plus rows whose receipt
// is missing. 0 when every batch is whole.
absl::StatusOr<int64_t> PartialBatches(const std::string& path);

}  // namespace mea::testing

#endif  // MEA_TESTS_SUPPORT_DATABASE_INSPECTION_H_
