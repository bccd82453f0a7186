// Methods (metoder). The status is derived through the method_statuses
// view, never stored.
#include "storage/tracking/store.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"

namespace mea::storage::tracking {
namespace {

constexpr char kSelectMethod[] = R"sql(
SELECT m.id, m.title, m.active_substance, m.brand_name, m.indication,
       m.supplier, m.therapeutic_area, s.status, m.create_time, m.update_time
FROM methods m JOIN method_statuses s ON s.method_id = m.id
)sql";

absl::Status ReadMethod(const Statement& row, MethodRecord& method) {
  method.id = row.ColumnText(0);
  method.title = row.ColumnText(1);
  method.active_substance = row.ColumnText(2);
  method.brand_name = row.ColumnText(3);
  method.indication = row.ColumnText(4);
  method.supplier = row.ColumnText(5);
  method.therapeutic_area = row.ColumnText(6);
  MEA_ASSIGN_OR_RETURN(method.status,
                       EnumColumn<MethodStatus>(row, 7, kMethodStatusTexts,
                                                "method_statuses.status"));
  method.create_time = row.ColumnText(8);
  method.update_time = row.ColumnText(9);
  return absl::OkStatus();
}

}  // namespace

absl::Status InsertMethod(Connection& connection, const MethodRecord& method) {
  // Checked first rather than read from the constraint error, so that the
  // answer does not depend on how SQLite reports constraint violations.
  MEA_ASSIGN_OR_RETURN(
      Statement * exists,
      connection.Prepare(
          "SELECT EXISTS (SELECT 1 FROM methods WHERE id = ?1)"));
  exists->Bind(1, method.id);
  bool taken = false;
  MEA_RETURN_IF_ERROR(ReadOneRow(*exists, [&](const Statement& row) {
                        taken = row.ColumnInt64(0) != 0;
                        return absl::OkStatus();
                      }).status());
  if (taken) {
    return absl::AlreadyExistsError(
        absl::StrCat("method ", method.id, " already exists"));
  }
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO methods (id, title, active_substance, brand_name, indication,
                     supplier, therapeutic_area, create_time, update_time)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
)sql"));
  insert->Bind(1, method.id)
      .Bind(2, method.title)
      .Bind(3, method.active_substance)
      .Bind(4, method.brand_name)
      .Bind(5, method.indication)
      .Bind(6, method.supplier)
      .Bind(7, method.therapeutic_area)
      .Bind(8, method.create_time);
  return insert->Run();
}

absl::StatusOr<MethodRecord> LoadMethod(Connection& connection,
                                        const std::string& id) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(kSelectMethod, "WHERE m.id = ?1")));
  select->Bind(1, id);
  MethodRecord method;
  MEA_ASSIGN_OR_RETURN(bool found,
                       ReadOneRow(*select, [&](const Statement& row) {
                         return ReadMethod(row, method);
                       }));
  if (!found) {
    return absl::NotFoundError(absl::StrCat("method ", id, " not found"));
  }
  return method;
}

absl::Status UpdateMethod(Connection& connection, const MethodRecord& method) {
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE methods
SET title = ?2, active_substance = ?3, brand_name = ?4, indication = ?5,
    supplier = ?6, therapeutic_area = ?7, update_time = ?8
WHERE id = ?1
)sql"));
  update->Bind(1, method.id)
      .Bind(2, method.title)
      .Bind(3, method.active_substance)
      .Bind(4, method.brand_name)
      .Bind(5, method.indication)
      .Bind(6, method.supplier)
      .Bind(7, method.therapeutic_area)
      .Bind(8, method.update_time);
  MEA_RETURN_IF_ERROR(update->Run());
  if (connection.Changes() != 1) {
    return absl::NotFoundError(
        absl::StrCat("method ", method.id, " not found"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<MethodRecord>> ListMethods(
    Connection& connection, const MethodFilter& filter, int64_t offset,
    int32_t limit) {
  MEA_ASSIGN_OR_RETURN(Statement * select,
                       connection.Prepare(absl::StrCat(kSelectMethod, R"sql(
WHERE (?1 = '' OR m.therapeutic_area = ?1 COLLATE NOCASE)
  AND (?2 = '' OR s.status = ?2)
  AND (?3 = '' OR m.supplier = ?3 COLLATE NOCASE)
ORDER BY m.id
LIMIT ?4 OFFSET ?5
)sql")));
  select->Bind(1, filter.therapeutic_area)
      .Bind(2, filter.status.has_value()
                   ? StoredText(kMethodStatusTexts, *filter.status)
                   : "")
      .Bind(3, filter.supplier)
      .Bind(4, static_cast<int64_t>(limit))
      .Bind(5, offset);
  std::vector<MethodRecord> methods;
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    return ReadMethod(row, methods.emplace_back());
  }));
  return methods;
}

}  // namespace mea::storage::tracking
