#include "services/agreements/summary.h"

#include <cctype>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "services/agreements/mapping.h"

namespace mea::services::agreements {
namespace {

std::string DescribePriceVolume(const v1::PriceVolume& clause) {
  const std::string basis = clause.basis() == "INCREMENTAL"
                                ? "incremental, per unit above each tier"
                                : "on all units";
  // The number of tiers is structure; their bounds and percents are not
  // shown.
  return absl::StrCat("price-volume (pris-volum) ", basis, " in ",
                      clause.tiers_size(),
                      clause.tiers_size() == 1 ? " tier" : " tiers");
}

std::string DescribePaymentByResult(const v1::PaymentByResult& clause) {
  std::string text =
      "payment by result (betaling for resultat): refund for patients "
      "without disease control at the assessment time";
  if (clause.missing_outcome() == "REFUND") {
    absl::StrAppend(&text, ", missing outcome data refunded");
  }
  return text;
}

std::string DescribeOutcomeGuarantee(const v1::OutcomeGuarantee& clause) {
  return absl::StrCat("outcome guarantee (resultatgaranti) on ",
                      clause.measure());
}

std::string DescribeClause(const v1::Clause& clause) {
  switch (clause.clause_case()) {
    case v1::Clause::kFlatDiscount:
      return "flat discount (flat rabatt)";
    case v1::Clause::kPriceVolume:
      return DescribePriceVolume(clause.price_volume());
    case v1::Clause::kExpenditureCap:
      return "expenditure cap (utgiftstak)";
    case v1::Clause::kPatientUnitCap:
      return "per-patient utilisation cap (tak per pasient)";
    case v1::Clause::kInitialDiscount:
      return "initial treatment paid or discounted by the supplier "
             "(gratis eller rabattert oppstart)";
    case v1::Clause::kPaymentByResult:
      return DescribePaymentByResult(clause.payment_by_result());
    case v1::Clause::kOutcomeGuarantee:
      return DescribeOutcomeGuarantee(clause.outcome_guarantee());
    case v1::Clause::CLAUSE_NOT_SET:
      break;
  }
  return "unspecified clause";
}

}  // namespace

std::string ClauseTypeName(const v1::Clause& clause) {
  if (clause.clause_case() == v1::Clause::CLAUSE_NOT_SET) return "";
  return std::string(
      clause.GetDescriptor()->FindFieldByNumber(clause.clause_case())->name());
}

std::string DescribeClauses(const v1::Agreement& agreement) {
  std::vector<std::string> parts;
  for (const v1::Clause& clause : agreement.clauses()) {
    parts.push_back(DescribeClause(clause));
  }
  std::string text = absl::StrJoin(parts, "; ");
  if (!text.empty())
    text[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

v1::AgreementSummary SummarizeAgreement(const v1::Agreement& agreement) {
  v1::AgreementSummary summary;
  summary.set_agreement_id(agreement.id());
  summary.set_method_id(agreement.method_id());
  summary.set_supplier(agreement.supplier());
  summary.set_state(agreement.state());
  summary.set_valid_from(agreement.valid_from());
  summary.set_valid_to(agreement.valid_to());
  summary.set_title(agreement.title());
  for (const v1::Clause& clause : agreement.clauses()) {
    summary.add_clause_types(ClauseTypeName(clause));
  }
  summary.set_description(DescribeClauses(agreement));
  return summary;
}

absl::StatusOr<v1::AgreementSummary> SummarizeStoredAgreement(
    const storage::agreements::AgreementRecord& agreement) {
  MEA_ASSIGN_OR_RETURN(v1::Agreement shown, AgreementToProto(agreement));
  return SummarizeAgreement(shown);
}

}  // namespace mea::services::agreements
