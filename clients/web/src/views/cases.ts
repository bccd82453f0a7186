// The list of cases (saker): every method with its status, therapeutic
// area and supplier, each linking to its dossier. Public (ListMethods is
// open to everybody), so it is where a visitor without a token starts.
import { listMethods } from '../api/mea';
import type { Method } from '../api/types';
import { h, replaceChildren, uniqueId } from '../dom';
import { enumLabel, t } from '../i18n';
import { replaceQuery } from '../router';
import { caseLink, errorBox, loading, table, text, type Column } from './common';
import type { ViewContext } from './context';

const kStatuses = [
  'AWAITING_DECISION', 'INTRODUCED', 'INTRODUCED_TEMPORARILY', 'NOT_INTRODUCED', 'GROUP_EXEMPTION', 'PHASED_OUT',
];

interface Filter {
  area: string;
  status: string;
}

function columns(): Column<Method>[] {
  return [
    { header: t('cases.col.id'), cell: (m) => caseLink(m.id), rowHeader: true },
    { header: t('cases.col.title'), cell: (m) => text(m.title) },
    { header: t('cases.col.status'), cell: (m) => enumLabel('MethodStatus', m.status) },
    { header: t('cases.col.area'), cell: (m) => text(m.therapeutic_area) },
    { header: t('cases.col.supplier'), cell: (m) => text(m.supplier) },
  ];
}

function choice(label: string, name: string, values: Array<[string, string]>, chosen: string): HTMLElement {
  const id = uniqueId(name);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name },
      h('option', { value: '' }, t('cases.all')),
      values.map(([value, shown]) => h('option', { value, selected: value === chosen }, shown))));
}

function filterForm(methods: Method[], filter: Filter, onApply: (next: Filter) => void): HTMLElement {
  const areas = [...new Set(methods.map((m) => m.therapeutic_area ?? '').filter((a) => a))]
    .sort((a, b) => a.localeCompare(b, 'nb'));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('cases.filters') },
    choice(t('cases.area'), 'area', areas.map((area) => [area, area]), filter.area),
    choice(t('cases.status'), 'status', kStatuses.map((s) => [s, enumLabel('MethodStatus', s)]), filter.status),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('cases.apply'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    onApply({ area: String(data.get('area') ?? ''), status: String(data.get('status') ?? '') });
  });
  return form;
}

function matches(method: Method, filter: Filter): boolean {
  return (!filter.area || method.therapeutic_area === filter.area) &&
    (!filter.status || method.status === filter.status);
}

export async function casesView(context: ViewContext): Promise<void> {
  const formSlot = h('div');
  const listSlot = h('div', { class: 'results' }, loading());
  context.root.append(
    h('h1', { tabindex: '-1' }, t('cases.title')),
    h('p', { class: 'intro' }, t('cases.intro')),
    formSlot, listSlot);
  let methods: Method[];
  try {
    methods = await listMethods();
  } catch (error) {
    if (context.isCurrent()) replaceChildren(listSlot, errorBox(error));
    return;
  }
  if (!context.isCurrent()) return;
  const show = (filter: Filter) => {
    const query = new URLSearchParams();
    if (filter.area) query.set('area', filter.area);
    if (filter.status) query.set('status', filter.status);
    replaceQuery(query);
    const shown = methods.filter((method) => matches(method, filter))
      .sort((a, b) => (b.id ?? '').localeCompare(a.id ?? ''));
    replaceChildren(listSlot, table(t('cases.caption', { count: shown.length }), columns(), shown,
      { class: 'cases-table' }));
    context.announce(t('cases.found', { count: shown.length }));
  };
  const initial = {
    area: context.route.query.get('area') ?? '',
    status: context.route.query.get('status') ?? '',
  };
  formSlot.append(filterForm(methods, initial, show));
  show(initial);
}
