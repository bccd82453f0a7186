#include "services/rpc/call_deadline.h"

#include <grpcpp/server_context.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace mea::services {

// One thread for all calls: it sleeps until the earliest limit and cancels
// what is still running then.
class CallWatchdog {
 public:
  explicit CallWatchdog(absl::Duration limit)
      : limit_(absl::ToChronoNanoseconds(limit)), thread_([this] { Run(); }) {}

  ~CallWatchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_one();
    thread_.join();
  }

  void Watch(grpc::ServerContextBase* call) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      calls_[call] = Clock::now() + limit_;
    }
    changed_.notify_one();
  }

  // After this returns the watchdog no longer touches `call`: TryCancel
  // runs under the same lock.
  void Forget(grpc::ServerContextBase* call) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.erase(call);
  }

 private:
  // A steady clock: this measures how long a call runs, not a date.
  using Clock = std::chrono::steady_clock;

  void Run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      Clock::time_point next = Clock::now() + std::chrono::seconds(1);
      for (auto it = calls_.begin(); it != calls_.end();) {
        if (it->second <= Clock::now()) {
          it->first->TryCancel();
          it = calls_.erase(it);
        } else {
          next = std::min(next, it->second);
          ++it;
        }
      }
      changed_.wait_until(lock, next);
    }
  }

  const Clock::duration limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<grpc::ServerContextBase*, Clock::time_point> calls_;
  bool stopping_ = false;
  std::thread thread_;
};

namespace {

using grpc::experimental::InterceptionHookPoints;

class CallDeadlineInterceptor : public grpc::experimental::Interceptor {
 public:
  CallDeadlineInterceptor(grpc::ServerContextBase* call,
                          std::shared_ptr<CallWatchdog> watchdog)
      : call_(call), watchdog_(std::move(watchdog)) {}

  ~CallDeadlineInterceptor() override { watchdog_->Forget(call_); }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      watchdog_->Watch(call_);
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      // The answer is on its way: nothing left to cut short.
      watchdog_->Forget(call_);
    }
    methods->Proceed();
  }

 private:
  grpc::ServerContextBase* call_;
  std::shared_ptr<CallWatchdog> watchdog_;
};

}  // namespace

CallDeadlineInterceptorFactory::CallDeadlineInterceptorFactory(
    absl::Duration limit)
    : watchdog_(std::make_shared<CallWatchdog>(limit)) {}

CallDeadlineInterceptorFactory::~CallDeadlineInterceptorFactory() = default;

grpc::experimental::Interceptor*
CallDeadlineInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallDeadlineInterceptor(info->server_context(), watchdog_);
}

}  // namespace mea::services
