// The Overview as an investigator meets it: a freshly seeded store, the real
// API and browser-mode server, real Chromium. Run after `npx vite build` with
// `npx tsx --test tests/e2e/overview.e2e.ts`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { launchApp, seriousAxeViolations, type LaunchedApp } from './harness.ts';

let app: LaunchedApp;

before(async () => {
  app = await launchApp();
  await app.page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
});

after(async () => {
  await app?.close();
});

async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * A screenshot of the whole page as a window that tall would show it: the
 * viewport grows to the page's height first, so the sticky navigation and
 * status bar sit where they belong rather than where the last scroll left them.
 */
async function wholePageScreenshot(name: string): Promise<void> {
  const { page } = app;
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  try {
    await app.screenshot(name);
  } finally {
    await page.setViewportSize(viewport);
  }
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

test('keyboard: the first Tab reaches the skip link, which moves focus to the work', async () => {
  const { page } = app;
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.ok(await isFocused(skip), 'the skip link is the first thing Tab reaches');
  assert.ok(await skip.isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(page.locator('main#main')), 'Enter on the skip link focuses the main content');
});

test('the session token is taken out of the address bar', async () => {
  const url = new URL(app.page.url());
  assert.doesNotMatch(url.hash, /token/);
  assert.equal(url.hash, '#/overview');
});

test('landmarks and the shell: navigation with shortcuts, status bar with the store file', async () => {
  const { page } = app;
  const nav = page.getByRole('navigation', { name: 'Pages' });
  for (const [index, name] of ['Overview', 'Services', 'Budgets', 'Evidence', 'Questions', 'Imports', 'Briefing'].entries()) {
    const link = nav.getByRole('link', { name: new RegExp(`^${name}`) });
    assert.equal(await link.getAttribute('aria-keyshortcuts'), `Alt+${index + 1}`);
  }
  assert.equal(await nav.getByRole('link', { name: /^Overview/ }).getAttribute('aria-current'), 'page');
  assert.equal(await page.locator('.investigation-name').innerText(), 'MOPAC and VRU Commissioning');
  const status = page.getByRole('contentinfo');
  const file = status.getByRole('button', { name: /Evidence store: Investigation\.sqlite/ });
  assert.match(await file.getAttribute('title') ?? '', /Investigation\.sqlite$/, 'the full path is on hover');
  assert.match(await status.innerText(), /No backup yet/);
  assert.match(await status.innerText(), /Nothing running/);
});

test('the three terms of reference and four key questions, numbered, with their evidence and status', async () => {
  const { page } = app;
  const terms = page.getByRole('table', { name: 'Terms of reference' }).locator('tbody tr');
  assert.equal(await terms.count(), 3);
  assert.deepEqual((await cellTexts(terms.nth(0))).slice(0, 1), ['1']);
  assert.match((await cellTexts(terms.nth(0)))[1] ?? '', /^How MOPAC and the VRU are spending commissioning budgets/);
  assert.match((await cellTexts(terms.nth(1)))[1] ?? '', /^How MOPAC and the VRU evaluate commissioned programmes/);
  assert.match((await cellTexts(terms.nth(2)))[1] ?? '', /30 per cent transfer from the London Crime Prevention Fund/);

  const questions = page.getByRole('table', { name: 'Key questions' }).locator('tbody tr');
  assert.equal(await questions.count(), 4);
  const expected = [/value for money/, /high quality services/, /evaluating the success/, /long-term funding/];
  for (const [index, pattern] of expected.entries()) {
    const cells = await cellTexts(questions.nth(index));
    assert.equal(cells[0], String(index + 1));
    assert.match(cells[1] ?? '', pattern);
    assert.equal(cells[2], 'No evidence linked yet');
    assert.equal(cells[3], 'Not started');
  }
  for (let index = 0; index < 3; index += 1) {
    assert.equal((await cellTexts(terms.nth(index)))[2], 'No evidence linked yet');
  }
});

test('the budget chart states its finding, and its table holds the same figures', async () => {
  const { page } = app;
  const figure = page.locator('figure', { has: page.locator('#budget-chart-title') });
  assert.equal(await page.locator('#budget-chart-title').innerText(), 'MOPAC commissioning budget nearly tripled from 2012-13 to 2022-23');
  const canvas = figure.locator('canvas');
  assert.equal(await canvas.count(), 1);
  const box = await canvas.boundingBox();
  assert.ok(box !== null && box.width > 200 && box.height > 150, 'the chart is drawn at a readable size');
  assert.match(await canvas.getAttribute('aria-label') ?? '', /£23\.6m in 2012-13/);
  assert.match(await figure.innerText(), /Source: \[1\] MOPAC and VRU Commissioning: terms of reference/);

  const rows = page.getByRole('table', { name: /commissioning budget by financial year/i }).locator('tbody tr');
  const table = await Promise.all((await rows.all()).map(cellTexts));
  assert.deepEqual(table.map((cells) => [cells[0], cells[1], cells[2]]), [
    ['2012-13', '£23.6m', '£23,600,000'],
    ['2019-20', '£53.6m', '£53,600,000'],
    ['2022-23', 'about £70m', 'about £70,000,000'],
    ['2022-23 with DASA', 'about £90m', 'about £90,000,000'],
  ]);
  const align = await rows.first().locator('td.money').first().evaluate((cell) => getComputedStyle(cell).textAlign);
  assert.equal(align, 'right', 'money is right-aligned');
});

test('the LCPF split: each part, its share, and the £54,000,000 total', async () => {
  const { page } = app;
  const table = page.getByRole('table', { name: /London Crime Prevention Fund allocations/ });
  const rows = await Promise.all((await table.locator('tbody tr').all()).map(cellTexts));
  assert.deepEqual(rows.map((cells) => cells.slice(0, 3)), [
    ['Direct funding to boroughs', '£39,315,555', '72.8%'],
    ['Funding for boroughs earmarked for the VRU', '£4,800,000', '8.9%'],
    ['Co-commissioning fund', '£9,884,445', '18.3%'],
  ]);
  assert.deepEqual((await cellTexts(table.locator('tfoot tr'))).slice(0, 3), ['Total', '£54,000,000', '100.0%']);
  assert.equal(await page.locator('#lcpf-chart-title ~ canvas, figure:has(#lcpf-chart-title) canvas').count(), 1);
});

test('the "30 per cent" check says it differs and shows 18.3% and 20.1%', async () => {
  const { page } = app;
  const check = page.getByRole('article', { name: /30 per cent/ });
  const text = await check.innerText();
  assert.match(text, /Differs/);
  assert.match(text, /18\.3%/);
  assert.match(text, /20\.1%/);
  assert.match(text, /Stated\s+30(\.0)?%/);
  assert.match(text, /£9,884,445 ÷ \(£39,315,555 \+ £4,800,000 \+ £9,884,445 = £54,000,000\) = 18\.3%/);
  const total = page.getByRole('article', { name: /allocations added up/ });
  assert.match(await total.innerText(), /£54,000,000/);
});

test('a figure\'s source opens in the detail pane; Escape closes it and returns focus', async () => {
  const { page } = app;
  const row = page.getByRole('table', { name: /commissioning budget by financial year/i }).locator('tbody tr').first();
  const button = row.getByRole('button', { name: /Source for £23\.6m in 2012-13/ });
  await button.click();
  const pane = page.getByRole('complementary');
  await pane.waitFor();
  const text = await pane.innerText();
  assert.match(text, /MOPAC and VRU Commissioning: terms of reference/);
  assert.match(text, /London Assembly Police and Crime Committee, 'MOPAC and VRU Commissioning' \(current investigation, terms of reference, adopted\)/);
  assert.match(text, /Key issues, paragraph 1/);
  assert.match(text, /£23,600,000/);
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.ok(await isFocused(pane.getByRole('heading', { level: 2 }).first()), 'focus moves into the pane');
  assert.deepEqual(await seriousAxeViolations(page), [], 'no serious accessibility problems with the pane open');
  await wholePageScreenshot('overview-source-pane');

  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });
  assert.ok(await isFocused(button), 'focus returns to the button that opened the pane');
});

