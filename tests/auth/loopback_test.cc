// The loopback rule shared by mead and meactl (common/loopback.h):
// the host is parsed, never matched by prefix.
#include "common/loopback.h"

#include <gtest/gtest.h>

namespace mea::testing {
namespace {


TEST(LoopbackTest, AcceptsLoopbackLiteralsAndLocalhost) {
  for (const char* address : {
           "127.0.0.1:50051",
           "127.0.0.2:0",
           "127.255.255.255:1",
           "127.0.0.1",
           "localhost:80",
           "localhost",
           "[::1]:50051",
           "[::1]",
           "[0:0:0:0:0:0:0:1]:50051",
           "[::ffff:127.0.0.1]:50051",
           "[::ffff:127.9.8.7]:1",
       }) {
    EXPECT_TRUE(IsLoopbackAddress(address)) << address;
  }
}

TEST(LoopbackTest, RefusesEverythingElse) {
  for (const char* address : {
           // Names that merely begin like a loopback address: any DNS
           // server may point them anywhere.
           "127.example.com:50051",
           "127.0.0.1.nip.io:50051",
           "127.0.0.1.example.com",
           "localhost.:50051",
           "localhost.example.com:50051",
           "LOCALHOST.evil:1",
           // Forms inet_aton reads but that are not dotted-decimal quads.
           "127.1:50051",
           "127.0.1:50051",
           "0x7f.0.0.1:50051",
           "0177.0.0.1:50051",
           "127.0.0.01:50051",
           "2130706433:50051",
           "127.0.0.256:50051",
           "127.0.0.1.:50051",
           "127..0.1:50051",
           " 127.0.0.1:50051",
           // Other addresses.
           "0.0.0.0:50051",
           "10.0.0.5:50051",
           "128.0.0.1:50051",
           "mea.example.no:443",
           "[::]:50051",
           "[::2]:50051",
           "[::ffff:10.0.0.1]:50051",
           "[::127.0.0.1]:50051",
           "[::1%lo]:50051",
           "[::1]x:50051",
           "[::1",
           "::1",
           "::1:50051",
           // Ports must be decimal.
           "127.0.0.1:",
           "127.0.0.1:http",
           "127.0.0.1:50051:1",
           // gRPC target URIs: callers treat them as remote.
           "ipv4:127.0.0.1:50051",
           "dns:///localhost:50051",
           "unix:/tmp/mead.sock",
           "",
       }) {
    EXPECT_FALSE(IsLoopbackAddress(address)) << address;
  }
}

}  // namespace
}  // namespace mea::testing
