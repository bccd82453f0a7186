#include "tests/http/http_fixture.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/tracking.pb.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

std::string Day(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

// index.html, a script, a style sheet, a folder with its own index, a file
// beside (outside) the root and a link from inside the root to it.
std::string MakeWebRoot(TempDir& folder) {
  const std::string root = folder.File("web");
  std::filesystem::create_directories(root + "/reports");
  WriteFile(root + "/index.html", "<!doctype html><title>mea</title>");
  WriteFile(root + "/app.js", "console.log('mea');");
  WriteFile(root + "/app.js.map", R"({"version": 3, "sources": ["main.ts"]})");
  WriteFile(root + "/style.css", "body { margin: 0 }");
  WriteFile(root + "/reports/index.html", "<p>reports</p>");
  WriteFile(folder.File("secret.txt"), "outside the web root");
  std::filesystem::create_symlink(folder.File("secret.txt"),
                                  root + "/link.txt");
  return root;
}

std::string StringField(const google::protobuf::Struct& object,
                        const std::string& key) {
  auto found = object.fields().find(key);
  return found == object.fields().end() ? "" : found->second.string_value();
}

// Whether `text` holds a whole answer with a Content-Length.
bool AnswerComplete(const std::string& text) {
  const size_t head_end = text.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  const std::string head = absl::AsciiStrToLower(text.substr(0, head_end));
  const size_t field = head.find("\r\ncontent-length:");
  if (field == std::string::npos) return false;
  size_t length = 0;
  const size_t value = field + std::string("\r\ncontent-length:").size();
  if (!absl::SimpleAtoi(
          absl::StripAsciiWhitespace(
              head.substr(value, head.find("\r\n", value) - value)),
          &length)) {
    return false;
  }
  return text.size() >= head_end + 4 + length;
}

}  // namespace

std::string HttpAnswer::Header(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? "" : found->second;
}

bool ErrorBody::HasViolation(const std::string& field) const {
  for (const auto& [path, description] : violations) {
    if (path == field) return true;
  }
  return false;
}

ErrorBody ParseError(const std::string& body) {
  google::protobuf::Struct document;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &document).ok())
      << body;
  ErrorBody error;
  auto found = document.fields().find("error");
  if (found == document.fields().end()) {
    ADD_FAILURE() << "no \"error\" in " << body;
    return error;
  }
  const google::protobuf::Struct& object = found->second.struct_value();
  error.code = static_cast<int>(object.fields().at("code").number_value());
  error.status = StringField(object, "status");
  error.message = StringField(object, "message");
  for (const auto& detail :
       object.fields().at("details").list_value().values()) {
    const auto& fields = detail.struct_value().fields();
    EXPECT_EQ(fields.at("@type").string_value(),
              "type.googleapis.com/google.rpc.BadRequest");
    for (const auto& violation :
         fields.at("field_violations").list_value().values()) {
      error.violations.emplace_back(
          StringField(violation.struct_value(), "field"),
          StringField(violation.struct_value(), "description"));
    }
  }
  return error;
}

void ParseInto(const std::string& json, google::protobuf::Message* message) {
  auto parsed = google::protobuf::util::JsonStringToMessage(json, message);
  ASSERT_TRUE(parsed.ok()) << parsed.ToString() << "\n" << json;
}

std::vector<google::protobuf::Value> ReadWithPython(const std::string& script,
                                                    const std::string& file) {
  CommandResult result =
      RunCommand("/usr/bin/python3",
                 {absl::StrCat(MEA_SOURCE_DIR, "/tests/http/", script), file});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<google::protobuf::Value> lines;
  for (absl::string_view line :
       absl::StrSplit(result.out, '\n', absl::SkipEmpty())) {
    google::protobuf::Value value;
    auto parsed = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(line.data(), line.size()), &value);
    EXPECT_TRUE(parsed.ok()) << line;
    lines.push_back(value);
  }
  return lines;
}

