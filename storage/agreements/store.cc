#include "storage/agreements/store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"

namespace mea::storage::agreements {
namespace {

// agreements.state: the names of mea.v1.Agreement.State, as migration 2's
// CHECK constraint lists them.
constexpr EnumText<AgreementState> kStateTexts[] = {
    {AgreementState::kDraft, "DRAFT"},
    {AgreementState::kActive, "ACTIVE"},
    {AgreementState::kExpired, "EXPIRED"},
    {AgreementState::kTerminated, "TERMINATED"},
};

constexpr char kSelectAgreement[] = R"sql(
SELECT id, method_id, decision_id, supplier, state, valid_from, valid_to,
       title, unit_price_ore, clauses_json, create_time, update_time
FROM agreements
)sql";

// Binds parameters 1..9 shared by INSERT and UPDATE, in this order:
// id, decision_id, supplier, state, valid_from, valid_to, title,
// unit_price_ore, clauses_json.
void BindMutable(Statement& statement, const AgreementRecord& agreement) {
  std::optional<int64_t> decision;
  if (agreement.decision_id != 0) decision = agreement.decision_id;
  statement.Bind(1, agreement.id)
      .BindOptional(2, decision)
      .Bind(3, agreement.supplier)
      .Bind(4,
            std::string(TextOf<AgreementState>(kStateTexts, agreement.state)))
      .Bind(5, DateText(agreement.valid_from))
      .Bind(6, DateText(agreement.valid_to))
      .Bind(7, agreement.title)
      .Bind(8, agreement.unit_price_ore)
      .Bind(9, agreement.clauses_json);
}

absl::StatusOr<AgreementRecord> ReadAgreement(const Statement& row) {
  AgreementRecord agreement;
  agreement.id = row.ColumnText(0);
  agreement.method_id = row.ColumnText(1);
  agreement.decision_id = row.ColumnIsNull(2) ? 0 : row.ColumnInt64(2);
  agreement.supplier = row.ColumnText(3);
  MEA_ASSIGN_OR_RETURN(
      agreement.state,
      EnumColumn<AgreementState>(row, 4, kStateTexts, "agreements.state"));
  MEA_ASSIGN_OR_RETURN(agreement.valid_from, DateColumn(row, 5));
  MEA_ASSIGN_OR_RETURN(agreement.valid_to, DateColumn(row, 6));
  agreement.title = row.ColumnText(7);
  agreement.unit_price_ore = row.ColumnInt64(8);
  agreement.clauses_json = row.ColumnText(9);
  agreement.create_time = row.ColumnText(10);
  agreement.update_time = row.ColumnText(11);
  return agreement;
}

absl::StatusOr<bool> AgreementExists(Connection& connection,
                                     std::string_view id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT 1 FROM agreements WHERE id = ?1
)sql"));
  select->Bind(1, id);
  return ReadOneRow(*select, [](const Statement&) { return absl::OkStatus(); });
}

}  // namespace

absl::StatusOr<bool> MethodExists(Connection& connection,
                                  std::string_view method_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT 1 FROM methods WHERE id = ?1
)sql"));
  select->Bind(1, method_id);
  return ReadOneRow(*select, [](const Statement&) { return absl::OkStatus(); });
}

absl::StatusOr<std::optional<std::string>> MethodOfDecision(
    Connection& connection, int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT method_id FROM decisions WHERE id = ?1
)sql"));
  select->Bind(1, decision_id);
  std::optional<std::string> method;
  MEA_RETURN_IF_ERROR(ReadOneRow(*select, [&](const Statement& row) {
                        method = row.ColumnText(0);
                        return absl::OkStatus();
                      }).status());
  return method;
}

absl::StatusOr<std::vector<std::string>> ObligationOrganisations(
    Connection& connection, std::string_view method_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT DISTINCT o.responsible_organisation
FROM data_obligations o JOIN decisions d ON d.id = o.decision_id
WHERE d.method_id = ?1
)sql"));
  select->Bind(1, method_id);
  std::vector<std::string> organisations;
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    organisations.push_back(row.ColumnText(0));
    return absl::OkStatus();
  }));
  return organisations;
}

