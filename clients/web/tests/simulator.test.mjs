// The agreement simulator: draft terms edited in the form and as JSON (kept
// in step), run on an agreement's stored results or an uploaded results
// file, two drafts compared line by line, and invalid terms refused with
// the offending field marked. Every figure is checked against the server's
// own answer for the same request.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { importTs } from './load_ts.mjs';
import {
  api,
  assertAccessible,
  assertNoPageErrors,
  launchBrowser,
  openPage,
  pageText,
  procurementToken,
  screenshot,
  settled,
  today,
  visit,
} from './support.mjs';

const examplesDir = process.env.MEA_EXAMPLES_DIR ||
  fileURLToPath(new URL('../../../../shared/examples/', import.meta.url));

let browser;
let money;
before(async () => {
  browser = await launchBrowser();
  money = await importTs('format/money.ts');
});
after(async () => { await browser?.close(); });

const plain = (text) => text.replace(/\u00a0/g, ' ');
const nok = (value) => plain(money.formatMoney(value, 'nb'));
const draft = (page, name) => page.locator(`[data-draft="${name}"]`);
const json = async (page, name) => JSON.parse(await draft(page, name).locator('textarea').inputValue());

async function openSimulator() {
  const page = await openPage(browser, { token: procurementToken });
  await visit(page, 'simulator');
  await page.locator('fieldset.source select').selectOption('SI-2023-0107');
  await page.waitForFunction(() =>
    document.querySelector('[data-draft="A"] textarea')?.value.includes('"SI-2023-0107"'));
  return page;
}

async function evaluation(page) {
  const value = (path) => page.locator(`fieldset.period [data-path="${path}"]`).inputValue();
  return { period: { start: await value('period.start'), end: await value('period.end') }, as_of: await value('as_of') };
}

async function simulateOnServer(terms, period) {
  const { status, json: body } = await api('/v1/settlements:simulate', {
    token: procurementToken, method: 'POST',
    body: { stored: { agreement_id: 'SI-2023-0107', terms, ...period } },
  });
  assert.equal(status, 200, JSON.stringify(body));
  return body.settlement;
}

async function runA(page) {
  await page.locator('#run-simulation').click();
  await page.waitForSelector('.sim-result .settlement, .sim-result [role="alert"]');
  await settled(page);
}

test('draft terms run on stored results; the form and the JSON stay in step', async () => {
  const page = await openSimulator();
  const period = await evaluation(page);
  assert.equal(period.as_of, today);
  const terms = await json(page, 'A');
  assert.equal(terms.unit_price, '98450.00');
  assert.equal(await draft(page, 'A').getByLabel('Enhetspris (kr, f.eks. 45210.00)').inputValue(), '98450.00');

  await runA(page);
  const expected = await simulateOnServer(terms, period);
  let text = await pageText(page);
  assert.ok(text.includes(nok(expected.net_cost)), `net cost ${expected.net_cost}`);
  assert.equal(await page.locator('.sim-result table.settlement-lines tbody tr').count(), expected.lines.length);
  for (const line of expected.lines) assert.ok(text.includes(nok(line.amount)), line.clause);
  await screenshot(page, 'simulator-run');

  // Form -> JSON: a higher flat discount.
  const flat = draft(page, 'A').locator('fieldset.clause').first();
  assert.match(await flat.locator('legend').textContent(), /Flat rabatt/);
  await flat.getByLabel('Prosent').fill('10');
  assert.equal((await json(page, 'A')).clauses[0].flat_discount.percent, '10');
  await runA(page);
  const discounted = await simulateOnServer(await json(page, 'A'), period);
  assert.notEqual(discounted.net_cost, expected.net_cost);
  text = await pageText(page);
  assert.ok(text.includes(nok(discounted.net_cost)));

  // JSON -> form.
  const edited = { ...(await json(page, 'B')), unit_price: '90000.00' };
  await draft(page, 'B').locator('textarea').fill(JSON.stringify(edited, null, 2));
  assert.equal(await draft(page, 'B').getByLabel('Enhetspris (kr, f.eks. 45210.00)').inputValue(), '90000.00');
  // Text that is not JSON is reported and blocks the run.
  await draft(page, 'B').locator('textarea').fill('{ "unit_price": ');
  assert.match(await draft(page, 'B').locator('.json-field .field-error').textContent(), /kan ikke leses/);
  assert.equal(await draft(page, 'B').locator('textarea').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'the simulator with a result');
  assertNoPageErrors(page);
});

