#include "storage/audit/state.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "storage/audit/audited_tables.h"
#include "common/status_macros.h"

namespace mea::storage::audit {
namespace {

// Incremental SHA-256: a results batch's group may hold a million rows.
class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
  }
  void Add(absl::string_view bytes) {
    EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size());
  }
  void AddField(absl::string_view bytes) {
    Add(absl::StrCat(bytes.size(), ":"));
    Add(bytes);
    Add(",");
  }
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_.get(), digest, &length);
    return absl::BytesToHexString(
        absl::string_view(reinterpret_cast<const char*>(digest), length));
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context_;
};

char TypeLetter(int type) {
  switch (type) {
    case SQLITE_INTEGER:
      return 'i';
    case SQLITE_FLOAT:
      return 'f';
    case SQLITE_TEXT:
      return 't';
    case SQLITE_BLOB:
      return 'b';
    default:
      return 'n';
  }
}

// Adds the row the statement is on, columns from `first` on, encoded in
// one buffer (one digest update per row: a batch has 100 000 rows).
void AddRow(const Statement& row, int first, Sha256& hash) {
  thread_local std::string buffer;
  buffer.clear();
  const int count = row.ColumnCount() - first;
  absl::StrAppend(&buffer, "r", absl::StrCat(count).size(), ":", count, ",");
  for (int column = first; column < row.ColumnCount(); ++column) {
    const int type = row.ColumnType(column);
    const std::string value =
        type == SQLITE_NULL ? std::string() : row.ColumnText(column);
    buffer.push_back(TypeLetter(type));
    absl::StrAppend(&buffer, value.size(), ":", value, ",");
  }
  hash.Add(buffer);
}

std::vector<std::string> GroupColumns(const AuditedTable& table) {
  return absl::StrSplit(table.group_columns, ", ");
}

// "json_array(<prefix>a, <prefix>b)".
std::string GroupKeyExpression(const AuditedTable& table,
                               absl::string_view prefix) {
  std::string expression = "json_array(";
  bool first = true;
  for (const std::string& column : GroupColumns(table)) {
    absl::StrAppend(&expression, first ? "" : ", ", prefix, column);
    first = false;
  }
  return expression + ")";
}

const AuditedTable* FindTable(absl::string_view name) {
  for (const AuditedTable& table : AuditedTables()) {
    if (name == table.name) return &table;
  }
  return nullptr;
}

// The digest of one group's current rows, or kDeletedGroup.
absl::StatusOr<std::string> DigestGroup(Connection& connection,
                                        const AuditedTable& table,
                                        const std::string& group_key) {
  std::string where;
  int index = 0;
  for (const std::string& column : GroupColumns(table)) {
    absl::StrAppend(&where, index == 0 ? "" : " AND ", column,
                    " = json_extract(?1, '$[", index, "]')");
    ++index;
  }
  MEA_ASSIGN_OR_RETURN(Statement * statement,
                       connection.Prepare(absl::StrCat(
                           "SELECT * FROM main.", table.name, " WHERE ", where,
                           " ORDER BY ", table.row_order)));
  statement->Bind(1, group_key);
  Sha256 hash;
  hash.Add("mea.state.v1");
  hash.AddField(table.name);
  hash.AddField(group_key);
  bool any = false;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    any = true;
    AddRow(*statement, 0, hash);
  }
  if (!any) return std::string(kDeletedGroup);
  return hash.Hex();
}

std::tuple<std::string, std::string> Key(const std::string& table,
                                         const std::string& group) {
  return {table, group};
}

// The statement a capture trigger runs to note a group once. Not INSERT OR
// IGNORE: an UPSERT's conflict handling overrides a trigger's OR IGNORE.
std::string Note(absl::string_view table, absl::string_view key) {
  return absl::StrCat(
      "INSERT INTO audit_touched (table_name, group_key) SELECT '", table,
      "', k FROM (SELECT ", key,
      " AS k) WHERE NOT EXISTS (SELECT 1 FROM audit_touched WHERE "
      "table_name = '",
      table, "' AND group_key = k); ");
}

}  // namespace

