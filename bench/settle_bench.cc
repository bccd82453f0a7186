// Throughput of rules::Settle against the performance target of the issue:
// one agreement holding all seven clause types, settled over 1 000 000
// patients and 13 000 000 dispensings in memory, at >= 10 million
// dispensings per second on one core with a peak memory below 1 GB.
//
// The input is generated deterministically and in shuffled row order (the
// worst case for memory access: every dispensing's patient is a random
// lookup). Nothing here fails on a slow machine; the figures are reported.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "rules/civil_date.h"
#include "rules/evaluation.h"
#include "rules/settle.h"

namespace mea::rules {
namespace {

constexpr double kTargetDispensingsPerSecond = 10e6;
constexpr double kMemoryLimitBytes = 1024.0 * 1024 * 1024;
constexpr int kDispensingsPerPatient = 13;

// Peak resident set size of this process (VmHWM), in bytes; 0 if unknown.
double PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      double kilobytes = 0;
      status >> kilobytes;
      return kilobytes * 1024;
    }
    status.ignore(1 << 16, '\n');
  }
  return 0;
}

std::vector<Clause> AllClauseTypes() {
  return {
      FlatDiscount{.percent_hundredths = 200},
      PriceVolume{
          .basis = TierBasis::kIncremental,
          .tiers = {{.above_units = 0, .percent_hundredths = 0},
                    {.above_units = 1'000'000, .percent_hundredths = 500},
                    {.above_units = 5'000'000, .percent_hundredths = 1000}}},
      ExpenditureCap{.cap_ore = 2'000'000'000'000},
      PatientUnitCap{.max_units = 18},
      InitialDiscount{.weeks = 16, .percent_hundredths = 10000},
      PaymentByResult{.assessment_weeks = 12,
                      .missing_outcome = MissingOutcome::kRefund},
      OutcomeGuarantee{.measure = "orr",
                       .threshold = Decimal::Parse("0.40").value(),
                       .min_patients = 100,
                       .price_reduction_percent_hundredths = 500}};
}

// `patients` patients starting over 18 months, each with 13 dispensings
// four weeks apart of 1 or 2 units, two assessments, and some stops and
// deaths; 2025 is the period.
EvaluationInput GenerateInput(std::int32_t patients) {
  std::mt19937_64 random(12345);
  EvaluationInput input;
  input.agreement_id = "SI-BENCH";
  input.method_id = "ID2025_999";
  // Low enough that 26 million units stay under the cost limit.
  input.unit_price_ore = 250'000;
  input.clauses = AllClauseTypes();
  input.period = {ParseDayNumber("2025-01-01").value(),
                  ParseDayNumber("2025-12-31").value()};
  input.as_of = ParseDayNumber("2026-02-15").value();
  const DayNumber first_start = ParseDayNumber("2024-07-01").value();
  input.patients.resize(patients);
  input.dispensings.reserve(static_cast<size_t>(patients) *
                            kDispensingsPerPatient);
  for (std::int32_t p = 0; p < patients; ++p) {
    Patient& patient = input.patients[p];
    patient.id = absl::StrCat("P", p);
    patient.start = first_start + static_cast<DayNumber>(random() % 548);
    const auto outcome = static_cast<Outcome>(random() % 4);
    patient.assessments = {{patient.start + 84, outcome},
                           {patient.start + 168, Outcome::kStable}};
    if (random() % 10 == 0) patient.stop = patient.start + 60;
    if (random() % 50 == 0) patient.death = patient.start + 100;
    for (int k = 0; k < kDispensingsPerPatient; ++k) {
      input.dispensings.push_back(
          {.day = patient.start + 28 * k,
           .patient = p,
           .units = static_cast<std::int64_t>(1 + random() % 2)});
    }
  }
  std::shuffle(input.dispensings.begin(), input.dispensings.end(), random);
  input.group_outcomes = {{.measure = "orr",
                           .value = Decimal::Parse("0.35").value(),
                           .n = 800,
                           .data_cut = ParseDayNumber("2025-12-31").value()}};
  return input;
}

struct Figures {
  std::int64_t dispensings = 0;
  double best_seconds = 0;
};
std::vector<Figures> g_figures;

void BM_Settle(benchmark::State& state) {
  const EvaluationInput input =
      GenerateInput(static_cast<std::int32_t>(state.range(0)));
  if (!Validate(input).empty()) {
    state.SkipWithError("generated input is invalid");
    return;
  }
  const auto dispensings = static_cast<std::int64_t>(input.dispensings.size());
  double best = 1e300;
  double total_seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    Settlement settlement = Settle(input);
    benchmark::DoNotOptimize(settlement);
    const std::chrono::duration<double> took =
        std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
    total_seconds += took.count();
  }
  const double total = static_cast<double>(dispensings) * state.iterations();
  state.counters["dispensings/s"] =
      benchmark::Counter(total, benchmark::Counter::kIsRate);
  state.counters["x_target"] =
      total / total_seconds / kTargetDispensingsPerSecond;
  state.counters["peak_rss_MB"] = PeakRssBytes() / (1024 * 1024);
  g_figures.push_back({dispensings, best});
}

BENCHMARK(BM_Settle)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void PrintSummary() {
  std::printf("\nSettle, all seven clause types, shuffled rows, one core:\n");
  for (const Figures& f : g_figures) {
    const double rate = static_cast<double>(f.dispensings) / f.best_seconds;
    std::printf(
        "  %9lld dispensings: best %.3f s, %.1f M dispensings/s = %.2f x the "
        "10 M/s target (%s)\n",
        static_cast<long long>(f.dispensings), f.best_seconds, rate / 1e6,
        rate / kTargetDispensingsPerSecond,
        rate >= kTargetDispensingsPerSecond ? "met" : "NOT met");
  }
  const double peak = PeakRssBytes();
  std::printf(
      "  peak RSS (VmHWM, input included): %.0f MB = %.2f x the 1 GB limit "
      "(%s)\n",
      peak / (1024 * 1024), peak / kMemoryLimitBytes,
      peak < kMemoryLimitBytes ? "met" : "NOT met");
}

}  // namespace
}  // namespace mea::rules

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  mea::rules::PrintSummary();
  return 0;
}
