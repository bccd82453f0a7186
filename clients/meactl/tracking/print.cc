#include "clients/meactl/tracking/print.h"

#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "clients/meactl/tracking/cli.h"

namespace mea::meactl::tracking_cli {
namespace {

constexpr char kOverdue[] = "FORFALT (overdue)";

std::string DirectionSign(v1::OutcomeMeasure::Direction direction) {
  return direction == v1::OutcomeMeasure::AT_MOST ? "≤" : "≥";
}

void PrintMeasures(const Context& context, const v1::FollowUpPlan& plan) {
  *context.out << "  Utfallsmål (outcome measures):\n";
  for (const v1::OutcomeMeasure& measure : plan.outcome_measures()) {
    *context.out << "    " << measure.name() << ": forventet (expected) "
                 << DirectionSign(measure.direction()) << " "
                 << measure.expected_value() << " " << measure.unit() << " at "
                 << measure.evaluation_weeks() << " weeks ("
                 << EnumText(measure.kind()) << ", "
                 << SourceText(measure.data_source()) << ")\n";
    if (!measure.description().empty()) {
      *context.out << "      " << measure.description() << "\n";
    }
  }
}

std::string ObligationState(const v1::DataObligation& obligation) {
  switch (obligation.state()) {
    case v1::DataObligation::DELIVERED:
      return absl::StrCat("levert (delivered) ", obligation.delivered_date(),
                          ", ref ", obligation.delivery_reference());
    case v1::DataObligation::WAIVED:
      return absl::StrCat("frafalt (waived): ", obligation.waiver_reason());
    default:
      return obligation.overdue() ? absl::StrCat("venter (pending), ", kOverdue)
                                  : "venter (pending)";
  }
}

void PrintObligations(const Context& context, const v1::FollowUpPlan& plan) {
  *context.out << "  Dataansvar (data obligations):\n";
  for (const v1::DataObligation& obligation : plan.data_obligations()) {
    *context.out << "    #" << obligation.id() << " frist (due) "
                 << obligation.due_date() << ": "
                 << obligation.responsible_organisation() << " ("
                 << EnumText(obligation.responsible_role()) << ", "
                 << SourceText(obligation.source()) << ") — "
                 << ObligationState(obligation) << "\n"
                 << "      " << obligation.description() << " ["
                 << absl::StrJoin(obligation.outcome_measures(), ", ") << "]\n";
  }
}

// "om 12 dager (12 days left)" or "5 dager over fristen (5 days overdue)";
// empty when a date is missing.
std::string Countdown(const std::string& deadline, const std::string& today) {
  absl::CivilDay due;
  absl::CivilDay now;
  if (!absl::ParseCivilTime(deadline, &due) ||
      !absl::ParseCivilTime(today, &now)) {
    return "";
  }
  const int64_t days = due - now;
  if (days >= 0) {
    return absl::StrCat(" — om ", days, " dager (", days, " days left)");
  }
  return absl::StrCat(" — ", -days, " dager over fristen (", -days,
                      " days overdue)");
}

void PrintReassessment(const Context& context, const v1::Reassessment& r,
                       const std::string& today) {
  const bool open = r.state() != v1::Reassessment::COMPLETED;
  *context.out << "  Revurdering (reassessment): " << EnumText(r.state())
               << ", frist (deadline) " << r.deadline()
               << (open ? Countdown(r.deadline(), today) : "")
               << (r.overdue() ? absl::StrCat(", ", kOverdue) : "") << "\n";
  for (const v1::ReassessmentExtension& extension : r.extensions()) {
    *context.out << "    forlenget (extended) " << extension.decided_date()
                 << ": " << extension.previous_deadline() << " → "
                 << extension.new_deadline() << ": " << extension.reason()
                 << "\n";
  }
  if (r.state() == v1::Reassessment::COMPLETED) {
    *context.out << "    utfall (outcome) " << r.completed_date() << ": "
                 << EnumText(r.outcome()) << " → beslutning (decision) #"
                 << r.resulting_decision_id() << "\n";
    if (!r.subgroup().empty()) {
      *context.out << "    undergruppe (subgroup): " << r.subgroup() << "\n";
    }
    if (!r.reason().empty()) {
      *context.out << "    begrunnelse (reason): " << r.reason() << "\n";
    }
  }
}

void PrintExitPlan(const Context& context, const v1::ExitPlan& exit_plan) {
  *context.out << "  Exit-plan: ingen nye pasienter (no new patients) "
               << exit_plan.no_new_patients_after_days()
               << " days after a negative decision; pågående behandling "
                  "(ongoing treatment): "
               << EnumText(exit_plan.ongoing_treatment())
               << "; betaler (payer): " << PayerText(exit_plan.payer()) << "\n";
  if (!exit_plan.notes().empty()) {
    *context.out << "    " << exit_plan.notes() << "\n";
  }
}

std::string HistoryText(const v1::Decision& decision) {
  std::vector<std::string> parts;
  if (decision.supersedes_decision_id() != 0) {
    parts.push_back(absl::StrCat("erstatter (supersedes) #",
                                 decision.supersedes_decision_id()));
  }
  parts.push_back(decision.superseded_by_decision_id() != 0
                      ? absl::StrCat("erstattet av (superseded by) #",
                                     decision.superseded_by_decision_id())
                      : "gjeldende (current)");
  return absl::StrJoin(parts, ", ");
}

}  // namespace

void PrintDecision(const Context& context, const v1::Decision& decision,
                   const std::string& today) {
  *context.out << "Beslutning (decision) #" << decision.id() << "  "
               << decision.decision_date() << "  "
               << EnumText(decision.introduction_type()) << "  "
               << BodyText(decision.body()) << "\n";
  PrintFields(context, {{"metode (method)", decision.method_id()},
                        {"historikk (history)", HistoryText(decision)},
                        {"vilkår (conditions)", decision.conditions()}});
  if (!decision.has_follow_up()) return;
  const v1::FollowUpPlan& plan = decision.follow_up();
  PrintMeasures(context, plan);
  PrintObligations(context, plan);
  PrintReassessment(context, plan.reassessment(), today);
  PrintExitPlan(context, plan.exit_plan());
}

void PrintDueTable(
    const Context& context,
    const google::protobuf::RepeatedPtrField<v1::DueItem>& items) {
  // CSV is an export: a named overdue column and descriptions in full.
  const bool csv = context.csv();
  std::vector<std::vector<std::string>> rows;
  for (const v1::DueItem& item : items) {
    std::string marker = item.overdue() ? "!" : "";
    if (csv) marker = item.overdue() ? "true" : "false";
    rows.push_back(
        {marker, item.due_date(), SignedDays(item.days_until_due()),
         EnumText(item.kind()), item.method_id(),
         item.responsible_organisation(),
         csv ? item.description() : Shorten(item.description(), 80)});
  }
  PrintTable(context,
             {csv ? "OVERDUE" : "", "DUE", "DAYS", "KIND", "METHOD", "WHO",
              "DESCRIPTION"},
             rows);
}

std::string DueCountsLine(int overdue, int total, const std::string& today) {
  return absl::StrCat(overdue, " forfalt (overdue), ", total,
                      " i alt (total) per ", today);
}

}  // namespace mea::meactl::tracking_cli
