// Building blocks shared by the views: formatted values, status badges,
// tables, definition lists and error messages. Absent values never crash a
// view: a missing confidential figure (money, a percent, a count of
// units) is shown as withheld, never as 0 (the server leaves out the
// figures a caller's role may not see), anything else as a dash.
import { ApiError } from '../api/client';
import { isLoggedIn } from '../auth';
import { formatDate } from '../format/dates';
import {
  formatCount,
  formatDecimal,
  formatMoney,
  formatMoneyDifference,
  formatPercent,
} from '../format/money';
import { h, icon, type Child, type IconName } from '../dom';
import { lang, t, type MessageKey } from '../i18n';

export function text(value: string | undefined | null): string {
  return value && value.length > 0 ? value : t('common.none');
}

export function date(value: string | undefined): string {
  return value ? formatDate(value, lang()) : t('common.none');
}

export function confidential(): HTMLElement {
  return h(
    'span',
    { class: 'confidential' },
    h('span', { 'aria-hidden': 'true' }, '— '),
    t('common.confidential'),
  );
}

export function money(value: string | undefined): Child {
  return value ? formatMoney(value, lang()) : confidential();
}

export function moneyDifference(value: string | undefined): Child {
  return value ? formatMoneyDifference(value, lang()) : confidential();
}

export function percent(value: string | undefined): Child {
  return value ? formatPercent(value, lang()) : confidential();
}

export function decimal(value: string | undefined): string {
  return value ? formatDecimal(value, lang()) : t('common.none');
}

export function count(value: string | number | undefined): string {
  return value === undefined ? '0' : formatCount(value, lang());
}

// A confidential count (the units of a settlement, a tier's threshold):
// absent means the server withheld it for the caller's role, which must
// never read as 0.
export function figureCount(value: string | number | undefined): Child {
  return value === undefined ? confidential() : formatCount(value, lang());
}

// A confidential text (a settlement line's explanation names figures).
export function figureText(value: string | undefined): Child {
  return value === undefined ? confidential() : text(value);
}

// "3 dager over fristen" / "i dag" / "om 12 dager".
export function daysText(days: number | undefined): string {
  const n = days ?? 0;
  if (n < -1) return t('common.daysOverdue', { n: -n });
  if (n === -1) return t('common.dayOverdue');
  if (n === 0) return t('common.today');
  if (n === 1) return t('common.inDay');
  return t('common.inDays', { n });
}

const kSoonDays = 30;

export type Urgency = 'overdue' | 'soon' | 'later';

export function urgency(overdue: boolean | undefined, days: number | undefined): Urgency {
  if (overdue || (days ?? 0) < 0) return 'overdue';
  return (days ?? 0) <= kSoonDays ? 'soon' : 'later';
}

export function isSoon(overdue: boolean | undefined, days: number | undefined): boolean {
  return urgency(overdue, days) === 'soon';
}

const kUrgencyText: Record<Urgency, MessageKey> = {
  overdue: 'common.status.overdue',
  soon: 'common.status.soon',
  later: 'common.status.later',
};

// A status shown by icon AND text, never by colour alone.
export function badge(kind: IconName, label: string, tone: string): HTMLElement {
  return h('span', { class: `badge badge-${tone}` }, icon(kind), h('span', null, label));
}

export function urgencyBadge(level: Urgency): HTMLElement {
  return badge(level, t(kUrgencyText[level]), level);
}

export function caseLink(methodId: string | undefined, label?: string): Child {
  if (!methodId) return t('common.none');
  return h('a', { href: `#/cases/${encodeURIComponent(methodId)}` }, label ?? methodId);
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => Child;
  // Numeric columns are right-aligned.
  numeric?: boolean;
  // The column that names the row: a row header (<th scope="row">).
  rowHeader?: boolean;
}

export function table<Row>(
  caption: Child,
  columns: Column<Row>[],
  rows: Row[],
  attributes: Record<string, string> = {},
  rowClass?: (row: Row) => string,
): HTMLElement {
  const head = h(
    'thead',
    null,
    h('tr', null, columns.map((column) =>
      h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.header),
    )),
  );
  const body = h(
    'tbody',
    null,
    rows.map((row) =>
      h('tr', { class: rowClass ? rowClass(row) : null }, columns.map((column) =>
        column.rowHeader
          ? h('th', { scope: 'row', class: column.numeric ? 'num' : null }, column.cell(row))
          : h('td', { class: column.numeric ? 'num' : null }, column.cell(row)),
      )),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', attributes, h('caption', null, caption), head, body),
  );
}

export function definitions(pairs: Array<[string, Child]>): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value))),
  );
}

function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.server', { status: '', message: String(error) });
  if (error.httpStatus === 401) return t(isLoggedIn() ? 'error.401Token' : 'error.401');
  if (error.httpStatus === 403) return t('error.403');
  if (error.httpStatus === 0) return t('error.network');
  if (error.httpStatus === 404) return t('error.notFound');
  if (error.violations.length > 0) return t('error.invalid');
  return t('error.server', { status: error.status, message: error.message });
}

// An error the user must see: announced at once (role="alert"), with every
// field violation and, for 401/403, a way to log in.
export function errorBox(error: unknown): HTMLElement {
  const apiError = error instanceof ApiError ? error : null;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', { class: 'error-title' }, badge('overdue', t('error.title'), 'overdue')),
    h('p', null, errorMessage(error)),
    apiError && apiError.httpStatus === 404 && apiError.message
      ? h('p', null, apiError.message)
      : null,
    apiError && apiError.violations.length > 0
      ? h('ul', { class: 'violations' }, apiError.violations.map((violation) =>
          h('li', null, h('code', null, violation.field), ': ', violation.description),
        ))
      : null,
    apiError && apiError.isAuthProblem
      ? h('p', null, h('a', { href: '#/login' }, t('error.loginLink')))
      : null,
  );
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading' }, t('common.loading'));
}

// What a visitor without a token sees where the server refuses the public
// (the due board, the agenda): a plain note and the ways on, not an error.
export function publicNotice(error: unknown, message: string): HTMLElement | null {
  if (isLoggedIn() || !(error instanceof ApiError) || !error.isAuthProblem) return null;
  return h('div', { class: 'notice' },
    h('p', null, message),
    h('p', null,
      h('a', { href: '#/login' }, t('error.loginLink')), ' · ',
      h('a', { href: '#/cases' }, t('nav.cases'))));
}
