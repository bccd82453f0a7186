#include "tests/support/database_inspection.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"

namespace mea::testing {
namespace {

struct CloseDatabase {
  void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
};
using Handle = std::unique_ptr<sqlite3, CloseDatabase>;

// Read-only, and never creating the file: a missing database is an error,
// not an empty one.
absl::StatusOr<Handle> OpenReadOnly(const std::string& path) {
  sqlite3* raw = nullptr;
  const int code =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Handle handle(raw);
  if (code != SQLITE_OK) {
    return absl::UnavailableError(
        absl::StrCat("cannot open ", path, ": ", sqlite3_errstr(code)));
  }
  sqlite3_busy_timeout(raw, 5000);
  return handle;
}

absl::StatusOr<std::vector<std::vector<std::string>>> Rows(
    sqlite3* handle, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v2(handle, sql.c_str(), -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(
      raw, sqlite3_finalize);
  if (code != SQLITE_OK) {
    return absl::InternalError(absl::StrCat(sql, ": ", sqlite3_errmsg(handle)));
  }
  std::vector<std::vector<std::string>> rows;
  while ((code = sqlite3_step(raw)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(raw); ++i) {
      const auto* text =
          reinterpret_cast<const char*>(sqlite3_column_text(raw, i));
      row.emplace_back(text == nullptr ? "" : text,
                       text == nullptr ? 0 : sqlite3_column_bytes(raw, i));
    }
    rows.push_back(std::move(row));
  }
  if (code != SQLITE_DONE) {
    return absl::InternalError(absl::StrCat(sql, ": ", sqlite3_errmsg(handle)));
  }
  return rows;
}

// Table names come from sqlite_master, never from a request; quoting keeps
// any name a name.
std::string QuotedName(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

}  // namespace

absl::StatusOr<std::string> ContentDump(const std::string& path) {
  MEA_ASSIGN_OR_RETURN(const Handle handle, OpenReadOnly(path));
  MEA_ASSIGN_OR_RETURN(
      const auto tables,
      Rows(handle.get(),
           "SELECT name FROM sqlite_master WHERE type = 'table' "
           "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
  std::string dump;
  for (const auto& table : tables) {
    MEA_ASSIGN_OR_RETURN(
        const auto rows,
        Rows(handle.get(),
             absl::StrCat("SELECT * FROM ", QuotedName(table[0]))));
    std::vector<std::string> lines;
    for (const auto& row : rows) lines.push_back(absl::StrJoin(row, "\x1f"));
    std::sort(lines.begin(), lines.end());
    absl::StrAppend(&dump, "== ", table[0], " (", lines.size(), " rows)\n",
                    absl::StrJoin(lines, "\n"), "\n");
  }
  return dump;
}

absl::StatusOr<std::string> IntegrityCheck(const std::string& path) {
  MEA_ASSIGN_OR_RETURN(const auto rows, Query(path, "PRAGMA integrity_check"));
  std::vector<std::string> verdicts;
  for (const auto& row : rows) verdicts.push_back(row.empty() ? "" : row[0]);
  return absl::StrJoin(verdicts, "; ");
}

absl::StatusOr<std::vector<std::vector<std::string>>> Query(
    const std::string& path, const std::string& sql) {
  MEA_ASSIGN_OR_RETURN(const Handle handle, OpenReadOnly(path));
  return Rows(handle.get(), sql);
}

std::string QueryValue(const std::string& path, const std::string& sql) {
  auto rows = Query(path, sql);
  if (!rows.ok() || rows->empty() || rows->front().empty()) return "";
  return rows->front().front();
}

absl::StatusOr<int64_t> QueryInt(const std::string& path,
                                 const std::string& sql) {
  MEA_ASSIGN_OR_RETURN(const auto rows, Query(path, sql));
  if (rows.size() != 1 || rows.front().size() != 1) {
    return absl::InternalError(absl::StrCat(sql, ": not a single value"));
  }
  int64_t value = 0;
  if (!absl::SimpleAtoi(rows.front()[0], &value)) {
    return absl::InternalError(absl::StrCat(sql, ": not an integer"));
  }
  return value;
}

std::string ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open(path.c_str(), &raw);
  Handle handle(raw);
  if (code != SQLITE_OK) return sqlite3_errstr(code);
  char* error = nullptr;
  sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error == nullptr ? "" : error;
  sqlite3_free(error);
  return message;
}

absl::StatusOr<int64_t> PartialBatches(const std::string& path) {
  // Grouped once rather than counted per receipt: there is no index on
  // (agreement_id, batch_sequence), and the crash test asks after every
  // kill.
  constexpr char kRowsPerReceipt[] =
      "(SELECT agreement_id, batch_sequence, COUNT(*) AS n FROM "
      "result_dispensings GROUP BY agreement_id, batch_sequence)";
  MEA_ASSIGN_OR_RETURN(
      const int64_t short_receipts,
      QueryInt(path,
               absl::StrCat("SELECT COUNT(*) FROM result_batches b LEFT JOIN ",
                            kRowsPerReceipt,
                            " d ON d.agreement_id = b.agreement_id AND "
                            "d.batch_sequence = b.sequence WHERE b.dispensings "
                            "<> COALESCE(d.n, 0)")));
  MEA_ASSIGN_OR_RETURN(
      const int64_t orphans,
      QueryInt(path,
               absl::StrCat("SELECT COUNT(*) FROM ", kRowsPerReceipt,
                            " d LEFT JOIN result_batches b ON b.agreement_id = "
                            "d.agreement_id AND b.sequence = d.batch_sequence "
                            "WHERE b.sequence IS NULL")));
  return short_receipts + orphans;
}

}  // namespace mea::testing
