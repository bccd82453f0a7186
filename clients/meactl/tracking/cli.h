// Shared by the tracking command families of meactl (methods, decisions,
// obligations, reassessments, due, dossier): argument parsing with usage
// errors, enum and id flags, and the text forms of tracking values.
#ifndef MEA_CLIENTS_MEACTL_TRACKING_CLI_H_
#define MEA_CLIENTS_MEACTL_TRACKING_CLI_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "clients/meactl/cli.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "mea/v1/tracking.grpc.pb.h"

namespace mea::meactl::tracking_cli {

// The command families (each returns an exit status, see cli.h).
int RunMethods(Context& context, const std::vector<std::string>& args);
int RunDecisions(Context& context, const std::vector<std::string>& args);
int RunObligations(Context& context, const std::vector<std::string>& args);
int RunReassessments(Context& context, const std::vector<std::string>& args);
int RunDue(Context& context, const std::vector<std::string>& args);
int RunDossier(Context& context, const std::vector<std::string>& args);

// A TrackingService stub on the context's server.
std::unique_ptr<v1::TrackingService::Stub> Stub(const Context& context);

// Prints "label: value" lines with the values aligned, after `indent`;
// lines with an empty value are left out.
void PrintFields(const Context& context,
                 const std::vector<std::pair<std::string, std::string>>& fields,
                 const std::string& indent = "  ");

// Prints "meactl: MESSAGE" on stderr and returns kExitUsage.
int Usage(const Context& context, const std::string& message);

// Parses `words` as flags and positionals and checks that there are
// exactly `positionals` positional words (named in `usage`). On a problem
// prints the usage line and returns nullopt.
std::optional<Args> ParseCommand(
    const Context& context, const std::vector<std::string>& words,
    size_t positionals, const std::string& usage,
    const std::vector<std::string>& boolean_flags = {});

// Call after reading every flag: reports flags the command does not know.
bool RejectUnknownFlags(const Context& context, const Args& args,
                        const std::string& usage);

// A positive integer id ("decision id", ...), or nullopt after printing.
std::optional<int64_t> ParseId(const Context& context, const std::string& text,
                               const std::string& what);

// The enum value named `text`, ignoring case, with '-' read as '_' and an
// optional `prefix` ("DATA_SOURCE_") that may be left out. nullopt, after
// printing the choices, when there is none.
template <typename Enum>
std::optional<Enum> ParseEnum(const Context& context, const std::string& text,
                              const std::string& flag,
                              const std::string& prefix = "") {
  const google::protobuf::EnumDescriptor* type =
      google::protobuf::GetEnumDescriptor<Enum>();
  std::string name =
      absl::AsciiStrToUpper(absl::StrReplaceAll(text, {{"-", "_"}}));
  for (const std::string& candidate : {name, prefix + name}) {
    const google::protobuf::EnumValueDescriptor* value =
        type->FindValueByName(candidate);
    if (value != nullptr && value->number() != 0) {
      return static_cast<Enum>(value->number());
    }
  }
  std::string choices;
  for (int i = 1; i < type->value_count(); ++i) {
    if (!choices.empty()) choices += ", ";
    choices += absl::AsciiStrToLower(type->value(i)->name());
  }
  Usage(context, flag + ": unknown value \"" + text + "\"; one of " + choices);
  return std::nullopt;
}

// The name of an enum value, lower case ("introduced_temporarily").
template <typename Enum>
std::string EnumText(Enum value) {
  const google::protobuf::EnumValueDescriptor* found =
      google::protobuf::GetEnumDescriptor<Enum>()->FindValueByNumber(value);
  return found == nullptr ? "?" : absl::AsciiStrToLower(found->name());
}

// EnumText without the value prefix: "cancer_registry", "supplier".
std::string SourceText(v1::DataSource source);
std::string PayerText(v1::ExitPlan::Payer payer);

// "Beslutningsforum", "fagdirektørene (medical directors)".
std::string BodyText(v1::Decision::Body body);
// "-12", "0", "+30" days.
std::string SignedDays(int32_t days);
// At most `max` characters (code points), with "…" when cut.
std::string Shorten(const std::string& text, size_t max);

// The ListDueItems filter of the flags --until, --organisation, --method,
// --area and --kind (meactl due, meactl export due); nullopt after printing
// what is wrong.
std::optional<v1::ListDueItemsRequest> DueFilter(const Context& context,
                                                 const Args& args);

}  // namespace mea::meactl::tracking_cli

#endif  // MEA_CLIENTS_MEACTL_TRACKING_CLI_H_
