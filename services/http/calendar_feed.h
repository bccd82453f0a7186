// The iCalendar (RFC 5545) feed of deadlines (frister): one all-day event
// per due item, with a reminder (VALARM) the configured number of days
// ahead of each. Pure formatting; services/http/calendar.h serves it.
//
// Each event's UID names the thing behind the item, not the date, so that a
// subscribed calendar updates an event when its deadline moves (an
// extended reassessment, a prolonged agreement) instead of duplicating it:
//   reassessment-<decision id>@mea.nyemetoder
//   obligation-<data obligation id>@mea.nyemetoder
//   agreement-expiry-<agreement id>@mea.nyemetoder
//   trigger-<agreement id>-<settlement number>-<n>@mea.nyemetoder
// where n counts the triggers of that (immutable) settlement in the order
// ListDueItems gives them, from 1.
#ifndef MEA_SERVICES_HTTP_CALENDAR_FEED_H_
#define MEA_SERVICES_HTTP_CALENDAR_FEED_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "mea/v1/tracking.pb.h"

namespace mea::services::http {

inline constexpr char kCalendarUidDomain[] = "mea.nyemetoder";

struct CalendarFeedOptions {
  // The calendar's display name (X-WR-CALNAME).
  std::string name;
  // One reminder per entry, this many days before the deadline (0 = on
  // the day).
  std::vector<int> reminder_days = {14, 1};
  // DTSTAMP of every event: when the feed was made.
  absl::Time stamp;
};

// The whole VCALENDAR, CRLF line ends, lines folded at 75 octets.
std::string FormatCalendarFeed(const std::vector<v1::DueItem>& items,
                               const CalendarFeedOptions& options);

// The UID of each item, in order (see above).
std::vector<std::string> CalendarEventUids(
    const std::vector<v1::DueItem>& items);

// TEXT value escaping: backslash, ';', ',' and newlines.
std::string EscapeIcsText(absl::string_view text);

// One content line folded to at most 75 octets per physical line (never
// inside a UTF-8 character), each ended by CRLF.
std::string FoldIcsLine(absl::string_view line);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_CALENDAR_FEED_H_
