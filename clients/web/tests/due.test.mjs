// The due board (frister): counts, overdue first, filters that narrow the
// list and survive a reload, links to the dossiers, language switch.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  addDays,
  assertAccessible,
  assertNoPageErrors,
  dueItems,
  forumToken,
  launchBrowser,
  openPage,
  screenshot,
  settled,
  today,
  visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const rows = (page) => page.locator('table.due-table tbody tr');

async function tile(page, tone) {
  return Number((await page.locator(`.tile-${tone} dd`).textContent()).trim());
}

test('the due board shows the counts, overdue items first, each row linking to its case', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'due');
  const expected = await dueItems(addDays(today, 90), forumToken);
  assert.ok(expected.overdue_count > 0 && expected.total_count > expected.overdue_count,
    'the demo data has overdue and later items');

  assert.equal(await tile(page, 'total'), expected.total_count);
  assert.equal(await tile(page, 'overdue'), expected.overdue_count);
  assert.equal(await rows(page).count(), expected.total_count);
  assert.equal(await page.locator('#main h1').textContent(), 'Frister');
  assert.equal(await page.locator('input[name="until"]').inputValue(), addDays(today, 90));

  const statuses = await page.locator('table.due-table tbody tr td:first-child').allTextContents();
  const firstLater = statuses.findIndex((status) => status.trim() !== 'Forfalt');
  assert.equal(firstLater, expected.overdue_count, 'overdue rows come first, marked in text');

  const links = await page.locator('table.due-table tbody tr a[href^="#/cases/"]').count();
  assert.equal(links, expected.total_count, 'every row links to its case');
  await screenshot(page, 'due-board');
  await assertAccessible(page, 'the due board');
  assertNoPageErrors(page);
});

test('filters by organisation, kind and therapeutic area narrow the list and are kept in the address', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'due');
  const all = await rows(page).count();

  await page.getByLabel('Ansvarlig organisasjon').selectOption('Kreftregisteret');
  await page.getByRole('button', { name: 'Vis frister' }).click();
  await settled(page);
  const registryRows = await rows(page).allTextContents();
  assert.ok(registryRows.length > 0 && registryRows.length < all, `${registryRows.length} of ${all}`);
  for (const row of registryRows) assert.match(row, /Kreftregisteret/);
  assert.match(page.url(), /org=Kreftregisteret/);
  await screenshot(page, 'due-board-filtered');

  // The spreadsheet and the calendar of what is shown, with the token.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Last ned som regneark (CSV)' }).click(),
  ]);
  const csvText = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
  assert.equal(csvText.length - 1, registryRows.length, 'one CSV line per row shown');
  assert.ok(csvText.slice(1).every((line) => line.includes('Kreftregisteret')));
  const [ics] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Last ned kalender (iCalendar)' }).click(),
  ]);
  const icsText = readFileSync(await ics.path(), 'utf8');
  assert.match(icsText, /^BEGIN:VCALENDAR/);
  assert.match(icsText, /BEGIN:VEVENT/);

  // Reload: the filter comes back from the address.
  await page.reload();
  await settled(page);
  assert.equal(await page.getByLabel('Ansvarlig organisasjon').inputValue(), 'Kreftregisteret');
  assert.equal(await rows(page).count(), registryRows.length);

  await page.getByLabel('Ansvarlig organisasjon').selectOption('');
  await page.getByLabel('Revurdering', { exact: true }).check();
  await page.getByRole('button', { name: 'Vis frister' }).click();
  await settled(page);
  const kinds = await page.locator('table.due-table tbody tr td:nth-child(4)').allTextContents();
  assert.ok(kinds.length > 0 && kinds.length < all);
  assert.ok(kinds.every((kind) => kind === 'Revurdering'), kinds.join(', '));

  await page.getByLabel('Revurdering', { exact: true }).uncheck();
  await page.getByLabel('Terapiområde').selectOption('Hematologi');
  await page.getByRole('button', { name: 'Vis frister' }).click();
  await settled(page);
  const cases = await page.locator('table.due-table tbody tr a[href^="#/cases/"]').allTextContents();
  assert.ok(cases.length > 0 && cases.every((id) => id === 'ID2024_008'), cases.join(', '));

  // A window far ahead includes more than the default 90 days.
  await page.getByLabel('Terapiområde').selectOption('');
  await page.getByLabel('Forfaller til og med').fill(addDays(today, 1000));
  await page.getByRole('button', { name: 'Vis frister' }).click();
  await settled(page);
  const expected = await dueItems(addDays(today, 1000), forumToken);
  assert.equal(await rows(page).count(), expected.total_count);
  assert.ok(expected.total_count > all);
  await assertAccessible(page, 'the filtered due board');
  assertNoPageErrors(page);
});

test('English is switchable and sets the page language', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'due');
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
  await page.getByRole('button', { name: 'English' }).click();
  await settled(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('#main h1').textContent(), 'Due board (frister)');
  assert.ok((await page.locator('table.due-table tbody tr td:first-child').first().textContent()).includes('Overdue'));
  await screenshot(page, 'due-board-english');
  await assertAccessible(page, 'the due board in English');
  await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
  await settled(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
  assertNoPageErrors(page);
});
