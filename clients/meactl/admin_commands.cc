// `meactl backup PATH`: an online backup (sikkerhetskopi) of the server's
// database through AdminService.BackupDatabase, while the server keeps
// serving (docs/reliability.md tells how to restore it).
#include <chrono>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_format.h"
#include "clients/meactl/cli.h"
#include "clients/meactl/commands.h"
#include "mea/v1/admin.grpc.pb.h"

namespace mea::meactl {
namespace {

// A backup of a large database outlasts the usual 30 s deadline.
constexpr std::chrono::minutes kBackupDeadline(30);

// PATH names a file on the server's machine; a relative one is taken from
// the current folder, which is right when meactl runs beside mead.
std::string AbsolutePath(const std::string& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  return error ? path : absolute.lexically_normal().string();
}

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
  backup PATH                    online backup (sikkerhetskopi) of the
                                 server's database into the new file PATH on
                                 the server's machine while it keeps serving;
                                 a relative PATH is taken from the current
                                 folder; never overwrites a file
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
    *context.err << "meactl: backup needs exactly one PATH (the new backup "
                    "file)\n";
    return kExitUsage;
  }
  v1::BackupDatabaseRequest request;
  request.set_path(AbsolutePath(parsed->positional().front()));
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
