#include "clients/meactl/cli.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/match.h"
#include "google/protobuf/util/json_util.h"
#include "export/csv.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "common/loopback.h"

namespace mea::meactl {

bool CheckFlagSpelling(const std::string& name, std::ostream& err) {
  if (name.find('-') == std::string::npos) return true;
  std::string underscored = name;
  std::replace(underscored.begin(), underscored.end(), '-', '_');
  err << "meactl: unknown flag --" << name
      << ": meactl's flags are spelt with underscores (--" << underscored
      << "; see meactl --help)\n";
  return false;
}

std::optional<Args> Args::Parse(const std::vector<std::string>& words,
                                const std::vector<std::string>& boolean_flags,
                                std::ostream& err) {
  Args args;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!absl::StartsWith(word, "--") || word == "--") {
      args.positional_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    size_t equals = name.find('=');
    if (!CheckFlagSpelling(name.substr(0, equals), err)) return std::nullopt;
    if (equals != std::string::npos) {
      args.flags_[name.substr(0, equals)] = name.substr(equals + 1);
      continue;
    }
    bool is_boolean = std::find(boolean_flags.begin(), boolean_flags.end(),
                                name) != boolean_flags.end();
    if (is_boolean) {
      args.flags_[name] = "true";
    } else if (i + 1 < words.size()) {
      args.flags_[name] = words[++i];
    } else {
      err << "meactl: --" << name << " needs a value\n";
      return std::nullopt;
    }
  }
  return args;
}

std::string Args::Get(const std::string& flag,
                      const std::string& fallback) const {
  used_[flag] = true;
  auto found = flags_.find(flag);
  return found == flags_.end() ? fallback : found->second;
}

std::vector<std::string> Args::Unused() const {
  std::vector<std::string> unused;
  for (const auto& [name, value] : flags_) {
    if (!used_.count(name)) unused.push_back("--" + name);
  }
  return unused;
}

std::shared_ptr<grpc::Channel> Context::Channel() const {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  if (tls_ca_pem.empty() && IsLoopbackAddress(server)) {
    return grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(),
                                     arguments);
  }
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = tls_ca_pem;
  tls.pem_cert_chain = tls_cert_pem;
  tls.pem_private_key = tls_key_pem;
  return grpc::CreateCustomChannel(server, grpc::SslCredentials(tls),
                                   arguments);
}

std::unique_ptr<grpc::ClientContext> Context::NewCallContext() const {
  auto call = std::make_unique<grpc::ClientContext>();
  call->set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
  if (!token.empty()) call->AddMetadata("authorization", "Bearer " + token);
  return call;
}

int ReportError(const Context& context, const grpc::Status& status) {
  absl::Status error = FromGrpcStatus(status);
  *context.err << "meactl: " << absl::StatusCodeToString(error.code()) << ": "
               << error.message() << "\n";
  for (const auto& violation : ViolationsOf(error)) {
    *context.err << "  " << violation.field << ": " << violation.description
                 << "\n";
  }
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    *context.err << "  (is mead running on " << context.server
                 << "? set --server or MEA_SERVER)\n";
  }
  return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT
             ? kExitUsage
             : kExitFailed;
}

void PrintJson(const Context& context,
               const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    *context.err << "meactl: cannot print the answer as JSON\n";
    return;
  }
  *context.out << json;
  if (json.empty() || json.back() != '\n') *context.out << "\n";
}

bool ParseJson(const Context& context, const std::string& json,
               google::protobuf::Message* message) {
  auto status = google::protobuf::util::JsonStringToMessage(json, message);
  if (status.ok()) return true;
  *context.err << "meactl: invalid JSON: " << status.message() << "\n";
  return false;
}

std::optional<std::string> ReadInput(const Context& context,
                                     const std::string& path) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << context.in->rdbuf();
    return buffer.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *context.err << "meactl: cannot read " << path << "\n";
    return std::nullopt;
  }
  buffer << file.rdbuf();
  return buffer.str();
}

namespace {

// Display width in characters of UTF-8 text (Norwegian letters are two
// bytes but one column).
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace

void PrintTable(const Context& context, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  if (context.csv()) {
    std::ostream& out =
        context.table_out != nullptr ? *context.table_out : *context.out;
    out << exports::CsvRecord(header);
    for (const auto& row : rows) out << exports::CsvRecord(row);
    return;
  }
  std::vector<size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line += std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
      }
    }
    *context.out << line << "\n";
  };
  print(header);
  for (const auto& row : rows) print(row);
}

}  // namespace mea::meactl
