// A public visitor (no token) sees the public view only: no confidential
// figure (unit prices, clause figures, settlement amounts of the stored
// agreements) appears anywhere on any page, and the pages still work.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importTs } from './load_ts.mjs';
import {
  addDays,
  api,
  assertAccessible,
  assertNoPageErrors,
  launchBrowser,
  openPage,
  pageText,
  procurementToken,
  screenshot,
  today,
  tokensEnforced,
  visit,
} from './support.mjs';

let browser;
let money;
let figures = [];
let skipReason = null;

function addFigure(value) {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) return;
  if (Number(value.split('.')[0]) < 1000) return;
  figures.push(value);
}

function addClauseFigures(clause) {
  for (const body of Object.values(clause)) {
    for (const [key, value] of Object.entries(body ?? {})) {
      if (key === 'cap') addFigure(value);
    }
  }
}

// Every way a page could write the figure.
function spellings(value) {
  const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');
  const [whole] = value.split('.');
  const forms = [
    value,
    value.replace('.', ','),
    plain(money.formatMoney(value, 'nb')).replace(/ kr$/, ''),
    plain(money.formatMoney(value, 'en')).replace(/^NOK /, ''),
  ];
  if (whole.length >= 5) forms.push(plain(money.formatCount(whole, 'nb')));
  return [...new Set(forms)];
}

before(async () => {
  browser = await launchBrowser();
  money = await importTs('format/money.ts');
  const { status, json } = await api('/v1/agreements?page_size=1000', { token: procurementToken });
  assert.equal(status, 200, JSON.stringify(json));
  for (const agreement of json.agreements) {
    addFigure(agreement.unit_price);
    for (const clause of agreement.clauses ?? []) addClauseFigures(clause);
    const settled = await api(`/v1/agreements/${agreement.id}/settlements`, { token: procurementToken });
    for (const stored of settled.json?.settlements ?? []) {
      const s = stored.settlement;
      for (const value of [s.gross_cost, s.total_refund, s.net_cost, ...s.lines.map((line) => line.amount)]) {
        addFigure(value);
      }
    }
  }
  figures = [...new Set(figures)];
  const anonymous = await api('/v1/agreements/SI-2023-0107');
  if (anonymous.status === 200 && anonymous.json.unit_price) {
    skipReason = 'server-side redaction of confidential figures (issue 4) is not active: ' +
      'mead answers a caller without a token with the unit price (development mode, no --tokens?)';
  }
});
after(async () => { await browser?.close(); });

test('the stored agreements have confidential figures to look for', () => {
  assert.ok(figures.includes('98450.00') && figures.length > 5, figures.join(', '));
});

test('a public visitor sees no confidential figure on any page', async (t) => {
  if (skipReason) {
    console.log(`SKIPPED: ${skipReason}`);
    t.skip(skipReason);
    return;
  }
  const methods = await api('/v1/methods?page_size=1000');
  assert.equal(methods.status, 200);
  const routes = [
    'cases', 'due', `due?until=${addDays(today, 2000)}`, `agenda?date=${addDays(today, 2000)}`, 'simulator', 'login',
    ...methods.json.methods.map((method) => `cases/${method.id}`),
  ];
  const page = await openPage(browser);
  for (const route of routes) {
    await visit(page, route);
    const text = await pageText(page);
    for (const figure of figures) {
      for (const form of spellings(figure)) {
        assert.ok(!text.includes(form), `#/${route} shows the confidential figure ${figure} as "${form}"`);
      }
    }
  }
  await visit(page, 'due');
  assert.match(await pageText(page), /Fristoversikten er ikke offentlig/, 'a refusal is explained, not shown as a failure');
  await visit(page, 'cases/ID2021_045');
  const text = await pageText(page);
  assert.match(text, /Offentlig visning: beslutninger, oppfølgingsplan og avtaleform/, 'says what is public');
  assert.match(text, /Betaling for resultat/, 'the agreement form stays public');
  assert.match(text, /Midlertidig innføring/, 'the decision is public');
  await screenshot(page, 'public-dossier-ID2021_045');
  await assertAccessible(page, 'the public dossier');
  assertNoPageErrors(page);
});

test('the public view of the simulator asks to log in instead of showing figures', async () => {
  const page = await openPage(browser);
  await visit(page, 'simulator');
  assert.match(await pageText(page), /Logg inn for å bruke den/);
  assert.equal(await page.locator('[data-draft]').count(), 0);
  assert.match(await page.locator('.role').textContent(), /Offentlig visning/);
  await assertAccessible(page, 'the public simulator page');
});

test('the login page keeps the token out of the address and signs in and out', async () => {
  const page = await openPage(browser);
  await visit(page, 'login');
  await assertAccessible(page, 'the login page');
  await page.getByRole('button', { name: 'Logg inn' }).last().click();
  assert.match(await page.locator('.field-error').textContent(), /Skriv inn et token/);
  await page.getByLabel('Token').fill(procurementToken);
  await page.getByRole('button', { name: 'Logg inn' }).last().click();
  await page.waitForURL(/#\/due/);
  assert.ok(!page.url().includes(procurementToken), 'no token in the URL');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('mea.token')), procurementToken);
  assert.match(await page.locator('.role').textContent(), /Innlogget/);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.waitForURL(/#\/login/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('mea.token')), null);
  assert.match(await pageText(page), /Du er logget ut/);
  assertNoPageErrors(page);
});

test('a token the server does not accept is said to be refused (401)', async (t) => {
  if (!tokensEnforced) {
    const reason = 'mead runs without --tokens (development mode): every token is accepted';
    console.log(`SKIPPED: ${reason}`);
    t.skip(reason);
    return;
  }
  const page = await openPage(browser, { token: 'not-a-valid-token' });
  await visit(page, 'due');
  await page.waitForSelector('[role="alert"]');
  assert.match(await page.locator('[role="alert"]').textContent(), /Tokenet ble ikke godtatt \(401/);
  assert.equal(await page.locator('[role="alert"] a[href="#/login"]').count(), 1, 'a way to log in again');
  await screenshot(page, 'refused-token');
  await assertAccessible(page, 'the refused-token message');
});
