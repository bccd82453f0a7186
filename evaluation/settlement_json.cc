#include "evaluation/settlement_json.h"

#include <cstdint>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mea::evaluation {
namespace {

// A JSON string literal: quotes, backslashes and control characters escaped;
// other bytes (UTF-8) pass through unchanged.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

// Writes one object's members, separating them with commas and indenting
// them by `indent` spaces.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void String(std::string_view key, std::string_view value) {
    Raw(key, Quote(value));
  }
  void Number(std::string_view key, std::int64_t value) {
    Raw(key, absl::StrCat(value));
  }
  // `value` is already JSON.
  void Raw(std::string_view key, std::string_view value) {
    out_ += first_ ? "\n" : ",\n";
    out_.append(indent_, ' ');
    out_ += Quote(key);
    out_ += ": ";
    out_ += value;
    first_ = false;
  }

 private:
  std::string& out_;
  int indent_;
  bool first_ = true;
};

std::string Indent(int spaces) { return std::string(spaces, ' '); }

std::string PeriodJson(const mea::v1::Period& period, int indent) {
  std::string out = "{";
  ObjectWriter w(out, indent + 2);
  w.String("start", period.start());
  w.String("end", period.end());
  absl::StrAppend(&out, "\n", Indent(indent), "}");
  return out;
}

std::string LineJson(const mea::v1::SettlementLine& line, int indent) {
  std::string out = "{";
  ObjectWriter w(out, indent + 2);
  w.String("clause", line.clause());
  w.Number("index", line.index());
  w.String("amount", line.amount());
  w.String("explanation", line.explanation());
  absl::StrAppend(&out, "\n", Indent(indent), "}");
  return out;
}

std::string OutcomesJson(const mea::v1::PatientOutcomes& outcomes, int indent) {
  std::string out = "{";
  ObjectWriter w(out, indent + 2);
  w.Number("success", outcomes.success());
  w.Number("failure", outcomes.failure());
  w.Number("pending", outcomes.pending());
  w.Number("missing", outcomes.missing());
  absl::StrAppend(&out, "\n", Indent(indent), "}");
  return out;
}

std::string TriggerJson(const mea::v1::Trigger& trigger, int indent) {
  std::string out = "{";
  ObjectWriter w(out, indent + 2);
  w.Number("clause_index", trigger.clause_index());
  w.String("kind", trigger.kind());
  w.String("measure", trigger.measure());
  w.String("observed", trigger.observed());
  w.String("threshold", trigger.threshold());
  absl::StrAppend(&out, "\n", Indent(indent), "}");
  return out;
}

// An array of objects, each written by `element`; "[]" when empty.
template <typename Items, typename Element>
std::string ArrayJson(const Items& items, int indent, Element element) {
  if (items.empty()) return "[]";
  std::string out = "[";
  for (int i = 0; i < items.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "\n" : ",\n", Indent(indent + 2),
                    element(items[i], indent + 2));
  }
  absl::StrAppend(&out, "\n", Indent(indent), "]");
  return out;
}

}  // namespace

std::string SettlementToJson(const mea::v1::Settlement& settlement) {
  std::string out = "{";
  ObjectWriter w(out, 2);
  w.String("agreement_id", settlement.agreement_id());
  w.Raw("period", PeriodJson(settlement.period(), 2));
  w.String("as_of", settlement.as_of());
  w.Number("units", settlement.units());
  w.String("gross_cost", settlement.gross_cost());
  w.Raw("lines", ArrayJson(settlement.lines(), 2, LineJson));
  w.String("total_refund", settlement.total_refund());
  w.String("net_cost", settlement.net_cost());
  if (settlement.has_patient_outcomes()) {
    w.Raw("patient_outcomes", OutcomesJson(settlement.patient_outcomes(), 2));
  }
  w.Raw("triggers", ArrayJson(settlement.triggers(), 2, TriggerJson));
  out += "\n}\n";
  return out;
}

}  // namespace mea::evaluation
