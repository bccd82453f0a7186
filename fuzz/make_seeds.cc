// Writes the seed corpora of the fuzz targets from the worked examples
// (shared/examples/NAME.json), so that fuzzing starts from realistic
// agreements instead of from nothing:
//
//   OUT/evaluation_input/NAME.json    the example itself
//   OUT/settle/NAME.bin               its typed form (typed_input_codec.h)
//   OUT/results_csv/NAME-KIND.csv     its results as CSV files, one per
//                                     kind, behind the target's kind byte
//
// It also proves the typed encoding faithful: the decoded seed must settle
// exactly as the example does, or make_seeds fails.
//
// usage: make_seeds EXAMPLES_DIR OUT_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "fuzz/typed_input_codec.h"
#include "rules/settle.h"
#include "evaluation/mapping.h"
#include "evaluation/settlement_json.h"

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string SettledJson(const mea::rules::EvaluationInput& input) {
  return mea::evaluation::SettlementToJson(
      mea::evaluation::SettlementToProto(mea::rules::Settle(input)));
}

// One CSV file per row kind, each preceded by the kind byte of
// results_csv_fuzzer.cc (1 + ResultKind; 0 lets the header decide).
void WriteCsvSeeds(const mea::v1::Results& results, const fs::path& folder,
                   const std::string& name) {
  std::string dispensings = "date,units,patient\n";
  for (const auto& row : results.dispensings()) {
    absl::StrAppend(&dispensings, row.date(), ",", row.units(), ",",
                    row.patient(), "\n");
  }
  std::string patients = "id,start_date,stop_date,death_date\n";
  std::string assessments = "patient,date,outcome\n";
  for (const auto& row : results.patients()) {
    absl::StrAppend(&patients, row.id(), ",", row.start_date(), ",",
                    row.stop_date(), ",", row.death_date(), "\n");
    for (const auto& assessment : row.assessments()) {
      absl::StrAppend(&assessments, "\"", row.id(), "\",", assessment.date(),
                      ",", assessment.outcome(), "\r\n");
    }
  }
  std::string outcomes = "data_cut,measure,value,n\n";
  for (const auto& row : results.group_outcomes()) {
    absl::StrAppend(&outcomes, row.data_cut(), ",", row.measure(), ",",
                    row.value(), ",", row.n(), "\n");
  }
  Write(folder / (name + "-dispensings.csv"), "\x01" + dispensings);
  Write(folder / (name + "-patients.csv"), "\x02" + patients);
  Write(folder / (name + "-assessments.csv"), "\x03" + assessments);
  Write(folder / (name + "-group_outcomes.csv"), "\x04" + outcomes);
  Write(folder / (name + "-detected.csv"), std::string(1, '\0') + patients);
}

bool WriteSeeds(const fs::path& example, const fs::path& out) {
  const std::string name = example.stem().string();
  const std::string json = Slurp(example);
  auto message = mea::evaluation::ParseEvaluationInputJson(json);
  if (!message.ok()) {
    std::cerr << "make_seeds: " << example << ": " << message.status() << "\n";
    return false;
  }
  auto input = mea::evaluation::EvaluationInputFromProto(*message);
  if (!input.ok()) {
    std::cerr << "make_seeds: " << example << ": " << input.status() << "\n";
    return false;
  }
  const std::string typed = mea::fuzz::EncodeTypedInput(*input);
  if (SettledJson(mea::fuzz::DecodeTypedInput(typed)) != SettledJson(*input)) {
    std::cerr << "make_seeds: " << example
              << ": the typed seed does not settle like the example\n";
    return false;
  }
  Write(out / "evaluation_input" / (name + ".json"), json);
  Write(out / "settle" / (name + ".bin"), typed);
  WriteCsvSeeds(message->results(), out / "results_csv", name);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_seeds EXAMPLES_DIR OUT_DIR\n";
    return 2;
  }
  int written = 0;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".json" ||
        file.find(".settlement.") != std::string::npos) {
      continue;
    }
    if (!WriteSeeds(entry.path(), argv[2])) return 1;
    ++written;
  }
  std::cout << "make_seeds: seeds from " << written << " examples in "
            << argv[2] << "\n";
  return written > 0 ? 0 : 1;
}