test('two drafts compared side by side, line by line', async () => {
  const page = await openSimulator();
  const period = await evaluation(page);
  const loadB = page.locator('.draft').nth(1).locator('.load-terms');
  await loadB.locator('select').selectOption('SI-2026-0003');
  await loadB.getByRole('button', { name: 'Hent avtalens vilkår inn i utkast B' }).click();
  await page.waitForFunction(() =>
    document.querySelector('[data-draft="B"] textarea')?.value.includes('94800.00'));

  await page.locator('#run-comparison').click();
  await page.waitForSelector('table.compare-table');
  await settled(page);
  const { status, json: expected } = await api('/v1/settlements:compare', {
    token: procurementToken, method: 'POST',
    body: { agreement_id: 'SI-2023-0107', ...period, first: await json(page, 'A'), second: await json(page, 'B') },
  });
  assert.equal(status, 200, JSON.stringify(expected));
  const rows = page.locator('table.compare-table tbody tr');
  assert.equal(await rows.count(), expected.lines.length);
  for (let i = 0; i < expected.lines.length; ++i) {
    const line = expected.lines[i];
    const row = plain(await rows.nth(i).textContent());
    assert.ok(row.includes(plain(money.formatMoneyDifference(line.difference, 'nb'))), `${row} has ${line.difference}`);
  }
  const totals = plain(await page.locator('table.compare-table tfoot').textContent());
  assert.ok(totals.includes(plain(money.formatMoneyDifference(expected.net_cost_difference, 'nb'))));
  assert.ok(totals.includes(nok(expected.first.net_cost)) && totals.includes(nok(expected.second.net_cost)));
  assert.equal(await page.locator('.side-by-side .settlement').count(), 2);
  await screenshot(page, 'simulator-compare');
  await assertAccessible(page, 'the comparison');
  assertNoPageErrors(page);
});

test('invalid terms are refused with the field named and marked', async () => {
  const page = await openSimulator();
  const price = draft(page, 'A').getByLabel('Enhetspris (kr, f.eks. 45210.00)');
  await price.fill('12,50');
  await runA(page);
  const alert = page.locator('.sim-result [role="alert"]');
  assert.match(await alert.textContent(), /unit_price/);
  assert.equal(await price.getAttribute('aria-invalid'), 'true');
  assert.match(await draft(page, 'A').locator('.violation').first().textContent(), /unit_price/);
  await screenshot(page, 'simulator-invalid');
  await assertAccessible(page, 'the simulator with an invalid draft');
});

test('an uploaded results file is evaluated exactly like the worked example', async () => {
  const page = await openSimulator();
  await page.getByLabel('Opplastet resultatfil (JSON)').check();
  await page.getByLabel('Resultatfil (JSON)', { exact: true }).setInputFiles(`${examplesDir}/payment-by-result.json`);
  await page.waitForFunction(() => /payment-by-result\.json/.test(document.querySelector('.source')?.textContent ?? ''));
  const example = JSON.parse(readFileSync(`${examplesDir}/payment-by-result.json`, 'utf8'));
  assert.equal((await json(page, 'A')).unit_price, example.agreement.unit_price, 'terms read from the file');
  await runA(page);
  const settlement = JSON.parse(readFileSync(`${examplesDir}/payment-by-result.settlement.json`, 'utf8'));
  const text = await pageText(page);
  assert.ok(text.includes(nok(settlement.net_cost)), `net cost ${settlement.net_cost}`);
  assert.ok(text.includes(nok(settlement.total_refund)));
  assert.match(text, /Suksess\s+2/);
  await screenshot(page, 'simulator-uploaded');
  assertNoPageErrors(page);
});
