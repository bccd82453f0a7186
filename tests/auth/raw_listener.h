// A TCP listener on 127.0.0.1 that plays a plain HTTP/2 server just far
// enough for a gRPC client to send its request: on each connection it
// sends an empty SETTINGS frame (an HTTP/2 server's first words) and
// records every byte the client sends, answering nothing more. A stand-in
// for a hostile or mistaken server, to see what a client would have given
// away to it.
#ifndef MEA_TESTS_AUTH_RAW_LISTENER_H_
#define MEA_TESTS_AUTH_RAW_LISTENER_H_

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

namespace mea::testing {

class RawListener {
 public:
  // Listens on 127.0.0.1 on a free port; aborts the test binary if it
  // cannot. Each connection is read until the client closes it or sends
  // nothing for `idle_ms`, then closed.
  explicit RawListener(int idle_ms = 1500);
  ~RawListener();
  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;

  int port() const { return port_; }
  // Connections accepted so far, and everything they sent, in order.
  int connections() const { return connections_; }
  std::string received() const;

 private:
  void Serve();

  int socket_ = -1;
  int port_ = 0;
  int idle_ms_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::string received_;
  std::thread thread_;
};

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_RAW_LISTENER_H_