HttpAnswer RawHttp(int port, const std::string& request) {
  HttpAnswer answer;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address),
                        sizeof(address)) != 0) {
    ADD_FAILURE() << "cannot connect to port " << port;
    if (fd >= 0) close(fd);
    return answer;
  }
  timeval timeout = {30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n =
        send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string text;
  char buffer[4096];
  // To the end of the connection, or of the body when its length is known
  // (a server may keep the connection open, e.g. after a request line it
  // could not parse, when it never read "Connection: close").
  for (ssize_t n; (n = recv(fd, buffer, sizeof(buffer), 0)) > 0;) {
    text.append(buffer, static_cast<size_t>(n));
    if (AnswerComplete(text)) break;
  }
  close(fd);
  const size_t head_end = text.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    ADD_FAILURE() << "no HTTP answer: " << text;
    return answer;
  }
  std::vector<std::string> lines =
      absl::StrSplit(text.substr(0, head_end), "\r\n");
  std::vector<std::string> status_line = absl::StrSplit(lines[0], ' ');
  if (status_line.size() < 2 ||
      !absl::SimpleAtoi(status_line[1], &answer.status)) {
    ADD_FAILURE() << "bad status line: " << lines[0];
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == std::string::npos) continue;
    answer.headers.emplace(
        lines[i].substr(0, colon),
        std::string(absl::StripAsciiWhitespace(lines[i].substr(colon + 1))));
  }
  answer.body = text.substr(head_end + 4);
  return answer;
}

HttpServer::HttpServer(const Options& options)
    : today_(2026, 3, 2), clock_(today_) {
  web_root_ = MakeWebRoot(folder_);
  services::ServerOptions server_options;
  server_options.listen_address = "127.0.0.1:0";
  server_options.database_path = folder_.File("mea.db");
  server_options.clock = &clock_;
  server_options.http_listen = "127.0.0.1:0";
  server_options.web_root = web_root_;
  server_options.tokens_path = options.tokens_path;
  server_options.tls_cert_path = options.tls_cert_path;
  server_options.tls_key_path = options.tls_key_path;
  server_options.http_allowed_hosts = options.allowed_hosts;
  server_options.http_trusted_proxies = options.trusted_proxies;
  server_options.http_serve_source_maps = options.serve_source_maps;
  auto started = services::MeaServer::Start(server_options);
  if (!started.ok()) {
    ADD_FAILURE() << "cannot start mead: " << started.status();
    std::abort();
  }
  server_ = *std::move(started);
  client_ = std::make_unique<httplib::Client>("127.0.0.1", http_port());
  client_->set_read_timeout(60, 0);
  // Send targets exactly as the tests write them (already encoded).
  client_->set_url_encode(false);
}

std::string HttpServer::base_url() const {
  return absl::StrCat("http://127.0.0.1:", http_port());
}

HttpAnswer HttpServer::Send(const std::string& method, const std::string& path,
                            const std::string& body,
                            const httplib::Headers& headers) {
  httplib::Result result(nullptr, httplib::Error::Unknown);
  const char* json = "application/json";
  if (method == "GET") {
    result = client_->Get(path, headers);
  } else if (method == "POST") {
    result = client_->Post(path, headers, body, json);
  } else if (method == "PATCH") {
    result = client_->Patch(path, headers, body, json);
  } else if (method == "PUT") {
    result = client_->Put(path, headers, body, json);
  } else if (method == "DELETE") {
    result = client_->Delete(path, headers, body, json);
  }
  HttpAnswer answer;
  if (!result) {
    ADD_FAILURE() << method << " " << path << ": no answer ("
                  << httplib::to_string(result.error()) << ")";
    return answer;
  }
  answer.status = result->status;
  answer.body = result->body;
  answer.headers = result->headers;
  return answer;
}

void HttpServer::Seed(const httplib::Headers& tracking,
                      const httplib::Headers& agreements) {
  HttpAnswer method = Post("/v1/methods", MethodJson(kMethodId), tracking);
  ASSERT_EQ(method.status, 200) << method.body;

  HttpAnswer decision =
      Post("/v1/decisions", TemporaryDecisionJson(kMethodId, today_), tracking);
  ASSERT_EQ(decision.status, 200) << decision.body;
  v1::Decision created;
  ParseInto(decision.body, &created);
  decision_id_ = created.id();
  for (const v1::DataObligation& obligation :
       created.follow_up().data_obligations()) {
    if (obligation.responsible_organisation() == kRegistry) {
      registry_obligation_ = obligation.id();
    } else {
      supplier_obligation_ = obligation.id();
    }
  }

  HttpAnswer agreement =
      Post("/v1/agreements", AgreementJson(kAgreementId, kMethodId, today_),
           agreements);
  ASSERT_EQ(agreement.status, 200) << agreement.body;

  HttpAnswer upload =
      Post(absl::StrCat("/v1/agreements/", kAgreementId, "/results:upload"),
           BatchJson("batch-1"), agreements);
  ASSERT_EQ(upload.status, 200) << upload.body;

  HttpAnswer settled =
      Post(absl::StrCat("/v1/agreements/", kAgreementId, ":settle"),
           R"({"period": {"start": "2025-01-01", "end": "2025-12-31"},
               "as_of": "2026-02-01"})",
           agreements);
  ASSERT_EQ(settled.status, 200) << settled.body;
}

