// The value formatting of the web app (src/format): money from decimal
// strings without floating point, percents, decimals and dates.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { importTs } from './load_ts.mjs';

const nbsp = '\u00a0';
const minus = '\u2212';
let money;
let dates;

before(async () => {
  money = await importTs('format/money.ts');
  dates = await importTs('format/dates.ts');
});

test('money in bokmål groups thousands with no-break spaces and uses a decimal comma', () => {
  assert.equal(money.formatMoney('1234567.89', 'nb'), `1${nbsp}234${nbsp}567,89${nbsp}kr`);
  assert.equal(money.formatMoney('45210.00', 'nb'), `45${nbsp}210,00${nbsp}kr`);
  assert.equal(money.formatMoney('999.5', 'nb'), `999,50${nbsp}kr`);
  assert.equal(money.formatMoney('0', 'nb'), `0,00${nbsp}kr`);
  assert.equal(money.formatMoney('100000000000.00', 'nb'), `100${nbsp}000${nbsp}000${nbsp}000,00${nbsp}kr`);
});

test('money stays exact beyond what a double can hold', () => {
  // 2^53 + 1 øre would be rounded by a double.
  assert.equal(money.formatMoney('90071992547409.93', 'nb'), `90${nbsp}071${nbsp}992${nbsp}547${nbsp}409,93${nbsp}kr`);
  assert.equal(money.formatMoney('0.10', 'en'), `NOK${nbsp}0.10`);
});

test('negative amounts and differences get a real minus sign; a positive difference a plus', () => {
  assert.equal(money.formatMoney('-1200.50', 'nb'), `${minus}1${nbsp}200,50${nbsp}kr`);
  assert.equal(money.formatMoneyDifference('350.00', 'nb'), `+350,00${nbsp}kr`);
  assert.equal(money.formatMoneyDifference('-350.00', 'nb'), `${minus}350,00${nbsp}kr`);
  assert.equal(money.formatMoneyDifference('0.00', 'nb'), `0,00${nbsp}kr`);
  assert.equal(money.formatMoneyDifference('-0.00', 'en'), `NOK${nbsp}0.00`);
});

test('money in English', () => {
  assert.equal(money.formatMoney('1234567.89', 'en'), `NOK${nbsp}1,234,567.89`);
});

test('text that is not a decimal is shown unchanged, never guessed at', () => {
  assert.equal(money.formatMoney('12,50', 'nb'), '12,50');
  assert.equal(money.formatMoney('abc', 'en'), 'abc');
});

test('percents, decimals and counts', () => {
  assert.equal(money.formatPercent('12.5', 'nb'), `12,5${nbsp}%`);
  assert.equal(money.formatPercent('100', 'en'), '100%');
  assert.equal(money.formatDecimal('0.50', 'nb'), '0,50');
  assert.equal(money.formatDecimal('0.50', 'en'), '0.50');
  assert.equal(money.formatCount('1234', 'nb'), `1${nbsp}234`);
  assert.equal(money.formatCount(12, 'en'), '12');
});

test('dates: dd.mm.yyyy in bokmål, ISO in English, day arithmetic across months and leap days', () => {
  assert.equal(dates.formatDate('2026-03-02', 'nb'), '02.03.2026');
  assert.equal(dates.formatDate('2026-03-02', 'en'), '2026-03-02');
  assert.equal(dates.addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(dates.addDays('2026-03-02', 90), '2026-05-31');
  assert.equal(dates.addDays('2026-01-01', -1), '2025-12-31');
  assert.equal(dates.daysBetween('2026-03-02', '2026-02-20'), -10);
  assert.equal(dates.minDate('2026-01-02', '2025-12-31'), '2025-12-31');
});
