#include "tests/auth/test_pki.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

constexpr char kOpenssl[] = "/usr/bin/openssl";

void Openssl(const std::vector<std::string>& args) {
  CommandResult result = RunCommand(kOpenssl, args);
  if (result.exit_code != 0) {
    std::cerr << "openssl failed: " << result.err << "\n";
    std::abort();
  }
}

// A P-256 key and a self-signed CA certificate.
void MakeCa(const std::string& key, const std::string& cert,
            const std::string& name) {
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt",
           "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
           cert, "-days", "3", "-subj", "/CN=" + name});
}

// A P-256 key and a certificate for it signed by the CA, with `extensions`.
void MakeSigned(const std::string& folder, const std::string& stem,
                const std::string& ca_key, const std::string& ca_cert,
                const std::string& extensions) {
  const std::string base = folder + "/" + stem;
  WriteText(base + ".ext", extensions);
  Openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
           "-nodes", "-keyout", base + ".key", "-out", base + ".csr", "-subj",
           "/CN=" + stem});
  Openssl({"x509", "-req", "-in", base + ".csr", "-CA", ca_cert, "-CAkey",
           ca_key, "-CAcreateserial", "-out", base + ".pem", "-days", "3",
           "-extfile", base + ".ext"});
}

}  // namespace

std::string ReadText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

TestPki MakeTestPki(const std::string& folder) {
  TestPki pki;
  const std::string ca_key = folder + "/ca.key";
  pki.ca_cert = folder + "/ca.pem";
  MakeCa(ca_key, pki.ca_cert, "mea test CA");
  MakeSigned(folder, "server", ca_key, pki.ca_cert,
             "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
             "basicConstraints=CA:FALSE\n"
             "extendedKeyUsage=serverAuth\n");
  pki.server_cert = folder + "/server.pem";
  pki.server_key = folder + "/server.key";
  MakeSigned(folder, "client", ca_key, pki.ca_cert,
             "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  pki.client_cert = folder + "/client.pem";
  pki.client_key = folder + "/client.key";
  const std::string other_key = folder + "/other-ca.key";
  const std::string other_cert = folder + "/other-ca.pem";
  MakeCa(other_key, other_cert, "stranger CA");
  MakeSigned(folder, "stranger", other_key, other_cert,
             "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  pki.stranger_cert = folder + "/stranger.pem";
  pki.stranger_key = folder + "/stranger.key";
  return pki;
}

}  // namespace mea::testing
