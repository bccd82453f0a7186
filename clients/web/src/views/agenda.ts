// The meeting agenda (sakliste): pick a meeting date of Beslutningsforum and
// get the cases that need attention before it, i.e. every open item due by
// that date (reassessment deadlines, data deliveries, agreement expiry,
// triggers) and everything overdue, grouped per case, as a page that prints
// as meeting papers (styles/print.css).
import { listDueItems, listMethods, serverToday } from '../api/mea';
import type { DueItem, Method } from '../api/types';
import { addDays } from '../format/dates';
import { h, replaceChildren, uniqueId } from '../dom';
import { enumLabel, t } from '../i18n';
import { replaceQuery } from '../router';
import { date, errorBox, loading, publicNotice, table, text, urgency } from './common';
import type { ViewContext } from './context';
import { dueColumns } from './due';
import { heading } from './settlement';

// Four weeks ahead: a meeting on the same weekday as today.
const kDefaultDaysAhead = 28;

interface CaseGroup {
  methodId: string;
  title: string;
  items: DueItem[];
  overdue: number;
  firstDue: string;
}

// Groups in the server's order (overdue first), then: cases with overdue
// items first, then by their earliest due date.
export function groupByCase(items: DueItem[]): CaseGroup[] {
  const groups = new Map<string, CaseGroup>();
  for (const item of items) {
    const methodId = item.method_id ?? '';
    let group = groups.get(methodId);
    if (!group) {
      group = { methodId, title: item.method_title ?? '', items: [], overdue: 0, firstDue: item.due_date ?? '' };
      groups.set(methodId, group);
    }
    group.items.push(item);
    if (item.overdue) group.overdue += 1;
    if ((item.due_date ?? '') < group.firstDue) group.firstDue = item.due_date ?? '';
  }
  return [...groups.values()].sort((a, b) =>
    (b.overdue > 0 ? 1 : 0) - (a.overdue > 0 ? 1 : 0) ||
    a.firstDue.localeCompare(b.firstDue) ||
    a.methodId.localeCompare(b.methodId));
}

function caseEntry(group: CaseGroup, methods: Map<string, Method>): HTMLElement {
  const method = methods.get(group.methodId);
  const columns = dueColumns(false);
  return h('li', { class: 'agenda-case' },
    h('article', null,
      heading(3, t('agenda.caseHeading', { id: group.methodId, title: group.title || method?.title || '' })),
      h('p', null, t('agenda.caseStatus', {
        status: enumLabel('MethodStatus', method?.status),
        area: text(method?.therapeutic_area || group.items[0]?.therapeutic_area),
      })),
      table(t('agenda.caseItems', { id: group.methodId }), columns, group.items, { class: 'due-table' },
        (item) => `row-${urgency(item.overdue, item.days_until_due)}`),
      h('p', { class: 'no-print' },
        h('a', { href: `#/cases/${encodeURIComponent(group.methodId)}` },
          t('agenda.openDossier', { id: group.methodId })))),
  );
}

async function agendaFor(meeting: string): Promise<{ groups: CaseGroup[]; methods: Map<string, Method>; today: string; overdue: number }> {
  const [list, methods] = await Promise.all([listDueItems({ end_date: meeting }), listMethods()]);
  return {
    groups: groupByCase(list.items),
    methods: new Map(methods.map((method) => [method.id ?? '', method])),
    today: list.today,
    overdue: list.overdueCount,
  };
}

function datePicker(meeting: string, onPick: (value: string) => void): HTMLElement {
  const id = uniqueId('meeting');
  const form = h('form', { class: 'filters no-print', 'aria-label': t('agenda.form') },
    h('div', { class: 'field' },
      h('label', { for: id }, t('agenda.date')),
      h('input', { type: 'date', id, name: 'date', value: meeting, required: true })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t('agenda.show')),
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('agenda.print'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = String(new FormData(form).get('date') ?? '');
    if (value) onPick(value);
  });
  return form;
}

export async function agendaView(context: ViewContext): Promise<void> {
  const pickerSlot = h('div');
  const agendaSlot = h('div', { class: 'agenda' }, loading());
  context.root.append(
    h('h1', { tabindex: '-1' }, t('agenda.title')),
    h('p', { class: 'intro no-print' }, t('agenda.intro')),
    pickerSlot,
    agendaSlot,
  );

  const show = async (meeting: string): Promise<void> => {
    replaceQuery(new URLSearchParams({ date: meeting }));
    agendaSlot.setAttribute('aria-busy', 'true');
    try {
      const agenda = await agendaFor(meeting);
      if (!context.isCurrent()) return;
      replaceChildren(agendaSlot,
        heading(2, t('agenda.heading', { date: date(meeting) }), 'agenda-heading'),
        h('p', { class: 'generated' }, t('agenda.generated', {
          today: date(agenda.today), cases: agenda.groups.length, overdue: agenda.overdue,
        })),
        agenda.groups.length === 0
          ? h('p', null, t('agenda.empty', { date: date(meeting) }))
          : h('ol', { class: 'agenda-cases', 'aria-labelledby': 'agenda-heading' },
              agenda.groups.map((group) => caseEntry(group, agenda.methods))));
      context.announce(t('agenda.found', { cases: agenda.groups.length }));
    } catch (error) {
      if (context.isCurrent()) {
        replaceChildren(agendaSlot, publicNotice(error, t('public.dueDenied')) ?? errorBox(error));
      }
    } finally {
      agendaSlot.removeAttribute('aria-busy');
    }
  };

  let meeting = context.route.query.get('date') ?? '';
  if (!meeting) {
    try {
      meeting = addDays(await serverToday(), kDefaultDaysAhead);
    } catch (error) {
      if (context.isCurrent()) {
        replaceChildren(agendaSlot, publicNotice(error, t('public.dueDenied')) ?? errorBox(error));
      }
      return;
    }
  }
  if (!context.isCurrent()) return;
  pickerSlot.append(datePicker(meeting, (value) => void show(value)));
  await show(meeting);
}
