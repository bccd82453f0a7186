// Validation of the agreement resource at the service edge. Every problem
// is added to FieldViolations with its path from the request root
// ("agreement.valid_to", "agreement.clauses[0].price_volume.tiers[1]
// .above_units"). Text fields have the API's one set of limits
// (services/rpc/fields.h); unit price and clauses are checked by the same
// rules the evaluation uses (services/agreements/evaluation.h), so an
// agreement that is accepted can always be evaluated.
#ifndef MEA_SERVICES_AGREEMENTS_VALIDATION_H_
#define MEA_SERVICES_AGREEMENTS_VALIDATION_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/field_violations.h"
#include "google/protobuf/field_mask.pb.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/evaluation.pb.h"

namespace mea::services::agreements {

// 1 to 64 of A-Z, a-z, 0-9, '-' and '_' (e.g. "SI-2025-0042").
bool IsValidAgreementId(std::string_view id);

// Adds a violation at `path` unless `id` is a valid agreement id ("is
// required" when empty). Every request naming an agreement checks the form
// first, so that a malformed id is INVALID_ARGUMENT, never NOT_FOUND.
void ValidateAgreementId(const std::string& id, const std::string& path,
                         FieldViolations& violations);

// Checks `agreement` as it will be stored: id, method id, supplier and
// title (names), a specified state, valid_from <= valid_to, decision_id >=
// 0, unit price and clauses.
void ValidateAgreement(const v1::Agreement& agreement,
                       FieldViolations& violations);

// `path`.start and `path`.end: required dates, start <= end.
void ValidatePeriod(const v1::Period& period, std::string_view path,
                    FieldViolations& violations);

// A date that may be empty.
void ValidateOptionalDate(std::string_view text, std::string_view path,
                          FieldViolations& violations);

// The lifecycle: DRAFT -> ACTIVE -> EXPIRED | TERMINATED, and DRAFT ->
// TERMINATED; staying in a state is allowed. Anything else is
// FAILED_PRECONDITION naming both states.
absl::Status CheckTransition(v1::Agreement::State from,
                             v1::Agreement::State to);

// Copies the fields named by `mask` (every updatable field when it is
// empty) from `request` onto `stored`. Unknown or immutable paths are added
// to `violations` as "update_mask.paths[i]". With an empty mask an
// unspecified state keeps the stored one, so that a whole agreement file
// can be sent back without restating it.
void ApplyUpdateMask(const v1::Agreement& request,
                     const google::protobuf::FieldMask& mask,
                     v1::Agreement& stored, FieldViolations& violations);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_VALIDATION_H_