absl::Status InstallStateCapture(Connection& connection) {
  std::string sql =
      "CREATE TEMP TABLE IF NOT EXISTS audit_touched ("
      " table_name TEXT NOT NULL, group_key TEXT NOT NULL,"
      " PRIMARY KEY (table_name, group_key)) WITHOUT ROWID;";
  // A new batch receipt notes its batch's group in every bulk table.
  std::string batch_notes;
  for (const AuditedTable& table : AuditedTables()) {
    if (!table.noted_with_batch) continue;
    batch_notes +=
        Note(table.name, "json_array(NEW.agreement_id, NEW.sequence)");
  }
  for (const AuditedTable& table : AuditedTables()) {
    const std::string old_key = GroupKeyExpression(table, "OLD.");
    const std::string new_key = GroupKeyExpression(table, "NEW.");
    if (!table.noted_with_batch) {
      absl::StrAppend(
          &sql, "CREATE TEMP TRIGGER IF NOT EXISTS audit_capture_insert_",
          table.name, " AFTER INSERT ON main.", table.name, " BEGIN ",
          Note(table.name, new_key),
          std::string_view(table.name) == "result_batches" ? batch_notes : "",
          "END;");
    }
    absl::StrAppend(
        &sql, "CREATE TEMP TRIGGER IF NOT EXISTS audit_capture_update_",
        table.name, " AFTER UPDATE ON main.", table.name, " BEGIN ",
        Note(table.name, old_key), Note(table.name, new_key), "END;");
    absl::StrAppend(&sql,
                    "CREATE TEMP TRIGGER IF NOT EXISTS audit_capture_delete_",
                    table.name, " AFTER DELETE ON main.", table.name, " BEGIN ",
                    Note(table.name, old_key), "END;");
  }
  return connection.Execute(sql);
}

absl::StatusOr<std::vector<GroupDigest>> TakeTouchedGroups(
    Connection& connection) {
  std::vector<GroupDigest> groups;
  {
    MEA_ASSIGN_OR_RETURN(
        Statement * statement,
        connection.Prepare("SELECT table_name, group_key FROM "
                           "temp.audit_touched ORDER BY table_name, "
                           "group_key"));
    while (true) {
      MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
      if (!row) break;
      groups.push_back({statement->ColumnText(0), statement->ColumnText(1)});
    }
    statement->Reset();
  }
  for (GroupDigest& group : groups) {
    const AuditedTable* table = FindTable(group.table);
    if (table == nullptr) {
      return absl::InternalError(
          absl::StrCat("audit: unknown audited table ", group.table));
    }
    MEA_ASSIGN_OR_RETURN(group.digest,
                         DigestGroup(connection, *table, group.group_key));
  }
  MEA_ASSIGN_OR_RETURN(Statement * clear,
                       connection.Prepare("DELETE FROM temp.audit_touched"));
  MEA_RETURN_IF_ERROR(clear->Run());
  return groups;
}

