// The iCalendar feeds: RFC 5545 formatting rules, and the served feeds read
// back by an independent parser (Python's icalendar) with the right
// events, dates, reminders and stable UIDs.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/http/calendar_feed.h"
#include "tests/http/http_fixture.h"

namespace mea::testing {
namespace {

namespace http = services::http;

bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = text[i];
    const size_t length = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

std::string Field(const google::protobuf::Value& value,
                  const std::string& key) {
  return value.struct_value().fields().at(key).string_value();
}

std::vector<double> Alarms(const google::protobuf::Value& value) {
  std::vector<double> alarms;
  for (const auto& alarm :
       value.struct_value().fields().at("alarms").list_value().values()) {
    alarms.push_back(alarm.number_value());
  }
  return alarms;
}

TEST(CalendarFormatTest, FoldsLongLinesAt75OctetsWithoutSplittingLetters) {
  const std::string line =
      "DESCRIPTION:" + std::string(30, 'a') + "æøå" +
      absl::StrCat(std::string(100, 'b'), "ÆØÅ", std::string(60, 'c'));
  const std::string folded = http::FoldIcsLine(line);
  ASSERT_TRUE(absl::EndsWith(folded, "\r\n"));
  std::vector<std::string> physical =
      absl::StrSplit(folded.substr(0, folded.size() - 2), "\r\n");
  ASSERT_GT(physical.size(), 2u);
  std::string unfolded;
  for (size_t i = 0; i < physical.size(); ++i) {
    EXPECT_LE(physical[i].size(), 75u) << i;
    EXPECT_TRUE(IsValidUtf8(physical[i])) << i;
    if (i > 0) {
      ASSERT_EQ(physical[i][0], ' ');
      unfolded += physical[i].substr(1);
    } else {
      unfolded += physical[i];
    }
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(http::FoldIcsLine("SHORT:x"), "SHORT:x\r\n");
}

TEST(CalendarFormatTest, EscapesTextValues) {
  EXPECT_EQ(http::EscapeIcsText("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
}

TEST(CalendarFormatTest, UidsNameTheThingBehindTheItem) {
  std::vector<v1::DueItem> items(5);
  items[0].set_kind(v1::DueItem::REASSESSMENT);
  items[0].set_decision_id(7);
  items[1].set_kind(v1::DueItem::DATA_OBLIGATION);
  items[1].set_data_obligation_id(12);
  items[2].set_kind(v1::DueItem::AGREEMENT_EXPIRY);
  items[2].set_agreement_id("SI-1");
  for (int i : {3, 4}) {
    items[i].set_kind(v1::DueItem::OUTCOME_TRIGGER);
    items[i].set_agreement_id("SI-1");
    items[i].set_settlement_number(4);
  }
  EXPECT_EQ(http::CalendarEventUids(items),
            (std::vector<std::string>{"reassessment-7@mea.nyemetoder",
                                      "obligation-12@mea.nyemetoder",
                                      "agreement-expiry-SI-1@mea.nyemetoder",
                                      "trigger-SI-1-4-1@mea.nyemetoder",
                                      "trigger-SI-1-4-2@mea.nyemetoder"}));
}

class CalendarFeedTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(mead_.Seed()); }

  // Fetches `path`, checks the raw format, and reads it with icalendar;
  // events by UID.
  std::map<std::string, google::protobuf::Value> Feed(const std::string& path) {
    HttpAnswer answer = mead_.Get(path);
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.Header("Content-Type"), "text/calendar; charset=utf-8");
    CheckRawFormat(answer.body);
    const std::string file = mead_.folder().File("feed.ics");
    std::ofstream(file, std::ios::binary) << answer.body;
    std::vector<google::protobuf::Value> lines =
        ReadWithPython("ics_check.py", file);
    EXPECT_FALSE(lines.empty());
    std::map<std::string, google::protobuf::Value> events;
    for (size_t i = 1; i < lines.size(); ++i) {
      const std::string uid = Field(lines[i], "uid");
      EXPECT_TRUE(events.emplace(uid, lines[i]).second) << "twice: " << uid;
    }
    if (!lines.empty()) name_ = Field(lines[0], "name");
    return events;
  }

  static void CheckRawFormat(const std::string& body) {
    EXPECT_TRUE(absl::StartsWith(body, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    EXPECT_TRUE(absl::EndsWith(body, "END:VCALENDAR\r\n"));
    const std::string without_crlf = absl::StrReplaceAll(body, {{"\r\n", ""}});
    EXPECT_EQ(without_crlf.find('\n'), std::string::npos) << "bare LF";
    for (absl::string_view line : absl::StrSplit(body, "\r\n")) {
      EXPECT_LE(line.size(), 75u) << line;
    }
  }

  std::string Uid(const std::string& kind, const std::string& id) {
    return absl::StrCat(kind, "-", id, "@mea.nyemetoder");
  }

  HttpServer mead_;
  std::string name_;
};

TEST_F(CalendarFeedTest, SecretariatFeedHasEveryDeadlineWithItsReminders) {
  auto events = Feed("/v1/calendar/secretariat.ics?reminder_days=14,3");
  EXPECT_TRUE(absl::StrContains(name_, "sekretariatet")) << name_;
  const std::string reassessment =
      Uid("reassessment", absl::StrCat(mead_.decision_id()));
  const std::string registry =
      Uid("obligation", absl::StrCat(mead_.registry_obligation_id()));
  const std::string supplier =
      Uid("obligation", absl::StrCat(mead_.supplier_obligation_id()));
  const std::string expiry = Uid("agreement-expiry", kAgreementId);
  const std::string trigger =
      Uid("trigger", absl::StrCat(kAgreementId, "-1-1"));
  ASSERT_EQ(events.size(), 5u);
  for (const std::string& uid :
       {reassessment, registry, supplier, expiry, trigger}) {
    ASSERT_TRUE(events.count(uid)) << uid;
    EXPECT_EQ(Alarms(events[uid]), (std::vector<double>{-14, -3})) << uid;
    EXPECT_TRUE(absl::StartsWith(Field(events[uid], "stamp"), "2026-03-02T"))
        << uid;
  }
  // Today is 2026-03-02 (see HttpServer).
  EXPECT_EQ(Field(events[reassessment], "start"), "2028-01-31");
  EXPECT_EQ(Field(events[registry], "start"), "2026-02-20");
  EXPECT_EQ(Field(events[registry], "end"), "2026-02-21");
  EXPECT_EQ(Field(events[supplier], "start"), "2026-09-18");
  EXPECT_EQ(Field(events[expiry], "start"), "2026-06-10");
  EXPECT_EQ(Field(events[trigger], "start"), "2026-02-01");

  EXPECT_TRUE(absl::StartsWith(Field(events[registry], "summary"),
                               "FORFALT (overdue): Datalevering"));
  EXPECT_TRUE(absl::StartsWith(Field(events[reassessment], "summary"),
                               "Revurdering (reassessment) ID2025_017"));
  // Escaped ';' and ',' and the line breaks come back unescaped.
  const std::string description = Field(events[registry], "description");
  EXPECT_TRUE(absl::StrContains(
      description, "Kreftregisteret; INSPIRE-legemiddeldata, kvartalsvis"))
      << description;
  EXPECT_TRUE(absl::StrContains(description,
                                "\nAnsvarlig (responsible): Kreftregisteret"))
      << description;
}

TEST_F(CalendarFeedTest, DefaultRemindersAre14And1Days) {
  auto events = Feed("/v1/calendar/secretariat.ics");
  ASSERT_FALSE(events.empty());
  for (const auto& [uid, event] : events) {
    EXPECT_EQ(Alarms(event), (std::vector<double>{-14, -1})) << uid;
  }
}

TEST_F(CalendarFeedTest, OrganisationFeedHasOnlyWhatItOwes) {
  auto events = Feed("/v1/calendar/organisations/Kreftregisteret.ics");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events.count(
      Uid("obligation", absl::StrCat(mead_.registry_obligation_id()))));
  EXPECT_TRUE(absl::StrContains(name_, "Kreftregisteret"));

  auto procurement =
      Feed("/v1/calendar/organisations/Sykehusinnkj%C3%B8p%20HF.ics");
  ASSERT_EQ(procurement.size(), 1u);
  EXPECT_TRUE(procurement.count(Uid("agreement-expiry", kAgreementId)));
}

// A subscribed calendar must update the event when a deadline moves, and
// drop it when the item is done: same UID, new date; no duplicate.
TEST_F(CalendarFeedTest, UidsStayWhenDeadlinesMoveAndItemsLeaveWhenDone) {
  const std::string reassessment =
      Uid("reassessment", absl::StrCat(mead_.decision_id()));
  const std::string decision =
      absl::StrCat("/v1/decisions/", mead_.decision_id(), "/reassessment:");
  ASSERT_EQ(mead_.Post(decision + "start", "").status, 200);
  HttpAnswer extended =
      mead_.Post(decision + "complete",
                 R"({"outcome": "EXTENSION", "new_deadline": "2028-12-31",
          "reason": "Mer data trengs"})");
  ASSERT_EQ(extended.status, 200) << extended.body;
  HttpAnswer delivered =
      mead_.Post(absl::StrCat("/v1/dataObligations/",
                              mead_.registry_obligation_id(), ":deliver"),
                 R"({"delivery_reference": "KR-1"})");
  ASSERT_EQ(delivered.status, 200) << delivered.body;

  auto events = Feed("/v1/calendar/secretariat.ics");
  ASSERT_TRUE(events.count(reassessment));
  EXPECT_EQ(Field(events[reassessment], "start"), "2028-12-31");
  EXPECT_FALSE(events.count(
      Uid("obligation", absl::StrCat(mead_.registry_obligation_id()))));
  EXPECT_EQ(events.size(), 4u);
}

TEST_F(CalendarFeedTest, BadReminderDaysAre400) {
  HttpAnswer answer =
      mead_.Get("/v1/calendar/secretariat.ics?reminder_days=14,soon,400");
  ASSERT_EQ(answer.status, 400);
  ErrorBody error = ParseError(answer.body);
  EXPECT_TRUE(error.HasViolation("reminder_days"));
  EXPECT_EQ(error.violations.size(), 2u);

  HttpAnswer filter = mead_.Get("/v1/calendar/secretariat.ics?colour=red");
  EXPECT_EQ(filter.status, 400);
}

}  // namespace
}  // namespace mea::testing
