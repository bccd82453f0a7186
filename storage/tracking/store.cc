// Methods (metoder). The status is derived through the method_statuses
// view, never stored.
#include "storage/tracking/store.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/tracking/columns.h"

namespace mea::storage::tracking {
namespace {

using tracking_columns::EnumColumn;
using tracking_columns::EnumName;

constexpr char kSelectMethod[] = R"sql(
SELECT m.id, m.title, m.active_substance, m.brand_name, m.indication,
       m.supplier, m.therapeutic_area, s.status, m.create_time, m.update_time
FROM methods m JOIN method_statuses s ON s.method_id = m.id
)sql";

absl::StatusOr<MethodRecord> ReadMethod(const Statement& row) {
  MethodRecord method;
  method.id = row.ColumnText(0);
  method.title = row.ColumnText(1);
  method.active_substance = row.ColumnText(2);
  method.brand_name = row.ColumnText(3);
  method.indication = row.ColumnText(4);
  method.supplier = row.ColumnText(5);
  method.therapeutic_area = row.ColumnText(6);
  MEA_ASSIGN_OR_RETURN(method.status, EnumColumn<v1::Method::Status>(row, 7));
  method.create_time = row.ColumnText(8);
  method.update_time = row.ColumnText(9);
  return method;
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
  MEA_ASSIGN_OR_RETURN(bool row, exists->Step());
  if (row && exists->ColumnInt64(0) != 0) {
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
  MEA_ASSIGN_OR_RETURN(bool found, select->Step());
  if (!found) {
    return absl::NotFoundError(absl::StrCat("method ", id, " not found"));
  }
  return ReadMethod(*select);
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
  const std::string status = filter.status == v1::Method::STATUS_UNSPECIFIED
                                 ? ""
                                 : EnumName(filter.status);
  select->Bind(1, filter.therapeutic_area)
      .Bind(2, status)
      .Bind(3, filter.supplier)
      .Bind(4, static_cast<int64_t>(limit))
      .Bind(5, offset);
  std::vector<MethodRecord> methods;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool found, select->Step());
    if (!found) break;
    MEA_ASSIGN_OR_RETURN(MethodRecord method, ReadMethod(*select));
    methods.push_back(std::move(method));
  }
  return methods;
}

}  // namespace mea::storage::tracking
