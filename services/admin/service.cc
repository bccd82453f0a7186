#include "services/admin/service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/auth/call_auth.h"
#include "services/admin/backup_folder.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "storage/core/backup.h"

namespace mea::services {

AdminServiceImpl::AdminServiceImpl(storage::Database* database,
                                   std::string backup_folder)
    : ParsesUnaryRequests(v1::AdminService::service_full_name()),
      database_(database),
      backup_folder_(std::move(backup_folder)) {
  ParseRequestsOf("BackupDatabase", &AdminServiceImpl::BackupDatabase);
}

grpc::Status AdminServiceImpl::BackupDatabase(
    grpc::ServerContext* context, const v1::BackupDatabaseRequest* request,
    v1::BackupDatabaseResponse* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  FieldViolations violations;
  if (std::string problem = BackupFileNameProblem(request->file_name());
      !problem.empty()) {
    violations.Add("file_name", problem);
  }
  if (!violations.empty()) return ToGrpcStatus(violations.ToStatus());
  if (backup_folder_.empty()) {
    return ToGrpcStatus(absl::FailedPreconditionError(
        "backups are off: start mead with --backup_dir naming a folder of "
        "its own with mode 0700, outside the web root"));
  }
  absl::StatusOr<storage::BackupStats> stats = storage::BackupDatabase(
      *database_, absl::StrCat(backup_folder_, "/", request->file_name()));
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
