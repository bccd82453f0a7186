#include "services/admin_service.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/auth/call_auth.h"
#include "services/field_violations.h"
#include "services/grpc_status.h"
#include "storage/backup.h"

namespace mea::services {
namespace {

// The path names a new file on the server's machine. It must be absolute:
// the server's working folder is nothing a client should have to know.
void ValidateBackupPath(std::string_view path, FieldViolations& violations) {
  if (path.empty()) {
    violations.Add("path", "is required");
  } else if (path.size() > kMaxBackupPathBytes) {
    violations.Add("path", absl::StrCat("must be at most ", kMaxBackupPathBytes,
                                        " bytes, got ", path.size()));
  } else if (path.find('\0') != std::string_view::npos) {
    violations.Add("path", "must not contain a NUL character");
  } else if (path.front() != '/') {
    violations.Add("path",
                   "must be absolute (start with /), on the server's "
                   "machine");
  } else if (path.back() == '/') {
    violations.Add("path", "must name a file, not a folder");
  }
}

}  // namespace

AdminServiceImpl::AdminServiceImpl(storage::Database* database)
    : ParsesUnaryRequests(v1::AdminService::service_full_name()),
      database_(database) {
  ParseRequestsOf("BackupDatabase", &AdminServiceImpl::BackupDatabase);
}

grpc::Status AdminServiceImpl::BackupDatabase(
    grpc::ServerContext* context, const v1::BackupDatabaseRequest* request,
    v1::BackupDatabaseResponse* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  FieldViolations violations;
  ValidateBackupPath(request->path(), violations);
  if (!violations.empty()) return ToGrpcStatus(violations.ToStatus());
  absl::StatusOr<storage::BackupStats> stats =
      storage::BackupDatabase(*database_, request->path());
  if (!stats.ok()) return ToGrpcStatus(stats.status());
  response->set_path(stats->path);
  response->set_bytes(stats->bytes);
  response->set_pages(stats->pages);
  const int64_t nanos = absl::ToInt64Nanoseconds(stats->duration);
  response->mutable_duration()->set_seconds(nanos / 1'000'000'000);
  response->mutable_duration()->set_nanos(
      static_cast<int32_t>(nanos % 1'000'000'000));
  return grpc::Status::OK;
}

}  // namespace mea::services