absl::Status TouchAllGroups(Connection& connection) {
  for (const AuditedTable& table : AuditedTables()) {
    MEA_RETURN_IF_ERROR(connection.Execute(absl::StrCat(
        "INSERT OR IGNORE INTO temp.audit_touched SELECT DISTINCT '",
        table.name, "', ", GroupKeyExpression(table, ""), " FROM main.",
        table.name)));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> NeedsBaseline(Connection& connection) {
  std::string sql =
      "SELECT NOT EXISTS (SELECT 1 FROM audit_entries WHERE version >= 2) "
      "AND (0";
  for (const AuditedTable& table : AuditedTables()) {
    absl::StrAppend(&sql, " OR EXISTS (SELECT 1 FROM main.", table.name, ")");
  }
  sql += ")";
  MEA_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(sql));
  MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
  const bool needed = row && statement->ColumnInt64(0) != 0;
  statement->Reset();
  return needed;
}

std::string StateListDigest(const std::vector<GroupDigest>& groups) {
  Sha256 hash;
  hash.Add("mea.state-list.v1");
  for (const GroupDigest& group : groups) {
    hash.AddField(group.table);
    hash.AddField(group.group_key);
    hash.AddField(group.digest);
  }
  return hash.Hex();
}

absl::Status StoreGroupDigests(Connection& connection, int64_t sequence,
                               const std::vector<GroupDigest>& groups) {
  for (const GroupDigest& group : groups) {
    MEA_ASSIGN_OR_RETURN(
        Statement * statement,
        connection.Prepare("INSERT INTO audit_state (sequence, table_name, "
                           "group_key, digest) VALUES (?1, ?2, ?3, ?4)"));
    statement->Bind(1, sequence)
        .Bind(2, group.table)
        .Bind(3, group.group_key)
        .Bind(4, group.digest);
    MEA_RETURN_IF_ERROR(statement->Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::map<int64_t, std::string>> RecordedStateDigests(
    Connection& connection) {
  MEA_ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Prepare("SELECT sequence, table_name, group_key, digest "
                         "FROM audit_state ORDER BY sequence, table_name, "
                         "group_key"));
  std::map<int64_t, std::vector<GroupDigest>> lists;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    lists[statement->ColumnInt64(0)].push_back({statement->ColumnText(1),
                                                statement->ColumnText(2),
                                                statement->ColumnText(3)});
  }
  std::map<int64_t, std::string> digests;
  for (const auto& [sequence, groups] : lists) {
    digests[sequence] = StateListDigest(groups);
  }
  return digests;
}

const char* KindName(StateMismatch::Kind kind) {
  switch (kind) {
    case StateMismatch::Kind::kChanged:
      return "changed outside mea";
    case StateMismatch::Kind::kUnrecorded:
      return "added outside mea";
    case StateMismatch::Kind::kRemoved:
      return "deleted outside mea";
  }
  return "";
}

absl::StatusOr<std::vector<StateMismatch>> CompareState(
    Connection& connection) {
  // The latest digest recorded for each group.
  std::map<std::tuple<std::string, std::string>, std::string> recorded;
  {
    MEA_ASSIGN_OR_RETURN(
        Statement * statement,
        connection.Prepare("SELECT table_name, group_key, digest FROM "
                           "audit_state ORDER BY table_name, group_key, "
                           "sequence"));
    while (true) {
      MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
      if (!row) break;
      recorded[Key(statement->ColumnText(0), statement->ColumnText(1))] =
          statement->ColumnText(2);
    }
  }
  // Every current group, digested in one pass over each table.
  std::map<std::tuple<std::string, std::string>, std::string> current;
  for (const AuditedTable& table : AuditedTables()) {
    MEA_ASSIGN_OR_RETURN(Statement * statement,
                         connection.Prepare(absl::StrCat(
                             "SELECT ", GroupKeyExpression(table, ""),
                             ", * FROM main.", table.name, " ORDER BY ",
                             table.group_columns, ", ", table.row_order)));
    std::unique_ptr<Sha256> hash;
    std::string group;
    auto finish = [&] {
      if (hash != nullptr) current[Key(table.name, group)] = hash->Hex();
    };
    while (true) {
      MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
      if (!row) break;
      const std::string key = statement->ColumnText(0);
      if (hash == nullptr || key != group) {
        finish();
        group = key;
        hash = std::make_unique<Sha256>();
        hash->Add("mea.state.v1");
        hash->AddField(table.name);
        hash->AddField(group);
      }
      AddRow(*statement, 1, *hash);
    }
    finish();
  }
  std::vector<StateMismatch> mismatches;
  for (const auto& [key, digest] : current) {
    auto found = recorded.find(key);
    if (found == recorded.end() || found->second == kDeletedGroup) {
      mismatches.push_back({std::get<0>(key), std::get<1>(key),
                            StateMismatch::Kind::kUnrecorded});
    } else if (found->second != digest) {
      mismatches.push_back(
          {std::get<0>(key), std::get<1>(key), StateMismatch::Kind::kChanged});
    }
  }
  for (const auto& [key, digest] : recorded) {
    if (digest != kDeletedGroup && !current.contains(key)) {
      mismatches.push_back(
          {std::get<0>(key), std::get<1>(key), StateMismatch::Kind::kRemoved});
    }
  }
  std::sort(mismatches.begin(), mismatches.end(),
            [](const StateMismatch& a, const StateMismatch& b) {
              return std::tie(a.table, a.group_key) <
                     std::tie(b.table, b.group_key);
            });
  return mismatches;
}

}  // namespace mea::storage::audit
