// load_generator: many concurrent clients against a real mead for a fixed
// time, mixing what the product's users do: the secretariat's due list and
// dossiers (reads), new methods and decisions (writes), registries'
// results batches (ingestion) and procurement's settlements. Reports
// requests per second, p50/p99 latency per kind, errors (must be 0), and
// mead's resident memory over the run (must level off, not keep growing).
//
// Bounded on purpose: loopback only, at most --clients threads (<= 64) for
// at most --seconds (<= 600), each with a request cap. Without --server it
// starts build/bin/mead itself on a fresh database in a temporary folder.
//
//   load_generator [--clients 16] [--seconds 20] [--server 127.0.0.1:PORT]
//                  [--batch_rows 200]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "common/limits.h"
#include "tests/reliability/mead_process.h"
#include "tests/reliability/sample_requests.h"

ABSL_FLAG(int, clients, 16, "concurrent clients (1 to 64)");
ABSL_FLAG(int, seconds, 20, "how long to run (1 to 600)");
ABSL_FLAG(std::string, server, "",
          "a running mead on loopback (127.0.0.1:PORT); empty: start one");
ABSL_FLAG(int, batch_rows, 200, "dispensings per results batch");

namespace {

using mea::testing::samples::Agreement;
using mea::testing::samples::DispensingBatch;
using mea::testing::samples::IntroducedDecision;
using mea::testing::samples::Method;
using mea::testing::samples::Settle2025;
using mea::testing::samples::TemporaryDecision;
namespace v1 = mea::v1;

constexpr int kSeedMethods = 20;
constexpr int kAgreements = 4;
// No client sends more than this, whatever the time allows.
constexpr int kMaxRequestsPerClient = 200000;

enum Kind { kDueList, kDossier, kWrite, kIngest, kSettle, kKinds };
constexpr const char* kKindNames[kKinds] = {"ListDueItems", "GetDossier",
                                            "CreateMethod+Decision",
                                            "UploadResults", "SettleAgreement"};
// Out of 100: reads dominate, as for the secretariat and forum members.
constexpr int kWeights[kKinds] = {30, 30, 15, 15, 10};

struct Tally {
  std::vector<double> milliseconds[kKinds];
  int errors[kKinds] = {};
  std::string first_error;
};

std::string MethodId(int n) { return absl::StrFormat("ID2040_%03d", n); }
std::string AgreementId(int n) { return absl::StrFormat("SI-LOAD-%d", n); }

std::unique_ptr<grpc::ClientContext> Call() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

bool Seed(const std::shared_ptr<grpc::Channel>& channel) {
  auto tracking = v1::TrackingService::NewStub(channel);
  auto agreements = v1::AgreementService::NewStub(channel);
  for (int i = 0; i < kSeedMethods; ++i) {
    v1::CreateMethodRequest method;
    *method.mutable_method() = Method(MethodId(i));
    v1::Method created;
    v1::CreateDecisionRequest decision;
    *decision.mutable_decision() = TemporaryDecision(MethodId(i));
    v1::Decision recorded;
    if (!tracking->CreateMethod(Call().get(), method, &created).ok() ||
        !tracking->CreateDecision(Call().get(), decision, &recorded).ok()) {
      return false;
    }
  }
  for (int i = 0; i < kAgreements; ++i) {
    v1::CreateAgreementRequest request;
    *request.mutable_agreement() = Agreement(AgreementId(i), MethodId(i));
    v1::Agreement stored;
    if (!agreements->CreateAgreement(Call().get(), request, &stored).ok()) {
      return false;
    }
  }
  return true;
}

class Client {
 public:
  Client(int number, std::shared_ptr<grpc::Channel> channel, int batch_rows)
      : number_(number),
        batch_rows_(batch_rows),
        random_(number),
        tracking_(v1::TrackingService::NewStub(channel)),
        agreements_(v1::AgreementService::NewStub(channel)) {}

  void Run(const std::atomic<bool>& stop, Tally& tally) {
    std::uniform_int_distribution<int> pick(0, 99);
    for (int i = 0; i < kMaxRequestsPerClient && !stop; ++i) {
      int roll = pick(random_);
      int kind = 0;
      while (roll >= kWeights[kind]) roll -= kWeights[kind++];
      const auto start = std::chrono::steady_clock::now();
      const grpc::Status status = Do(static_cast<Kind>(kind));
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      tally.milliseconds[kind].push_back(took.count());
      if (!status.ok()) {
        ++tally.errors[kind];
        if (tally.first_error.empty()) {
          tally.first_error =
              absl::StrFormat("%s: %d %s", kKindNames[kind],
                              status.error_code(), status.error_message());
        }
      }
    }
  }

