#include "clients/meactl/evaluate_command.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/meactl/cli.h"
#include "common/field_violations.h"
#include "evaluation/mapping.h"
#include "evaluation/settlement_json.h"
#include "export/csv.h"
#include "export/tables.h"
#include "rules/settle.h"

namespace mea::meactl {
namespace {

constexpr std::string_view kUsage =
    "Usage: meactl evaluate FILE [--output table|json|csv]\n"
    "\n"
    "Settles an evaluation input (shared/docs/evaluation.md) locally and\n"
    "prints the settlement. FILE \"-\" reads standard input.\n"
    "\n"
    "  --output table  a readable report (default)\n"
    "  --output json   the Settlement JSON document\n"
    "  --output csv    the settlement as CSV, as `meactl export settlement`\n"
    "                  writes a stored one\n"
    "  --help          this text\n"
    "\n"
    "Exit status: 0 settled, 2 invalid input, unreadable file or usage.\n";

enum class Format { kTable, kJson, kCsv };

struct Options {
  std::string file;
  Format format = Format::kTable;
  bool help = false;
};

// The options, or the usage error to print.
absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args) {
  Options options;
  std::optional<std::string> file;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::optional<std::string> format;
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--output" || arg == "-o") {
      if (i + 1 == args.size()) {
        return absl::InvalidArgumentError("--output needs table, json or csv");
      }
      format = args[++i];
    } else if (absl::StartsWith(arg, "--output=")) {
      format = arg.substr(std::string_view("--output=").size());
    } else if (arg != "-" && absl::StartsWith(arg, "-")) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option \"", arg, "\""));
    } else if (file.has_value()) {
      return absl::InvalidArgumentError("expected exactly one FILE");
    } else {
      file = arg;
    }
    if (!format.has_value()) continue;
    if (*format == "json") {
      options.format = Format::kJson;
    } else if (*format == "table") {
      options.format = Format::kTable;
    } else if (*format == "csv") {
      options.format = Format::kCsv;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "--output must be table, json or csv, got \"", *format, "\""));
    }
  }
  if (!file.has_value() && !options.help) {
    return absl::InvalidArgumentError("expected a FILE (or - for stdin)");
  }
  options.file = file.value_or("");
  return options;
}

absl::StatusOr<std::string> ReadAll(const std::string& file, std::istream& in) {
  std::ostringstream text;
  if (file == "-") {
    text << in.rdbuf();
    if (in.bad()) return absl::NotFoundError("cannot read standard input");
    return text.str();
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    return absl::NotFoundError(absl::StrCat("cannot open \"", file, "\""));
  }
  text << stream.rdbuf();
  if (stream.bad()) {
    return absl::NotFoundError(absl::StrCat("cannot read \"", file, "\""));
  }
  return text.str();
}

// Left-pads or right-pads `text` to `width` columns, counting UTF-8 code
// points so that the Norwegian headings line up.
size_t Columns(std::string_view text) {
  // Every byte but UTF-8 continuation bytes starts a code point.
  return std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
}

std::string Pad(const std::string& text, size_t width, bool right_align) {
  const size_t columns = Columns(text);
  const std::string fill(columns < width ? width - columns : 0, ' ');
  return right_align ? fill + text : text + fill;
}

void PrintTable(const mea::v1::Settlement& s, std::ostream& out) {
  out << "Oppgjør / Settlement " << s.agreement_id() << "\n"
      << "Periode / Period:     " << s.period().start() << " – "
      << s.period().end() << "\n"
      << "Per / As of:          " << s.as_of() << "\n\n";
  size_t amount_width = Columns("Beløp / Amount");
  for (const auto& line : s.lines()) {
    amount_width = std::max(amount_width, line.amount().size());
  }
  out << Pad("#", 3, true) << "  " << Pad("Klausul / Clause", 20, false) << "  "
      << Pad("Beløp / Amount", amount_width, true) << "  "
      << "Forklaring / Explanation\n";
  for (const auto& line : s.lines()) {
    out << Pad(absl::StrCat(line.index()), 3, true) << "  "
        << Pad(line.clause(), 20, false) << "  "
        << Pad(line.amount(), amount_width, true) << "  " << line.explanation()
        << "\n";
  }
  out << "\n"
      << "Enheter / Units:                 " << s.units() << "\n"
      << "Brutto / Gross cost:             " << s.gross_cost() << "\n"
      << "Sum refusjon / Total refund:     " << s.total_refund() << "\n"
      << "Netto / Net cost:                " << s.net_cost() << "\n";
  if (s.has_patient_outcomes()) {
    const auto& o = s.patient_outcomes();
    out << "Pasientutfall / Patient outcomes: success " << o.success()
        << ", failure " << o.failure() << ", pending " << o.pending()
        << ", missing " << o.missing() << "\n";
  }
  if (s.triggers().empty()) {
    out << "Utløsere / Triggers:             none\n";
    return;
  }
  out << "Utløsere / Triggers:\n";
  for (const auto& t : s.triggers()) {
    out << "  clause " << t.clause_index() << " " << t.kind() << " "
        << t.measure() << ": observed \"" << t.observed() << "\", threshold \""
        << t.threshold() << "\"\n";
  }
}

// The one CSV form of a settlement (export/tables.h), of a settlement that
// was not stored: no number, no input digest.
void PrintCsv(const mea::v1::Settlement& settlement, std::ostream& out) {
  mea::v1::StoredSettlement unstored;
  *unstored.mutable_settlement() = settlement;
  out << exports::TableToCsv(exports::SettlementTable(unstored));
}

void PrintViolations(const absl::Status& status, std::ostream& err) {
  const std::vector<FieldViolations::Violation> violations =
      ViolationsOf(status);
  if (violations.empty()) {
    err << status.message() << "\n";
    return;
  }
  for (const FieldViolations::Violation& v : violations) {
    err << v.field << ": " << v.description << "\n";
  }
}

}  // namespace

int RunEvaluateCommand(const std::vector<std::string>& args, std::istream& in,
                       std::ostream& out, std::ostream& err) {
  const absl::StatusOr<Options> options = ParseOptions(args);
  if (!options.ok()) {
    err << "meactl evaluate: " << options.status().message() << "\n\n"
        << kUsage;
    return kExitUsage;
  }
  if (options->help) {
    out << kUsage;
    return kExitOk;
  }
  const absl::StatusOr<std::string> text = ReadAll(options->file, in);
  if (!text.ok()) {
    err << "meactl evaluate: " << text.status().message() << "\n";
    return kExitUsage;
  }
  const absl::StatusOr<mea::v1::EvaluationInput> proto =
      evaluation::ParseEvaluationInputJson(*text);
  if (!proto.ok()) {
    err << options->file << ": " << proto.status().message() << "\n";
    return kExitUsage;
  }
  const absl::StatusOr<rules::EvaluationInput> input =
      evaluation::EvaluationInputFromProto(*proto);
  if (!input.ok()) {
    PrintViolations(input.status(), err);
    return kExitUsage;
  }
  const mea::v1::Settlement settlement =
      evaluation::SettlementToProto(rules::Settle(*input));
  if (options->format == Format::kJson) {
    out << evaluation::SettlementToJson(settlement);
  } else if (options->format == Format::kCsv) {
    PrintCsv(settlement, out);
  } else {
    PrintTable(settlement, out);
  }
  return kExitOk;
}

}  // namespace mea::meactl
