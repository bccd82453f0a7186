// The follow-up plan (oppfølgingsplan) part of a dossier: outcome measures
// (utfallsmål) with expected values, data obligations (dataansvar) with
// status and who owes them, the reassessment (revurdering) countdown and the
// exit plan (exit-plan).
import type {
  DataObligation,
  Decision,
  ExitPlan,
  OutcomeMeasure,
  Reassessment,
} from '../api/types';
import { daysBetween } from '../format/dates';
import { h, type Child } from '../dom';
import { enumLabel, isSet, t } from '../i18n';
import {
  badge,
  date,
  daysText,
  decimal,
  definitions,
  table,
  text,
  urgency,
  urgencyBadge,
  type Column,
} from './common';
import { heading } from './settlement';

function expected(measure: OutcomeMeasure): string {
  const sign = measure.direction === 'AT_MOST' ? '≤' : '≥';
  const unit = measure.unit ? ` ${measure.unit}` : '';
  const words = enumLabel('Direction', measure.direction);
  return `${sign} ${decimal(measure.expected_value)}${unit} (${words})`;
}

function measureColumns(): Column<OutcomeMeasure>[] {
  return [
    { header: t('dossier.measure.name'), cell: (m) => h('code', null, text(m.name)), rowHeader: true },
    { header: t('dossier.measure.description'), cell: (m) => text(m.description) },
    { header: t('dossier.measure.expected'), cell: expected },
    {
      header: t('dossier.measure.weeks'),
      cell: (m) => (m.evaluation_weeks ? t('dossier.measure.weeksValue', { n: m.evaluation_weeks }) : t('common.none')),
    },
    { header: t('dossier.measure.source'), cell: (m) => enumLabel('DataSource', m.data_source) },
  ];
}

function obligationState(obligation: DataObligation): Child {
  if (obligation.state === 'DELIVERED') return badge('done', enumLabel('ObligationState', 'DELIVERED'), 'ok');
  if (obligation.state === 'WAIVED') return badge('waived', enumLabel('ObligationState', 'WAIVED'), 'muted');
  if (obligation.overdue) return badge('overdue', t('common.status.overdue'), 'overdue');
  return badge('soon', enumLabel('ObligationState', obligation.state ?? 'PENDING'), 'soon');
}

function obligationDetail(obligation: DataObligation): string {
  if (obligation.state === 'DELIVERED') {
    return t('dossier.obligation.delivered', {
      date: date(obligation.delivered_date),
      reference: text(obligation.delivery_reference),
    });
  }
  if (obligation.state === 'WAIVED') {
    return t('dossier.obligation.waived', { reason: text(obligation.waiver_reason) });
  }
  return t('common.none');
}

function obligationColumns(): Column<DataObligation>[] {
  return [
    { header: t('dossier.obligation.description'), cell: (o) => text(o.description), rowHeader: true },
    { header: t('dossier.obligation.measures'), cell: (o) => (o.outcome_measures ?? []).join(', ') || t('common.none') },
    { header: t('dossier.obligation.source'), cell: (o) => enumLabel('DataSource', o.source) },
    {
      header: t('dossier.obligation.responsible'),
      cell: (o) => `${text(o.responsible_organisation)} (${enumLabel('ResponsibleRole', o.responsible_role)})`,
    },
    { header: t('dossier.obligation.due'), cell: (o) => date(o.due_date) },
    { header: t('dossier.obligation.state'), cell: obligationState },
    { header: t('dossier.obligation.detail'), cell: obligationDetail },
  ];
}

function countdown(reassessment: Reassessment, today: string): Child {
  if (reassessment.state === 'COMPLETED') {
    return badge('done', enumLabel('ReassessmentState', 'COMPLETED'), 'ok');
  }
  const days = reassessment.deadline && today ? daysBetween(today, reassessment.deadline) : null;
  if (days === null) return t('common.none');
  return h('span', { class: 'countdown' },
    urgencyBadge(urgency(reassessment.overdue, days)), ' ', daysText(days));
}

function reassessmentFacts(reassessment: Reassessment, today: string): HTMLElement {
  const pairs: Array<[string, Child]> = [
    [t('dossier.reassessment.deadline'), date(reassessment.deadline)],
    [t('dossier.reassessment.countdown'), countdown(reassessment, today)],
    [t('dossier.reassessment.state'), enumLabel('ReassessmentState', reassessment.state)],
  ];
  if (isSet(reassessment.outcome)) {
    pairs.push([t('dossier.reassessment.outcome'), enumLabel('ReassessmentOutcome', reassessment.outcome)]);
  }
  if (reassessment.completed_date) pairs.push([t('dossier.reassessment.completed'), date(reassessment.completed_date)]);
  if (reassessment.subgroup) pairs.push([t('dossier.reassessment.subgroup'), reassessment.subgroup]);
  if (reassessment.reason) pairs.push([t('dossier.reassessment.reason'), reassessment.reason]);
  const extensions = reassessment.extensions ?? [];
  if (extensions.length > 0) {
    pairs.push([t('dossier.reassessment.extensions'), h('ul', null, extensions.map((extension) =>
      h('li', null, t('dossier.reassessment.extension', {
        from: date(extension.previous_deadline),
        to: date(extension.new_deadline),
        reason: text(extension.reason),
      }))))]);
  }
  return definitions(pairs);
}

function exitFacts(plan: ExitPlan): HTMLElement {
  const days = plan.no_new_patients_after_days ?? 0;
  return definitions([
    [t('dossier.exit.noNew'), days > 0 ? t('dossier.exit.noNewDays', { n: days }) : t('dossier.exit.noNewNow')],
    [t('dossier.exit.ongoing'), enumLabel('OngoingTreatment', plan.ongoing_treatment)],
    [t('dossier.exit.payer'), enumLabel('Payer', plan.payer)],
    [t('dossier.exit.notes'), text(plan.notes)],
  ]);
}

export function renderFollowUp(decision: Decision, today: string): HTMLElement {
  const plan = decision.follow_up ?? {};
  const when = date(decision.decision_date);
  return h('div', { class: 'follow-up' },
    heading(3, t('dossier.followUpFor', { date: when })),
    heading(4, t('dossier.measures')),
    table(`${t('dossier.measures')} (${when})`, measureColumns(), plan.outcome_measures ?? []),
    heading(4, t('dossier.obligations')),
    table(`${t('dossier.obligations')} (${when})`, obligationColumns(), plan.data_obligations ?? [],
      {}, (o) => (o.overdue ? 'row-overdue' : '')),
    heading(4, t('dossier.reassessment')),
    reassessmentFacts(plan.reassessment ?? {}, today),
    heading(4, t('dossier.exit')),
    exitFacts(plan.exit_plan ?? {}),
  );
}
