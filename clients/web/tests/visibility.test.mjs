// What each role sees of a case in the browser (docs/security.md): a
// figure withheld from the caller's role reads as withheld, never as 0; a
// draft agreement (SI-2026-0003 of the demo data, "utkast til ny avtale")
// is seen only by procurement and its supplier; and a supplier of other
// cases reads Bayer's case at least as the public does, not an error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api,
  assertAccessible,
  assertNoPageErrors,
  launchBrowser,
  openPage,
  otherSupplierToken,
  pageText,
  procurementToken,
  screenshot,
  secretariatToken,
  tokensEnforced,
  visit,
} from './support.mjs';

const kDraft = 'SI-2026-0003';
const kDraftTitle = /utkast til ny avtale/;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

function skipWithoutTokens(t) {
  if (tokensEnforced) return false;
  t.skip('mead runs in development mode: every caller is LOCAL and sees all');
  return true;
}

test('the secretariat sees the units of a settlement as withheld, not 0', async (t) => {
  if (skipWithoutTokens(t)) return;
  const { json } = await api('/v1/agreements/SI-2023-0107/settlements', { token: secretariatToken });
  const stored = json.settlements.at(-1).settlement;
  assert.equal(stored.units, undefined, 'the server leaves the withheld units out');
  assert.equal(stored.net_cost, undefined);

  const page = await openPage(browser, { token: secretariatToken });
  await visit(page, 'cases/ID2021_045');
  const units = page.locator('dl.facts > div', { hasText: 'Enheter i perioden' }).first();
  assert.match(await units.locator('dd').textContent(), /skjermet \(konfidensielt\)/);
  assert.doesNotMatch(await units.locator('dd').textContent(), /\d/);
  await screenshot(page, 'secretariat-dossier-ID2021_045');
  await assertAccessible(page, 'the dossier as the secretariat');
  assertNoPageErrors(page);
});

test('a draft agreement is shown to procurement and to nobody else', async (t) => {
  if (skipWithoutTokens(t)) return;
  for (const [who, token, sees] of [
    ['the public', null, false],
    ['the secretariat', secretariatToken, false],
    ['another supplier', otherSupplierToken, false],
    ['procurement', procurementToken, true],
  ]) {
    const listed = await api('/v1/agreements?method_id=ID2021_045', { token });
    assert.equal(listed.status, 200, who);
    const ids = listed.json.agreements.map((agreement) => agreement.id);
    assert.equal(ids.includes(kDraft), sees, `${who}: ${ids.join(', ')}`);
    const one = await api(`/v1/agreements/${kDraft}`, { token });
    assert.equal(one.status, sees ? 200 : 404, who);

    const page = await openPage(browser, { token });
    await visit(page, 'cases/ID2021_045');
    const text = await pageText(page);
    assert.equal(text.includes(kDraft), sees, `${who} on the dossier`);
    assert.equal(kDraftTitle.test(text), sees, `${who} on the dossier`);
    assertNoPageErrors(page);
  }
});

test('a supplier reads another supplier\'s case at least as the public does', async (t) => {
  if (skipWithoutTokens(t)) return;
  const page = await openPage(browser, { token: otherSupplierToken });
  await visit(page, 'cases/ID2021_045');
  assert.equal(await page.locator('#main [role="alert"]').count(), 0, 'no refusal');
  const headings = await page.locator('#main h2').allTextContents();
  for (const part of ['Metoden', 'Beslutninger (tidslinje)', 'Oppfølgingsplan', 'Avtaler (offentlig sammendrag)']) {
    assert.ok(headings.includes(part), `${part} in ${headings.join(' | ')}`);
  }
  const text = await pageText(page);
  assert.match(text, /Betaling for resultat/, 'the agreement form, as the public sees it');
  assert.match(text, /Midlertidig innføring/, 'the decision');
  await assertAccessible(page, 'another supplier\'s case');
  assertNoPageErrors(page);
});
