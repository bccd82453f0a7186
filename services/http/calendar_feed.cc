#include "services/http/calendar_feed.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "rules/civil_date.h"

namespace mea::services::http {
namespace {

constexpr size_t kMaxLineOctets = 75;

std::string Uid(const v1::DueItem& item, int trigger_ordinal) {
  switch (item.kind()) {
    case v1::DueItem::REASSESSMENT:
      return absl::StrCat("reassessment-", item.decision_id(), "@",
                          kCalendarUidDomain);
    case v1::DueItem::DATA_OBLIGATION:
      return absl::StrCat("obligation-", item.data_obligation_id(), "@",
                          kCalendarUidDomain);
    case v1::DueItem::AGREEMENT_EXPIRY:
      return absl::StrCat("agreement-expiry-", item.agreement_id(), "@",
                          kCalendarUidDomain);
    case v1::DueItem::OUTCOME_TRIGGER:
      return absl::StrCat("trigger-", item.agreement_id(), "-",
                          item.settlement_number(), "-", trigger_ordinal, "@",
                          kCalendarUidDomain);
    default:
      return absl::StrCat("item-", item.method_id(), "-", item.due_date(), "@",
                          kCalendarUidDomain);
  }
}

std::string Summary(const v1::DueItem& item) {
  std::string what;
  switch (item.kind()) {
    case v1::DueItem::REASSESSMENT:
      what = absl::StrCat("Revurdering (reassessment) ", item.method_id(), ": ",
                          item.method_title());
      break;
    case v1::DueItem::DATA_OBLIGATION:
      what = absl::StrCat("Datalevering (data delivery) ", item.method_id(),
                          ": ", item.responsible_organisation());
      break;
    case v1::DueItem::AGREEMENT_EXPIRY:
      what = absl::StrCat("Avtaleutløp (agreement expiry) ",
                          item.agreement_id(), ": ", item.method_id());
      break;
    case v1::DueItem::OUTCOME_TRIGGER:
      what =
          absl::StrCat("Utfallsutløser (outcome trigger) ", item.agreement_id(),
                       " oppgjør (settlement) ", item.settlement_number());
      break;
    default:
      what = absl::StrCat("Frist (deadline) ", item.method_id());
  }
  return item.overdue() ? absl::StrCat("FORFALT (overdue): ", what) : what;
}

std::string Description(const v1::DueItem& item) {
  std::string text = item.description();
  absl::StrAppend(
      &text, "\nAnsvarlig (responsible): ", item.responsible_organisation(),
      "\nMetode (method): ", item.method_id(), " ", item.method_title());
  if (!item.therapeutic_area().empty()) {
    absl::StrAppend(
        &text, "\nTerapiområde (therapeutic area): ", item.therapeutic_area());
  }
  return text;
}

std::string DateValue(absl::CivilDay day) {
  return absl::StrFormat("%04d%02d%02d", day.year(), day.month(), day.day());
}

std::string Duration(int days_before) {
  return days_before == 0 ? "PT0S" : absl::StrCat("-P", days_before, "D");
}

void AppendLine(std::string& out, absl::string_view name,
                absl::string_view value) {
  out += FoldIcsLine(absl::StrCat(name, ":", value));
}

void AppendAlarm(std::string& out, int days_before,
                 const std::string& summary) {
  AppendLine(out, "BEGIN", "VALARM");
  AppendLine(out, "ACTION", "DISPLAY");
  AppendLine(out, "DESCRIPTION",
             EscapeIcsText(absl::StrCat("Påminnelse (reminder): ", summary)));
  AppendLine(out, "TRIGGER;VALUE=DURATION", Duration(days_before));
  AppendLine(out, "END", "VALARM");
}

void AppendEvent(std::string& out, const v1::DueItem& item,
                 const std::string& uid, absl::CivilDay day,
                 const CalendarFeedOptions& options) {
  const std::string summary = Summary(item);
  AppendLine(out, "BEGIN", "VEVENT");
  AppendLine(out, "UID", uid);
  AppendLine(
      out, "DTSTAMP",
      absl::FormatTime("%Y%m%dT%H%M%SZ", options.stamp, absl::UTCTimeZone()));
  AppendLine(out, "DTSTART;VALUE=DATE", DateValue(day));
  AppendLine(out, "DTEND;VALUE=DATE", DateValue(day + 1));
  AppendLine(out, "SUMMARY", EscapeIcsText(summary));
  AppendLine(out, "DESCRIPTION", EscapeIcsText(Description(item)));
  AppendLine(out, "CATEGORIES", v1::DueItem::Kind_Name(item.kind()));
  // A deadline does not make anybody busy.
  AppendLine(out, "TRANSP", "TRANSPARENT");
  for (int days : options.reminder_days) AppendAlarm(out, days, summary);
  AppendLine(out, "END", "VEVENT");
}

}  // namespace

std::string EscapeIcsText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        // CRLF and a lone CR are one line break.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FoldIcsLine(absl::string_view line) {
  std::string out;
  size_t limit = kMaxLineOctets;  // the first line; then 74 after the space
  while (line.size() > limit) {
    size_t cut = limit;
    // Never split a UTF-8 character: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    absl::StrAppend(&out, line.substr(0, cut), "\r\n ");
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  absl::StrAppend(&out, line, "\r\n");
  return out;
}

std::vector<std::string> CalendarEventUids(
    const std::vector<v1::DueItem>& items) {
  std::map<std::pair<std::string, std::int64_t>, int> triggers;
  std::vector<std::string> uids;
  uids.reserve(items.size());
  for (const v1::DueItem& item : items) {
    int ordinal = 0;
    if (item.kind() == v1::DueItem::OUTCOME_TRIGGER) {
      ordinal = ++triggers[{item.agreement_id(), item.settlement_number()}];
    }
    uids.push_back(Uid(item, ordinal));
  }
  return uids;
}

std::string FormatCalendarFeed(const std::vector<v1::DueItem>& items,
                               const CalendarFeedOptions& options) {
  std::string out;
  AppendLine(out, "BEGIN", "VCALENDAR");
  AppendLine(out, "VERSION", "2.0");
  AppendLine(out, "PRODID", "-//Nye metoder//mea//NO");
  AppendLine(out, "CALSCALE", "GREGORIAN");
  AppendLine(out, "METHOD", "PUBLISH");
  AppendLine(out, "X-WR-CALNAME", EscapeIcsText(options.name));
  // Subscribed clients poll; deadlines change a few times a day at most.
  AppendLine(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT6H");
  AppendLine(out, "X-PUBLISHED-TTL", "PT6H");
  std::vector<std::string> uids = CalendarEventUids(items);
  for (size_t i = 0; i < items.size(); ++i) {
    absl::StatusOr<absl::CivilDay> day = rules::ParseDate(items[i].due_date());
    // The services only store valid dates; an item without one has no
    // place in a calendar.
    if (!day.ok()) continue;
    AppendEvent(out, items[i], uids[i], *day, options);
  }
  AppendLine(out, "END", "VCALENDAR");
  return out;
}

}  // namespace mea::services::http