 private:
  grpc::Status Do(Kind kind) {
    switch (kind) {
      case kDueList: {
        v1::ListDueItemsRequest request;
        request.set_end_date("2027-12-31");
        v1::ListDueItemsResponse response;
        return tracking_->ListDueItems(Call().get(), request, &response);
      }
      case kDossier: {
        v1::GetDossierRequest request;
        request.set_method_id(MethodId(random_() % kSeedMethods));
        v1::Dossier dossier;
        return tracking_->GetDossier(Call().get(), request, &dossier);
      }
      case kWrite:
        return Write();
      case kIngest: {
        v1::ResultsBatch batch =
            DispensingBatch(AgreementId(random_() % kAgreements),
                            absl::StrFormat("c%02d-%06d", number_, ++sent_),
                            batch_rows_, sent_);
        v1::UploadResultsRequest request;
        *request.mutable_batch() = batch;
        v1::UploadResultsResponse response;
        auto context = Call();
        auto stream = agreements_->UploadResults(context.get(), &response);
        stream->Write(request);
        stream->WritesDone();
        return stream->Finish();
      }
      default: {
        v1::StoredSettlement stored;
        return agreements_->SettleAgreement(
            Call().get(), Settle2025(AgreementId(random_() % kAgreements)),
            &stored);
      }
    }
  }

  // A new method and its decision: two writes, as the secretariat records
  // a case. Each client has its own year in the case ids (ID2100_000 for
  // client 0, ID2101_000 for client 1, ...), 1000 cases at most; beyond
  // that it reads the case back instead.
  grpc::Status Write() {
    const std::string id =
        absl::StrFormat("ID%04d_%03d", 2100 + number_, written_ % 1000);
    if (written_ >= 1000) {
      v1::GetMethodRequest request;
      request.set_id(id);
      v1::Method method;
      return tracking_->GetMethod(Call().get(), request, &method);
    }
    ++written_;
    v1::CreateMethodRequest method;
    *method.mutable_method() = Method(id);
    v1::Method created;
    grpc::Status status =
        tracking_->CreateMethod(Call().get(), method, &created);
    if (!status.ok()) return status;
    v1::CreateDecisionRequest decision;
    *decision.mutable_decision() = IntroducedDecision(id);
    v1::Decision recorded;
    return tracking_->CreateDecision(Call().get(), decision, &recorded);
  }

