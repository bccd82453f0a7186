// `meactl backup NAME`: an online backup (sikkerhetskopi) of the server's
// database through AdminService.BackupDatabase into the server's backup
// folder, while the server keeps serving (docs/reliability.md tells how to
// restore it).
#include <chrono>
#include <iostream>

#include "absl/strings/str_format.h"
#include "clients/meactl/cli.h"
#include "clients/meactl/commands.h"
#include "mea/v1/admin.grpc.pb.h"

namespace mea::meactl {
namespace {

// A backup of a large database outlasts the usual 30 s deadline.
constexpr std::chrono::minutes kBackupDeadline(30);

void PrintReceipt(const Context& context,
                  const v1::BackupDatabaseResponse& response) {
  const double seconds =
      response.duration().seconds() + response.duration().nanos() / 1e9;
  *context.out << absl::StrFormat(
      "sikkerhetskopi (backup) written: %s\n"
      "  %d bytes, %d pages, %.3f s\n",
      response.path(), response.bytes(), response.pages(), seconds);
}

}  // namespace

void PrintAdminHelp(std::ostream& out) {
  out << R"(
Drift (operations):
  backup NAME                    online backup (sikkerhetskopi) of the
                                 server's database into the new file NAME in
                                 the server's backup folder (mead
                                 --backup_dir) while it keeps serving; NAME
                                 is a file name, not a path; never
                                 overwrites a file; role PROCUREMENT
)";
}

int RunBackupCommand(Context& context, const std::vector<std::string>& args) {
  std::optional<Args> parsed = Args::Parse(args, {"help"}, *context.err);
  if (!parsed.has_value()) return kExitUsage;
  if (parsed->Has("help")) {
    PrintAdminHelp(*context.out);
    return kExitOk;
  }
  if (!parsed->Unused().empty()) {
    *context.err << "meactl: backup: unknown flag " << parsed->Unused().front()
                 << "\n";
    return kExitUsage;
  }
  if (parsed->positional().size() != 1) {
    *context.err << "meactl: backup needs exactly one NAME (the new backup "
                    "file's name in the server's backup folder)\n";
    return kExitUsage;
  }
  v1::BackupDatabaseRequest request;
  request.set_file_name(parsed->positional().front());
  std::unique_ptr<grpc::ClientContext> call = context.NewCallContext();
  call->set_deadline(std::chrono::system_clock::now() + kBackupDeadline);
  v1::BackupDatabaseResponse response;
  grpc::Status status = v1::AdminService::NewStub(context.Channel())
                            ->BackupDatabase(call.get(), request, &response);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, response);
  } else {
    PrintReceipt(context, response);
  }
  return kExitOk;
}

}  // namespace mea::meactl
