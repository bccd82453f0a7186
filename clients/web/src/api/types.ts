// The JSON shapes of the mea.v1 messages as the HTTP gateway writes them
// (protobuf JSON mapping with proto field names). Every field is optional:
// proto3 JSON omits default values, and the server leaves out confidential
// figures for the public. int64 fields arrive as strings, int32 as numbers;
// enums arrive as their names.

export type Int64 = string | number;

export interface Method {
  id?: string;
  title?: string;
  active_substance?: string;
  brand_name?: string;
  indication?: string;
  supplier?: string;
  therapeutic_area?: string;
  status?: string;
  create_time?: string;
  update_time?: string;
}

export interface OutcomeMeasure {
  id?: Int64;
  name?: string;
  description?: string;
  kind?: string;
  unit?: string;
  expected_value?: string;
  direction?: string;
  evaluation_weeks?: number;
  data_source?: string;
}

export interface DataObligation {
  id?: Int64;
  decision_id?: Int64;
  method_id?: string;
  description?: string;
  outcome_measures?: string[];
  source?: string;
  responsible_organisation?: string;
  responsible_role?: string;
  due_date?: string;
  state?: string;
  delivered_date?: string;
  delivery_reference?: string;
  waiver_reason?: string;
  overdue?: boolean;
}

export interface ReassessmentExtension {
  previous_deadline?: string;
  new_deadline?: string;
  reason?: string;
  decided_date?: string;
}

export interface Reassessment {
  decision_id?: Int64;
  deadline?: string;
  state?: string;
  outcome?: string;
  subgroup?: string;
  reason?: string;
  completed_date?: string;
  resulting_decision_id?: Int64;
  overdue?: boolean;
  extensions?: ReassessmentExtension[];
}

export interface ExitPlan {
  no_new_patients_after_days?: number;
  ongoing_treatment?: string;
  payer?: string;
  notes?: string;
}

export interface FollowUpPlan {
  outcome_measures?: OutcomeMeasure[];
  data_obligations?: DataObligation[];
  reassessment?: Reassessment;
  exit_plan?: ExitPlan;
}

export interface Decision {
  id?: Int64;
  method_id?: string;
  decision_date?: string;
  body?: string;
  introduction_type?: string;
  conditions?: string;
  supersedes_decision_id?: Int64;
  superseded_by_decision_id?: Int64;
  follow_up?: FollowUpPlan;
  create_time?: string;
}

export interface DueItem {
  kind?: string;
  due_date?: string;
  overdue?: boolean;
  days_until_due?: number;
  method_id?: string;
  method_title?: string;
  therapeutic_area?: string;
  responsible_organisation?: string;
  description?: string;
  decision_id?: Int64;
  data_obligation_id?: Int64;
  agreement_id?: string;
  settlement_number?: Int64;
}

export interface ListDueItemsResponse {
  items?: DueItem[];
  next_page_token?: string;
  total_count?: number;
  overdue_count?: number;
  today?: string;
}

export interface ListDecisionsResponse {
  decisions?: Decision[];
  next_page_token?: string;
}

export interface ListMethodsResponse {
  methods?: Method[];
  next_page_token?: string;
}

export interface AgreementSummary {
  agreement_id?: string;
  method_id?: string;
  supplier?: string;
  state?: string;
  valid_from?: string;
  valid_to?: string;
  clause_types?: string[];
  description?: string;
  title?: string;
}

export interface Dossier {
  method?: Method;
  decisions?: Decision[];
  due_items?: DueItem[];
  overdue_count?: number;
  agreements?: AgreementSummary[];
  today?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface PriceVolumeTier {
  above_units?: Int64;
  percent?: string;
}

// One clause: exactly one of the members is set (evaluation.md).
export interface Clause {
  flat_discount?: { percent?: string };
  price_volume?: { basis?: string; tiers?: PriceVolumeTier[] };
  expenditure_cap?: { cap?: string; refund_percent?: string };
  patient_unit_cap?: { max_units?: Int64 };
  initial_discount?: { weeks?: number; percent?: string };
  payment_by_result?: {
    assessment_weeks?: number;
    refund_percent?: string;
    missing_outcome?: string;
  };
  outcome_guarantee?: {
    measure?: string;
    threshold?: string;
    direction?: string;
    min_patients?: number;
    price_reduction_percent?: string;
  };
}

export interface AgreementTerms {
  id?: string;
  method_id?: string;
  unit_price?: string;
  clauses?: Clause[];
}

export interface Agreement {
  id?: string;
  method_id?: string;
  decision_id?: Int64;
  supplier?: string;
  state?: string;
  valid_from?: string;
  valid_to?: string;
  unit_price?: string;
  clauses?: Clause[];
  title?: string;
  summary?: AgreementSummary;
}

export interface ListAgreementsResponse {
  agreements?: Agreement[];
  next_page_token?: string;
}

export interface Results {
  dispensings?: unknown[];
  patients?: unknown[];
  group_outcomes?: unknown[];
}

export interface SettlementLine {
  clause?: string;
  index?: number;
  amount?: string;
  explanation?: string;
}

export interface PatientOutcomes {
  success?: Int64;
  failure?: Int64;
  pending?: Int64;
  missing?: Int64;
}

export interface Trigger {
  clause_index?: number;
  kind?: string;
  measure?: string;
  observed?: string;
  threshold?: string;
}

export interface Settlement {
  agreement_id?: string;
  period?: Period;
  as_of?: string;
  units?: Int64;
  gross_cost?: string;
  lines?: SettlementLine[];
  total_refund?: string;
  net_cost?: string;
  patient_outcomes?: PatientOutcomes;
  triggers?: Trigger[];
}

export interface StoredSettlement {
  agreement_id?: string;
  number?: Int64;
  input_digest?: string;
  create_time?: string;
  settlement?: Settlement;
}

export interface ListSettlementsResponse {
  settlements?: StoredSettlement[];
  next_page_token?: string;
}

export interface SimulateSettlementResponse {
  settlement?: Settlement;
}

export interface LineDifference {
  index?: number;
  first_clause?: string;
  second_clause?: string;
  first_amount?: string;
  second_amount?: string;
  difference?: string;
}

export interface CompareDraftsResponse {
  first?: Settlement;
  second?: Settlement;
  lines?: LineDifference[];
  total_refund_difference?: string;
  net_cost_difference?: string;
}

export interface FieldViolation {
  field: string;
  description: string;
}
