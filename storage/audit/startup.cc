#include "storage/audit/startup.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "storage/audit/state.h"
#include "storage/audit/store.h"
#include "storage/audit/audited_tables.h"
#include "common/status_macros.h"

namespace mea::storage::audit {
namespace {

// Runs of whitespace as one space, so that the migrations' line breaks do
// not matter.
std::string Collapsed(absl::string_view sql) {
  return absl::StrJoin(
      absl::StrSplit(sql, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

AuditRecord ServerRecord(const std::string& time, std::string rpc,
                         std::string resource, std::string reason) {
  AuditRecord record;
  record.time = time;
  record.principal = "mead";
  record.role = "LOCAL";
  record.credential = "mead";
  record.rpc = std::move(rpc);
  record.resource = std::move(resource);
  record.reason = std::move(reason);
  return record;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> RestoreImmutabilityTriggers(
    Connection& connection, const std::string& time) {
  std::vector<std::string> restored;
  for (const ImmutabilityTrigger& trigger : ImmutabilityTriggers()) {
    MEA_ASSIGN_OR_RETURN(
        Statement * statement,
        connection.Prepare("SELECT sql FROM main.sqlite_schema WHERE "
                           "type = 'trigger' AND name = ?1"));
    statement->Bind(1, trigger.name);
    MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
    const bool intact =
        row && Collapsed(statement->ColumnText(0)) == Collapsed(trigger.sql);
    statement->Reset();
    if (intact) continue;
    MEA_RETURN_IF_ERROR(connection.Execute(absl::StrCat(
        "DROP TRIGGER IF EXISTS main.", trigger.name, ";", trigger.sql, ";")));
    restored.push_back(trigger.name);
  }
  if (restored.empty()) return restored;
  MEA_RETURN_IF_ERROR(
      Append(connection,
             ServerRecord(time, "mead:RestoreImmutabilityTriggers",
                          "database/triggers",
                          absl::StrCat("missing or altered at start, "
                                       "recreated: ",
                                       absl::StrJoin(restored, ", "))))
          .status());
  return restored;
}

absl::StatusOr<bool> WriteBaselineIfNeeded(Connection& connection,
                                           const std::string& time) {
  MEA_ASSIGN_OR_RETURN(bool needed, NeedsBaseline(connection));
  if (!needed) return false;
  MEA_RETURN_IF_ERROR(TouchAllGroups(connection));
  MEA_RETURN_IF_ERROR(
      Append(connection,
             ServerRecord(time, "mead:RecordBaseline", "database",
                          "baseline: the rows as they were when the trail "
                          "began to record row digests"))
          .status());
  return true;
}

}  // namespace mea::storage::audit
