// ingest_bench: what row digests (storage/audit/state.h) cost results
// ingestion. Starts mea in-process on a fresh database, then uploads
// --batches results batches of --rows dispensings each through the real
// UploadResults path and prints the time of each batch and the total.
// With --without_row_digests it first removes what migration 5 and the
// capture triggers add to ingestion (the by-batch indexes and the TEMP
// triggers), which is how ingestion ran before row digests: run both and
// compare.
//
//   ingest_bench [--batches 2] [--rows 100000] [--without_row_digests]
#include <algorithm>
#include <chrono>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/server/server.h"
#include "storage/audit/audited_tables.h"
#include "tests/reliability/sample_requests.h"
#include "tests/support/temp_dir.h"

ABSL_FLAG(int, batches, 2, "batches to upload (1 to 50)");
ABSL_FLAG(int, rows, 100000, "dispensings per batch (1 to 100000)");
ABSL_FLAG(bool, without_row_digests, false,
          "drop the by-batch indexes and the capture triggers first");

namespace {

using mea::testing::samples::Agreement;
using mea::testing::samples::DispensingBatch;
using mea::testing::samples::Method;

absl::Status DropRowDigests(mea::storage::Database& database) {
  return database.Write([](mea::storage::Connection& connection) {
    std::string sql;
    for (const char* table :
         {"result_patients", "result_dispensings", "result_assessments",
          "result_group_outcomes", "result_corrections"}) {
      absl::StrAppend(&sql, "DROP INDEX ", table, "_by_batch;");
    }
    for (const auto& table : mea::storage::audit::AuditedTables()) {
      for (const char* event : {"insert", "update", "delete"}) {
        absl::StrAppend(&sql, "DROP TRIGGER IF EXISTS temp.audit_capture_",
                        event, "_", table.name, ";");
      }
    }
    return connection.Execute(sql);
  });
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int batches = std::clamp(absl::GetFlag(FLAGS_batches), 1, 50);
  const int rows = std::clamp(absl::GetFlag(FLAGS_rows), 1, 100000);
  mea::testing::TempDir folder;
  mea::services::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database_path = folder.File("mea.db");
  auto server = mea::services::MeaServer::Start(options);
  if (!server.ok()) {
    std::cerr << server.status() << "\n";
    return 1;
  }
  if (absl::GetFlag(FLAGS_without_row_digests)) {
    if (absl::Status dropped = DropRowDigests((*server)->database());
        !dropped.ok()) {
      std::cerr << dropped << "\n";
      return 1;
    }
  }
  auto channel = (*server)->InProcessChannel();
  auto tracking = mea::v1::TrackingService::NewStub(channel);
  auto agreements = mea::v1::AgreementService::NewStub(channel);
  {
    grpc::ClientContext call;
    mea::v1::CreateMethodRequest request;
    *request.mutable_method() = Method("ID2025_901");
    mea::v1::Method method;
    if (!tracking->CreateMethod(&call, request, &method).ok()) return 1;
  }
  {
    grpc::ClientContext call;
    mea::v1::CreateAgreementRequest request;
    *request.mutable_agreement() = Agreement("SI-BENCH", "ID2025_901");
    mea::v1::Agreement agreement;
    if (!agreements->CreateAgreement(&call, request, &agreement).ok()) return 1;
  }
  double total = 0;
  for (int i = 0; i < batches; ++i) {
    const auto batch =
        DispensingBatch("SI-BENCH", absl::StrCat("b", i), rows, i);
    mea::v1::UploadResultsResponse response;
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status =
        mea::testing::samples::Upload(*agreements, {batch}, &response, 300);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (!status.ok()) {
      std::cerr << status.error_message() << "\n";
      return 1;
    }
    total += seconds;
    std::cout << absl::StrFormat("batch %d: %d rows in %.3f s\n", i + 1, rows,
                                 seconds);
  }
  std::cout << absl::StrFormat("%s: %d rows in %.3f s (%.0f rows/s)\n",
                               absl::GetFlag(FLAGS_without_row_digests)
                                   ? "without row digests"
                                   : "with row digests",
                               batches * rows, total, batches * rows / total);
  (*server)->Shutdown(absl::ZeroDuration());
  (*server)->Wait();
  return 0;
}
