// Two drafts evaluated on the same results, side by side: one row per
// settlement line with both amounts and the difference, the totals, and
// then both settlements in full.
import type { CompareDraftsResponse, LineDifference, Settlement } from '../api/types';
import { h, type Child } from '../dom';
import { enumLabel, t } from '../i18n';
import { money, moneyDifference } from './common';
import { heading, settlementDetails } from './settlement';

function differenceCell(value: string | undefined): HTMLElement {
  const changed = value !== undefined && !/^-?0+(\.0+)?$/.test(value);
  return h('td', { class: changed ? 'num changed' : 'num' }, moneyDifference(value));
}

function lineRow(line: LineDifference): HTMLElement {
  return h('tr', null,
    h('th', { scope: 'row', class: 'num' }, String((line.index ?? 0) + 1)),
    h('td', null, line.first_clause ? enumLabel('Clause', line.first_clause) : t('common.none')),
    h('td', { class: 'num' }, line.first_clause ? money(line.first_amount) : t('common.none')),
    h('td', null, line.second_clause ? enumLabel('Clause', line.second_clause) : t('common.none')),
    h('td', { class: 'num' }, line.second_clause ? money(line.second_amount) : t('common.none')),
    differenceCell(line.difference));
}

function totalRow(label: string, first: string | undefined, second: string | undefined, diff: string | undefined): HTMLElement {
  return h('tr', { class: 'total' },
    h('th', { scope: 'row', colspan: '2' }, label),
    h('td', { class: 'num' }, money(first)),
    h('td', null, ''),
    h('td', { class: 'num' }, money(second)),
    differenceCell(diff));
}

function linesTable(response: CompareDraftsResponse): HTMLElement {
  const first: Settlement = response.first ?? {};
  const second: Settlement = response.second ?? {};
  const header: Child = h('tr', null,
    h('th', { scope: 'col', class: 'num' }, t('sim.compare.index')),
    h('th', { scope: 'col' }, t('sim.compare.clauseA')),
    h('th', { scope: 'col', class: 'num' }, t('sim.compare.amountA')),
    h('th', { scope: 'col' }, t('sim.compare.clauseB')),
    h('th', { scope: 'col', class: 'num' }, t('sim.compare.amountB')),
    h('th', { scope: 'col', class: 'num' }, t('sim.compare.difference')));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table' },
    h('caption', null, t('sim.compareCaption')),
    h('thead', null, header),
    h('tbody', null, (response.lines ?? []).map(lineRow)),
    h('tfoot', null,
      totalRow(t('sim.compare.totalRefund'), first.total_refund, second.total_refund, response.total_refund_difference),
      totalRow(t('sim.compare.net'), first.net_cost, second.net_cost, response.net_cost_difference))));
}

export function comparison(response: CompareDraftsResponse): HTMLElement {
  return h('div', { class: 'comparison' },
    linesTable(response),
    heading(3, t('sim.compare.sideBySide')),
    h('div', { class: 'side-by-side' },
      h('section', { 'aria-labelledby': 'compare-a' },
        heading(4, t('sim.settlementOf', { name: 'A' }), 'compare-a'),
        settlementDetails(response.first ?? {}, 5, t('sim.draft', { name: 'A' }))),
      h('section', { 'aria-labelledby': 'compare-b' },
        heading(4, t('sim.settlementOf', { name: 'B' }), 'compare-b'),
        settlementDetails(response.second ?? {}, 5, t('sim.draft', { name: 'B' })))));
}
