// The AdminService (proto/mea/v1/admin.proto): operating a running server.
// BackupDatabase validates the path at the edge and hands the work to
// storage/backup.h, which copies the database online while other requests
// go on being served.
#ifndef MEA_SERVICES_ADMIN_SERVICE_H_
#define MEA_SERVICES_ADMIN_SERVICE_H_

#include <cstddef>

#include "mea/v1/admin.grpc.pb.h"
#include "services/unary_parsing.h"
#include "storage/database.h"

namespace mea::services {

// The longest backup path accepted (Linux's PATH_MAX).
inline constexpr size_t kMaxBackupPathBytes = 4096;

class AdminServiceImpl final
    : public ParsesUnaryRequests<v1::AdminService::Service> {
 public:
  // Not owned; must outlive the service.
  explicit AdminServiceImpl(storage::Database* database);

  grpc::Status BackupDatabase(grpc::ServerContext* context,
                              const v1::BackupDatabaseRequest* request,
                              v1::BackupDatabaseResponse* response) override;

 private:
  storage::Database* database_;
};

}  // namespace mea::services

#endif  // MEA_SERVICES_ADMIN_SERVICE_H_
