// The case dossier: reached from the due board; the method, the decision
// timeline, the follow-up plan, the public agreement summary and, for a
// signed-in forum member, the latest settlement with its lines and triggers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importTs } from './load_ts.mjs';
import {
  api,
  assertAccessible,
  assertNoPageErrors,
  forumToken,
  launchBrowser,
  openPage,
  pageText,
  screenshot,
  settled,
  visit,
} from './support.mjs';

let browser;
let money;
before(async () => {
  browser = await launchBrowser();
  money = await importTs('format/money.ts');
});
after(async () => { await browser?.close(); });

const plain = (text) => text.replace(/\u00a0/g, ' ');

test('a row of the due board opens the dossier with every section', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'due');
  await page.locator('table.due-table a[href="#/cases/ID2021_045"]').first().click();
  await settled(page);
  assert.match(page.url(), /#\/cases\/ID2021_045$/);
  assert.match(await page.locator('#main h1').textContent(), /Larotrektinib/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1',
    'focus moves to the new page heading');

  const headings = await page.locator('#main h2').allTextContents();
  assert.deepEqual(headings, [
    'Metoden', 'Åpne frister i saken', 'Beslutninger (tidslinje)', 'Oppfølgingsplan',
    'Avtaler (offentlig sammendrag)', 'Siste oppgjør',
  ]);
  const sub = await page.locator('#main h4').allTextContents();
  for (const part of ['Utfallsmål', 'Dataansvar (hvem leverer hvilke data, innen når)', 'Revurdering', 'Exit-plan (utfasing)']) {
    assert.ok(sub.includes(part), `${part} in ${sub.join(' | ')}`);
  }

  const text = await pageText(page);
  assert.match(text, /≥ 0,50 proportion/, 'expected value of the ORR outcome measure');
  assert.match(text, /Kreftregisteret \(register\)/, 'who owes the registry delivery');
  assert.match(text, /om 400 dager/, 'reassessment countdown');
  assert.match(text, /Ingen nye pasienter 90 dager etter en negativ beslutning/);
  assert.match(text, /Betaling for resultat/, 'agreement form in the public summary');

  // The latest settlement, exactly as the server computed it.
  const { json } = await api('/v1/agreements/SI-2023-0107/settlements', { token: forumToken });
  const latest = json.settlements.at(-1).settlement;
  assert.ok(text.includes(plain(money.formatMoney(latest.net_cost, 'nb'))), 'net cost shown');
  for (const line of latest.lines) {
    assert.ok(text.includes(plain(money.formatMoney(line.amount, 'nb'))), `line ${line.clause} shown`);
  }
  const lines = page.locator('table.settlement-lines').first().locator('tbody tr');
  assert.equal(await lines.count(), latest.lines.length);
  assert.match(text, /Resultatmålet er ikke nådd – orr: observert 0,38, terskel 0,50/);

  await screenshot(page, 'dossier-ID2021_045');
  await assertAccessible(page, 'the dossier of ID2021_045');
  assertNoPageErrors(page);
});

test('the history case shows its decision timeline, delivered and waived data and the completed reassessment', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'cases/ID2020_031');
  const decisions = page.locator('ol.timeline > li');
  assert.equal(await decisions.count(), 2);
  assert.match(await decisions.nth(0).textContent(), /Gjeldende beslutning.*Innføres/s);
  assert.match(await decisions.nth(1).textContent(), /Erstattet av en senere beslutning.*Midlertidig innføring/s);
  const text = await pageText(page);
  assert.match(text, /Levert\s/);
  assert.match(text, /Frafalt: PROM-innsamlingen ble ikke etablert/);
  assert.match(text, /Varig innføring/);
  assert.match(text, /Ingen åpne frister\./);
  await assertAccessible(page, 'the dossier of ID2020_031');
  assertNoPageErrors(page);
});

test('the dossier prints without navigation', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'cases/ID2024_008');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Skriv ut dossier' }).isVisible(), false);
  await screenshot(page, 'dossier-ID2024_008-print');
});

test('an unknown case says so instead of failing', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'cases/ID2099_999');
  await page.waitForSelector('[role="alert"]');
  assert.match(await page.locator('[role="alert"]').textContent(), /Fant ikke/);
  await assertAccessible(page, 'the dossier of an unknown case');
});
