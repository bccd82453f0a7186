#include "clients/meactl/tracking/cli.h"

#include <algorithm>
#include <ostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace mea::meactl::tracking_cli {

namespace {

size_t Characters(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

std::unique_ptr<v1::TrackingService::Stub> Stub(const Context& context) {
  return v1::TrackingService::NewStub(context.Channel());
}

void PrintFields(const Context& context,
                 const std::vector<std::pair<std::string, std::string>>& fields,
                 const std::string& indent) {
  size_t width = 0;
  for (const auto& [label, value] : fields) {
    if (!value.empty()) width = std::max(width, Characters(label));
  }
  for (const auto& [label, value] : fields) {
    if (value.empty()) continue;
    *context.out << indent << label << ":"
                 << std::string(width - Characters(label) + 1, ' ') << value
                 << "\n";
  }
}

int Usage(const Context& context, const std::string& message) {
  *context.err << "meactl: " << message << "\n";
  return kExitUsage;
}

std::optional<Args> ParseCommand(
    const Context& context, const std::vector<std::string>& words,
    size_t positionals, const std::string& usage,
    const std::vector<std::string>& boolean_flags) {
  std::optional<Args> args = Args::Parse(words, boolean_flags, *context.err);
  if (!args.has_value()) {
    Usage(context, "usage: " + usage);
    return std::nullopt;
  }
  if (args->positional().size() != positionals) {
    Usage(context, "usage: " + usage);
    return std::nullopt;
  }
  return args;
}

bool RejectUnknownFlags(const Context& context, const Args& args,
                        const std::string& usage) {
  std::vector<std::string> unknown = args.Unused();
  if (unknown.empty()) return true;
  Usage(context, absl::StrCat("unknown flag ", absl::StrJoin(unknown, ", "),
                              "; usage: ", usage));
  return false;
}

std::optional<int64_t> ParseId(const Context& context, const std::string& text,
                               const std::string& what) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(text, &id) || id <= 0) {
    Usage(context,
          absl::StrCat(what, " must be a positive number, got \"", text, "\""));
    return std::nullopt;
  }
  return id;
}

std::string SourceText(v1::DataSource source) {
  std::string text = EnumText(source);
  return absl::StartsWith(text, "data_source_") ? text.substr(12) : text;
}

std::string PayerText(v1::ExitPlan::Payer payer) {
  std::string text = EnumText(payer);
  return absl::StartsWith(text, "payer_") ? text.substr(6) : text;
}

std::string BodyText(v1::Decision::Body body) {
  switch (body) {
    case v1::Decision::BESLUTNINGSFORUM:
      return "Beslutningsforum";
    case v1::Decision::MEDICAL_DIRECTORS:
      return "fagdirektørene (medical directors)";
    default:
      return "?";
  }
}

std::string SignedDays(int32_t days) {
  return days > 0 ? absl::StrCat("+", days) : absl::StrCat(days);
}

std::string Shorten(const std::string& text, size_t max) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (characters == max - 1) {
      // Is there more than this last character?
      size_t end = i + 1;
      while (end < text.size() &&
             (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        ++end;
      }
      if (end == text.size()) return text;
      return text.substr(0, i) + "…";
    }
    ++characters;
  }
  return text;
}

}  // namespace mea::meactl::tracking_cli
