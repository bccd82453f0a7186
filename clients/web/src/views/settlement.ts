// One settlement (oppgjør) for people: the figures it started from, one
// line per clause with its explanation, the patient outcomes of payment by
// result and the triggers. Used by the dossier (stored settlements) and the
// simulator (what-if). Any figure the server withheld shows as withheld.
import type { PatientOutcomes, Settlement, SettlementLine, Trigger } from '../api/types';
import { h, type Child } from '../dom';
import { enumLabel, t } from '../i18n';
import {
  count,
  date,
  decimal,
  definitions,
  figureCount,
  figureText,
  money,
  table,
  text,
  type Column,
} from './common';

export type HeadingLevel = 2 | 3 | 4 | 5;

export function heading(level: HeadingLevel, content: Child, id?: string): HTMLElement {
  const tag = `h${level}` as 'h2' | 'h3' | 'h4' | 'h5';
  return h(tag, id ? { id } : null, content);
}

function period(settlement: Settlement): string {
  const start = settlement.period?.start;
  const end = settlement.period?.end;
  return start || end ? `${date(start)} – ${date(end)}` : t('common.none');
}

function summary(settlement: Settlement): HTMLElement {
  return definitions([
    [t('settlement.period'), period(settlement)],
    [t('settlement.asOf'), date(settlement.as_of)],
    [t('settlement.units'), figureCount(settlement.units)],
    [t('settlement.gross'), money(settlement.gross_cost)],
    [t('settlement.refund'), money(settlement.total_refund)],
    [t('settlement.net'), money(settlement.net_cost)],
  ]);
}

function lineColumns(): Column<SettlementLine>[] {
  return [
    { header: t('settlement.col.index'), cell: (line) => String((line.index ?? 0) + 1), numeric: true },
    { header: t('settlement.col.clause'), cell: (line) => enumLabel('Clause', line.clause), rowHeader: true },
    { header: t('settlement.col.explanation'), cell: (line) => figureText(line.explanation) },
    { header: t('settlement.col.amount'), cell: (line) => money(line.amount), numeric: true },
  ];
}

function outcomes(values: PatientOutcomes, level: HeadingLevel): HTMLElement[] {
  return [
    heading(level, t('settlement.outcomes')),
    definitions([
      [t('settlement.outcome.success'), count(values.success)],
      [t('settlement.outcome.failure'), count(values.failure)],
      [t('settlement.outcome.pending'), count(values.pending)],
      [t('settlement.outcome.missing'), count(values.missing)],
    ]),
  ];
}

export function triggerText(trigger: Trigger): string {
  return t('settlement.trigger', {
    kind: enumLabel('TriggerKind', trigger.kind),
    measure: text(trigger.measure),
    observed: trigger.observed ? decimal(trigger.observed) : t('settlement.noObserved'),
    threshold: decimal(trigger.threshold),
    index: (trigger.clause_index ?? 0) + 1,
  });
}

function triggers(list: Trigger[], level: HeadingLevel): HTMLElement[] {
  return [
    heading(level, t('settlement.triggers')),
    list.length === 0
      ? h('p', null, t('settlement.triggersNone'))
      : h('ul', { class: 'triggers' }, list.map((trigger) =>
          h('li', { class: 'trigger' }, triggerText(trigger)))),
  ];
}

// `level` is the heading level of the parts inside (the caller's heading
// sits one above).
export function settlementDetails(
  settlement: Settlement,
  level: HeadingLevel,
  caption: string,
): HTMLElement {
  return h('div', { class: 'settlement' },
    heading(level, t('settlement.summary')),
    summary(settlement),
    table(`${caption}: ${t('settlement.lines')}`, lineColumns(), settlement.lines ?? [],
      { class: 'settlement-lines' }),
    settlement.patient_outcomes ? outcomes(settlement.patient_outcomes, level) : null,
    triggers(settlement.triggers ?? [], level),
  );
}
