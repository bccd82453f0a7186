#include "storage/agreements/store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "mea/v1/evaluation.pb.h"
#include "rules/money.h"
#include "storage/core/rows.h"

namespace mea::storage {
namespace {

constexpr char kSelectColumns[] =
    "SELECT id, method_id, decision_id, supplier, state, valid_from, "
    "valid_to, title, unit_price_ore, clauses_json, create_time, update_time "
    "FROM agreements ";

absl::StatusOr<std::string> ClausesToJson(const v1::Agreement& agreement) {
  v1::AgreementTerms terms;
  *terms.mutable_clauses() = agreement.clauses();
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  auto printed =
      google::protobuf::util::MessageToJsonString(terms, &json, options);
  if (!printed.ok()) return absl::InternalError(printed.ToString());
  return json;
}

absl::Status ClausesFromJson(const std::string& json, v1::Agreement& out) {
  v1::AgreementTerms terms;
  auto parsed = google::protobuf::util::JsonStringToMessage(json, &terms);
  if (!parsed.ok()) {
    return absl::DataLossError(absl::StrCat("stored clauses of agreement ",
                                            out.id(), ": ", parsed.ToString()));
  }
  *out.mutable_clauses() = std::move(*terms.mutable_clauses());
  return absl::OkStatus();
}

absl::StatusOr<int64_t> UnitPriceOre(const v1::Agreement& agreement) {
  absl::StatusOr<int64_t> ore = rules::ParseMoney(agreement.unit_price());
  if (!ore.ok()) {
    return absl::InternalError(absl::StrCat(
        "unvalidated unit price reached storage: ", ore.status().message()));
  }
  return ore;
}

v1::Agreement::State StateFromName(const std::string& name) {
  v1::Agreement::State state = v1::Agreement::STATE_UNSPECIFIED;
  v1::Agreement::State_Parse(name, &state);
  return state;
}

// Binds parameters 1..9 shared by INSERT and UPDATE, in this order:
// id, decision_id, supplier, state, valid_from, valid_to, title,
// unit_price_ore, clauses_json.
absl::Status BindMutable(Statement& statement, const v1::Agreement& agreement) {
  absl::StatusOr<int64_t> price = UnitPriceOre(agreement);
  if (!price.ok()) return price.status();
  absl::StatusOr<std::string> clauses = ClausesToJson(agreement);
  if (!clauses.ok()) return clauses.status();
  std::optional<int64_t> decision;
  if (agreement.decision_id() != 0) decision = agreement.decision_id();
  statement.Bind(1, agreement.id())
      .BindOptional(2, decision)
      .Bind(3, agreement.supplier())
      .Bind(4, v1::Agreement::State_Name(agreement.state()))
      .Bind(5, agreement.valid_from())
      .Bind(6, agreement.valid_to())
      .Bind(7, agreement.title())
      .Bind(8, *price)
      .Bind(9, *clauses);
  return absl::OkStatus();
}

absl::StatusOr<v1::Agreement> ReadRow(const Statement& row) {
  v1::Agreement agreement;
  agreement.set_id(row.ColumnText(0));
  agreement.set_method_id(row.ColumnText(1));
  if (!row.ColumnIsNull(2)) agreement.set_decision_id(row.ColumnInt64(2));
  agreement.set_supplier(row.ColumnText(3));
  agreement.set_state(StateFromName(row.ColumnText(4)));
  agreement.set_valid_from(row.ColumnText(5));
  agreement.set_valid_to(row.ColumnText(6));
  agreement.set_title(row.ColumnText(7));
  agreement.set_unit_price(rules::FormatMoney(row.ColumnInt64(8)));
  if (absl::Status read = ClausesFromJson(row.ColumnText(9), agreement);
      !read.ok()) {
    return read;
  }
  agreement.set_create_time(row.ColumnText(10));
  agreement.set_update_time(row.ColumnText(11));
  return agreement;
}

}  // namespace

absl::StatusOr<bool> MethodExists(Connection& connection,
                                  std::string_view method_id) {
  absl::StatusOr<Statement*> statement =
      connection.Prepare("SELECT 1 FROM methods WHERE id = ?1");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, method_id);
  return ReadOneRow(
      **statement, [](const Statement&) { return absl::OkStatus(); });
}

absl::StatusOr<std::optional<std::string>> MethodOfDecision(
    Connection& connection, int64_t decision_id) {
  absl::StatusOr<Statement*> statement =
      connection.Prepare("SELECT method_id FROM decisions WHERE id = ?1");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, decision_id);
  std::optional<std::string> method;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        method = row.ColumnText(0);
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return method;
}

