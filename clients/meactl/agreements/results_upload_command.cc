// meactl results upload: sends results files to UploadResults in batches
// over one client stream, with a progress line per batch on stderr.
//
// Every file is checked whole before the first batch is sent. Batch ids are
// "<first 16 hex digits of the file's SHA-256>-<n>" (or "PREFIX-<n>" with
// --batch_id), so the same upload run twice sends the same batches and the
// server answers the second time with duplicate receipts: a failed or
// interrupted upload is simply run again.
#include <chrono>
#include <deque>
#include <memory>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/meactl/agreements/cli.h"
#include "clients/meactl/agreements/print.h"
#include "clients/meactl/agreements/results_files.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"

namespace mea::meactl::agreement_cli {
namespace {

constexpr int64_t kDefaultBatchRows = 10000;
// The server refuses bigger batches (services/agreements/results/validation.h).
constexpr int64_t kMaxBatchRows = 100000;
// How many recent batches keep their row origins for error messages; the
// server refuses a batch while the client is at most a few batches ahead.
constexpr size_t kRememberedBatches = 32;
// A large upload may stream for a long time.
constexpr auto kUploadDeadline = std::chrono::hours(2);

struct UploadOptions {
  std::string agreement_id;
  std::vector<std::string> files;
  int64_t batch_rows = kDefaultBatchRows;
  std::string batch_prefix;
  std::optional<ResultKind> kind;
  std::string correction_reason;
};

struct SentBatch {
  std::string batch_id;
  BatchOrigins origins;
};

std::optional<UploadOptions> ParseOptions(const Context& context,
                                          const Args& args) {
  if (args.positional().size() < 3 || args.positional()[0] != "upload") {
    Usage(context, "results upload AGREEMENT_ID FILE...");
    return std::nullopt;
  }
  UploadOptions options;
  options.agreement_id = args.positional()[1];
  options.files.assign(args.positional().begin() + 2, args.positional().end());
  if (args.Has("batch_size") &&
      (!absl::SimpleAtoi(args.Get("batch_size"), &options.batch_rows) ||
       options.batch_rows < 1 || options.batch_rows > kMaxBatchRows)) {
    Usage(context, "--batch_size must be a number of rows, 1 to 100000");
    return std::nullopt;
  }
  options.batch_prefix = args.Get("batch_id");
  if (args.Has("kind")) {
    options.kind = ParseResultKind(args.Get("kind"));
    if (!options.kind.has_value()) {
      Usage(context,
            "--kind must be dispensings, patients, assessments or "
            "group_outcomes");
      return std::nullopt;
    }
  }
  options.correction_reason = args.Get("correction_reason");
  if (!NoUnknownFlags(context, args)) return std::nullopt;
  return options;
}

// Opens and checks every file; prints the first problem.
std::optional<std::vector<std::unique_ptr<ResultsFile>>> OpenAll(
    const Context& context, const UploadOptions& options) {
  std::vector<std::unique_ptr<ResultsFile>> files;
  for (const std::string& path : options.files) {
    absl::StatusOr<std::unique_ptr<ResultsFile>> file =
        ResultsFile::Open(path, *context.in, options.kind);
    if (!file.ok()) {
      *context.err << "meactl: " << file.status().message() << "\n";
      return std::nullopt;
    }
    files.push_back(*std::move(file));
  }
  return files;
}

// "batch.dispensings[3].date" -> the file position of that row.
void PrintOrigins(const Context& context, const std::deque<SentBatch>& sent,
                  const absl::Status& error) {
  const SentBatch* batch = nullptr;
  for (const SentBatch& candidate : sent) {
    if (absl::StrContains(error.message(),
                          absl::StrCat("\"", candidate.batch_id, "\""))) {
      batch = &candidate;
    }
  }
  if (batch == nullptr) return;
  static const std::regex kRow(
      R"(^batch\.(dispensings|patients|assessments|group_outcomes)\[(\d+)\])");
  for (const auto& violation : ViolationsOf(error)) {
    std::smatch match;
    if (!std::regex_search(violation.field, match, kRow)) continue;
    const size_t kind = static_cast<size_t>(*ParseResultKind(match[1].str()));
    const size_t index = std::stoul(match[2].str());
    const std::vector<int64_t>& positions = batch->origins.positions[kind];
    if (index >= positions.size()) continue;
    *context.err << "  " << violation.field << " <- "
                 << batch->origins.file->Describe(static_cast<ResultKind>(kind),
                                                  positions[index])
                 << "\n";
  }
}

class Uploader {
 public:
  Uploader(const Context& context, const UploadOptions& options,
           int64_t total_rows)
      : context_(context), options_(options), total_rows_(total_rows) {
    call_.set_deadline(std::chrono::system_clock::now() + kUploadDeadline);
    stub_ = Stub(context);
    writer_ = stub_->UploadResults(&call_, &response_);
  }

