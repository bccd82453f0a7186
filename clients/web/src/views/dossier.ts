// The case dossier (saksdossier): the method, a timeline of its decisions,
// the follow-up plan (outcome measures with expected values, data
// obligations with status and who owes them, reassessment countdown, exit
// plan), the public summary of its agreements and, for those allowed to see
// figures, the latest settlement of each agreement.
import { ApiError } from '../api/client';
import { getDossier, listAgreements, listSettlements } from '../api/mea';
import { isLoggedIn } from '../auth';
import type {
  Agreement,
  AgreementSummary,
  Decision,
  Dossier,
  DueItem,
  StoredSettlement,
} from '../api/types';
import { h } from '../dom';
import { enumLabel, t } from '../i18n';
import {
  badge,
  date,
  definitions,
  errorBox,
  loading,
  table,
  text,
  urgency,
} from './common';
import type { ViewContext } from './context';
import { dueColumns } from './due';
import { renderFollowUp } from './dossier_follow_up';
import { heading, settlementDetails } from './settlement';

function methodSection(dossier: Dossier): HTMLElement {
  const method = dossier.method ?? {};
  return h('section', { 'aria-labelledby': 'd-method' },
    heading(2, t('dossier.method'), 'd-method'),
    definitions([
      [t('dossier.field.id'), text(method.id)],
      [t('dossier.field.status'), enumLabel('MethodStatus', method.status)],
      [t('dossier.field.substance'), text(method.active_substance)],
      [t('dossier.field.brand'), text(method.brand_name)],
      [t('dossier.field.indication'), text(method.indication)],
      [t('dossier.field.supplier'), text(method.supplier)],
      [t('dossier.field.area'), text(method.therapeutic_area)],
    ]),
  );
}

function openItemsSection(dossier: Dossier): HTMLElement {
  const items: DueItem[] = dossier.due_items ?? [];
  const overdue = dossier.overdue_count ?? items.filter((item) => item.overdue).length;
  const columns = dueColumns(false);
  return h('section', { 'aria-labelledby': 'd-open' },
    heading(2, t('dossier.openItems'), 'd-open'),
    items.length === 0
      ? h('p', null, t('dossier.openItemsNone'))
      : [
          h('p', null, t('dossier.openItemsCount', { total: items.length, overdue })),
          table(t('dossier.openItems'), columns, items, { class: 'due-table' },
            (item) => `row-${urgency(item.overdue, item.days_until_due)}`),
        ],
  );
}

function isCurrent(decision: Decision): boolean {
  return !decision.superseded_by_decision_id || String(decision.superseded_by_decision_id) === '0';
}

function decisionEntry(decision: Decision): HTMLElement {
  const supersedes = decision.supersedes_decision_id && String(decision.supersedes_decision_id) !== '0';
  return h('li', { class: isCurrent(decision) ? 'decision current' : 'decision' },
    heading(3, t('dossier.decision', { date: date(decision.decision_date) })),
    h('p', { class: 'decision-state' },
      isCurrent(decision)
        ? badge('done', t('dossier.decision.current'), 'ok')
        : badge('waived', t('dossier.decision.supersededBy'), 'muted'),
      supersedes ? h('span', { class: 'note' }, ` ${t('dossier.decision.supersedes')}`) : null),
    definitions([
      [t('dossier.decision.type'), enumLabel('IntroductionType', decision.introduction_type)],
      [t('dossier.decision.body'), enumLabel('Body', decision.body)],
      [t('dossier.decision.conditions'), text(decision.conditions)],
    ]),
  );
}

function timelineSection(dossier: Dossier): HTMLElement {
  const decisions = dossier.decisions ?? [];
  return h('section', { 'aria-labelledby': 'd-timeline' },
    heading(2, t('dossier.timeline'), 'd-timeline'),
    decisions.length === 0
      ? h('p', null, t('dossier.timelineNone'))
      : h('ol', { class: 'timeline', reversed: true }, decisions.map(decisionEntry)),
  );
}

function followUpSection(dossier: Dossier): HTMLElement {
  const planned = (dossier.decisions ?? []).filter((decision) => decision.follow_up);
  return h('section', { 'aria-labelledby': 'd-follow-up' },
    heading(2, t('dossier.followUp'), 'd-follow-up'),
    planned.length === 0
      ? h('p', null, t('dossier.followUpNone'))
      : planned.map((decision) => renderFollowUp(decision, dossier.today ?? '')),
  );
}

function agreementEntry(summary: AgreementSummary): HTMLElement {
  const types = (summary.clause_types ?? []).map((type) => enumLabel('Clause', type));
  return h('article', { class: 'agreement' },
    heading(3, summary.title || summary.agreement_id || t('common.none')),
    definitions([
      [t('dossier.agreement.id'), text(summary.agreement_id)],
      [t('dossier.agreement.supplier'), text(summary.supplier)],
      [t('dossier.agreement.state'), enumLabel('AgreementState', summary.state)],
      [t('dossier.agreement.valid'), `${date(summary.valid_from)} – ${date(summary.valid_to)}`],
      [t('dossier.agreement.form'), types.length > 0 ? types.join(', ') : t('common.none')],
      [t('dossier.agreement.description'), text(summary.description)],
    ]),
  );
}