test('no serious or critical accessibility problems on the Overview', async () => {
  const violations = await seriousAxeViolations(app.page);
  assert.deepEqual(violations, []);
  await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await wholePageScreenshot('overview');
});

test('Alt+3 goes to Budgets, an honest empty state with next steps that work', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+3');
  const heading = page.getByRole('heading', { level: 1, name: 'Budgets' });
  await heading.waitFor();
  assert.equal(new URL(page.url()).hash, '#/budgets');
  assert.ok(await isFocused(heading), 'focus moves to the new page\'s heading');
  const main = page.getByRole('main');
  await main.getByText(/This store holds no funding lines yet/).waitFor();
  assert.match(await main.innerText(), /What will be here/);
  assert.match(await main.innerText(), /What you can do now/);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  assert.equal(await nav.getByRole('link', { name: /^Budgets/ }).getAttribute('aria-current'), 'page');
  assert.deepEqual(await seriousAxeViolations(page), []);
  await wholePageScreenshot('budgets-empty');

  await main.getByRole('link', { name: 'The commissioning budget over time' }).click();
  await page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/overview/budget');
  assert.ok(await isFocused(page.getByRole('heading', { level: 2, name: 'Commissioning budget' })), 'the link lands on the budget section');
});

test('Imports: its next step opens the terms of reference in the detail pane', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+6');
  await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
  await page.getByRole('button', { name: /Read the citation of/ }).click();
  assert.match(await page.getByRole('complementary').innerText(), /current investigation, terms of reference, adopted/);
  await page.keyboard.press('Escape');
});

