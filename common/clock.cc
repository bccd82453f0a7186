#include "common/clock.h"

namespace mea {
namespace {

absl::TimeZone NorwegianTimeZone() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Oslo", &zone)) return absl::UTCTimeZone();
  return zone;
}

}  // namespace

absl::CivilDay Clock::Today() const {
  static const absl::TimeZone zone = NorwegianTimeZone();
  return absl::ToCivilDay(Now(), zone);
}

std::string Clock::NowRfc3339() const {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", Now(), absl::UTCTimeZone());
}

FixedClock::FixedClock(absl::CivilDay today)
    : now_(absl::FromCivil(absl::CivilSecond(today.year(), today.month(),
                                             today.day(), 12, 0, 0),
                           NorwegianTimeZone())) {}

}  // namespace mea