std::string MethodJson(const std::string& id) {
  return absl::StrCat(R"({"id": ")", id, R"(",
    "title": "Larotrektinib ved solide svulster med NTRK-genfusjon",
    "active_substance": "larotrektinib", "brand_name": "Vitrakvi",
    "indication": "Solide svulster med NTRK-genfusjon",
    "supplier": "Bayer AS", "therapeutic_area": "Onkologi"})");
}

// Long enough to be folded in a calendar, with ';' and ',' to escape.
constexpr char kLongDescription[] =
    "Responsdata fra Kreftregisteret; INSPIRE-legemiddeldata, kvartalsvis "
    "levert, med beskrivelse av datakvalitet, dekningsgrad og frafall";

std::string TemporaryDecisionJson(const std::string& method_id,
                                  absl::CivilDay today) {
  return absl::StrCat(R"({
    "method_id": ")",
                      method_id, R"(",
    "decision_date": ")",
                      Day(today - 30), R"(",
    "body": "BESLUTNINGSFORUM",
    "introduction_type": "INTRODUCED_TEMPORARILY",
    "conditions": "Midlertidig innføring; revurdering innen to år.",
    "follow_up": {
      "outcome_measures": [{
        "name": "orr", "description": "Objektiv respons (ORR), i registeret",
        "kind": "PROPORTION", "unit": "proportion", "expected_value": "0.40",
        "direction": "AT_LEAST", "evaluation_weeks": 24,
        "data_source": "DATA_SOURCE_CANCER_REGISTRY"}],
      "data_obligations": [{
        "description": ")",
                      kLongDescription, R"(",
        "outcome_measures": ["orr"], "source": "DATA_SOURCE_CANCER_REGISTRY",
        "responsible_organisation": "Kreftregisteret",
        "responsible_role": "REGISTRY", "due_date": ")",
                      Day(today - 10), R"("
      }, {
        "description": "Studierapport fra leverandøren",
        "outcome_measures": ["orr"], "source": "DATA_SOURCE_COMPANY_STUDY",
        "responsible_organisation": "Bayer AS",
        "responsible_role": "SUPPLIER", "due_date": ")",
                      Day(today + 200), R"("
      }],
      "reassessment": {"deadline": ")",
                      Day(today + 700), R"("},
      "exit_plan": {"no_new_patients_after_days": 30,
        "ongoing_treatment": "CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS",
        "payer": "PAYER_SUPPLIER"}
    }})");
}

std::string AgreementJson(const std::string& id, const std::string& method_id,
                          absl::CivilDay today) {
  return absl::StrCat(R"({"id": ")", id, R"(", "method_id": ")", method_id,
                      R"(",
    "supplier": "Bayer AS", "state": "ACTIVE",
    "title": "Avtale om larotrektinib",
    "valid_from": "2025-01-01", "valid_to": ")",
                      Day(today + 100), R"(",
    "unit_price": "45210.50",
    "clauses": [
      {"flat_discount": {"percent": "7.25"}},
      {"outcome_guarantee": {"measure": "orr", "threshold": "0.40",
        "direction": "AT_LEAST", "price_reduction_percent": "5"}}]})");
}

std::string BatchJson(const std::string& batch_id) {
  return absl::StrCat(R"({"batch_id": ")", batch_id, R"(",
    "dispensings": [{"date": "2025-02-01", "units": 3},
                    {"date": "2025-05-01", "units": 2}],
    "group_outcomes": [{"measure": "orr", "value": "0.31", "n": 12,
                        "data_cut": "2025-12-31"}]})");
}

}  // namespace mea::testing
