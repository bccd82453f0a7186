// Shared set-up of the end-to-end tests: the real mead (started by
// scripts/test-web.sh, which passes its address), Debian's Chromium driven
// by playwright-core, axe-core for the WCAG 2.1 AA check, and screenshots.
//
// Environment (set by scripts/test-web.sh):
//   MEA_WEB_URL         http://127.0.0.1:PORT/ of mead's HTTP gateway
//   MEA_WEB_TODAY       the fixed --today mead runs with (YYYY-MM-DD)
//   MEA_WEB_OUTPUT      folder for screenshots and PDFs
//   MEA_WEB_TOKEN_PROCUREMENT, MEA_WEB_TOKEN_FORUM, MEA_WEB_TOKEN_SECRETARIAT,
//   MEA_WEB_TOKEN_OTHER_SUPPLIER (MSD (Norge) AS)   tokens of the token
//                       file mead was started with (absent: mead runs in
//                       development mode, where every caller may do all)
//   MEA_WEB_TOKENS_ENFORCED  "1" when mead was started with --tokens
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests with scripts/test-web.sh`);
  }
  return value;
}

export const baseUrl = required('MEA_WEB_URL').replace(/\/?$/, '/');
export const today = required('MEA_WEB_TODAY');
export const outputDir = required('MEA_WEB_OUTPUT');
mkdirSync(outputDir, { recursive: true });

// Without a token file every call is allowed; any non-empty token then
// stands for the signed-in user.
export const procurementToken = process.env.MEA_WEB_TOKEN_PROCUREMENT || 'web-test-procurement';
export const forumToken = process.env.MEA_WEB_TOKEN_FORUM || 'web-test-forum';
// Set only when mead enforces tokens (the roles differ only then).
export const secretariatToken = process.env.MEA_WEB_TOKEN_SECRETARIAT || '';
export const otherSupplierToken = process.env.MEA_WEB_TOKEN_OTHER_SUPPLIER || '';
export const tokensEnforced = process.env.MEA_WEB_TOKENS_ENFORCED === '1';

const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Each launch gets a fresh temporary profile (user-data-dir) from
// playwright, removed again on close.
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
  });
}

// A page in a new context. `token` signs in (sessionStorage, like the
// login page does); `lang` preselects the language.
export async function openPage(browser, { token = null, lang = 'nb', viewport } = {}) {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1280, height: 900 },
    locale: lang === 'en' ? 'en-GB' : 'nb-NO',
    reducedMotion: 'reduce',
  });
  await context.addInitScript(({ token, lang }) => {
    if (token && !sessionStorage.getItem('mea.token')) sessionStorage.setItem('mea.token', token);
    if (!localStorage.getItem('mea.lang')) localStorage.setItem('mea.lang', lang);
  }, { token, lang });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused API call (401/403/404) is logged by the browser itself; the
    // page shows it to the user, so it is not a page error.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.problems = problems;
  return page;
}

// Opens a hash route and waits until the view has finished loading.
export async function visit(page, route) {
  await page.goto(`${baseUrl}#/${route}`);
  await settled(page);
}

export async function settled(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() =>
    !document.querySelector('main .loading') && !document.querySelector('main [aria-busy="true"]'));
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe-core with the WCAG 2.1 A and AA rules and fails with a readable
// list of every violation.
export async function assertAccessible(page, label) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
    }));
  });
  assert.deepEqual(violations, [], `axe-core found WCAG 2.1 AA violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
}

export function assertNoPageErrors(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
}

// The page's visible text, with every kind of space made a plain space so
// that "1 234,00 kr" matches however it was spaced.
export async function pageText(page) {
  const text = await page.evaluate(() => document.body.innerText);
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

// Calls the HTTP API directly (for facts the tests compare against).
export async function api(path, { token = null, method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path.replace(/^\//, ''), baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

// YYYY-MM-DD moved by `days` (UTC arithmetic on civil dates).
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// All due items up to `endDate`, as the server lists them.
export async function dueItems(endDate, token) {
  const { status, json } = await api(`/v1/dueItems?page_size=1000&end_date=${endDate}`, { token });
  assert.equal(status, 200, JSON.stringify(json));
  return json;
}
