// What the terms editor shows for each clause type of evaluation.md: the
// fields, their kind of value and the defaults of a new clause. Money and
// percents stay strings (exact decimals); counts and weeks are integers.
import type { Clause } from '../api/types';
import type { MessageKey } from '../i18n';

export const kClauseTypes = [
  'flat_discount',
  'price_volume',
  'expenditure_cap',
  'patient_unit_cap',
  'initial_discount',
  'payment_by_result',
  'outcome_guarantee',
] as const;

export type ClauseType = (typeof kClauseTypes)[number];

export type FieldKind = 'decimal' | 'integer' | 'text' | 'choice';

export interface FieldSpec {
  key: string;
  label: MessageKey;
  kind: FieldKind;
  // For 'choice': the enumeration group (labels) and its values.
  group?: string;
  choices?: string[];
}

export const kClauseFields: Record<ClauseType, FieldSpec[]> = {
  flat_discount: [{ key: 'percent', label: 'sim.field.percent', kind: 'decimal' }],
  // The tiers have their own editor; only the basis is a plain field.
  price_volume: [
    { key: 'basis', label: 'sim.field.basis', kind: 'choice', group: 'Basis', choices: ['ALL_UNITS', 'INCREMENTAL'] },
  ],
  expenditure_cap: [
    { key: 'cap', label: 'sim.field.cap', kind: 'decimal' },
    { key: 'refund_percent', label: 'sim.field.refundPercent', kind: 'decimal' },
  ],
  patient_unit_cap: [{ key: 'max_units', label: 'sim.field.maxUnits', kind: 'integer' }],
  initial_discount: [
    { key: 'weeks', label: 'sim.field.weeks', kind: 'integer' },
    { key: 'percent', label: 'sim.field.percent', kind: 'decimal' },
  ],
  payment_by_result: [
    { key: 'assessment_weeks', label: 'sim.field.assessmentWeeks', kind: 'integer' },
    { key: 'refund_percent', label: 'sim.field.refundPercent', kind: 'decimal' },
    {
      key: 'missing_outcome', label: 'sim.field.missingOutcome', kind: 'choice',
      group: 'MissingOutcome', choices: ['NO_REFUND', 'REFUND'],
    },
  ],
  outcome_guarantee: [
    { key: 'measure', label: 'sim.field.measure', kind: 'text' },
    { key: 'threshold', label: 'sim.field.threshold', kind: 'decimal' },
    {
      key: 'direction', label: 'sim.field.direction', kind: 'choice',
      group: 'GuaranteeDirection', choices: ['AT_LEAST', 'AT_MOST'],
    },
    { key: 'min_patients', label: 'sim.field.minPatients', kind: 'integer' },
    { key: 'price_reduction_percent', label: 'sim.field.priceReduction', kind: 'decimal' },
  ],
};

export function newClause(type: ClauseType): Clause {
  switch (type) {
    case 'flat_discount':
      return { flat_discount: { percent: '5' } };
    case 'price_volume':
      return { price_volume: { basis: 'ALL_UNITS', tiers: [{ above_units: 0, percent: '5' }] } };
    case 'expenditure_cap':
      return { expenditure_cap: { cap: '1000000.00', refund_percent: '100' } };
    case 'patient_unit_cap':
      return { patient_unit_cap: { max_units: 1 } };
    case 'initial_discount':
      return { initial_discount: { weeks: 16, percent: '100' } };
    case 'payment_by_result':
      return { payment_by_result: { assessment_weeks: 24, refund_percent: '100', missing_outcome: 'NO_REFUND' } };
    case 'outcome_guarantee':
      return {
        outcome_guarantee: {
          measure: 'orr', threshold: '0.50', direction: 'AT_LEAST', min_patients: 1, price_reduction_percent: '10',
        },
      };
  }
}

// The clause's type: its one set member (the first known one, if a hand-
// written JSON has several; the server reports that as invalid).
export function clauseType(clause: Clause): ClauseType | null {
  for (const type of kClauseTypes) {
    if (clause[type] !== undefined) return type;
  }
  return null;
}
