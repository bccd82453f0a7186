// evaluation::SettlementToJson writes exactly the document of evaluation.md.

#include "evaluation/settlement_json.h"

#include <string>

#include "gtest/gtest.h"
#include "mea/v1/evaluation.pb.h"

namespace mea::services {
namespace {

mea::v1::Settlement Sample() {
  mea::v1::Settlement s;
  s.set_agreement_id("SI-2025-0042");
  s.mutable_period()->set_start("2025-01-01");
  s.mutable_period()->set_end("2025-12-31");
  s.set_as_of("2026-02-01");
  s.set_units(1234);
  s.set_gross_cost("55789140.00");
  mea::v1::SettlementLine* line = s.add_lines();
  line->set_clause("price_volume");
  line->set_index(0);
  line->set_amount("6973642.50");
  line->set_explanation("1234 units exceed 1000: 12.5 % on all units");
  s.set_total_refund("6973642.50");
  s.set_net_cost("48815497.50");
  return s;
}

TEST(SettlementJsonTest, WritesTheDocumentWithoutOutcomes) {
  EXPECT_EQ(evaluation::SettlementToJson(Sample()), R"json({
  "agreement_id": "SI-2025-0042",
  "period": {
    "start": "2025-01-01",
    "end": "2025-12-31"
  },
  "as_of": "2026-02-01",
  "units": 1234,
  "gross_cost": "55789140.00",
  "lines": [
    {
      "clause": "price_volume",
      "index": 0,
      "amount": "6973642.50",
      "explanation": "1234 units exceed 1000: 12.5 % on all units"
    }
  ],
  "total_refund": "6973642.50",
  "net_cost": "48815497.50",
  "triggers": []
}
)json");
}

TEST(SettlementJsonTest, WritesOutcomesAndTriggersWhenPresent) {
  mea::v1::Settlement s = Sample();
  s.mutable_patient_outcomes()->set_failure(2);  // zeros are printed too
  mea::v1::Trigger* t = s.add_triggers();
  t->set_clause_index(2);
  t->set_kind("OUTCOME_NOT_MET");
  t->set_measure("orr");
  t->set_observed("0.31");
  t->set_threshold("0.40");
  const std::string json = evaluation::SettlementToJson(s);
  EXPECT_NE(json.find(R"json(  "net_cost": "48815497.50",
  "patient_outcomes": {
    "success": 0,
    "failure": 2,
    "pending": 0,
    "missing": 0
  },
  "triggers": [
    {
      "clause_index": 2,
      "kind": "OUTCOME_NOT_MET",
      "measure": "orr",
      "observed": "0.31",
      "threshold": "0.40"
    }
  ]
}
)json"),
            std::string::npos)
      << json;
}

TEST(SettlementJsonTest, EscapesStrings) {
  mea::v1::Settlement s = Sample();
  s.set_agreement_id("a\"b\\c\nd\te\x01 øre");
  const std::string json = evaluation::SettlementToJson(s);
  EXPECT_NE(json.find(R"("agreement_id": "a\"b\\c\nd\te\u0001 øre")"),
            std::string::npos)
      << json;
}

TEST(SettlementJsonTest, NegativeNetCostAndEmptyLines) {
  mea::v1::Settlement s = Sample();
  s.clear_lines();
  s.set_net_cost("-10.00");
  const std::string json = evaluation::SettlementToJson(s);
  EXPECT_NE(json.find(R"("lines": [],)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("net_cost": "-10.00")"), std::string::npos) << json;
}

}  // namespace
}  // namespace mea::services
