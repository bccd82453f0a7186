#include "services/http/calendar.h"

#include <algorithm>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "export/source.h"
#include "rules/civil_date.h"
#include "services/http/calendar_feed.h"
#include "services/http/exchange.h"
#include "services/http/grpc_call.h"
#include "services/http/transcode.h"

namespace mea::services::http {
namespace {

constexpr char kReminderParameter[] = "reminder_days";
// RFC 6750, section 2.3: a bearer token in the URI, for calendar clients,
// which subscribe to a URL and cannot send an Authorization header.
constexpr char kAccessTokenParameter[] = "access_token";
constexpr int kMaxReminderDays = 365;
constexpr size_t kMaxReminders = 10;
constexpr int kLookBackDays = 365;
constexpr int kLookAheadYears = 3;

// reminder_days=14,3 or reminder_days=14&reminder_days=3.
std::vector<int> ReminderDays(const QueryParams& query,
                              FieldViolations& violations) {
  std::vector<int> days;
  bool given = false;
  for (const auto& [name, value] : query) {
    if (name != kReminderParameter) continue;
    given = true;
    for (absl::string_view word : absl::StrSplit(value, ',')) {
      int number;
      if (!absl::SimpleAtoi(word, &number) || number < 0 ||
          number > kMaxReminderDays) {
        violations.Add(kReminderParameter,
                       absl::StrCat("must be whole days from 0 to ",
                                    kMaxReminderDays, ", got \"", word, "\""));
        continue;
      }
      days.push_back(number);
    }
  }
  if (days.size() > kMaxReminders) {
    violations.Add(kReminderParameter,
                   absl::StrCat("at most ", kMaxReminders, " reminders"));
  }
  return given ? days : CalendarFeedOptions().reminder_days;
}

v1::ListDueItemsRequest DueRequest(const QueryParams& query,
                                   const std::string& organisation,
                                   absl::CivilDay today,
                                   FieldViolations& violations) {
  v1::ListDueItemsRequest request;
  ApplyQueryParameters(query, {kReminderParameter, kAccessTokenParameter},
                       &request, &violations);
  if (!organisation.empty()) {
    request.set_responsible_organisation(organisation);
  }
  if (request.end_date().empty()) {
    request.set_end_date(rules::FormatDate(absl::CivilDay(
        today.year() + kLookAheadYears, today.month(), today.day())));
  }
  return request;
}

// Items due within the look-back window (ISO dates compare as text).
std::vector<v1::DueItem> Recent(std::vector<v1::DueItem> items,
                                absl::CivilDay today) {
  const std::string oldest = rules::FormatDate(today - kLookBackDays);
  std::erase_if(
      items, [&](const v1::DueItem& item) { return item.due_date() < oldest; });
  return items;
}

// The caller's metadata, with the token from access_token when the URL
// carries one (and no Authorization header does: one way only).
absl::StatusOr<exports::Metadata> CallerMetadata(
    const httplib::Request& request, const QueryParams& query,
    exports::Metadata metadata) {
  const auto token = std::find_if(query.begin(), query.end(), [](auto& entry) {
    return entry.first == kAccessTokenParameter;
  });
  if (token == query.end()) return metadata;
  FieldViolations violations;
  if (request.has_header("Authorization")) {
    violations.Add(kAccessTokenParameter,
                   "give the token either in the Authorization header or as "
                   "access_token, not both");
  } else if (!IsValidMetadataValue(token->second)) {
    violations.Add(kAccessTokenParameter, "must be printable ASCII");
  }
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  metadata.emplace_back("authorization",
                        absl::StrCat("Bearer ", token->second));
  return metadata;
}

std::string CalendarName(const std::string& organisation) {
  if (organisation.empty()) {
    return "Nye metoder – frister (deadlines): sekretariatet (secretariat)";
  }
  return absl::StrCat("Nye metoder – frister (deadlines): ", organisation);
}

}  // namespace

absl::Status HandleCalendar(const std::shared_ptr<grpc::Channel>& channel,
                            const Clock& clock, const std::string& organisation,
                            const Exchange& exchange) {
  MEA_ASSIGN_OR_RETURN(const QueryParams query, QueryOf(exchange.request));
  MEA_ASSIGN_OR_RETURN(
      const exports::Metadata metadata,
      CallerMetadata(exchange.request, query, exchange.metadata));
  const absl::CivilDay today = clock.Today();
  FieldViolations violations;
  CalendarFeedOptions options;
  options.reminder_days = ReminderDays(query, violations);
  v1::ListDueItemsRequest due =
      DueRequest(query, organisation, today, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  MEA_ASSIGN_OR_RETURN(std::vector<v1::DueItem> items,
                       exports::FetchDueItems(channel, due, metadata));
  options.name = CalendarName(organisation);
  options.stamp = clock.Now();
  // private: the feed is the caller's view (RFC 6750 asks it of responses
  // to a token in the URI); no-cache: the deadlines move.
  exchange.response.set_header("Cache-Control", "private, no-cache");
  exchange.response.set_content(
      FormatCalendarFeed(Recent(std::move(items), today), options),
      "text/calendar; charset=utf-8");
  return absl::OkStatus();
}

}  // namespace mea::services::http
