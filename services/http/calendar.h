// The subscribe-able iCalendar feeds of deadlines
// (services/http/calendar_feed.h):
//
//   GET /v1/calendar/secretariat.ics                   everything due
//   GET /v1/calendar/organisations/{organisation}.ics  what it owes
//
// Query: reminder_days=14,3 (comma-separated or repeated; 0 to 365, at most
// 10 values; default 14 and 1), and any ListDueItems filter (kinds,
// method_id, therapeutic_area, end_date). The items come from ListDueItems
// through the gRPC channel with the caller's Authorization, over a long
// window: from a year ago (older overdue items drop out of the calendar; the
// due list keeps them) to end_date, by default three years ahead.
#ifndef MEA_SERVICES_HTTP_CALENDAR_H_
#define MEA_SERVICES_HTTP_CALENDAR_H_

#include <grpcpp/channel.h>
#include <httplib.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/clock.h"
#include "services/http/exchange.h"

namespace mea::services::http {

// `organisation` empty: the secretariat's feed of everything. The
// exchange's metadata goes with every call; a token in access_token is
// added to it. OK once the feed is written; otherwise the error to write
// (services/http/exchange.h).
absl::Status HandleCalendar(const std::shared_ptr<grpc::Channel>& channel,
                            const Clock& clock, const std::string& organisation,
                            const Exchange& exchange);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_CALENDAR_H_
