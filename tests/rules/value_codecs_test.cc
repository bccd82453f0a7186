// The value types of evaluation.md: Date, Money, Percent, Decimal, rounding.

#include <limits>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "rules/money.h"
#include "rules/percent.h"

namespace mea::rules {
namespace {

TEST(DateTest, ParsesAndFormatsIsoDates) {
  EXPECT_EQ(ParseDate("2025-03-31").value(), absl::CivilDay(2025, 3, 31));
  EXPECT_EQ(ParseDate("2024-02-29").value(), absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(FormatDate(absl::CivilDay(2025, 1, 5)), "2025-01-05");
  EXPECT_EQ(FormatDayNumber(ParseDayNumber("0999-12-31").value()),
            "0999-12-31");
}

TEST(DateTest, DayNumbersCountFromEpoch) {
  EXPECT_EQ(ParseDayNumber("1970-01-01").value(), 0);
  EXPECT_EQ(ParseDayNumber("1970-01-02").value(), 1);
  EXPECT_EQ(ParseDayNumber("1969-12-31").value(), -1);
  EXPECT_EQ(FromDayNumber(ParseDayNumber("2025-12-31").value()),
            absl::CivilDay(2025, 12, 31));
}

TEST(DateTest, RejectsImpossibleDates) {
  for (const char* text : {"2025-02-30", "2025-02-29", "2025-13-01",
                           "2025-00-10", "2025-04-31", "2025-01-00"}) {
    const auto parsed = ParseDate(text);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument)
        << text;
    EXPECT_NE(parsed.status().message().find("not a calendar date"),
              std::string::npos)
        << text;
  }
}

TEST(DateTest, RejectsOtherShapes) {
  for (const char* text :
       {"", "2025-3-31", "2025/03/31", "20250331", " 2025-03-31", "2025-03-31 ",
        "2025-03-31T00:00", "+025-03-31", "2025-0a-31"}) {
    EXPECT_FALSE(ParseDate(text).ok()) << text;
  }
}

TEST(MoneyTest, ParsesToOre) {
  EXPECT_EQ(ParseMoney("45210.50").value(), 4521050);
  EXPECT_EQ(ParseMoney("45210.5").value(), 4521050);
  EXPECT_EQ(ParseMoney("45210").value(), 4521000);
  EXPECT_EQ(ParseMoney("0.01").value(), 1);
  EXPECT_EQ(ParseMoney("0").value(), 0);
  EXPECT_EQ(ParseMoney("007.00").value(), 700);
}

TEST(MoneyTest, AcceptsTheLargestAmountOnly) {
  EXPECT_EQ(ParseMoney("100000000000.00").value(), kMaxMoneyOre);
  EXPECT_FALSE(ParseMoney("100000000000.01").ok());
  EXPECT_FALSE(ParseMoney("100000000001").ok());
  EXPECT_FALSE(ParseMoney("99999999999999999999999999").ok());
  EXPECT_EQ(ParseMoney("00000000000000100000000000").value(), kMaxMoneyOre);
}

TEST(MoneyTest, RejectsSignsSeparatorsAndExtraDecimals) {
  for (const char* text :
       {"", "-1.00", "+1.00", "1,00", "45 210.00", "45,210.00", "1.005", ".5",
        "5.", "1e3", "NaN", "1.0.0"}) {
    EXPECT_EQ(ParseMoney(text).status().code(),
              absl::StatusCode::kInvalidArgument)
        << text;
  }
}

TEST(MoneyTest, FormatsTwoDecimalsAndLeadingMinus) {
  EXPECT_EQ(FormatMoney(4521050), "45210.50");
  EXPECT_EQ(FormatMoney(0), "0.00");
  EXPECT_EQ(FormatMoney(5), "0.05");
  EXPECT_EQ(FormatMoney(-5), "-0.05");
  EXPECT_EQ(FormatMoney(-123456), "-1234.56");
  EXPECT_EQ(FormatMoney(kMaxMoneyOre), "100000000000.00");
  EXPECT_EQ(FormatMoney(std::numeric_limits<std::int64_t>::min()),
            "-92233720368547758.08");
}

TEST(RoundingTest, RoundsHalfUpOnce) {
  // 12.5 % of 24977088.50 = 3122136.0625 -> 3122136.06.
  EXPECT_EQ(PercentOf(2497708850, 1250), 312213606);
  // 0.5 øre rounds up, 0.4999 down.
  EXPECT_EQ(PercentOf(1, 5000), 1);
  EXPECT_EQ(PercentOf(1, 4999), 0);
  EXPECT_EQ(PercentOf(3, 5000), 2);  // 1.5 -> 2
  EXPECT_EQ(RoundToOre(15000), 2);
  EXPECT_EQ(RoundToOre(14999), 1);
  EXPECT_EQ(RoundToOre(0), 0);
  EXPECT_EQ(PercentOf(kMaxMoneyOre, kHundredPercent), kMaxMoneyOre);
}

TEST(RoundingTest, DoesNotOverflowForHugeExactSums) {
  // Larger than int64 before division.
  const absl::int128 exact = absl::int128(kMaxMoneyOre) * 10000 * 1000;
  EXPECT_EQ(RoundToOre(exact), kMaxMoneyOre * 1000);
}

TEST(PercentTest, ParsesToHundredths) {
  EXPECT_EQ(ParsePercent("12.5").value(), 1250);
  EXPECT_EQ(ParsePercent("12.50").value(), 1250);
  EXPECT_EQ(ParsePercent("0.05").value(), 5);
  EXPECT_EQ(ParsePercent("0").value(), 0);
  EXPECT_EQ(ParsePercent("100").value(), kHundredPercent);
  EXPECT_EQ(ParsePercent("100.00").value(), kHundredPercent);
}

TEST(PercentTest, RejectsOutOfRangeAndBadForms) {
  for (const char* text : {"100.01", "101", "1000", "-1", "12.505", "", "12%",
                           "12,5", "99999999999999"}) {
    EXPECT_EQ(ParsePercent(text).status().code(),
              absl::StatusCode::kInvalidArgument)
        << text;
  }
  EXPECT_NE(ParsePercent("100.01").status().message().find("between 0 and 100"),
            std::string::npos);
}

TEST(PercentTest, FormatsShortestForm) {
  EXPECT_EQ(FormatPercent(1250), "12.5");
  EXPECT_EQ(FormatPercent(200), "2");
  EXPECT_EQ(FormatPercent(5), "0.05");
  EXPECT_EQ(FormatPercent(1234), "12.34");
  EXPECT_EQ(FormatPercent(10000), "100");
}

TEST(DecimalTest, KeepsTextAndComparesExactly) {
  const Decimal a = Decimal::Parse("0.60").value();
  const Decimal b = Decimal::Parse("0.6").value();
  const Decimal c = Decimal::Parse("0.599999").value();
  EXPECT_EQ(a.text(), "0.60");
  EXPECT_EQ(a, b);
  EXPECT_LT(c, a);
  EXPECT_GT(Decimal::Parse("10").value(), Decimal::Parse("9.999999").value());
  EXPECT_EQ(Decimal::Parse("010").value(), Decimal::Parse("10.000000").value());
  EXPECT_LT(Decimal::Parse("0").value(), Decimal::Parse("0.000001").value());
  EXPECT_LT(Decimal::Parse("99999999999999999999").value(),
            Decimal::Parse("100000000000000000000").value());
}

TEST(DecimalTest, RejectsSignsAndMoreThanSixDecimals) {
  for (const char* text :
       {"", "-0.1", "+0.1", "0.1234567", "1e-3", ".5", "0.", "0,5"}) {
    EXPECT_EQ(Decimal::Parse(text).status().code(),
              absl::StatusCode::kInvalidArgument)
        << text;
  }
  EXPECT_TRUE(Decimal::Parse("0.123456").ok());
}

}  // namespace
}  // namespace mea::rules
