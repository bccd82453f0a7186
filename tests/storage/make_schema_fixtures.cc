// Writes tests/storage/fixtures/schema-vN.sqlite for every schema version
// N before the newest (tests/storage/schema_fixtures.h says what they
// hold). Run once when a migration is added, to add the fixture of the
// version before it; the existing files are history and stay as they are:
//
//   build/bin/make_schema_fixtures tests/storage/fixtures
//
// Files that exist are left alone and named; a missing one is written.
#include <filesystem>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/storage/schema_fixtures.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_schema_fixtures FOLDER\n";
    return 2;
  }
  const std::string folder = argv[1];
  std::filesystem::create_directories(folder);
  for (int version = 1; version < mea::testing::LatestSchemaVersion();
       ++version) {
    const std::string path =
        absl::StrCat(folder, "/schema-v", version, ".sqlite");
    if (std::filesystem::exists(path)) {
      std::cout << "kept " << path << "\n";
      continue;
    }
    absl::Status made = mea::testing::MakeSchemaFixture(path, version);
    if (!made.ok()) {
      std::cerr << "make_schema_fixtures: " << path << ": " << made << "\n";
      return 1;
    }
    std::cout << "wrote " << path << "\n";
  }
  return 0;
}
