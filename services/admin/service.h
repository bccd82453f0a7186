// The AdminService (proto/mea/v1/admin.proto): operating a running server.
// BackupDatabase validates the file name at the edge, places it in the
// backup folder checked at start (services/admin/backup_folder.h) and hands the
// work to storage/core/backup.h, which copies the database online while other
// requests go on being served.
#ifndef MEA_SERVICES_ADMIN_SERVICE_H_
#define MEA_SERVICES_ADMIN_SERVICE_H_

#include <string>

#include "mea/v1/admin.grpc.pb.h"
#include "services/rpc/unary_parsing.h"
#include "storage/core/database.h"

namespace mea::services::admin {

// Thread safety: gRPC calls BackupDatabase on any of its threads at once;
// the folder is fixed at construction, and storage/core/backup.h copies the
// database while other calls go on.
class AdminServiceImpl final
    : public ParsesUnaryRequests<v1::AdminService::Service> {
 public:
  // `database`: not owned; must outlive the service. `backup_folder`: the
  // folder backups go into, already checked by CheckBackupFolder; empty:
  // backups are off.
  AdminServiceImpl(storage::Database* database, std::string backup_folder);

  grpc::Status BackupDatabase(grpc::ServerContext* context,
                              const v1::BackupDatabaseRequest* request,
                              v1::BackupDatabaseResponse* response) override;

 private:
  storage::Database* database_;
  const std::string backup_folder_;
};

}  // namespace mea::services::admin

#endif  // MEA_SERVICES_ADMIN_SERVICE_H_
