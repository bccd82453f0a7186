#include "clients/meactl/export_command.h"

#include <fstream>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "clients/meactl/tracking/cli.h"
#include "export/render.h"
#include "export/source.h"
#include "export/tables.h"
#include "common/grpc_status.h"

namespace mea::meactl {
namespace {


constexpr char kUsage[] =
    "usage: meactl export due [--until YYYY-MM-DD] [--organisation O] "
    "[--method ID] [--area A] [--kind reassessment,...] "
    "[--format csv|xlsx] [--out FILE|-]\n"
    "       meactl export settlement AGREEMENT NUMBER [--format csv|xlsx] "
    "[--out FILE|-]\n";

int Usage(const Context& context, const std::string& problem) {
  *context.err << "meactl export: " << problem << "\n" << kUsage;
  return kExitUsage;
}

// --format, else the --out file's extension, else csv.
std::optional<std::string> FormatOf(const Args& args) {
  std::string format = args.Get("format");
  if (format.empty()) {
    format =
        absl::EndsWithIgnoreCase(args.Get("out"), ".xlsx") ? "xlsx" : "csv";
  }
  if (format != "csv" && format != "xlsx") return std::nullopt;
  return format;
}

exports::Metadata MetadataOf(const Context& context) {
  if (context.token.empty()) return {};
  return {{"authorization", "Bearer " + context.token}};
}

// Writes the rendered table to --out (stdout for "-").
int Write(const Context& context, const exports::Table& table,
          const std::string& format, const std::string& out) {
  absl::StatusOr<exports::Rendered> rendered =
      exports::RenderTable(table, format);
  if (!rendered.ok()) {
    return ReportError(context, ToGrpcStatus(rendered.status()));
  }
  if (out == "-") {
    std::ostream& stdout_stream =
        context.table_out != nullptr ? *context.table_out : *context.out;
    stdout_stream.write(rendered->bytes.data(), rendered->bytes.size());
    stdout_stream.flush();
    return kExitOk;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(rendered->bytes.data(), rendered->bytes.size());
  file.close();
  if (!file) {
    *context.err << "meactl export: cannot write " << out << "\n";
    return kExitFailed;
  }
  *context.err << "meactl export: " << table.rows.size()
               << " rader (rows) til (to) " << out << "\n";
  return kExitOk;
}

int ExportDue(const Context& context, const v1::ListDueItemsRequest& request,
              const std::string& format, const std::string& out) {
  absl::StatusOr<std::vector<v1::DueItem>> items =
      exports::FetchDueItems(context.Channel(), request, MetadataOf(context));
  if (!items.ok()) {
    return ReportError(context, ToGrpcStatus(items.status()));
  }
  return Write(context, exports::DueItemsTable(*items), format, out);
}

int ExportSettlement(const Context& context, const Args& args,
                     const std::string& format, const std::string& out) {
  const std::vector<std::string>& words = args.positional();
  std::int64_t number = 0;
  if (words.size() != 3 || !absl::SimpleAtoi(words[2], &number) || number < 1) {
    return Usage(context, "give AGREEMENT and a settlement NUMBER (1, 2, ...)");
  }
  absl::StatusOr<v1::StoredSettlement> stored = exports::FetchSettlement(
      context.Channel(), words[1], number, MetadataOf(context));
  if (!stored.ok()) {
    return ReportError(context, ToGrpcStatus(stored.status()));
  }
  return Write(context, exports::SettlementTable(*stored), format, out);
}

}  // namespace

int RunExportCommand(Context& context, const std::vector<std::string>& args) {
  std::optional<Args> parsed = Args::Parse(args, {}, *context.err);
  if (!parsed.has_value()) return kExitUsage;
  if (parsed->positional().empty()) return Usage(context, "what to export?");
  const std::string what = parsed->positional()[0];
  std::optional<std::string> format = FormatOf(*parsed);
  if (!format.has_value())
    return Usage(context, "--format must be csv or xlsx");
  const std::string out = parsed->Get("out", "-");
  if (*format == "xlsx" && out == "-") {
    return Usage(context, "an .xlsx file needs --out FILE");
  }
  if (what == "due") {
    if (parsed->positional().size() != 1) {
      return Usage(context, "export due takes filters, not words");
    }
    std::optional<v1::ListDueItemsRequest> request =
        tracking_cli::DueFilter(context, *parsed);
    if (!request.has_value()) return kExitUsage;
    if (std::vector<std::string> unused = parsed->Unused(); !unused.empty()) {
      return Usage(context, "unknown flag " + absl::StrJoin(unused, ", "));
    }
    return ExportDue(context, *request, *format, out);
  }
  if (what == "settlement") {
    if (std::vector<std::string> unused = parsed->Unused(); !unused.empty()) {
      return Usage(context, "unknown flag " + absl::StrJoin(unused, ", "));
    }
    return ExportSettlement(context, *parsed, *format, out);
  }
  return Usage(context, "unknown export " + what);
}

void PrintExportHelp(std::ostream& out) {
  out << "\nEksport (export) as CSV or Excel for finance and the "
         "secretariat:\n"
         "  export due [filters as for due] --format csv|xlsx --out FILE\n"
         "                         frister (due list), all pages\n"
         "  export settlement AGREEMENT NUMBER --format csv|xlsx --out FILE\n"
         "                         one stored oppgjør (settlement): lines, "
         "explanations, totals\n"
         "                         (amounts in NOK with two decimals)\n";
}

}  // namespace mea::meactl