  int number_;
  int batch_rows_;
  std::mt19937 random_;
  int sent_ = 0;
  int written_ = 0;
  std::unique_ptr<v1::TrackingService::Stub> tracking_;
  std::unique_ptr<v1::AgreementService::Stub> agreements_;
};

double Percentile(std::vector<double>& values, double fraction) {
  if (values.empty()) return 0;
  const size_t index = std::min(values.size() - 1,
                                static_cast<size_t>(fraction * values.size()));
  std::nth_element(values.begin(), values.begin() + index, values.end());
  return values[index];
}

bool IsLoopback(const std::string& address) {
  return absl::StartsWith(address, "127.0.0.1:") ||
         absl::StartsWith(address, "localhost:") ||
         absl::StartsWith(address, "[::1]:");
}

int Report(std::vector<Tally>& tallies, double seconds,
           const std::vector<int64_t>& memory) {
  std::cout << absl::StrFormat("%-22s %9s %9s %9s %9s %7s\n", "kind",
                               "requests", "rps", "p50 ms", "p99 ms", "errors");
  int64_t total = 0;
  int errors = 0;
  std::string first_error;
  for (int kind = 0; kind < kKinds; ++kind) {
    std::vector<double> all;
    int kind_errors = 0;
    for (Tally& tally : tallies) {
      all.insert(all.end(), tally.milliseconds[kind].begin(),
                 tally.milliseconds[kind].end());
      kind_errors += tally.errors[kind];
      if (first_error.empty()) first_error = tally.first_error;
    }
    total += all.size();
    errors += kind_errors;
    const double count = static_cast<double>(all.size());
    std::cout << absl::StrFormat("%-22s %9d %9.1f %9.2f %9.2f %7d\n",
                                 kKindNames[kind], all.size(), count / seconds,
                                 Percentile(all, 0.50), Percentile(all, 0.99),
                                 kind_errors);
  }
  std::cout << absl::StrFormat("%-22s %9d %9.1f %29d\n", "total", total,
                               total / seconds, errors);
  if (!memory.empty()) {
    std::cout << "mead VmRSS (MiB) every second:";
    for (int64_t kilobytes : memory) {
      std::cout << " " << kilobytes / 1024;
    }
    std::cout << absl::StrFormat("\nmead VmRSS start %d MiB, end %d MiB\n",
                                 memory.front() / 1024, memory.back() / 1024);
  }
  if (errors > 0) std::cout << "first error: " << first_error << "\n";
  return errors == 0 ? 0 : 1;
}

// Starts mead on a fresh database in `folder`.
absl::StatusOr<std::unique_ptr<mea::testing::MeadProcess>> StartMead(
    const std::string& folder) {
  std::filesystem::create_directories(folder);
  mea::testing::MeadOptions options;
  options.database_path = folder + "/mea.db";
  options.log_path = folder + "/mead.log";
  return mea::testing::MeadProcess::Start(options);
}

// One connection per client, as separate users would have.
std::vector<std::shared_ptr<grpc::Channel>> Channels(const std::string& server,
                                                     int clients) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(static_cast<int>(mea::kMaxMessageBytes));
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < clients; ++i) {
    // Distinct arguments keep gRPC from sharing one connection.
    arguments.SetInt("mea.load.client", i);
    channels.push_back(grpc::CreateCustomChannel(
        server, grpc::InsecureChannelCredentials(), arguments));
  }
  return channels;
}

// Runs the clients for `seconds`; samples mead's memory every second.
double RunClients(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                  int seconds, const mea::testing::MeadProcess* mead,
                  std::vector<Tally>& tallies, std::vector<int64_t>& memory) {
  std::atomic<bool> stop = false;
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < channels.size(); ++i) {
    threads.emplace_back([&, i] {
      Client(static_cast<int>(i), channels[i], absl::GetFlag(FLAGS_batch_rows))
          .Run(stop, tallies[i]);
    });
  }
  if (mead != nullptr) memory.push_back(mead->ResidentKilobytes());
  for (int s = 0; s < seconds; ++s) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    if (mead != nullptr) memory.push_back(mead->ResidentKilobytes());
  }
  stop = true;
  for (std::thread& thread : threads) thread.join();
  const std::chrono::duration<double> elapsed =
      std::chrono::steady_clock::now() - start;
  return elapsed.count();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "load generator for mead (loopback only): mixed reads, writes, "
      "ingestion and settlements");
  absl::ParseCommandLine(argc, argv);
  const int clients = std::clamp(absl::GetFlag(FLAGS_clients), 1, 64);
  const int seconds = std::clamp(absl::GetFlag(FLAGS_seconds), 1, 600);
  std::string server = absl::GetFlag(FLAGS_server);
  std::unique_ptr<mea::testing::MeadProcess> mead;
  const std::string folder = std::filesystem::temp_directory_path() /
                             absl::StrFormat("mea-load-%d", getpid());
  if (server.empty()) {
    auto started = StartMead(folder);
    if (!started.ok()) {
      std::cerr << "load_generator: " << started.status() << "\n";
      return 2;
    }
    mead = *std::move(started);
    server = mead->address();
  } else if (!IsLoopback(server)) {
    std::cerr << "load_generator: --server must be on loopback\n";
    return 2;
  }
  const auto channels = Channels(server, clients);
  if (!Seed(channels.front())) {
    std::cerr << "load_generator: seeding " << server << " failed\n";
    return 2;
  }
  std::cout << absl::StrFormat(
      "load: %d clients for %d s against %s (batches of %d rows)\n", clients,
      seconds, server, absl::GetFlag(FLAGS_batch_rows));
  std::vector<Tally> tallies(clients);
  std::vector<int64_t> memory;
  const double elapsed =
      RunClients(channels, seconds, mead.get(), tallies, memory);
  const int status = Report(tallies, elapsed, memory);
  if (mead != nullptr) {
    mead->Terminate();
    std::filesystem::remove_all(folder);
  }
  return status;
}
