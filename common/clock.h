// The server's notion of today. Injected everywhere a date is compared with
// "now" (overdue, default as_of, demo data), so tests never depend on the
// real date.
//
// Thread safety: every Clock here is safe to share between threads. Now,
// Today and NowRfc3339 are const and read no mutable state (SystemClock asks
// the system, FixedClock returns what it was made with), so one clock serves
// every gRPC and HTTP thread of mead at once. A new kind of Clock must keep
// that promise.
#ifndef MEA_COMMON_CLOCK_H_
#define MEA_COMMON_CLOCK_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace mea {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Today in Norway (Europe/Oslo; UTC if the zone data is missing).
  absl::CivilDay Today() const;
  // Now as RFC 3339 in UTC, for create_time and the like.
  std::string NowRfc3339() const;
};

class SystemClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that stands still at noon (Oslo time) of a given day.
class FixedClock : public Clock {
 public:
  explicit FixedClock(absl::CivilDay today);
  absl::Time Now() const override { return now_; }

 private:
  absl::Time now_;
};

}  // namespace mea

#endif  // MEA_COMMON_CLOCK_H_
