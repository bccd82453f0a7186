#include "tests/storage/sample_writes.h"

#include "common/status_macros.h"
#include "storage/audit/store.h"
#include "storage/tracking/store.h"

namespace mea::testing {

storage::tracking::MethodRecord SampleMethod(const std::string& id) {
  storage::tracking::MethodRecord method;
  method.id = id;
  method.title = "Prøvemetode " + id;
  method.active_substance = "provinib";
  method.supplier = "Leverandør A AS";
  method.therapeutic_area = "Onkologi";
  method.create_time = "2026-01-05T09:00:00Z";
  method.update_time = method.create_time;
  return method;
}

storage::audit::AuditRecord SampleRecord(const std::string& resource) {
  storage::audit::AuditRecord record;
  record.time = "2026-01-05T09:00:00Z";
  record.principal = "sekretariatet";
  record.organisation = "Sekretariatet for Nye metoder";
  record.role = "SECRETARIAT";
  record.credential = "token:0123456789ab";
  record.rpc = "/mea.v1.TrackingService/CreateMethod";
  record.resource = resource;
  record.request_digest = std::string(64, 'a');
  return record;
}

absl::StatusOr<storage::audit::AuditEntry> InsertAuditedMethod(
    storage::Connection& connection, const std::string& id) {
  MEA_RETURN_IF_ERROR(
      storage::tracking::InsertMethod(connection, SampleMethod(id)));
  return storage::audit::Append(connection, SampleRecord("methods/" + id));
}

absl::Status CreateMethod(storage::Database& database, const std::string& id) {
  return database.Write([&](storage::Connection& connection) {
    return InsertAuditedMethod(connection, id).status();
  });
}

absl::StatusOr<storage::audit::Verification> VerifyTrail(
    storage::Database& database) {
  absl::StatusOr<storage::audit::Verification> verified;
  MEA_RETURN_IF_ERROR(database.Read([&](storage::Connection& connection) {
    verified = storage::audit::Verify(connection, 0, "");
    return verified.status();
  }));
  return verified;
}

absl::StatusOr<bool> HasMethod(storage::Database& database,
                               const std::string& id) {
  bool exists = false;
  MEA_RETURN_IF_ERROR(database.Read([&](storage::Connection& connection) {
    absl::StatusOr<storage::tracking::MethodRecord> method =
        storage::tracking::LoadMethod(connection, id);
    exists = method.ok();
    return absl::IsNotFound(method.status()) ? absl::OkStatus()
                                             : method.status();
  }));
  return exists;
}

}  // namespace mea::testing
