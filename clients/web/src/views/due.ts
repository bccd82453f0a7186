// The due board (frister): everything due or overdue up to a chosen date,
// overdue first (the server's order), filtered by responsible organisation,
// kind and therapeutic area, with counts at the top and a link from each row
// to its case.
import { download } from '../api/client';
import { listDueItems, type DueList, type DueQuery } from '../api/mea';
import type { DueItem } from '../api/types';
import { addDays } from '../format/dates';
import { h, replaceChildren, uniqueId } from '../dom';
import { enumLabel, t } from '../i18n';
import { replaceQuery } from '../router';
import {
  caseLink,
  date,
  daysText,
  errorBox,
  loading,
  publicNotice,
  table,
  text,
  urgency,
  urgencyBadge,
  type Column,
} from './common';
import type { ViewContext } from './context';

const kDueKinds = [
  'REASSESSMENT',
  'DATA_OBLIGATION',
  'AGREEMENT_EXPIRY',
  'OUTCOME_TRIGGER',
];
const kDefaultWindowDays = 90;

interface Filter {
  until: string;
  organisation: string;
  area: string;
  kinds: string[];
}

function readFilter(query: URLSearchParams): Filter {
  return {
    until: query.get('until') ?? '',
    organisation: query.get('org') ?? '',
    area: query.get('area') ?? '',
    kinds: query.getAll('kind').filter((kind) => kDueKinds.includes(kind)),
  };
}

function writeFilter(filter: Filter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.until) query.set('until', filter.until);
  if (filter.organisation) query.set('org', filter.organisation);
  if (filter.area) query.set('area', filter.area);
  for (const kind of filter.kinds) query.append('kind', kind);
  return query;
}

function toQuery(filter: Filter): DueQuery {
  return {
    end_date: filter.until,
    responsible_organisation: filter.organisation,
    therapeutic_area: filter.area,
    kinds: filter.kinds,
  };
}

// The due list's columns; without the case column where the table sits
// inside one case (dossier, agenda).
export function dueColumns(withCase = true): Column<DueItem>[] {
  const caseColumn: Column<DueItem> = {
    header: t('due.col.case'),
    cell: (item) => [
      caseLink(item.method_id),
      item.method_title ? h('span', { class: 'case-title' }, item.method_title) : null,
    ],
  };
  return [
    { header: t('due.col.status'), cell: (item) => urgencyBadge(urgency(item.overdue, item.days_until_due)) },
    { header: t('due.col.due'), cell: (item) => date(item.due_date), rowHeader: true },
    { header: t('due.col.days'), cell: (item) => daysText(item.days_until_due) },
    { header: t('due.col.kind'), cell: (item) => enumLabel('DueKind', item.kind) },
    ...(withCase ? [caseColumn] : []),
    { header: t('due.col.responsible'), cell: (item) => text(item.responsible_organisation) },
    { header: t('due.col.description'), cell: (item) => text(item.description) },
  ];
}

function select(
  label: string,
  name: string,
  values: string[],
  chosen: string,
): HTMLElement {
  const id = uniqueId(name);
  const options = [...new Set([...values, chosen].filter((value) => value))].sort(
    (a, b) => a.localeCompare(b, 'nb'),
  );
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name },
      h('option', { value: '' }, t('due.all')),
      options.map((value) => h('option', { value, selected: value === chosen }, value))),
  );
}

function kindBoxes(chosen: string[]): HTMLElement {
  return h('fieldset', { class: 'checkboxes' },
    h('legend', null, t('due.kinds')),
    kDueKinds.map((kind) => {
      const id = uniqueId('kind');
      return h('div', { class: 'checkbox' },
        h('input', { type: 'checkbox', id, name: 'kind', value: kind, checked: chosen.includes(kind) }),
        h('label', { for: id }, enumLabel('DueKind', kind)));
    }),
  );
}

function filterForm(filter: Filter, options: DueList, onApply: (next: Filter) => void): HTMLElement {
  const untilId = uniqueId('until');
  const organisations = options.items.map((item) => item.responsible_organisation ?? '');
  const areas = options.items.map((item) => item.therapeutic_area ?? '');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('due.filters') },
    h('div', { class: 'field' },
      h('label', { for: untilId }, t('due.until')),
      h('input', { type: 'date', id: untilId, name: 'until', value: filter.until, required: true })),
    select(t('due.organisation'), 'org', organisations, filter.organisation),
    select(t('due.area'), 'area', areas, filter.area),
    kindBoxes(filter.kinds),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t('due.apply')),
      h('a', { href: '#/due', class: 'secondary' }, t('due.reset'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    onApply({
      until: String(data.get('until') ?? '') || filter.until,
      organisation: String(data.get('org') ?? ''),
      area: String(data.get('area') ?? ''),
      kinds: data.getAll('kind').map(String),
    });
  });
  return form;
}