test('backing up from the store\'s details updates the status bar', async () => {
  const { page } = app;
  const status = page.getByRole('contentinfo');
  await status.getByRole('button', { name: /Evidence store: Investigation\.sqlite/ }).click();
  const pane = page.getByRole('complementary');
  assert.match(await pane.innerText(), /Investigation\.sqlite/);
  await pane.getByRole('button', { name: 'Back up now' }).click();
  await status.getByText(/^Backed up \d\d:\d\d today$/).waitFor();
  await page.getByRole('status', { name: 'Messages' }).getByText('Backup taken').waitFor();
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });
});

test('a failed action becomes a notification with its message, where and hint', async () => {
  const { page } = app;
  await page.route('**/api/store.backupNow', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ ok: false, error: { code: 'store-full', message: 'The disk is full, so the backup was not written.', where: 'Investigation backups', hint: 'Free some space on the disk, then back up again.' } }),
  }));
  await page.getByRole('contentinfo').getByRole('button', { name: /Evidence store/ }).click();
  await page.getByRole('complementary').getByRole('button', { name: 'Back up now' }).click();
  const alert = page.getByRole('alert', { name: 'Problems' });
  await alert.getByText('The backup was not taken').waitFor();
  const text = await alert.innerText();
  assert.match(text, /The disk is full, so the backup was not written\./);
  assert.match(text, /Where: Investigation backups/);
  assert.match(text, /What you can do: Free some space on the disk, then back up again\./);
  await alert.getByRole('button', { name: /Dismiss: The backup was not taken/ }).click();
  assert.equal(await alert.getByText('The backup was not taken').count(), 0);
  await page.unroute('**/api/store.backupNow');
  await page.keyboard.press('Escape');
});

test('the page reported no problems (CSP refusals, console errors)', () => {
  assert.deepEqual(app.pageProblems, []);
});

// Last, because the browser logs the refused request as a console error.
test('when main stops answering, the user is told so in plain words', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+1');
  await page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
  await page.route('**/api/overview.get', (route) => route.abort('connectionrefused'));
  await page.reload();
  const alert = page.getByRole('alert', { name: 'Problems' });
  await alert.getByText('The overview could not be loaded').waitFor();
  assert.match(await alert.innerText(), /Scrutiny Desk's background service is not answering\./);
  assert.match(await page.getByRole('main').innerText(), /Try again/);
  await page.unroute('**/api/overview.get');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
});
