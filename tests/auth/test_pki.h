// A throw-away PKI for TLS tests, made with the openssl command-line tool:
// a CA, a server certificate for 127.0.0.1 and localhost, and a client
// certificate, all signed by the CA.
#ifndef MEA_TESTS_AUTH_TEST_PKI_H_
#define MEA_TESTS_AUTH_TEST_PKI_H_

#include <string>

namespace mea::testing {

struct TestPki {
  std::string ca_cert;  // paths of PEM files
  std::string server_cert;
  std::string server_key;
  std::string client_cert;
  std::string client_key;
  // A second CA and a client certificate it signed (not trusted by mead).
  std::string stranger_cert;
  std::string stranger_key;
};

// Writes the files into `folder`; aborts the test binary if openssl fails.
TestPki MakeTestPki(const std::string& folder);

// The whole content of a file.
std::string ReadText(const std::string& path);
void WriteText(const std::string& path, const std::string& text);

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_TEST_PKI_H_