absl::Status InsertAgreement(Connection& connection,
                             const AgreementRecord& agreement) {
  // Checked first: SQLite reports a taken key only as a constraint failure.
  MEA_ASSIGN_OR_RETURN(bool taken, AgreementExists(connection, agreement.id));
  if (taken) {
    return absl::AlreadyExistsError(
        absl::StrCat("agreement ", agreement.id, " already exists"));
  }
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO agreements (id, decision_id, supplier, state, valid_from,
    valid_to, title, unit_price_ore, clauses_json, method_id, create_time,
    update_time)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
)sql"));
  BindMutable(*insert, agreement);
  insert->Bind(10, agreement.method_id)
      .Bind(11, agreement.create_time)
      .Bind(12, agreement.update_time);
  return insert->Run();
}

absl::Status UpdateAgreement(Connection& connection,
                             const AgreementRecord& agreement) {
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE agreements
SET decision_id = ?2, supplier = ?3, state = ?4, valid_from = ?5,
    valid_to = ?6, title = ?7, unit_price_ore = ?8, clauses_json = ?9,
    update_time = ?10
WHERE id = ?1
)sql"));
  BindMutable(*update, agreement);
  update->Bind(10, agreement.update_time);
  MEA_RETURN_IF_ERROR(update->Run());
  if (connection.Changes() == 0) return AgreementNotFound(agreement.id);
  return absl::OkStatus();
}

absl::Status AgreementNotFound(std::string_view id) {
  return absl::NotFoundError(
      absl::StrCat("agreement ", std::string(id), " not found"));
}

absl::StatusOr<AgreementRecord> LoadAgreement(Connection& connection,
                                              std::string_view id) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(kSelectAgreement, "WHERE id = ?1")));
  select->Bind(1, id);
  AgreementRecord agreement;
  MEA_ASSIGN_OR_RETURN(bool found,
                       ReadOneRow(*select, [&](const Statement& row) {
                         MEA_ASSIGN_OR_RETURN(agreement, ReadAgreement(row));
                         return absl::OkStatus();
                       }));
  if (!found) return AgreementNotFound(id);
  return agreement;
}

absl::StatusOr<std::vector<AgreementRecord>> ListAgreements(
    Connection& connection, const AgreementFilter& filter, int64_t offset,
    int64_t limit) {
  MEA_ASSIGN_OR_RETURN(Statement * select,
                       connection.Prepare(absl::StrCat(kSelectAgreement, R"sql(
WHERE (?1 = '' OR method_id = ?1) AND (?2 = '' OR supplier = ?2)
  AND (?3 = '' OR state = ?3)
  -- DraftVisibility::Admits.
  AND (state <> 'DRAFT' OR ?6 = 1 OR (?7 <> '' AND supplier = ?7))
ORDER BY id
LIMIT ?4 OFFSET ?5
)sql")));
  const std::string state =
      filter.state.has_value()
          ? std::string(TextOf<AgreementState>(kStateTexts, *filter.state))
          : "";
  select->Bind(1, filter.method_id)
      .Bind(2, filter.supplier)
      .Bind(3, state)
      .Bind(4, limit)
      .Bind(5, offset)
      .Bind(6, int64_t{filter.drafts.all ? 1 : 0})
      .Bind(7, filter.drafts.supplier);
  std::vector<AgreementRecord> agreements;
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    MEA_ASSIGN_OR_RETURN(AgreementRecord agreement, ReadAgreement(row));
    agreements.push_back(std::move(agreement));
    return absl::OkStatus();
  }));
  return agreements;
}

absl::StatusOr<int64_t> NextNumber(Connection& connection, Numbering what,
                                   std::string_view agreement_id) {
  // Table and column are constants of this file, never request text.
  const bool batch = what == Numbering::kBatchSequence;
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(
          "SELECT COALESCE(MAX(", batch ? "sequence" : "number",
          "), 0) + 1 FROM ", batch ? "result_batches" : "settlements",
          " WHERE agreement_id = ?1")));
  select->Bind(1, agreement_id);
  int64_t next = 1;
  MEA_RETURN_IF_ERROR(ReadOneRow(*select, [&](const Statement& row) {
                        next = row.ColumnInt64(0);
                        return absl::OkStatus();
                      }).status());
  return next;
}

}  // namespace mea::storage::agreements