function countTile(label: string, value: number, tone: string): HTMLElement {
  return h('div', { class: `tile tile-${tone}` },
    h('dt', null, label),
    h('dd', null, String(value)));
}

function summary(list: DueList): HTMLElement {
  const soon = list.items.filter((item) => urgency(item.overdue, item.days_until_due) === 'soon').length;
  const perKind = kDueKinds.map((kind) => ({
    kind,
    n: list.items.filter((item) => item.kind === kind).length,
  })).filter((entry) => entry.n > 0);
  return h('section', { class: 'summary', 'aria-labelledby': 'due-counts' },
    h('h2', { id: 'due-counts', class: 'visually-hidden' }, t('due.counts')),
    h('dl', { class: 'tiles' },
      countTile(t('due.count.overdue'), list.overdueCount, 'overdue'),
      countTile(t('due.count.soon'), soon, 'soon'),
      countTile(t('due.count.total'), list.totalCount, 'total')),
    perKind.length > 0
      ? h('ul', { class: 'per-kind' }, perKind.map((entry) =>
          h('li', null, `${enumLabel('DueKind', entry.kind)}: ${entry.n}`)))
      : null,
  );
}

// Downloads carry the token (a plain link could not): the spreadsheet of
// the list as filtered, and the calendar of the responsible organisation
// chosen (or the secretariat's calendar of everything).
function exports(filter: Filter, onError: (error: unknown) => void): HTMLElement {
  const query = { ...toQuery(filter) };
  const calendar = filter.organisation
    ? `/v1/calendar/organisations/${encodeURIComponent(filter.organisation)}.ics`
    : '/v1/calendar/secretariat.ics';
  const { end_date: _unused, responsible_organisation: _owner, ...calendarQuery } = query;
  return h('p', { class: 'actions exports no-print' },
    h('button', {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        download('/v1/exports/dueItems.csv', query, 'frister.csv').catch(onError);
      },
    }, t('due.export')),
    h('button', {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        download(calendar, calendarQuery, 'frister.ics').catch(onError);
      },
    }, t('due.calendar')),
  );
}

function results(filter: Filter, list: DueList, onError: (error: unknown) => void): HTMLElement[] {
  const caption = t('due.caption', { date: date(filter.until), today: date(list.today) });
  return [
    summary(list),
    list.items.length === 0
      ? h('p', { class: 'empty' }, t('due.empty'))
      : table(caption, dueColumns(), list.items, { class: 'due-table', 'aria-describedby': 'due-counts' },
          (item) => `row-${urgency(item.overdue, item.days_until_due)}`),
    exports(filter, onError),
  ];
}

export async function dueView(context: ViewContext): Promise<void> {
  let filter = readFilter(context.route.query);
  const formSlot = h('div');
  const resultSlot = h('div', { class: 'results' }, loading());
  context.root.append(
    h('h1', { tabindex: '-1' }, t('due.title')),
    h('p', { class: 'intro' }, t('due.intro')),
    formSlot,
    resultSlot,
  );

  const showError = (error: unknown) => resultSlot.append(errorBox(error));

  const load = async (next: Filter): Promise<void> => {
    filter = next;
    replaceQuery(writeFilter(filter));
    resultSlot.setAttribute('aria-busy', 'true');
    try {
      const list = await listDueItems(toQuery(filter));
      if (!context.isCurrent()) return;
      replaceChildren(resultSlot, results(filter, list, showError));
      context.announce(t('due.found', { total: list.totalCount, overdue: list.overdueCount }));
    } catch (error) {
      if (context.isCurrent()) replaceChildren(resultSlot, errorBox(error));
    } finally {
      resultSlot.removeAttribute('aria-busy');
    }
  };

  // The window's unfiltered list gives the choices of the filters (and the
  // server's today, from which the default window is counted).
  try {
    const window = await listDueItems({ end_date: filter.until });
    if (!context.isCurrent()) return;
    if (!filter.until) filter = { ...filter, until: addDays(window.today, kDefaultWindowDays) };
    replaceChildren(formSlot, filterForm(filter, window, (next) => void load(next)));
  } catch (error) {
    if (context.isCurrent()) {
      replaceChildren(resultSlot, publicNotice(error, t('public.dueDenied')) ?? errorBox(error));
    }
    return;
  }
  await load(filter);
}
