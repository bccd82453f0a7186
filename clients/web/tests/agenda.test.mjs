// The meeting agenda: a meeting date gives the cases that need attention
// before it, grouped per case with overdue cases first, and prints as
// meeting papers (print stylesheet; screenshot and PDF kept).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  addDays,
  assertAccessible,
  assertNoPageErrors,
  dueItems,
  forumToken,
  launchBrowser,
  openPage,
  outputDir,
  screenshot,
  settled,
  today,
  visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

function casesOf(response) {
  return new Set(response.items.map((item) => item.method_id));
}

test('a meeting date gives the cases due before it, grouped per case, overdue first', async () => {
  const page = await openPage(browser, { token: forumToken });
  await visit(page, 'agenda');
  const meeting = addDays(today, 28);
  assert.equal(await page.getByLabel('Møtedato').inputValue(), meeting, 'default: four weeks ahead');
  const expected = await dueItems(meeting, forumToken);
  const cases = page.locator('ol.agenda-cases > li');
  assert.equal(await cases.count(), casesOf(expected).size);

  // The first case has an overdue item; every case links to its dossier.
  assert.match(await cases.first().textContent(), /Forfalt/);
  const headings = await cases.locator('h3').allTextContents();
  for (const id of casesOf(expected)) {
    assert.ok(headings.some((heading) => heading.startsWith(`${id} – `)), `${id} in ${headings.join(' | ')}`);
  }
  assert.equal(await page.locator('ol.agenda-cases a[href^="#/cases/"]').count(), casesOf(expected).size);

  // A later meeting: more cases, and the date is kept in the address.
  const later = addDays(today, 400);
  await page.getByLabel('Møtedato').fill(later);
  await page.getByRole('button', { name: 'Lag sakliste' }).click();
  await settled(page);
  assert.match(page.url(), new RegExp(`date=${later}`));
  const laterExpected = await dueItems(later, forumToken);
  assert.ok(casesOf(laterExpected).size > casesOf(expected).size);
  assert.equal(await cases.count(), casesOf(laterExpected).size);
  await screenshot(page, 'agenda');
  await assertAccessible(page, 'the agenda');
  assertNoPageErrors(page);
});

test('the agenda prints as meeting papers', async () => {
  const page = await openPage(browser, { token: forumToken });
  const meeting = addDays(today, 60);
  await visit(page, `agenda?date=${meeting}`);
  assert.equal(await page.getByRole('button', { name: 'Skriv ut sakliste' }).isVisible(), true);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').isVisible(), false, 'no menu on paper');
  assert.equal(await page.locator('form').first().isVisible(), false, 'no form on paper');
  assert.equal(await page.getByRole('button', { name: 'Skriv ut sakliste' }).isVisible(), false);
  assert.equal(await page.locator('ol.agenda-cases').isVisible(), true);
  const [y, m, d] = meeting.split('-');
  assert.match(await page.locator('#agenda-heading').textContent(), new RegExp(`${d}\\.${m}\\.${y}`));
  await screenshot(page, 'agenda-print');
  const pdf = join(outputDir, 'agenda.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: false });
  assert.ok(statSync(pdf).size > 10_000, 'a PDF with content');
  assertNoPageErrors(page);
});
