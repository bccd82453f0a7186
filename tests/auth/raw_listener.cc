#include "tests/auth/raw_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace mea::testing {

RawListener::RawListener(int idle_ms) : idle_ms_(idle_ms) {
  socket_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (socket_ < 0 ||
      bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) !=
          0 ||
      listen(socket_, 8) != 0 ||
      getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) !=
          0) {
    std::cerr << "RawListener: cannot listen on 127.0.0.1\n";
    std::abort();
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

RawListener::~RawListener() {
  stop_ = true;
  thread_.join();
  close(socket_);
}

std::string RawListener::received() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_;
}

void RawListener::Serve() {
  while (!stop_) {
    pollfd listening{socket_, POLLIN, 0};
    if (poll(&listening, 1, 100) <= 0) continue;
    const int connection = accept4(socket_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) continue;
    ++connections_;
    // Length 0, type 4 (SETTINGS), flags 0, stream 0. A plain-text gRPC
    // client waits for it before it sends its headers.
    constexpr char kSettings[] = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    if (write(connection, kSettings, sizeof(kSettings)) < 0) {
      close(connection);
      continue;
    }
    while (!stop_) {
      pollfd readable{connection, POLLIN, 0};
      if (poll(&readable, 1, idle_ms_) <= 0) break;
      char buffer[4096];
      const ssize_t got = read(connection, buffer, sizeof(buffer));
      if (got <= 0) break;
      std::lock_guard<std::mutex> lock(mutex_);
      received_.append(buffer, static_cast<size_t>(got));
    }
    close(connection);
  }
}

}  // namespace mea::testing