  // Sends every batch of `file`; false when the stream broke.
  absl::StatusOr<bool> Send(ResultsFile& file) {
    MEA_RETURN_IF_ERROR(file.Rewind());
    for (int64_t index = 1;; ++index) {
      v1::UploadResultsRequest request;
      v1::ResultsBatch& batch = *request.mutable_batch();
      batch.set_agreement_id(options_.agreement_id);
      batch.set_correction_reason(options_.correction_reason);
      SentBatch sent;
      MEA_ASSIGN_OR_RETURN(const int64_t rows,
                           file.Fill(batch, options_.batch_rows, sent.origins));
      if (rows == 0) return true;
      sent.batch_id = NextBatchId(file, index);
      batch.set_batch_id(sent.batch_id);
      Remember(std::move(sent));
      if (!writer_->Write(request)) return false;
      ++batches_sent_;
      sent_rows_ += rows;
      *context_.err << "sendt " << sent_rows_ << "/" << total_rows_
                    << " rader (rows)\n";
    }
  }

  // Cancels the stream after a local error.
  void Abort() {
    call_.TryCancel();
    writer_->Finish();
  }

  // Ends the stream and prints the receipts or the error.
  int Finish() {
    writer_->WritesDone();
    grpc::Status status = writer_->Finish();
    if (!status.ok()) {
      int exit = ReportError(context_, status);
      PrintOrigins(context_, sent_, FromGrpcStatus(status));
      *context_.err << "  (batches before the refused one are stored; fix "
                       "the file and run the same command again: what was "
                       "stored is recognised as duplicate)\n";
      return exit;
    }
    if (context_.json()) {
      PrintJson(context_, response_);
    } else {
      PrintReceipts(context_, response_);
    }
    // One receipt per batch: fewer means a batch never reached the server
    // although the stream ended well (a server whose gRPC layer drops a
    // message it cannot parse behaves so), and must not pass unnoticed.
    if (response_.receipts_size() != batches_sent_) {
      *context_.err << "meactl: the server acknowledged "
                    << response_.receipts_size() << " of " << batches_sent_
                    << " batches; the others were not received (a batch "
                       "the server cannot parse ends the stream). Run the "
                       "same command again to resend them.\n";
      return kExitFailed;
    }
    return kExitOk;
  }

 private:
  std::string NextBatchId(const ResultsFile& file, int64_t index) {
    ++batches_;
    if (!options_.batch_prefix.empty()) {
      return absl::StrCat(options_.batch_prefix, "-", batches_);
    }
    return absl::StrCat(file.digest().substr(0, 16), "-", index);
  }

  void Remember(SentBatch sent) {
    sent_.push_back(std::move(sent));
    if (sent_.size() > kRememberedBatches) sent_.pop_front();
  }

  const Context& context_;
  const UploadOptions& options_;
  const int64_t total_rows_;
  int64_t sent_rows_ = 0;
  int64_t batches_ = 0;
  int batches_sent_ = 0;
  grpc::ClientContext call_;
  v1::UploadResultsResponse response_;
  std::unique_ptr<v1::AgreementService::Stub> stub_;
  std::unique_ptr<grpc::ClientWriter<v1::UploadResultsRequest>> writer_;
  std::deque<SentBatch> sent_;
};

}  // namespace

int RunResults(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseArgs(context, words, {});
  if (!args.has_value()) return kExitUsage;
  std::optional<UploadOptions> options = ParseOptions(context, *args);
  if (!options.has_value()) return kExitUsage;
  std::optional<std::vector<std::unique_ptr<ResultsFile>>> files =
      OpenAll(context, *options);
  if (!files.has_value()) return kExitUsage;
  int64_t total_rows = 0;
  for (const auto& file : *files) total_rows += file->rows();
  Uploader uploader(context, *options, total_rows);
  for (const auto& file : *files) {
    absl::StatusOr<bool> sent = uploader.Send(*file);
    if (!sent.ok()) {
      uploader.Abort();
      *context.err << "meactl: " << sent.status().message() << "\n";
      return kExitUsage;
    }
    if (!*sent) break;
  }
  return uploader.Finish();
}

}  // namespace mea::meactl::agreement_cli
