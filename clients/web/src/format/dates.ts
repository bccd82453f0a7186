// Civil dates as the API writes them ("YYYY-MM-DD"), shown in the user's
// language, and simple day arithmetic without time zones: a civil date is
// turned into a UTC midnight only to count days, never shown as a time.

import type { NumberLocale } from './money';

const kIsoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  return kIsoDate.test(value);
}

// "2026-03-02" -> "02.03.2026" in bokmål; English keeps ISO 8601.
export function formatDate(value: string, locale: NumberLocale): string {
  const match = kIsoDate.exec(value);
  if (!match) return value;
  return locale === 'nb' ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

function toUtcDays(value: string): number | null {
  const match = kIsoDate.exec(value);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Math.round(ms / 86_400_000);
}

// Whole days from `from` to `to` (negative when `to` is earlier).
export function daysBetween(from: string, to: string): number | null {
  const a = toUtcDays(from);
  const b = toUtcDays(to);
  return a === null || b === null ? null : b - a;
}

// `value` moved by `days`, as "YYYY-MM-DD".
export function addDays(value: string, days: number): string {
  const base = toUtcDays(value);
  if (base === null) return value;
  const date = new Date((base + days) * 86_400_000);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${date.getUTCFullYear()}-${month}-${day}`;
}

// The earlier of two ISO dates (string order is date order).
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}