absl::StatusOr<std::vector<std::string>> ObligationOrganisations(
    Connection& connection, std::string_view method_id) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT DISTINCT o.responsible_organisation FROM data_obligations o "
      "JOIN decisions d ON d.id = o.decision_id WHERE d.method_id = ?1");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, method_id);
  std::vector<std::string> organisations;
  absl::Status listed =
      ForEachRow(**statement, [&](const Statement& row) {
        organisations.push_back(row.ColumnText(0));
        return absl::OkStatus();
      });
  if (!listed.ok()) return listed;
  return organisations;
}

absl::Status InsertAgreement(Connection& connection,
                             const v1::Agreement& agreement) {
  // Checked first: SQLite reports a taken key only as a constraint failure.
  absl::StatusOr<Statement*> exists =
      connection.Prepare("SELECT 1 FROM agreements WHERE id = ?1");
  if (!exists.ok()) return exists.status();
  (*exists)->Bind(1, agreement.id());
  absl::StatusOr<bool> taken = ReadOneRow(
      **exists, [](const Statement&) { return absl::OkStatus(); });
  if (!taken.ok()) return taken.status();
  if (*taken) {
    return absl::AlreadyExistsError(
        absl::StrCat("agreement ", agreement.id(), " already exists"));
  }
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO agreements (id, decision_id, supplier, state, valid_from, "
      "valid_to, title, unit_price_ore, clauses_json, method_id, "
      "create_time, update_time) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!statement.ok()) return statement.status();
  if (absl::Status bound = BindMutable(**statement, agreement); !bound.ok()) {
    return bound;
  }
  (*statement)
      ->Bind(10, agreement.method_id())
      .Bind(11, agreement.create_time())
      .Bind(12, agreement.update_time());
  return (*statement)->Run();
}

absl::Status UpdateAgreement(Connection& connection,
                             const v1::Agreement& agreement) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "UPDATE agreements SET decision_id = ?2, supplier = ?3, state = ?4, "
      "valid_from = ?5, valid_to = ?6, title = ?7, unit_price_ore = ?8, "
      "clauses_json = ?9, update_time = ?10 WHERE id = ?1");
  if (!statement.ok()) return statement.status();
  if (absl::Status bound = BindMutable(**statement, agreement); !bound.ok()) {
    return bound;
  }
  (*statement)->Bind(10, agreement.update_time());
  if (absl::Status updated = (*statement)->Run(); !updated.ok()) {
    return updated;
  }
  if (connection.Changes() == 0) {
    return absl::NotFoundError(
        absl::StrCat("agreement ", agreement.id(), " not found"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Agreement> LoadAgreement(Connection& connection,
                                            std::string_view id) {
  absl::StatusOr<Statement*> statement =
      connection.Prepare(absl::StrCat(kSelectColumns, "WHERE id = ?1"));
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, id);
  absl::StatusOr<v1::Agreement> agreement;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        agreement = ReadRow(row);
        return agreement.status();
      });
  if (!found.ok()) return found.status();
  if (!*found) return AgreementNotFound(id);
  return agreement;
}

absl::Status AgreementNotFound(std::string_view id) {
  return absl::NotFoundError(
      absl::StrCat("agreement ", std::string(id), " not found"));
}

absl::StatusOr<std::vector<v1::Agreement>> ListAgreements(
    Connection& connection, const AgreementFilter& filter, int64_t offset,
    int64_t limit) {
  absl::StatusOr<Statement*> statement = connection.Prepare(absl::StrCat(
      kSelectColumns,
      "WHERE (?1 = '' OR method_id = ?1) AND (?2 = '' OR supplier = ?2) "
      "AND (?3 = '' OR state = ?3) "
      // DraftVisibility::Admits.
      "AND (state <> 'DRAFT' OR ?6 = 1 OR (?7 <> '' AND supplier = ?7)) "
      "ORDER BY id LIMIT ?4 OFFSET ?5"));
  if (!statement.ok()) return statement.status();
  (*statement)
      ->Bind(1, filter.method_id)
      .Bind(2, filter.supplier)
      .Bind(3, filter.state)
      .Bind(4, limit)
      .Bind(5, offset)
      .Bind(6, static_cast<int64_t>(filter.drafts.all ? 1 : 0))
      .Bind(7, filter.drafts.supplier);
  std::vector<v1::Agreement> agreements;
  absl::Status listed =
      ForEachRow(**statement, [&](const Statement& row) {
        absl::StatusOr<v1::Agreement> agreement = ReadRow(row);
        if (!agreement.ok()) return agreement.status();
        agreements.push_back(*std::move(agreement));
        return absl::OkStatus();
      });
  if (!listed.ok()) return listed;
  return agreements;
}

}  // namespace mea::storage