function agreementsSection(dossier: Dossier): HTMLElement {
  const agreements = dossier.agreements ?? [];
  return h('section', { 'aria-labelledby': 'd-agreements' },
    heading(2, t('dossier.agreements'), 'd-agreements'),
    agreements.length === 0 ? h('p', null, t('dossier.agreementsNone')) : agreements.map(agreementEntry),
  );
}

function latest(settlements: StoredSettlement[]): StoredSettlement | undefined {
  return settlements.reduce<StoredSettlement | undefined>(
    (best, one) => (!best || Number(one.number ?? 0) > Number(best.number ?? 0) ? one : best),
    undefined,
  );
}

async function agreementSettlement(agreementId: string): Promise<HTMLElement> {
  const part = h('div', { class: 'agreement-settlement' },
    heading(3, t('dossier.settlementsFor', { id: agreementId })));
  try {
    const stored = latest(await listSettlements(agreementId));
    if (!stored) {
      part.append(h('p', null, t('dossier.settlementsNone')));
    } else {
      part.append(
        h('p', null, t('dossier.settlementNumber', {
          n: String(stored.number ?? ''),
          time: date((stored.create_time ?? '').slice(0, 10)),
        })),
        settlementDetails(stored.settlement ?? {}, 4, agreementId),
      );
    }
  } catch (error) {
    part.append(error instanceof ApiError && error.isAuthProblem
      ? h('p', { class: 'confidential-note' }, t('dossier.settlementsHidden'))
      : errorBox(error));
  }
  return part;
}

async function settlementsSection(dossier: Dossier): Promise<HTMLElement | null> {
  const agreements = dossier.agreements ?? [];
  if (agreements.length === 0) return null;
  const parts = await Promise.all(
    agreements.map((agreement) => agreementSettlement(agreement.agreement_id ?? '')),
  );
  return h('section', { 'aria-labelledby': 'd-settlements' },
    heading(2, t('dossier.settlements'), 'd-settlements'), parts);
}

function summaryOf(agreement: Agreement): AgreementSummary {
  return agreement.summary ?? {
    agreement_id: agreement.id,
    method_id: agreement.method_id,
    supplier: agreement.supplier,
    state: agreement.state,
    valid_from: agreement.valid_from,
    valid_to: agreement.valid_to,
    title: agreement.title,
  };
}

// A dossier without agreement summaries gets them from ListAgreements, so
// that the agreement form is shown whichever way the server fills it.
async function withAgreements(dossier: Dossier, methodId: string): Promise<Dossier> {
  if ((dossier.agreements ?? []).length > 0) return dossier;
  const agreements = await listAgreements(dossier.method?.id || methodId);
  return { ...dossier, agreements: agreements.map(summaryOf) };
}

// Every caller, the public included, reads the dossier from GetDossier:
// the server includes what the caller's role may see (for the public: the
// method, its decisions with their follow-up plans and the agreements'
// public summaries; no due items, no settlements).
async function loadDossier(methodId: string): Promise<{ dossier: Dossier; isPublic: boolean }> {
  return { dossier: await withAgreements(await getDossier(methodId), methodId), isPublic: !isLoggedIn() };
}

export async function dossierView(context: ViewContext): Promise<void> {
  const methodId = context.route.path[1] ?? '';
  const title = h('h1', { tabindex: '-1' }, `${t('dossier.title')} ${methodId}`);
  const body = h('div', { class: 'dossier' }, loading());
  context.root.append(title, body);
  let loaded: { dossier: Dossier; isPublic: boolean };
  try {
    loaded = await loadDossier(methodId);
  } catch (error) {
    if (context.isCurrent()) body.replaceChildren(errorBox(error));
    return;
  }
  const { dossier, isPublic } = loaded;
  const settlements = isPublic ? null : await settlementsSection(dossier);
  if (!context.isCurrent()) return;
  const method = dossier.method ?? {};
  title.textContent = method.title || methodId;
  body.replaceChildren(
    h('p', { class: 'subtitle' }, `${t('dossier.title')} ${method.id ?? methodId} · `,
      enumLabel('MethodStatus', method.status)),
    isPublic ? h('p', { class: 'notice' }, t('public.limited')) : '',
    h('p', { class: 'no-print' }, h('button', { type: 'button', class: 'secondary', onclick: () => window.print() },
      t('dossier.print'))),
    methodSection(dossier),
    isPublic ? '' : openItemsSection(dossier),
    timelineSection(dossier),
    followUpSection(dossier),
    agreementsSection(dossier),
    settlements ?? '',
  );
  context.announce(title.textContent ?? '');
}
