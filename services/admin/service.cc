#include "services/admin/service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "services/admin/backup_folder.h"
#include "services/auth/serve.h"
#include "storage/core/backup.h"

namespace mea::services::admin {
namespace {

// Checks the request and the configuration, then copies the database into
// the backup folder.
absl::StatusOr<v1::BackupDatabaseResponse> Backup(
    storage::Database& database, const std::string& backup_folder,
    const v1::BackupDatabaseRequest& request) {
  FieldViolations violations;
  if (std::string problem = BackupFileNameProblem(request.file_name());
      !problem.empty()) {
    violations.Add("file_name", problem);
  }
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  if (backup_folder.empty()) {
    return absl::FailedPreconditionError(
        "backups are off: start mead with --backup_dir naming a folder of "
        "its own with mode 0700, outside the web root");
  }
  MEA_ASSIGN_OR_RETURN(
      const storage::BackupStats stats,
      storage::BackupDatabase(
          database, absl::StrCat(backup_folder, "/", request.file_name())));
  v1::BackupDatabaseResponse response;
  response.set_path(stats.path);
  response.set_bytes(stats.bytes);
  response.set_pages(stats.pages);
  const int64_t nanos = absl::ToInt64Nanoseconds(stats.duration);
  response.mutable_duration()->set_seconds(nanos / 1'000'000'000);
  response.mutable_duration()->set_nanos(
      static_cast<int32_t>(nanos % 1'000'000'000));
  return response;
}

}  // namespace

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
  return auth::Serve(context, response, [&](const auth::CallAuth&) {
    return Backup(*database_, backup_folder_, *request);
  });
}

}  // namespace mea::services::admin
