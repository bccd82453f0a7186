#ifndef MEA_TESTS_RULES_TEST_INPUTS_H_
#define MEA_TESTS_RULES_TEST_INPUTS_H_

// Small builders of typed evaluation inputs, so that each test states only
// the rows that matter to it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/civil_date.h"
#include "rules/evaluation.h"

namespace mea::rules::testing {

// The day number of a valid "YYYY-MM-DD"; aborts the test binary otherwise.
inline DayNumber Day(std::string_view text) {
  return ParseDayNumber(text).value();
}

// A valid input with no rows and no clauses: unit price 100.00, period
// 2025, as_of 2026-02-01.
inline EvaluationInput BaseInput() {
  EvaluationInput input;
  input.agreement_id = "SI-2025-0001";
  input.method_id = "ID2025_001";
  input.unit_price_ore = 10000;
  input.period = {Day("2025-01-01"), Day("2025-12-31")};
  input.as_of = Day("2026-02-01");
  return input;
}

// Adds a patient; returns its index.
inline std::int32_t AddPatient(EvaluationInput& input, std::string id,
                               std::string_view start,
                               std::vector<Assessment> assessments = {},
                               std::optional<std::string_view> stop = {},
                               std::optional<std::string_view> death = {}) {
  Patient p;
  p.id = std::move(id);
  p.start = Day(start);
  if (stop) p.stop = Day(*stop);
  if (death) p.death = Day(*death);
  p.assessments = std::move(assessments);
  input.patients.push_back(std::move(p));
  return static_cast<std::int32_t>(input.patients.size() - 1);
}

inline void AddDispensing(EvaluationInput& input, std::string_view date,
                          std::int64_t units,
                          std::int32_t patient = kNoPatient) {
  input.dispensings.push_back({Day(date), patient, units});
}

inline Assessment At(std::string_view date, Outcome outcome) {
  return {Day(date), outcome};
}

}  // namespace mea::rules::testing

#endif  // MEA_TESTS_RULES_TEST_INPUTS_H_
