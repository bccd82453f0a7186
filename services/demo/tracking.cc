// The tracking part of the demo: ten Nye metoder cases with decisions of
// every introduction type, temporary introductions with full follow-up
// plans, and one case whose temporary introduction ended in a permanent one.
// Names of substances, brands and suppliers are real-sounding; the case ids,
// decisions and figures are fictional. Every date is relative to `today`,
// so there is always something overdue, something due within weeks and
// something later.
//
// Cases the agreement demo relies on: ID2021_045 (temporary, oncology),
// ID2023_112 (IMPRESS-style group exemption), ID2024_008 (temporary),
// ID2022_057 (introduced).
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "services/demo/demo_data.h"
#include "services/demo/tracking_client.h"

namespace mea::services::demo {
namespace {

using M = v1::OutcomeMeasure;
using O = v1::DataObligation;
using D = v1::Decision;

constexpr char kOncology[] = "Onkologi";
constexpr char kCancerRegistry[] = "Kreftregisteret";

absl::Status CreateMethods(TrackingDemoClient& client) {
  const v1::Method methods[] = {
      MakeMethod(
          "ID2021_045",
          "Larotrektinib (Vitrakvi) – solide svulster med NTRK-genfusjon",
          "larotrektinib", "Vitrakvi",
          "Lokalavanserte eller metastatiske solide svulster med "
          "NTRK-genfusjon, voksne og barn",
          "Bayer AS", kOncology),
      MakeMethod("ID2023_112",
                 "Dabrafenib og trametinib – BRAF V600E-mutert kreft "
                 "(IMPRESS-Norway, utvidelseskohort)",
                 "dabrafenib + trametinib", "Tafinlar + Mekinist",
                 "Sjeldne BRAF V600E-muterte solide svulster utenfor godkjent "
                 "indikasjon",
                 "Novartis Norge AS", kOncology),
      MakeMethod("ID2024_008",
                 "Etranakogen dezaparvovek (Hemgenix) – hemofili B",
                 "etranakogen dezaparvovek", "Hemgenix",
                 "Alvorlig og moderat alvorlig hemofili B hos voksne "
                 "(genterapi)",
                 "CSL Behring AB", "Hematologi"),
      MakeMethod("ID2022_057",
                 "Pembrolizumab (Keytruda) – adjuvant behandling av "
                 "nyrecellekarsinom",
                 "pembrolizumab", "Keytruda",
                 "Adjuvant behandling etter nefrektomi ved økt risiko for "
                 "tilbakefall",
                 "MSD (Norge) AS", kOncology),
      MakeMethod("ID2020_031",
                 "Risdiplam (Evrysdi) – spinal muskelatrofi (SMA)", "risdiplam",
                 "Evrysdi", "5q spinal muskelatrofi (SMA) type 1, 2 og 3",
                 "Roche Norge AS", "Nevrologi"),
      MakeMethod("ID2022_013",
                 "Sotorasib (Lumykras) – KRAS G12C-mutert ikke-småcellet "
                 "lungekreft",
                 "sotorasib", "Lumykras",
                 "Avansert ikke-småcellet lungekreft med KRAS G12C-mutasjon "
                 "etter minst én tidligere behandlingslinje",
                 "Amgen AB", kOncology),
      MakeMethod("ID2022_088", "Vosoritid (Voxzogo) – akondroplasi",
                 "vosoritid", "Voxzogo",
                 "Akondroplasi hos barn fra 4 måneder med åpne vekstsoner",
                 "BioMarin International Ltd", "Endokrinologi"),
      MakeMethod("ID2023_044",
                 "Tebentafusp (Kimmtrak) – metastatisk uveal melanom",
                 "tebentafusp", "Kimmtrak",
                 "HLA-A*02:01-positive voksne med inoperabelt eller "
                 "metastatisk uvealt melanom",
                 "Immunocore Ireland Ltd", kOncology),
      MakeMethod("ID2019_120",
                 "Olaratumab (Lartruvo) – avansert bløtvevssarkom",
                 "olaratumab", "Lartruvo",
                 "Avansert bløtvevssarkom i kombinasjon med doksorubicin",
                 "Eli Lilly Norge AS", kOncology),
      MakeMethod("ID2024_031",
                 "Talkvetamab (Talvey) – residiverende myelomatose",
                 "talkvetamab", "Talvey",
                 "Residiverende og refraktær myelomatose etter minst tre "
                 "tidligere behandlingslinjer",
                 "Janssen-Cilag AS", kOncology),
  };
  for (const v1::Method& method : methods) {
    MEA_RETURN_IF_ERROR(client.CreateMethod(method));
  }
  return absl::OkStatus();
}

// Temporary introduction with an overdue registry delivery, a company
// delivery due in three weeks and the reassessment a year ahead.
absl::Status LoadLarotrectinib(TrackingDemoClient& client,
                               absl::CivilDay today) {
  D decision = MakeDecision(
      "ID2021_045", today - 700, D::INTRODUCED_TEMPORARILY,
      "Midlertidig innføring fram til revurdering. Forutsetter alternativ "
      "prisavtale med Sykehusinnkjøp HF og datainnsamling i Kreftregisteret.");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = MakeMeasure(
      "orr", "Objektiv responsrate (ORR) etter 24 uker", M::PROPORTION,
      "proportion", "0.50", M::AT_LEAST, 24, v1::DATA_SOURCE_COMPANY_STUDY);
  *plan->add_outcome_measures() = MakeMeasure(
      "pfs_median", "Median progresjonsfri overlevelse (PFS)", M::MEDIAN_TIME,
      "months", "12", M::AT_LEAST, 52, v1::DATA_SOURCE_CANCER_REGISTRY);
  *plan->add_data_obligations() = MakeObligation(
      "Årlig uttrekk av behandlings- og responsdata fra INSPIRE "
      "(legemiddeldata)",
      {"orr", "pfs_median"}, v1::DATA_SOURCE_CANCER_REGISTRY, kCancerRegistry,
      O::REGISTRY, today - 20);
  *plan->add_data_obligations() = MakeObligation(
      "Interimanalyse for norske pasienter i basket-studien", {"orr"},
      v1::DATA_SOURCE_COMPANY_STUDY, "Bayer AS", O::SUPPLIER, today + 21);
  *plan->add_data_obligations() =
      MakeObligation("Endelig datakutt for progresjonsfri overlevelse",
                     {"pfs_median"}, v1::DATA_SOURCE_CANCER_REGISTRY,
                     kCancerRegistry, O::REGISTRY, today + 300);
  plan->mutable_reassessment()->set_deadline(rules::FormatDate(today + 400));
  *plan->mutable_exit_plan() = MakeExitPlan(
      90, v1::ExitPlan::CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS,
      v1::ExitPlan::PAYER_SUPPLIER,
      "Ingen nye pasienter 90 dager etter negativ beslutning; pasienter i "
      "behandling fortsetter til progresjon for leverandørens regning.");
  return client.CreateDecision(decision).status();
}

absl::Status LoadImpressExemption(TrackingDemoClient& client,
                                  absl::CivilDay today) {
  return client
      .CreateDecision(MakeDecision(
          "ID2023_112", today - 500, D::GROUP_EXEMPTION,
          "Gruppeunntak for utprøvende bruk i IMPRESS-Norway. Leverandøren "
          "dekker de første 16 ukene per pasient; det offentlige overtar for "
          "pasienter med klinisk nytte."))
      .status();
}

// Gene therapy: a one-off treatment, followed up in a quality registry.
absl::Status LoadGeneTherapy(TrackingDemoClient& client, absl::CivilDay today) {
  D decision = MakeDecision(
      "ID2024_008", today - 200, D::INTRODUCED_TEMPORARILY,
      "Midlertidig innføring med resultatbasert avtale (betaling etter "
      "resultat). Behandling ved Oslo universitetssykehus HF.");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = MakeMeasure(
      "abr", "Annualisert blødningsrate (ABR) etter behandling", M::MEAN_SCORE,
      "bleeds/year", "1.5", M::AT_MOST, 52, v1::DATA_SOURCE_QUALITY_REGISTRY);
  *plan->add_outcome_measures() = MakeMeasure(
      "fix_activity",
      "Andel med faktor IX-aktivitet på minst 5 % etter 52 uker", M::PROPORTION,
      "proportion", "0.80", M::AT_LEAST, 52, v1::DATA_SOURCE_QUALITY_REGISTRY);
  *plan->add_data_obligations() = MakeObligation(
      "Oppfølgingsdata fra nasjonalt kvalitetsregister for "
      "blødningsforstyrrelser",
      {"abr", "fix_activity"}, v1::DATA_SOURCE_QUALITY_REGISTRY,
      "Oslo universitetssykehus HF", O::HOSPITAL, today + 45);
  *plan->add_data_obligations() =
      MakeObligation("Langtidsdata fra registreringsstudien (5 års oppfølging)",
                     {"fix_activity"}, v1::DATA_SOURCE_COMPANY_STUDY,
                     "CSL Behring AB", O::SUPPLIER, today + 500);
  plan->mutable_reassessment()->set_deadline(rules::FormatDate(today + 900));
  *plan->mutable_exit_plan() = MakeExitPlan(
      0, v1::ExitPlan::CONTINUE_AT_PUBLIC_COST, v1::ExitPlan::PAYER_PUBLIC,
      "Engangsbehandling: ingen nye pasienter etter negativ beslutning; "
      "behandlede pasienter følges videre i registeret.");
  return client.CreateDecision(decision).status();
}

absl::Status LoadPembrolizumab(TrackingDemoClient& client,
                               absl::CivilDay today) {
  return client
      .CreateDecision(MakeDecision(
          "ID2022_057", today - 800, D::INTRODUCED,
          "Innføres. Prisen kan ikke overstige prisen i tilbudet fra "
          "Sykehusinnkjøp HF."))
      .status();
}

// The history case: a temporary introduction with one delivered and one
// waived obligation, reassessed and introduced permanently.
absl::Status LoadRisdiplam(TrackingDemoClient& client, absl::CivilDay today) {
  D decision = MakeDecision(
      "ID2020_031", today - 1300, D::INTRODUCED_TEMPORARILY,
      "Midlertidig innføring for SMA type 1–3 fram til revurdering.");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = MakeMeasure(
      "hfmse", "Endring i motorisk funksjon (HFMSE-skår) etter 52 uker",
      M::MEAN_SCORE, "points", "2", M::AT_LEAST, 52,
      v1::DATA_SOURCE_QUALITY_REGISTRY);
  *plan->add_outcome_measures() = MakeMeasure(
      "prom_qol", "Livskvalitet rapportert av pasient/foresatte (PROM)",
      M::MEAN_SCORE, "points", "60", M::AT_LEAST, 52, v1::DATA_SOURCE_PROM);
  *plan->add_data_obligations() =
      MakeObligation("Motorisk funksjon fra nasjonalt register for SMA",
                     {"hfmse"}, v1::DATA_SOURCE_QUALITY_REGISTRY,
                     "Norsk register for SMA", O::REGISTRY, today - 400);
  *plan->add_data_obligations() = MakeObligation(
      "PROM-data samlet inn via pasientportal", {"prom_qol"},
      v1::DATA_SOURCE_PROM, "Roche Norge AS", O::SUPPLIER, today - 300);
  plan->mutable_reassessment()->set_deadline(rules::FormatDate(today - 200));
  *plan->mutable_exit_plan() = MakeExitPlan(
      30, v1::ExitPlan::CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS,
      v1::ExitPlan::PAYER_SUPPLIER,
      "Pasienter i behandling fortsetter for leverandørens regning.");
  MEA_ASSIGN_OR_RETURN(v1::Decision created, client.CreateDecision(decision));
  const auto& obligations = created.follow_up().data_obligations();
  MEA_RETURN_IF_ERROR(client.Deliver(obligations[0].id(), today - 395,
                                     "SMA-registeret leveranse 2023-1"));
  MEA_RETURN_IF_ERROR(client.Waive(
      obligations[1].id(),
      "PROM-innsamlingen ble ikke etablert; livskvalitet vurderes på "
      "grunnlag av registerdata."));
  MEA_RETURN_IF_ERROR(client.StartReassessment(created.id()));
  v1::CompleteReassessmentRequest complete;
  complete.set_decision_id(created.id());
  complete.set_outcome(v1::Reassessment::PERMANENT_INTRODUCTION);
  complete.set_completed_date(rules::FormatDate(today - 150));
  complete.set_reason(
      "Registerdata bekrefter forventet effekt på motorisk "
      "funksjon.");
  *complete.mutable_resulting_decision() = MakeDecision(
      "ID2020_031", today - 150, D::INTRODUCED,
      "Varig innføring etter revurdering. Start- og stoppkriterier som i "
      "nasjonale faglige retningslinjer.");
  return client.CompleteReassessment(complete);
}

// Overdue: the reassessment deadline and the NPR delivery have passed.
absl::Status LoadSotorasib(TrackingDemoClient& client, absl::CivilDay today) {
  D decision = MakeDecision(
      "ID2022_013", today - 900, D::INTRODUCED_TEMPORARILY,
      "Midlertidig innføring; revurderes når data fra Kreftregisteret "
      "foreligger.");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = MakeMeasure(
      "orr", "Objektiv responsrate (ORR) etter 12 uker", M::PROPORTION,
      "proportion", "0.35", M::AT_LEAST, 12, v1::DATA_SOURCE_CANCER_REGISTRY);
  *plan->add_outcome_measures() =
      MakeMeasure("os_median", "Median totaloverlevelse (OS)", M::MEDIAN_TIME,
                  "months", "12", M::AT_LEAST, 104, v1::DATA_SOURCE_NPR);
  *plan->add_data_obligations() =
      MakeObligation("Behandlingsforløp og respons første behandlingsår",
                     {"orr"}, v1::DATA_SOURCE_CANCER_REGISTRY, kCancerRegistry,
                     O::REGISTRY, today - 500);
  *plan->add_data_obligations() =
      MakeObligation("Overlevelsesdata fra NPR koblet med Dødsårsaksregisteret",
                     {"os_median"}, v1::DATA_SOURCE_NPR,
                     "Norsk pasientregister (NPR)", O::REGISTRY, today - 40);
  plan->mutable_reassessment()->set_deadline(rules::FormatDate(today - 10));
  *plan->mutable_exit_plan() = MakeExitPlan(
      30, v1::ExitPlan::CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS,
      v1::ExitPlan::PAYER_SUPPLIER,
      "Ingen nye pasienter etter 30 dager; pågående behandling til "
      "progresjon for leverandørens regning.");
  MEA_ASSIGN_OR_RETURN(v1::Decision created, client.CreateDecision(decision));
  return client.Deliver(created.follow_up().data_obligations(0).id(),
                        today - 490, "KRG-utlevering 2024-117");
}

// Rare disease: the reassessment is under way, due in a month.
absl::Status LoadVosoritide(TrackingDemoClient& client, absl::CivilDay today) {
  D decision =
      MakeDecision("ID2022_088", today - 700, D::INTRODUCED_TEMPORARILY,
                   "Midlertidig innføring for barn med åpne vekstsoner.");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = MakeMeasure(
      "agv", "Økning i årlig vekstrate (AGV) mot før behandling", M::MEAN_SCORE,
      "cm/year", "1.5", M::AT_LEAST, 52, v1::DATA_SOURCE_QUALITY_REGISTRY);
  *plan->add_data_obligations() =
      MakeObligation("Vekstdata fra kvalitetsregister for skjelettdysplasier",
                     {"agv"}, v1::DATA_SOURCE_QUALITY_REGISTRY,
                     "Oslo universitetssykehus HF", O::HOSPITAL, today + 10);
  plan->mutable_reassessment()->set_deadline(rules::FormatDate(today + 30));
  *plan->mutable_exit_plan() = MakeExitPlan(
      60, v1::ExitPlan::STOP_WITH_TAPERING, v1::ExitPlan::PAYER_SHARED,
      "Behandlingen avsluttes planmessig; kostnadene deles i "
      "utfasingsperioden.");
  MEA_ASSIGN_OR_RETURN(v1::Decision created, client.CreateDecision(decision));
  return client.StartReassessment(created.id());
}

absl::Status LoadTebentafusp(TrackingDemoClient& client, absl::CivilDay today) {
  return client
      .CreateDecision(MakeDecision(
          "ID2023_044", today - 300, D::NOT_INTRODUCED,
          "Innføres ikke. Prisen er for høy i forhold til dokumentert nytte."))
      .status();
}

// Introduced, then phased out when the confirmatory study failed.
absl::Status LoadOlaratumab(TrackingDemoClient& client, absl::CivilDay today) {
  MEA_ASSIGN_OR_RETURN(
      v1::Decision introduced,
      client.CreateDecision(MakeDecision("ID2019_120", today - 2500,
                                         D::INTRODUCED, "Innføres.")));
  D phase_out = MakeDecision(
      "ID2019_120", today - 2300, D::PHASED_OUT,
      "Utfases: bekreftende fase III-studie viste ikke effekt. Pasienter i "
      "behandling kan fullføre.");
  phase_out.set_supersedes_decision_id(introduced.id());
  return client.CreateDecision(phase_out).status();
}

}  // namespace

absl::Status LoadTrackingDemo(const std::shared_ptr<grpc::Channel>& channel,
                              absl::CivilDay today) {
  TrackingDemoClient client(channel);
  MEA_RETURN_IF_ERROR(CreateMethods(client));
  for (auto load : {LoadLarotrectinib, LoadImpressExemption, LoadGeneTherapy,
                    LoadPembrolizumab, LoadRisdiplam, LoadSotorasib,
                    LoadVosoritide, LoadTebentafusp, LoadOlaratumab}) {
    MEA_RETURN_IF_ERROR(load(client, today));
  }
  // ID2024_031 (talkvetamab) stays AWAITING_DECISION.
  return absl::OkStatus();
}

}  // namespace mea::services::demo
